package dev.vitals.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeKind;
import dev.vitals.test.ManualClock;
import dev.vitals.test.Reports;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/**
 * The engine's heartbeat at {@code /health/live}: a monitor whose scheduler has published nothing when its
 * next report was due is not alive, however healthy its last report looked.
 */
class EngineHeartbeatTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  private static HttpResponse<String> get(HttpEndpoint endpoint, String path) throws Exception {
    URI uri = URI.create("http://127.0.0.1:" + endpoint.port() + path);
    return HTTP.send(HttpRequest.newBuilder(uri).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void livenessIsDownOnceTheNextReportIsOverdueAndUpWhileItIsNot() throws Exception {
    ManualClock clock = new ManualClock(Reports.NOW);
    AtomicReference<HealthReport> report = new AtomicReference<>(Reports.report(
        Reports.probe("db").kinds(Set.of(ProbeKind.LIVENESS, ProbeKind.READINESS)).build())
        .nextReportBy(Reports.NOW.plusSeconds(30)).build());
    try (HttpEndpoint endpoint = HttpEndpoint.builder(report::get).port(0).clock(clock).details(Details.ALWAYS)
        .build().start()) {
      assertThat(get(endpoint, "/health/live").statusCode()).as("within the heartbeat").isEqualTo(200);

      clock.advance(Duration.ofSeconds(31));
      HttpResponse<String> stalled = get(endpoint, "/health/live");
      assertThat(stalled.statusCode()).as("the next report is overdue").isEqualTo(503);
      assertThat(stalled.body()).contains("\"status\":\"DOWN\"");
      assertThat(get(endpoint, "/health/ready").statusCode()).as("readiness reads the last report").isEqualTo(200);

      report.set(report.get().toBuilder().time(clock.instant()).nextReportBy(clock.instant().plusSeconds(30)).build());
      assertThat(get(endpoint, "/health/live").statusCode()).as("a new report arrived").isEqualTo(200);

      report.set(report.get().toBuilder().nextReportBy(null).build());
      clock.advance(Duration.ofHours(1));
      assertThat(get(endpoint, "/health/live").statusCode()).as("a report without a heartbeat (on demand)")
          .isEqualTo(200);
    }
  }
}
