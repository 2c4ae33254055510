package dev.vitals.spring.boot.health;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.HealthListener;
import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.Status;
import dev.vitals.core.HealthMonitor;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * DEGRADED and UNKNOWN in Actuator's status order and HTTP codes, Spring's availability and Vitals' groups as one
 * story, and readiness DOWN first on shutdown; on a real Boot 3.5.7 application over real HTTP.
 */
class StatusMappingTest {

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class App {
    static final List<HealthReport> REPORTS = new CopyOnWriteArrayList<>();
    static final java.util.concurrent.CountDownLatch GATE = new java.util.concurrent.CountDownLatch(1);

    @Bean
    @org.springframework.boot.autoconfigure.condition.ConditionalOnProperty("test.gate")
    HealthIndicator gatedHealthIndicator() {
      return () -> {
        try {
          GATE.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return Health.up().build();
      };
    }

    @Bean
    HealthIndicator okHealthIndicator() {
      return () -> Health.up().build();
    }

    @Bean
    HealthIndicator slowishHealthIndicator() {
      return () -> Health.status("DEGRADED").withDetail("reason", "replica lag").build();
    }

    @Bean
    HealthListener recorder() {
      return new HealthListener() {
        @Override
        public void onReport(HealthReport report) {
          REPORTS.add(report);
        }
      };
    }
  }

  private static ConfigurableApplicationContext start(String... more) {
    String[] base = {"--server.port=0", "--server.address=127.0.0.1", "--spring.mvc.servlet.load-on-startup=1",
        "--management.endpoints.web.exposure.include=health", "--management.endpoint.health.show-details=always",
        // Boot 3.5 adds the liveness and readiness groups by itself only on Kubernetes
        "--management.endpoint.health.probes.enabled=true"};
    String[] args = java.util.stream.Stream.concat(java.util.Arrays.stream(base), java.util.Arrays.stream(more))
        .toArray(String[]::new);
    return SpringApplication.run(App.class, args);
  }

  private static int port(ConfigurableApplicationContext app) {
    return Integer.parseInt(app.getEnvironment().getProperty("local.server.port"));
  }

  @Test
  void degradedSortsBetweenDownAndUpAndAnswers200() {
    try (ConfigurableApplicationContext app = start()) {
      int port = port(app);
      await().atMost(Duration.ofSeconds(10))
          .until(() -> Http.get(port, "/actuator/health").statusOf().equals("DEGRADED"));
      Http.Answer all = Http.get(port, "/actuator/health");
      assertThat(all.status()).isEqualTo(200);
      assertThat(all.statusOf("ok")).isEqualTo("UP");
      assertThat(all.statusOf("slowish")).isEqualTo("DEGRADED");
      assertThat(all.body()).contains("replica lag");

      Http.Answer ready = Http.get(port, "/actuator/health/readiness");
      assertThat(ready.status()).isEqualTo(200);
      assertThat(ready.statusOf()).isEqualTo("UP");
      assertThat(Http.get(port, "/actuator/health/readinessState").body()).contains("\"status\":\"DEGRADED\"");
      Http.Answer live = Http.get(port, "/actuator/health/liveness");
      assertThat(live.status()).isEqualTo(200);
      assertThat(live.statusOf()).isEqualTo("UP");
    }
  }

  @Test
  void theUsersOwnStatusOrderAndHttpMappingStillWin() {
    try (ConfigurableApplicationContext app = start("--management.endpoint.health.status.http-mapping.degraded=299",
        "--management.endpoint.health.status.order=degraded,down,up")) {
      int port = port(app);
      await().atMost(Duration.ofSeconds(10)).until(() -> Http.get(port, "/actuator/health").status() == 299);
    }
  }

  @Test
  void beforeTheFirstResultReadinessIsOutOfService503AndLivenessUp200() {
    try (ConfigurableApplicationContext app = start("--test.gate=true", "--vitals.probes.gated.timeout=30s",
        "--vitals.probes.gated.interval=1m")) {
      int port = port(app);
      Http.Answer ready = Http.get(port, "/actuator/health/readiness");
      assertThat(ready.status()).isEqualTo(503);
      assertThat(ready.statusOf()).isEqualTo("OUT_OF_SERVICE");
      Http.Answer all = Http.get(port, "/actuator/health");
      assertThat(all.status()).isEqualTo(503);
      assertThat(all.statusOf("gated")).isEqualTo("UNKNOWN");
      Http.Answer live = Http.get(port, "/actuator/health/liveness");
      assertThat(live.status()).isEqualTo(200);
      assertThat(live.statusOf()).isEqualTo("UP");

      App.GATE.countDown();
      await().atMost(Duration.ofSeconds(10))
          .until(() -> Http.get(port, "/actuator/health/readiness").status() == 200);
    }
  }

  @Test
  void onShutdownReadinessGoesDownFirstWhileProbesStillRun() {
    App.REPORTS.clear();
    ConfigurableApplicationContext app = start();
    HealthMonitor monitor = app.getBean(HealthMonitor.class);
    int port = port(app);
    await().atMost(Duration.ofSeconds(10)).until(() -> Http.get(port, "/actuator/health/readiness").status() == 200);
    app.close();

    HealthReport last = monitor.report();
    assertThat(last.status(ProbeKind.READINESS)).isEqualTo(Status.DOWN);
    assertThat(last.status(ProbeKind.LIVENESS)).isEqualTo(Status.UP);
    assertThat(last.problems()).anyMatch(p -> p.contains("the application is shutting down"));
    // the drained report was published to listeners while the monitor still ran, with its probes' results
    assertThat(App.REPORTS).anyMatch(r -> r.status(ProbeKind.READINESS) == Status.DOWN
        && r.probe("ok").orElseThrow().status() == Status.UP);
  }
}
