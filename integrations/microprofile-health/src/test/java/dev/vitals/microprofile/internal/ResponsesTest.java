package dev.vitals.microprofile.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.test.Reports;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class ResponsesTest {

  private static Map<String, Object> data(HealthCheckResponse r) {
    return r.getData().orElseThrow();
  }

  @Test
  void anUpProbeAnswersUpWithVitalsFiguresAndItsDetails() {
    ProbeReport p = Reports.probe("inventory").type("microprofile")
        .lastResult(ProbeResult.builder(Status.UP).detail("items", 42).detail("status", "mine").build()
            .withTiming(1_234_000, Reports.NOW))
        .build();

    HealthCheckResponse r = Responses.forProbe("Inventory", p);

    assertThat(r.getName()).isEqualTo("Inventory");
    assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(data(r)).containsEntry("status", "UP").containsEntry("type", "microprofile")
        .containsEntry("score", "100.0").containsEntry("critical", true).containsEntry("latencyMs", "1.234")
        .containsEntry("p95Ms", "2.000").containsEntry("errorRate", "0.0000")
        .containsEntry("since", Reports.STARTED.toString())
        .containsEntry("items", 42L)
        .doesNotContainKey("stale");
  }

  @Test
  void degradedIsUpForMicroProfileAndSaysDegraded() {
    HealthCheckResponse r = Responses.forProbe("slow", Reports.probe("slow").status(Status.DEGRADED).build());

    assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(data(r)).containsEntry("status", "DEGRADED");
  }

  @Test
  void aCriticalProbeDownIsDownWithItsMessage() {
    HealthCheckResponse r = Responses.forProbe("db", Reports.down("db", "timed out after 2s").build());

    assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(data(r)).containsEntry("status", "DOWN").containsEntry("message", "timed out after 2s");
  }

  @Test
  void aNonCriticalProbeDownDegradesInVitalsSoItIsUpForMicroProfile() {
    HealthCheckResponse r = Responses.forProbe("cache", Reports.down("cache", "refused").critical(false).build());

    assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(data(r)).containsEntry("status", "DOWN").containsEntry("critical", false);
  }

  @Test
  void beforeItsFirstResultAReadinessProbeIsDownAndALivenessOnlyProbeUp() {
    assertThat(Responses.forProbe("r", Reports.unknown("r").build()).getStatus())
        .isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(Responses.forProbe("l", Reports.unknown("l").kinds(ProbeKind.LIVENESS).build()).getStatus())
        .isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(Responses.unknown("r", false).getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(Responses.unknown("l", true).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
  }

  @Test
  void aStaleProbeSaysSo() {
    HealthCheckResponse r = Responses.forProbe("db", Reports.probe("db").stale(true).build());

    assertThat(data(r)).containsEntry("stale", true);
  }

  @Test
  void aGroupListsVitalsOwnProbesButNotTheAdaptedChecks() {
    HealthReport report = Reports.report(
        Reports.probe("downstream").type("http").build(),
        Reports.probe("inventory").type("microprofile").build(),
        Reports.probe("heap").kinds(ProbeKind.LIVENESS).build()).score(97.5).build();

    HealthCheckResponse r = Responses.forGroup(report, ProbeKind.READINESS, Set.of("inventory"));

    assertThat(r.getName()).isEqualTo("vitals-readiness");
    assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(data(r)).containsEntry("serviceScore", "97.5").containsEntry("probes", 1L)
        .containsEntry("downstream.status", "UP").containsEntry("downstream.score", "100.0")
        .containsEntry("downstream.latencyMs", "1.200")
        .doesNotContainKeys("inventory.status", "heap.status");
  }

  @Test
  void aGroupIsDownWhenACriticalProbeOfItIsDown() {
    HealthReport report = Reports.report(Reports.down("downstream", "connection refused").build(),
        Reports.down("optional", "refused").critical(false).build()).build();

    HealthCheckResponse r = Responses.forGroup(report, ProbeKind.READINESS, Set.of());

    assertThat(r.getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(data(r)).containsEntry("downstream.status", "DOWN")
        .containsEntry("downstream.message", "connection refused").containsEntry("optional.status", "DOWN");
  }

  @Test
  void aGroupWithOnlyANonCriticalProbeDownIsUp() {
    HealthReport report = Reports.report(Reports.down("optional", "refused").critical(false).build()).build();

    assertThat(Responses.forGroup(report, ProbeKind.READINESS, Set.of()).getStatus())
        .isEqualTo(HealthCheckResponse.Status.UP);
  }

  @Test
  void beforeTheMonitorStartsLivenessIsUpAndTheOtherGroupsDown() {
    assertThat(Responses.groupUnknown(ProbeKind.LIVENESS).getStatus()).isEqualTo(HealthCheckResponse.Status.UP);
    assertThat(Responses.groupUnknown(ProbeKind.READINESS).getStatus()).isEqualTo(HealthCheckResponse.Status.DOWN);
    assertThat(Responses.groupUnknown(ProbeKind.STARTUP).getName()).isEqualTo("vitals-startup");
  }
}
