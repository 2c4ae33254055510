package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Fixtures.probe;
import static dev.vitals.exporter.http.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
import dev.vitals.api.Status;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Answers are rendered once per report (and second) and then served as the same bytes. */
class ResponderTest {

  private final ManualClock clock = new ManualClock(Fixtures.NOW);
  private final AtomicReference<HealthReport> current = new AtomicReference<>(report(probe("db").build()));
  private final AtomicInteger pages = new AtomicInteger();
  private final Responder responder = new Responder(current::get, clock, Details.ALWAYS, null, Optional::empty,
      (r, now, details, history) -> "<p>page " + pages.incrementAndGet() + "</p>");

  private Response get(String path) {
    return responder.respond("GET", path, null, null);
  }

  @Test
  void theSameReportIsServedFromTheSameBytes() {
    Response first = get("/health");
    for (int i = 0; i < 100; i++) {
      assertThat(get("/health")).isSameAs(first);
      assertThat(responder.respond("HEAD", "/health", null, null)).isSameAs(first);
    }
    assertThat(get("/health/db")).isSameAs(get("/health/db"));
    assertThat(get("/health/ready")).isSameAs(get("/health/ready"));
    assertThat(responder.respond("GET", "/health", "application/health+json", null))
        .isSameAs(responder.respond("GET", "/health", "application/health+json", null))
        .isNotSameAs(first);
    get("/status");
    get("/status");
    assertThat(pages).hasValue(1);
  }

  @Test
  void aNewReportIsRenderedAgain() {
    Response first = get("/health");
    current.set(report(probe("db").status(Status.DOWN).build()));
    Response second = get("/health");
    assertThat(second).isNotSameAs(first);
    assertThat(second.status).isEqualTo(503);
    assertThat(get("/health")).isSameAs(second);
  }

  @Test
  void aNewSecondIsRenderedAgainForTheUptime() {
    Response first = get("/health");
    clock.advance(Duration.ofMillis(500));
    assertThat(get("/health")).isSameAs(first);
    clock.advance(Duration.ofMillis(500));
    Response next = get("/health");
    assertThat(next).isNotSameAs(first);
    assertThat(next.bodyText()).contains("\"uptimeSeconds\":2468");
  }

  @Test
  void unknownProbeNamesAreNotKept() {
    for (int i = 0; i < 1000; i++) {
      assertThat(get("/health/unknown-" + i)).isSameAs(Responder.NO_SUCH_PROBE);
    }
  }

  @Test
  void routes() {
    assertThat(Responder.route("/health")).isEqualTo(Responder.SERVICE);
    assertThat(Responder.route("/health/live")).isEqualTo(Responder.LIVENESS);
    assertThat(Responder.route("/health/ready")).isEqualTo(Responder.READINESS);
    assertThat(Responder.route("/health/started")).isEqualTo(Responder.STARTUP);
    assertThat(Responder.route(null)).isNegative();
    assertThat(Responder.route("/health/")).isNegative();
    assertThat(Responder.route("*")).isNegative();
  }

  @Test
  void acceptMatchesHealthJsonAnywhereIgnoringCase() {
    assertThat(Responder.isHealthJson("application/health+json")).isTrue();
    assertThat(Responder.isHealthJson("text/html, Application/Health+JSON;q=0.9")).isTrue();
    assertThat(Responder.isHealthJson("application/json")).isFalse();
    assertThat(Responder.isHealthJson("*/*")).isFalse();
    assertThat(Responder.isHealthJson(null)).isFalse();
  }
}
