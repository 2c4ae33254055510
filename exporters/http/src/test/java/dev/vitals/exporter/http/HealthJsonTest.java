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
import java.util.Map;
import org.junit.jupiter.api.Test;

class HealthJsonTest {

  private static final String DB_CHECK = "{\"name\":\"db\",\"type\":\"jdbc\",\"status\":\"UP\",\"score\":100.0,"
      + "\"critical\":true,\"kinds\":[\"readiness\"],"
      + "\"latencyMs\":{\"last\":1.2,\"p50\":1.1,\"p95\":2.0,\"p99\":3.4},\"errorRate\":0.0,"
      + "\"availability\":{\"1h\":100.0,\"24h\":100.0},\"since\":\"2026-11-27T10:00:00Z\","
      + "\"time\":\"2026-11-27T10:41:07Z\",\"data\":{\"version\":\"16.4\"}}";

  private static String text(byte[] b) {
    return new String(b, StandardCharsets.UTF_8);
  }

  @Test
  void serviceWithDetailsHasTheDocumentedShape() {
    HealthReport r = report(List.of(probe("db").build()), List.of(Fixtures.tracker("api")));
    assertThat(text(HealthJson.service(r, NOW, true))).isEqualTo("{\"status\":\"UP\",\"score\":97.5,\"checks\":["
        + DB_CHECK + "],\"trackers\":[{\"name\":\"api\",\"score\":91.3,\"count\":1200,\"errors\":6,"
        + "\"errorRate\":0.005,\"latencyMs\":{\"p50\":12.0,\"p95\":48.0,\"p99\":96.0,\"max\":144.0},"
        + "\"availability\":{\"1h\":99.5}}],\"uptimeSeconds\":2467,\"coldStartMs\":142.0,\"scheduleLagMs\":0.0}");
  }

  @Test
  void serviceWithoutDetailsListsNamesAndStatusesOnly() {
    HealthReport r = report(List.of(probe("db").build(),
        probe("cache").type("redis").status(Status.DOWN).critical(false)
            .last(ProbeResult.down("connection refused to redis://:hunter2@cache:6379"), 3).build()),
        List.of(Fixtures.tracker("api")));
    assertThat(text(HealthJson.service(r, NOW, false))).isEqualTo(
        "{\"status\":\"DEGRADED\",\"checks\":[{\"name\":\"db\",\"status\":\"UP\"},{\"name\":\"cache\",\"status\":\"DOWN\"}]}");
  }

  @Test
  void aFailedCheckCarriesItsRedactedMessageAndError() {
    String json = text(HealthJson.probe(probe("cache").type("redis").status(Status.DOWN)
        .last(ProbeResult.down(new IllegalStateException("auth failed for redis://app:s3cret@cache:6379")), 3)
        .build(), true));
    assertThat(json).contains("\"status\":\"DOWN\"", "\"message\":\"auth failed for redis://app:****@cache:6379\"",
        "\"error\":\"java.lang.IllegalStateException: auth failed for redis://app:****@cache:6379\"");
    assertThat(json).doesNotContain("s3cret");
  }

  @Test
  void aProbeWithoutResultHasNoLatencyNorTime() {
    String json = text(HealthJson.probe(probe("db").noResultYet().build(), true));
    assertThat(json).contains("\"status\":\"UNKNOWN\"", "\"latencyMs\":{\"last\":null,\"p50\":0.0",
        "\"time\":null", "\"message\":\"no result yet\"", "\"data\":{}", "\"availability\":{}");
  }

  @Test
  void staleAndRegressedChecksSaySo() {
    String json = text(HealthJson.probe(probe("db").status(Status.DOWN).stale().regression().build(), true));
    assertThat(json).contains("\"stale\":true", "\"regression\":true");
    assertThat(text(HealthJson.probe(probe("db").build(), true))).doesNotContain("stale", "regression");
  }

  @Test
  void kindsAreListedInAFixedOrder() {
    String json = text(HealthJson.probe(probe("db").kinds(ProbeKind.STARTUP, ProbeKind.LIVENESS,
        ProbeKind.READINESS).build(), true));
    assertThat(json).contains("\"kinds\":[\"liveness\",\"readiness\",\"startup\"]");
  }

  @Test
  void availabilityIsInPercentAndErrorRateARatio() {
    String json = text(HealthJson.probe(probe("db").summary(Fixtures.stats(400, 3, 1, 2, 3))
        .availability(Map.of("7d", 0.99953)).build(), true));
    assertThat(json).contains("\"errorRate\":0.0075", "\"availability\":{\"7d\":99.953}");
  }

  @Test
  void groupListsOnlyItsProbes() {
    HealthReport r = report(probe("db").build(),
        probe("self").type("custom").kinds(ProbeKind.LIVENESS).build());
    String live = text(HealthJson.group(r, ProbeKind.LIVENESS, NOW, false));
    assertThat(live).isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":\"self\",\"status\":\"UP\"}]}");
    String ready = text(HealthJson.group(r, ProbeKind.READINESS, NOW, true));
    assertThat(ready).startsWith("{\"status\":\"UP\",\"group\":\"readiness\",\"checks\":[" + DB_CHECK + "]")
        .endsWith(",\"uptimeSeconds\":2467,\"coldStartMs\":142.0,\"scheduleLagMs\":0.0}");
  }

  @Test
  void hostileNamesAndDetailsStayInsideTheirStrings() {
    String json = text(HealthJson.probe(probe("x\"</script>").last(ProbeResult.builder(Status.UP)
        .detail("k\n", "v\u0000<b>").message("line1\nline2").build(), 1).build(), true));
    assertThat(json).contains("\"name\":\"x\\\"\\u003c/script\\u003e\"", "\"k\\n\":\"v\\u0000\\u003cb\\u003e\"",
        "\"message\":\"line1\\nline2\"");
    assertThat(json).doesNotContain("</script>", "\n");
  }

  @Test
  void serviceWithDetailsListsItsObjectivesAfterTheTrackers() {
    HealthReport r = StatusPageFixtures.withObjectives(report(List.of(probe("db").build()),
        List.of(Fixtures.tracker("api"))), List.of(StatusPageFixtures.checkoutFast(), StatusPageFixtures.apiOk()));

    assertThat(text(HealthJson.service(r, NOW, true))).contains("\"availability\":{\"1h\":99.5}}],\"slos\":["
        + "{\"name\":\"checkout-fast\",\"tracker\":\"checkout\",\"objective\":99.9,\"latencyMs\":300.0,"
        + "\"window\":\"30d\",\"total\":100000,\"bad\":40,\"compliance\":99.96,\"errorBudgetRemaining\":60.0,"
        + "\"burnRates\":{\"5m\":20.0,\"30m\":8.0,\"1h\":15.0,\"2h\":2.5,\"6h\":7.0,\"24h\":1.2,\"3d\":0.4}},"
        + "{\"name\":\"api-ok\",\"tracker\":\"api\",\"objective\":99.0,\"window\":\"7d\",\"total\":5000,"
        + "\"bad\":75,\"compliance\":98.5,\"errorBudgetRemaining\":-50.0,"
        + "\"burnRates\":{\"5m\":0.0,\"30m\":0.5,\"1h\":1.0,\"2h\":1.5,\"6h\":2.0,\"24h\":1.75,\"3d\":1.5}}],"
        + "\"uptimeSeconds\":2467,\"coldStartMs\":142.0,\"scheduleLagMs\":0.0}");
  }

  @Test
  void objectivesAreLeftOutWithoutDetailsInGroupsAndWhenThereAreNone() {
    HealthReport with = StatusPageFixtures.withObjectives(report(probe("db").build()),
        List.of(StatusPageFixtures.checkoutFast()));

    assertThat(text(HealthJson.service(with, NOW, false))).doesNotContain("slos", "checkout-fast");
    assertThat(text(HealthJson.group(with, ProbeKind.READINESS, NOW, true))).doesNotContain("slos");
    assertThat(text(HealthJson.service(report(probe("db").build()), NOW, true))).doesNotContain("slos");
  }

  @Test
  void openMaintenanceWindowsAreListedWithDetails() {
    HealthReport base = report(probe("db").build());
    HealthReport r = base.toBuilder().maintenance(List.of(new dev.vitals.api.MaintenanceWindow("upgrade",
        java.util.Set.of("db"), java.time.Instant.parse("2026-11-27T02:00:00Z"),
        java.time.Instant.parse("2026-11-27T03:00:00Z"), true))).build();
    assertThat(text(HealthJson.service(r, NOW, true))).contains("\"maintenance\":[{\"name\":\"upgrade\","
        + "\"subjects\":[\"db\"],\"since\":\"2026-11-27T02:00:00Z\",\"until\":\"2026-11-27T03:00:00Z\","
        + "\"excludesAvailability\":true}]");
    assertThat(text(HealthJson.service(r, NOW, false))).doesNotContain("maintenance");
    assertThat(text(HealthJson.service(base, NOW, true))).doesNotContain("maintenance");
  }

  @Test
  void hostileObjectiveNamesStayInsideTheirStrings() {
    HealthReport r = StatusPageFixtures.withObjectives(report(probe("db").build()), List.of(
        new dev.vitals.api.SloReport("x\"</script>", "t\n<b>", 0.5, java.util.Optional.empty(),
            java.time.Duration.ofMinutes(90), 0, 0, 1.0, Map.of())));

    String json = text(HealthJson.service(r, NOW, true));

    assertThat(json).contains("\"name\":\"x\\\"\\u003c/script\\u003e\"", "\"tracker\":\"t\\n\\u003cb\\u003e\"",
        "\"window\":\"90m\"", "\"compliance\":100.0", "\"burnRates\":{}");
    assertThat(json).doesNotContain("</script>", "<b>");
  }
}
