package dev.vitals.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Service-level objectives and notifier deliveries in the exposition. */
class SloMetricsTest {

  @Test
  void everyObjectiveAndNotifierMetricIsPresentNextToTheContract() throws IOException {
    List<String> all = new ArrayList<>(Fixtures.CONTRACT);
    all.addAll(Fixtures.SLO_AND_NOTIFIER_METRICS);

    for (String out : new String[] {PrometheusMetricsWriterTest.text(Fixtures.withSlosAndNotifiers()),
        PrometheusMetricsWriterTest.openMetrics(Fixtures.withSlosAndNotifiers())}) {
      assertThat(names(Exposition.parse(out))).containsExactlyInAnyOrderElementsOf(all);
    }
  }

  @Test
  void objectiveFiguresAreRatiosLabelledWithTheObjective() throws IOException {
    Exposition e = Exposition.parse(PrometheusMetricsWriterTest.text(Fixtures.withSlosAndNotifiers()));

    assertThat(e.value("vitals_slo_objective_ratio", "slo", "checkout-fast", "tracker", "checkout")).hasValue(0.999);
    assertThat(e.value("vitals_slo_objective_ratio", "slo", "api-ok", "tracker", "api")).hasValue(0.99);
    assertThat(e.value("vitals_slo_compliance_ratio", "slo", "checkout-fast")).hasValue(0.9996);
    assertThat(e.value("vitals_slo_compliance_ratio", "slo", "api-ok")).hasValue(1.0);
    assertThat(e.value("vitals_slo_error_budget_remaining_ratio", "slo", "checkout-fast")).hasValue(0.6);
    assertThat(e.value("vitals_slo_error_budget_remaining_ratio", "slo", "api-ok")).hasValue(1.0);
    assertThat(e.samples("vitals_slo_compliance_ratio")).allSatisfy(s -> assertThat(s.labels()).containsOnlyKeys("slo"));
    assertThat(e.samples("vitals_slo_error_budget_remaining_ratio"))
        .allSatisfy(s -> assertThat(s.labels()).containsOnlyKeys("slo"));
  }

  @Test
  void burnRatesHaveOneSeriesPerWindow() throws IOException {
    Exposition e = Exposition.parse(PrometheusMetricsWriterTest.text(Fixtures.withSlosAndNotifiers()));

    assertThat(e.samples("vitals_slo_burn_rate")).hasSize(2 * 7)
        .allSatisfy(s -> assertThat(s.labels()).containsOnlyKeys("slo", "window"));
    assertThat(e.samples("vitals_slo_burn_rate")).extracting(s -> s.labels().get("window")).containsOnly(
        "5m", "30m", "1h", "2h", "6h", "24h", "3d");
    assertThat(e.value("vitals_slo_burn_rate", "slo", "checkout-fast", "window", "5m")).hasValue(20.0);
    assertThat(e.value("vitals_slo_burn_rate", "slo", "checkout-fast", "window", "1h")).hasValue(15.0);
    assertThat(e.value("vitals_slo_burn_rate", "slo", "checkout-fast", "window", "3d")).hasValue(0.4);
    assertThat(e.value("vitals_slo_burn_rate", "slo", "api-ok", "window", "24h")).hasValue(0.0);
  }

  @Test
  void notifierDeliveriesAreCounters() throws IOException {
    Exposition text = Exposition.parse(PrometheusMetricsWriterTest.text(Fixtures.withSlosAndNotifiers()));
    Exposition om = Exposition.parse(PrometheusMetricsWriterTest.openMetrics(Fixtures.withSlosAndNotifiers()));

    assertThat(text.value("vitals_notifier_sent_total", "notifier", "slack")).hasValue(12.0);
    assertThat(text.value("vitals_notifier_dropped_total", "notifier", "slack")).hasValue(1.0);
    assertThat(text.value("vitals_notifier_sent_total", "notifier", "pager")).hasValue(3.0);
    assertThat(text.value("vitals_notifier_dropped_total", "notifier", "pager")).hasValue(0.0);
    assertThat(text.type).containsEntry("vitals_notifier_sent_total", "counter")
        .containsEntry("vitals_notifier_dropped_total", "counter");
    assertThat(om.type).containsEntry("vitals_notifier_sent", "counter").containsEntry("vitals_notifier_dropped", "counter");
  }

  @Test
  void everyNewFamilyHasHelpTypeAndItsUnitInOpenMetrics() throws IOException {
    Exposition text = Exposition.parse(PrometheusMetricsWriterTest.text(Fixtures.withSlosAndNotifiers()));
    Exposition om = Exposition.parse(PrometheusMetricsWriterTest.openMetrics(Fixtures.withSlosAndNotifiers()));

    for (String name : Fixtures.SLO_AND_NOTIFIER_METRICS) {
      assertThat(text.help.get(name)).as("HELP of %s", name).isNotBlank();
      assertThat(text.type.get(name)).as("TYPE of %s", name).isEqualTo(name.endsWith("_total") ? "counter" : "gauge");
    }
    assertThat(om.unit).containsEntry("vitals_slo_objective_ratio", "ratio")
        .containsEntry("vitals_slo_compliance_ratio", "ratio")
        .containsEntry("vitals_slo_error_budget_remaining_ratio", "ratio")
        .doesNotContainKey("vitals_slo_burn_rate");
  }

  @Test
  void aReportWithoutObjectivesOrNotifiersHasNoneOfTheirFamilies() throws IOException {
    String text = PrometheusMetricsWriterTest.text(Fixtures.twoProbesTwoTrackers());

    assertThat(text).doesNotContain("vitals_slo_").doesNotContain("vitals_notifier_");
    assertThat(VitalsPrometheus.snapshots(Fixtures.withSlosAndNotifiers(), Fixtures.NOW).size())
        .isEqualTo(Fixtures.CONTRACT.size() + Fixtures.SLO_AND_NOTIFIER_METRICS.size());
  }

  @Test
  void readmeDocumentsEveryObjectiveAndNotifierMetric() throws IOException {
    String readme = Files.readString(Path.of("README.md"));

    for (String name : Fixtures.SLO_AND_NOTIFIER_METRICS) {
      assertThat(readme).as("README lists %s", name).contains("`" + name);
    }
  }

  private static Set<String> names(Exposition e) {
    return e.samples.stream().map(Exposition.Sample::name).collect(Collectors.toCollection(TreeSet::new));
  }
}
