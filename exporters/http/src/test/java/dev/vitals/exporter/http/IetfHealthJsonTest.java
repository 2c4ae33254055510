package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Fixtures.NOW;
import static dev.vitals.exporter.http.Fixtures.probe;
import static dev.vitals.exporter.http.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The IETF draft "Health Check Response Format for HTTP APIs" (application/health+json). */
class IetfHealthJsonTest {

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void passingServiceWithDetails() {
    HealthReport r = report(List.of(probe("db").build()), List.of(Fixtures.tracker("api")));
    assertThat(text(IetfHealthJson.service(r, NOW, 200, true))).isEqualTo("{\"status\":\"pass\",\"checks\":{"
        + "\"db:responseTime\":[{\"componentId\":\"db\",\"componentType\":\"datastore\",\"observedValue\":1.2,"
        + "\"observedUnit\":\"ms\",\"status\":\"pass\",\"time\":\"2026-11-27T10:41:07Z\",\"score\":100.0,"
        + "\"critical\":true,\"data\":{\"version\":\"16.4\"}}],"
        + "\"api:responseTime\":[{\"componentId\":\"api\",\"componentType\":\"component\",\"observedValue\":48.0,"
        + "\"observedUnit\":\"ms\",\"status\":\"pass\",\"time\":\"2026-11-27T10:41:07Z\",\"score\":91.3}],"
        + "\"uptime\":[{\"componentType\":\"system\",\"observedValue\":2467,\"observedUnit\":\"s\","
        + "\"status\":\"pass\",\"time\":\"2026-11-27T10:41:07Z\"}]}}");
  }

  @Test
  void withoutDetailsEachCheckHasItsStatusOnly() {
    HealthReport r = report(List.of(probe("db").build(), probe("cache").type("redis").status(Status.DOWN)
        .last(ProbeResult.down("connection refused"), 2).build()), List.of(Fixtures.tracker("api")));
    assertThat(text(IetfHealthJson.service(r, NOW, 503, false))).isEqualTo("{\"status\":\"fail\",\"checks\":{"
        + "\"db:responseTime\":[{\"status\":\"pass\"}],\"cache:responseTime\":[{\"status\":\"fail\"}]}}");
  }

  @Test
  void failingServiceExplainsItselfInOutput() {
    HealthReport r = report(probe("db").build(), probe("cache").type("redis").status(Status.DOWN)
        .last(ProbeResult.down("connection refused"), 2).build());
    String json = text(IetfHealthJson.service(r, NOW, 503, true));
    assertThat(json).startsWith("{\"status\":\"fail\",\"output\":\"cache: connection refused\",\"checks\":{");
    assertThat(json).contains("\"status\":\"fail\",\"time\":\"2026-11-27T10:41:07Z\",\"output\":\"connection refused\"");
  }

  @Test
  void aColonInANameDoesNotSplitTheCheckKey() {
    HealthReport r = report(probe("orders:primary").build());
    assertThat(text(IetfHealthJson.service(r, NOW, 200, true)))
        .contains("\"orders_primary:responseTime\":[{\"componentId\":\"orders:primary\"");
  }

  @Test
  void topLevelStatusFollowsTheHttpCode() {
    assertThat(IetfHealthJson.topStatus(Status.UP, 200)).isEqualTo("pass");
    assertThat(IetfHealthJson.topStatus(Status.DEGRADED, 200)).isEqualTo("warn");
    assertThat(IetfHealthJson.topStatus(Status.UNKNOWN, 200)).isEqualTo("warn"); // liveness before a result
    assertThat(IetfHealthJson.topStatus(Status.UNKNOWN, 503)).isEqualTo("fail");
    assertThat(IetfHealthJson.topStatus(Status.DOWN, 503)).isEqualTo("fail");
  }

  @Test
  void checkStatusesMapToPassWarnFail() {
    assertThat(IetfHealthJson.checkStatus(Status.UP)).isEqualTo("pass");
    assertThat(IetfHealthJson.checkStatus(Status.DEGRADED)).isEqualTo("warn");
    assertThat(IetfHealthJson.checkStatus(Status.UNKNOWN)).isEqualTo("warn");
    assertThat(IetfHealthJson.checkStatus(Status.DOWN)).isEqualTo("fail");
  }

  @Test
  void componentTypesFollowTheDraftsVocabulary() {
    assertThat(IetfHealthJson.componentType("jdbc")).isEqualTo("datastore");
    assertThat(IetfHealthJson.componentType("redis")).isEqualTo("datastore");
    assertThat(IetfHealthJson.componentType("http")).isEqualTo("component");
    assertThat(IetfHealthJson.componentType("custom")).isEqualTo("component");
  }

  @Test
  void groupAndProbeDocumentsListOnlyTheirChecks() {
    HealthReport r = report(probe("db").build(), probe("self").type("custom").kinds(ProbeKind.LIVENESS)
        .noResultYet().build());
    String live = text(IetfHealthJson.group(r, ProbeKind.LIVENESS, NOW, 200, true));
    assertThat(live).startsWith("{\"status\":\"warn\",\"output\":\"self: no result yet\",\"checks\":{\"self:responseTime\":")
        .doesNotContain("db:responseTime");
    String one = text(IetfHealthJson.probe(r, r.probe("db").orElseThrow(), NOW, 200, false));
    assertThat(one).isEqualTo("{\"status\":\"pass\",\"checks\":{\"db:responseTime\":[{\"status\":\"pass\"}]}}");
  }

  @Test
  void objectivesAreComplianceChecksThatWarnOnceTheirBudgetIsSpent() {
    HealthReport r = StatusPageFixtures.withObjectives(report(List.of(probe("db").build()), List.of()),
        List.of(StatusPageFixtures.checkoutFast(), StatusPageFixtures.apiOk()));

    String json = text(IetfHealthJson.service(r, NOW, 200, true));

    assertThat(json).contains("\"checkout-fast:compliance\":[{\"componentId\":\"checkout-fast\","
        + "\"componentType\":\"component\",\"observedValue\":99.96,\"observedUnit\":\"percent\","
        + "\"status\":\"pass\",\"time\":\"2026-11-27T10:41:07Z\",\"objective\":99.9,\"errorBudgetRemaining\":60.0}]");
    assertThat(json).contains("\"api-ok:compliance\":[{\"componentId\":\"api-ok\",\"componentType\":\"component\","
        + "\"observedValue\":98.5,\"observedUnit\":\"percent\",\"status\":\"warn\",\"time\":\"2026-11-27T10:41:07Z\","
        + "\"output\":\"error budget spent: objective 99 % over 7d\",\"objective\":99.0,"
        + "\"errorBudgetRemaining\":-50.0}]");
    assertThat(text(IetfHealthJson.service(r, NOW, 200, false))).doesNotContain("compliance");
    assertThat(text(IetfHealthJson.group(r, ProbeKind.READINESS, NOW, 200, true))).doesNotContain("compliance");
  }
}
