package dev.vitals.dropwizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.codahale.metrics.health.annotation.Async;
import com.codahale.metrics.health.jvm.ThreadDeadlockHealthCheck;
import com.sun.net.httpserver.HttpServer;
import dev.vitals.api.Names;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.core.HealthMonitor;
import dev.vitals.test.ManualClock;
import java.io.IOException;
import java.net.HttpURLConnection;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class DropwizardProbesTest {

  /** A real Dropwizard check of a real HTTP server, as applications write them. */
  static final class HttpHealthCheck extends HealthCheck {
    private final URI uri;

    HttpHealthCheck(URI uri) {
      this.uri = uri;
    }

    @Override
    protected Result check() throws IOException {
      HttpURLConnection c = (HttpURLConnection) uri.toURL().openConnection();
      c.setConnectTimeout(1000);
      c.setReadTimeout(1000);
      try {
        int code = c.getResponseCode();
        return code == 200 ? Result.healthy() : Result.unhealthy("answered %d", code);
      } finally {
        c.disconnect();
      }
    }
  }

  private static HealthCheck healthy(String message) {
    return new HealthCheck() {
      @Override
      protected Result check() {
        return Result.healthy(message);
      }
    };
  }

  @Test
  void aCheckOfARealHttpServerIsUpThenDownOnceTheServerIsStopped() throws Exception {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.createContext("/ping", exchange -> {
      exchange.sendResponseHeaders(200, -1);
      exchange.close();
    });
    server.start();
    URI uri = URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/ping");
    HealthCheckRegistry registry = new HealthCheckRegistry();
    registry.register("orders.api", new HttpHealthCheck(uri));

    ManualClock clock = new ManualClock();
    HealthMonitor.Builder builder = HealthMonitor.builder()
        .clock(clock).scheduler(clock.scheduler()).executor(clock.executor())
        .environment(Map.of())
        .config(Map.of("vitals.probes.orders-api.failure-threshold", "1"));
    assertThat(DropwizardProbes.register(builder, registry)).containsExactly("orders-api");
    try (HealthMonitor monitor = builder.build().start()) {
      clock.advance(Duration.ofSeconds(10));
      ProbeReport up = monitor.report().probe("orders-api").orElseThrow();
      assertThat(up.status()).isEqualTo(Status.UP);
      assertThat(up.type()).isEqualTo("dropwizard");
      assertThat(up.lastResult().orElseThrow().details()).containsEntry("check", "orders.api");

      server.stop(0);
      clock.advance(Duration.ofSeconds(10));
      ProbeReport down = monitor.report().probe("orders-api").orElseThrow();
      assertThat(down.status()).isEqualTo(Status.DOWN);
      assertThat(down.lastResult().orElseThrow().error()).hasValueSatisfying(
          e -> assertThat(e).startsWith("java.net.ConnectException"));
    } finally {
      server.stop(0);
    }
  }

  @Test
  void namesFollowTheVitalsRuleWithoutCollisions() {
    HealthCheckRegistry registry = new HealthCheckRegistry();
    for (String name : List.of("db.primary", "db-primary", "my check", ".cache.", "x".repeat(70), "***")) {
      registry.register(name, healthy("ok"));
    }
    List<String> names = DropwizardProbes.from(registry).stream().map(Probe::name).toList();
    // the registry's order: "***", ".cache.", "db-primary", "db.primary", "my check", "xxx..."
    assertThat(names).containsExactly("check", "cache", "db-primary", "db-primary-2", "my-check", "x".repeat(63));
    assertThat(names).allMatch(Names::isValid);
  }

  @Test
  void unhealthyIsDownWithMessageDetailsAndErrorRedacted() throws Exception {
    HealthCheck leaky = new HealthCheck() {
      @Override
      protected Result check() {
        return Result.builder().unhealthy()
            .withMessage("cannot reach jdbc:postgresql://app:hunter2secret@db:5432/app")
            .withDetail("password", "hunter2secret")
            .withDetail("url", "https://billing/health?access_token=abcdef123456")
            .withDetail("connections", 7)
            .withDetail("pool", List.of("a", "b"))
            .build();
      }
    };
    ProbeResult down = DropwizardProbes.of("db", leaky).check();
    assertThat(down.status()).isEqualTo(Status.DOWN);
    assertThat(down.message()).hasValue("cannot reach jdbc:postgresql://app:****@db:5432/app");
    assertThat(down.details())
        .containsEntry("password", "****")
        .containsEntry("url", "https://billing/health?access_token=****")
        .containsEntry("connections", 7)
        .containsEntry("pool", "[a, b]");
    assertThat(down.toString()).doesNotContain("hunter2secret", "abcdef123456");

    HealthCheck throwing = new HealthCheck() {
      @Override
      protected Result check() {
        throw new IllegalStateException("login refused for Bearer abcdefghijklmnop");
      }
    };
    ProbeResult thrown = DropwizardProbes.of("auth", throwing).check();
    assertThat(thrown.status()).isEqualTo(Status.DOWN);
    assertThat(thrown.error()).hasValue("java.lang.IllegalStateException: login refused for Bearer ****");
    assertThat(thrown.message()).hasValue("login refused for Bearer ****");
  }

  @Test
  void healthyIsUpWithItsMessage() throws Exception {
    ProbeResult up = DropwizardProbes.of("cache", healthy("3 nodes")).check();
    assertThat(up.status()).isEqualTo(Status.UP);
    assertThat(up.message()).hasValue("3 nodes");
    assertThat(up.details()).doesNotContainKey("check");   // the name did not change
  }

  @Test
  void theDeadlockCheckIsALivenessProbe() {
    assertThat(DropwizardProbes.of("deadlocks", new ThreadDeadlockHealthCheck()).defaults().kinds())
        .hasValue(java.util.Set.of(ProbeKind.LIVENESS));
    assertThat(DropwizardProbes.of("db", healthy("ok")).defaults().kinds()).isEmpty();
  }

  /** An expensive check the application runs in the background every 30 s. */
  @Async(period = 30, unit = TimeUnit.SECONDS)
  static final class CountingAsyncCheck extends HealthCheck {
    final AtomicInteger calls = new AtomicInteger();

    @Override
    protected Result check() {
      return Result.healthy("run " + calls.incrementAndGet());
    }
  }

  @Test
  void anAsyncCheckIsReadFromTheRegistryAtItsPeriodAndNeverCalledASecondTime() throws Exception {
    ManualClock clock = new ManualClock();
    HealthCheckRegistry registry = new HealthCheckRegistry(clock.scheduler());
    CountingAsyncCheck check = new CountingAsyncCheck();
    registry.register("reports", check);
    clock.runDue();                                   // the registry's own first run
    assertThat(check.calls).hasValue(1);

    Probe probe = DropwizardProbes.from(registry).get(0);
    assertThat(probe.defaults().interval()).hasValue(Duration.ofSeconds(30));
    ProbeResult first = probe.check();
    ProbeResult second = probe.check();
    assertThat(check.calls).hasValue(1);             // the probe reads what the registry keeps
    assertThat(first.status()).isEqualTo(Status.UP);
    assertThat(first.message()).hasValue("run 1");
    assertThat(second.details()).containsEntry("async", true);
  }

  /** A check the application runs in the background every 50 ms; its kept result expires after 100 ms. */
  @Async(period = 50, unit = TimeUnit.MILLISECONDS)
  static final class FastAsyncCheck extends HealthCheck {
    @Override
    protected Result check() {
      return Result.healthy();
    }
  }

  @Test
  void anAsyncCheckThatStopsAnsweringIsDownOnceItsKeptResultExpires() throws Exception {
    ManualClock clock = new ManualClock();
    HealthCheckRegistry registry = new HealthCheckRegistry(clock.scheduler());
    registry.register("search", new FastAsyncCheck());
    clock.runDue();                                   // one run; the manual clock never runs it again: it "hangs"
    Probe probe = DropwizardProbes.from(registry).get(0);
    assertThat(probe.check().status()).isEqualTo(Status.UP);
    // Dropwizard's own TTL (twice the period) runs on the wall clock
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(10))
        .until(() -> probe.check().status() == Status.DOWN);
    assertThat(probe.check().message()).hasValueSatisfying(m -> assertThat(m).contains("expired"));
  }

  @Test
  void aCheckUnregisteredLaterIsNotCalledAndOneRegisteredLaterIsMarkedLate() throws Exception {
    HealthCheckRegistry registry = new HealthCheckRegistry();
    AtomicInteger calls = new AtomicInteger();
    registry.register("db", new HealthCheck() {
      @Override
      protected Result check() {
        calls.incrementAndGet();
        return Result.healthy();
      }
    });
    HealthMonitor.Builder builder = HealthMonitor.builder();
    RegistryLink link = DropwizardProbes.link(builder, registry);
    Probe probe = DropwizardProbes.from(registry).get(0);
    DropwizardProbe linked = link.probe("db", "db", registry.getHealthCheck("db"));

    registry.register("late", healthy("ok"));
    assertThat(link.isLate("late")).isTrue();
    assertThat(link.checks()).containsOnlyKeys("db");

    registry.unregister("db");
    ProbeResult removed = linked.check();
    assertThat(removed.status()).isEqualTo(Status.UP);
    assertThat(removed.message()).hasValue(DropwizardProbe.REMOVED);
    assertThat(calls).hasValue(0);
    assertThat(probe.check().status()).isEqualTo(Status.UP);   // a probe from from() is not linked
    assertThat(calls).hasValue(1);
  }

  @Test
  void aReportBackedCheckIsNeverMadeIntoAProbe() {
    HealthCheckRegistry registry = new HealthCheckRegistry();
    registry.register("db", healthy("ok"));
    registry.register("vitals-db", VitalsHealthChecks.of(() -> dev.vitals.test.Reports.report().build(), "db"));
    assertThat(DropwizardProbes.from(registry)).extracting(Probe::name).containsExactly("db");
    assertThatThrownBy(() -> DropwizardProbes.of("x", registry.getHealthCheck("vitals-db")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("answers from a Vitals report");
  }
}
