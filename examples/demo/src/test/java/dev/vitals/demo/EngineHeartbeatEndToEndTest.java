package dev.vitals.demo;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeResult;
import dev.vitals.core.HealthMonitor;
import dev.vitals.exporter.http.HttpEndpoint;
import dev.vitals.test.ManualClock;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;

/**
 * The engine's heartbeat end to end: a real monitor and its endpoint, the monitor's only scheduler thread
 * held; {@code /health/live} answers 503 once the next report is overdue, and 200 again when it runs.
 */
class EngineHeartbeatEndToEndTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(HttpEndpoint endpoint, String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + endpoint.port() + path);
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void aMonitorWhoseSchedulerIsStuckFailsLivenessAndRecovers() throws Exception {
    ManualClock clock = new ManualClock(Instant.now());
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    CountDownLatch release = new CountDownLatch(1);
    Probe db = new Probe() {
      @Override
      public String name() {
        return "db";
      }

      @Override
      public ProbeDefaults defaults() {
        return ProbeDefaults.builder().interval(Duration.ofMillis(200)).timeout(Duration.ofMillis(100))
            .kinds(ProbeKind.LIVENESS, ProbeKind.READINESS).build();
      }

      @Override
      public ProbeResult check() {
        return ProbeResult.up();
      }
    };
    try (HealthMonitor monitor = HealthMonitor.builder().clock(clock).scheduler(scheduler).environment(Map.of())
        .discoverExporters(false).jitter(0).probe(db).build().start();
        HttpEndpoint endpoint = HttpEndpoint.builder(monitor::report).port(0).clock(clock).build().start()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> get(endpoint, "/health/live").statusCode() == 200
          && monitor.report().probe("db").orElseThrow().lastResult().isPresent());

      scheduler.execute(() -> {
        try {
          release.await(); // the monitor's only scheduler thread, stuck
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      clock.advance(Duration.ofSeconds(31)); // no report can come while it is stuck
      assertThat(get(endpoint, "/health/live").statusCode()).isEqualTo(503);

      release.countDown();
      await().atMost(Duration.ofSeconds(10)).until(() -> get(endpoint, "/health/live").statusCode() == 200);
    } finally {
      release.countDown();
      scheduler.shutdownNow();
    }
  }
}
