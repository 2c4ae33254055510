package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Fixtures.NOW;
import static dev.vitals.exporter.http.Fixtures.probe;
import static dev.vitals.exporter.http.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The public rendering API gives exactly the bytes the endpoint sends. */
class HealthRenderingTest {

  private static final HealthReport UP = report(List.of(probe("db").build()), List.of(Fixtures.tracker("api")));
  private static final HealthReport DOWN = report(probe("db").status(Status.DOWN)
      .last(ProbeResult.down("connection refused"), 3).build());

  @Test
  void healthJsonIsTheEndpointsBodyWithAndWithoutDetails() {
    assertThat(HealthRendering.healthJson(UP, NOW, true)).isEqualTo(HealthJson.service(UP, NOW, true));
    assertThat(text(HealthRendering.healthJson(UP, NOW, false)))
        .isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"status\":\"UP\"}]}");
  }

  @Test
  void ietfHealthJsonStatesTheStatusCodeOfTheReport() {
    assertThat(HealthRendering.ietfHealthJson(UP, NOW, true)).isEqualTo(IetfHealthJson.service(UP, NOW, 200, true));
    assertThat(HealthRendering.ietfHealthJson(DOWN, NOW, false)).isEqualTo(IetfHealthJson.service(DOWN, NOW, 503, false));
  }

  @Test
  void statusPageIsTheEndpointsPageAndLeavesMessagesOutWithoutDetails() {
    assertThat(HealthRendering.statusPage(DOWN, NOW, true)).isEqualTo(StatusPage.render(DOWN, NOW, true))
        .startsWith("<!DOCTYPE html>").contains("connection refused");
    assertThat(HealthRendering.statusPage(DOWN, NOW, false)).doesNotContain("connection refused");
  }

  @Test
  void answersRouteAndCacheAsTheEndpointDoes() {
    // a clock that stands still: the cache keeps an answer for one report and one second of this clock
    dev.vitals.test.ManualClock clock = new dev.vitals.test.ManualClock(NOW);
    HealthRendering.Answers answers = HealthRendering.answers(() -> UP, Details.NEVER, clock);

    assertThat(answers.status("/health")).isEqualTo(200);
    assertThat(text(answers.get("/health"))).isEqualTo(text(HealthJson.service(UP, NOW, false)));
    byte[] db = answers.get("/health/db");
    assertThat(answers.get("/health/db")).isSameAs(db);
    clock.advance(java.time.Duration.ofSeconds(1));
    assertThat(answers.get("/health/db")).as("rendered again in the next second").isNotSameAs(db).isEqualTo(db);
    assertThat(answers.status("/metrics")).isEqualTo(200);
    assertThat(text(answers.get("/metrics"))).startsWith("vitals_service_score ");
    assertThat(text(answers.get("/status"))).startsWith("<!DOCTYPE html>");
    assertThat(answers.status("/nowhere")).isEqualTo(404);
    assertThat(HealthRendering.answers(() -> DOWN, Details.ALWAYS).status("/health")).isEqualTo(503);
  }

  @Test
  void answersRefuseTheAuthorizedPolicyWhichNeedsAToken() {
    assertThatThrownBy(() -> HealthRendering.answers(() -> UP, Details.AUTHORIZED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("details AUTHORIZED needs a token; answers are for NEVER or ALWAYS");
  }

  @Test
  void nullArgumentsAreNamed() {
    assertThatThrownBy(() -> HealthRendering.healthJson(null, NOW, true)).hasMessage("report");
    assertThatThrownBy(() -> HealthRendering.statusPage(UP, null, true)).hasMessage("now");
    assertThatThrownBy(() -> HealthRendering.answers(null, Details.NEVER)).hasMessage("reports");
  }

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }
}
