package dev.vitals.exporter.prometheus;

import static dev.vitals.exporter.prometheus.Fixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.vitals.api.HealthReport;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class PrometheusMetricsWriterTest {

  /** What a Prometheus 2.x server sends when it scrapes. */
  private static final String PROMETHEUS_ACCEPT = "application/openmetrics-text;version=1.0.0,"
      + "application/openmetrics-text;version=0.0.1;q=0.75,text/plain;version=0.0.4;q=0.5,*/*;q=0.1";

  private final PrometheusMetricsWriter writer = new PrometheusMetricsWriter();

  static String text(HealthReport report) throws IOException {
    return write(report, false);
  }

  static String openMetrics(HealthReport report) throws IOException {
    return write(report, true);
  }

  private static String write(HealthReport report, boolean openMetrics) throws IOException {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VitalsPrometheus.write(report, NOW, out, openMetrics);
    return out.toString(StandardCharsets.UTF_8);
  }

  @Test
  void everyContractMetricIsPresentForTwoProbesAndTwoTrackers() throws IOException {
    Exposition text = Exposition.parse(text(Fixtures.twoProbesTwoTrackers()));
    Exposition om = Exposition.parse(openMetrics(Fixtures.twoProbesTwoTrackers()));

    assertThat(names(text)).containsExactlyInAnyOrderElementsOf(Fixtures.CONTRACT);
    assertThat(names(om)).containsExactlyInAnyOrderElementsOf(Fixtures.CONTRACT);
  }

  @Test
  void everyProbeAndTrackerHasItsSeries() throws IOException {
    Exposition e = Exposition.parse(text(Fixtures.twoProbesTwoTrackers()));

    assertThat(e.samples("vitals_probe_status")).hasSize(2 * 4);
    assertThat(e.samples("vitals_group_status")).hasSize(3 * 4);
    assertThat(e.samples("vitals_probe_latency_seconds")).hasSize(2 * 4);
    assertThat(e.samples("vitals_probe_availability_ratio")).hasSize(2 * 4);
    assertThat(e.samples("vitals_tracker_latency_seconds")).hasSize(2 * 4);
    assertThat(e.samples("vitals_tracker_availability_ratio")).hasSize(2);
    for (String name : new String[] {"vitals_probe_up", "vitals_probe_score", "vitals_probe_last_latency_seconds",
        "vitals_probe_error_ratio", "vitals_probe_stale", "vitals_probe_regression"}) {
      assertThat(e.samples(name)).as(name).extracting(s -> s.labels().get("probe"))
          .containsExactlyInAnyOrder("db", "cache");
    }
    for (String name : new String[] {"vitals_tracker_score", "vitals_tracker_error_ratio",
        "vitals_tracker_operations_total", "vitals_tracker_errors_total", "vitals_tracker_regression"}) {
      assertThat(e.samples(name)).as(name).extracting(s -> s.labels().get("tracker"))
          .containsExactlyInAnyOrder("api", "checkout");
    }
    assertThat(e.samples("vitals_service_score").get(0).labels()).isEmpty();
  }

  @Test
  void stateSetsHaveOneForTheCurrentStatusAndZeroForTheOthers() throws IOException {
    Exposition e = Exposition.parse(text(Fixtures.twoProbesTwoTrackers()));

    assertThat(e.value("vitals_service_status", "status", "down")).hasValue(1.0);
    assertThat(e.value("vitals_service_status", "status", "up")).hasValue(0.0);
    assertThat(e.value("vitals_service_status", "status", "degraded")).hasValue(0.0);
    assertThat(e.value("vitals_service_status", "status", "unknown")).hasValue(0.0);
    assertThat(e.value("vitals_group_status", "group", "readiness", "status", "down")).hasValue(1.0);
    assertThat(e.value("vitals_group_status", "group", "readiness", "status", "up")).hasValue(0.0);
    assertThat(e.value("vitals_group_status", "group", "liveness", "status", "up")).hasValue(1.0);
    assertThat(e.value("vitals_group_status", "group", "startup", "status", "up")).hasValue(1.0);
    assertThat(e.value("vitals_probe_status", "probe", "db", "status", "down")).hasValue(1.0);
    assertThat(e.value("vitals_probe_status", "probe", "db", "status", "up")).hasValue(0.0);
    assertThat(e.value("vitals_probe_status", "probe", "cache", "status", "up")).hasValue(1.0);
    assertThat(e.value("vitals_probe_status", "probe", "cache", "status", "down")).hasValue(0.0);
    for (String subject : new String[] {"service", "group", "probe"}) {
      double ones = e.samples("vitals_" + subject + "_status").stream().mapToDouble(Exposition.Sample::value).sum();
      assertThat(ones).as("one current status per %s", subject)
          .isEqualTo(e.samples("vitals_" + subject + "_status").size() / 4.0);
    }
  }

  @Test
  void probeFiguresAreInBaseUnits() throws IOException {
    Exposition e = Exposition.parse(text(Fixtures.twoProbesTwoTrackers()));

    assertThat(e.value("vitals_probe_up", "probe", "db")).hasValue(0.0);
    assertThat(e.value("vitals_probe_up", "probe", "cache")).hasValue(1.0);
    assertThat(e.value("vitals_probe_stale", "probe", "cache")).hasValue(1.0);
    assertThat(e.value("vitals_probe_stale", "probe", "db")).hasValue(0.0);
    assertThat(e.value("vitals_probe_regression", "probe", "db")).hasValue(1.0);
    assertThat(e.value("vitals_probe_score", "probe", "db")).hasValue(12.5);
    assertThat(e.value("vitals_probe_last_latency_seconds", "probe", "db")).hasValue(2.0);
    assertThat(e.value("vitals_probe_last_latency_seconds", "probe", "cache")).hasValue(0.00075);
    assertThat(e.value("vitals_probe_latency_seconds", "probe", "db", "percentile", "p50")).hasValue(0.0015);
    assertThat(e.value("vitals_probe_latency_seconds", "probe", "db", "percentile", "p95")).hasValue(0.25);
    assertThat(e.value("vitals_probe_latency_seconds", "probe", "db", "percentile", "p99")).hasValue(2.0);
    assertThat(e.value("vitals_probe_latency_seconds", "probe", "db", "percentile", "max")).hasValue(2.0);
    assertThat(e.value("vitals_probe_error_ratio", "probe", "db")).hasValue(0.2);
    assertThat(e.value("vitals_probe_availability_ratio", "probe", "db", "window", "1h")).hasValue(0.75);
    assertThat(e.value("vitals_probe_availability_ratio", "probe", "db", "window", "24h")).hasValue(0.99);
    assertThat(e.value("vitals_probe_availability_ratio", "probe", "db", "window", "7d")).hasValue(0.995);
    assertThat(e.value("vitals_probe_availability_ratio", "probe", "db", "window", "30d")).hasValue(0.999);
  }

  @Test
  void serviceAndTrackerFiguresAreInBaseUnits() throws IOException {
    Exposition e = Exposition.parse(text(Fixtures.twoProbesTwoTrackers()));

    assertThat(e.value("vitals_service_score")).hasValue(41.25);
    assertThat(e.value("vitals_uptime_seconds")).hasValue(3600.0);
    assertThat(e.value("vitals_cold_start_seconds")).hasValue(0.212);
    assertThat(e.value("vitals_tracker_operations_total", "tracker", "api")).hasValue(1234.0);
    assertThat(e.value("vitals_tracker_errors_total", "tracker", "api")).hasValue(17.0);
    assertThat(e.value("vitals_tracker_error_ratio", "tracker", "api")).hasValue(0.02);
    assertThat(e.value("vitals_tracker_score", "tracker", "api")).hasValue(87.5);
    assertThat(e.value("vitals_tracker_latency_seconds", "tracker", "api", "percentile", "p95")).hasValue(0.12);
    assertThat(e.value("vitals_tracker_latency_seconds", "tracker", "api", "percentile", "max")).hasValue(0.41);
    assertThat(e.value("vitals_tracker_availability_ratio", "tracker", "api", "window", "1h")).hasValue(0.98);
    assertThat(e.value("vitals_tracker_regression", "tracker", "checkout")).hasValue(1.0);
    assertThat(e.value("vitals_tracker_regression", "tracker", "api")).hasValue(0.0);
  }

  @Test
  void textFormatHasHelpAndTypeForEveryFamily() throws IOException {
    Exposition e = Exposition.parse(text(Fixtures.twoProbesTwoTrackers()));

    for (String name : Fixtures.CONTRACT) {
      assertThat(e.help).as("HELP of %s", name).containsKey(name);
      assertThat(e.help.get(name)).as("HELP of %s", name).isNotBlank();
      assertThat(e.type.get(name)).as("TYPE of %s", name)
          .isEqualTo(name.endsWith("_total") ? "counter" : "gauge");
    }
    assertThat(e.eof).isFalse();
  }

  @Test
  void openMetricsDeclaresUnitsAndCountersAndEndsWithEof() throws IOException {
    String om = openMetrics(Fixtures.twoProbesTwoTrackers());
    Exposition e = Exposition.parse(om);

    assertThat(om).endsWith("# EOF\n");
    assertThat(e.eof).isTrue();
    assertThat(e.type).containsEntry("vitals_tracker_operations", "counter")
        .containsEntry("vitals_tracker_errors", "counter")
        .containsEntry("vitals_probe_status", "gauge");
    assertThat(e.unit).containsEntry("vitals_probe_latency_seconds", "seconds")
        .containsEntry("vitals_uptime_seconds", "seconds")
        .containsEntry("vitals_probe_error_ratio", "ratio")
        .containsEntry("vitals_probe_availability_ratio", "ratio")
        .doesNotContainKey("vitals_probe_score");
  }

  @Test
  void labelValuesWithQuotesBackslashesAndNewlinesAreEscapedAndReadBack() throws IOException {
    String quote = "we\"ird";
    String backslash = "back\\slash";
    String newline = "new\nline";
    HealthReport report = Fixtures.awkwardNames(quote, backslash, newline, "caf\u00e9 \u2713");

    for (String out : new String[] {text(report), openMetrics(report)}) {
      assertThat(out).contains("probe=\"we\\\"ird\"").contains("probe=\"back\\\\slash\"")
          .contains("probe=\"new\\nline\"");
      Exposition e = Exposition.parse(out);
      assertThat(e.samples("vitals_probe_score")).extracting(s -> s.labels().get("probe"))
          .containsExactlyInAnyOrder(quote, backslash, newline, "caf\u00e9 \u2713", "fresh");
    }
  }

  @Test
  void probeWithoutResultHasNoLastLatencyAndNaNPercentiles() throws IOException {
    Exposition e = Exposition.parse(text(Fixtures.awkwardNames("db")));

    assertThat(e.value("vitals_probe_last_latency_seconds", "probe", "fresh")).isEmpty();
    assertThat(e.value("vitals_probe_last_latency_seconds", "probe", "db")).hasValue(0.001);
    assertThat(e.value("vitals_probe_latency_seconds", "probe", "fresh", "percentile", "p95")).hasValueSatisfying(
        v -> assertThat(v).isNaN());
    assertThat(e.value("vitals_probe_up", "probe", "fresh")).hasValue(0.0);
    assertThat(e.value("vitals_probe_status", "probe", "fresh", "status", "unknown")).hasValue(1.0);
    assertThat(e.value("vitals_probe_error_ratio", "probe", "fresh")).hasValue(0.0);
  }

  @Test
  void emptyReportHasOnlyServiceMetrics() throws IOException {
    Exposition e = Exposition.parse(text(Fixtures.empty()));

    assertThat(names(e)).containsExactlyInAnyOrder("vitals_service_score", "vitals_service_status",
        "vitals_group_status", "vitals_uptime_seconds", "vitals_schedule_lag_seconds");
    assertThat(e.value("vitals_service_status", "status", "up")).hasValue(1.0);
    assertThat(e.value("vitals_uptime_seconds").orElseThrow()).isCloseTo(3600.0, within(1e-9));
  }

  @Test
  void historyStoreFiguresAreExportedWithoutALabel() throws IOException {
    String text = text(Fixtures.withHistory());
    Exposition e = Exposition.parse(text);

    assertThat(e.value("vitals_history_records_written_total")).hasValue(1440.0);
    assertThat(e.value("vitals_history_write_failures_total")).hasValue(3.0);
    assertThat(e.value("vitals_history_pending_records")).hasValue(2.0);
    assertThat(e.value("vitals_history_dropped_records_total")).hasValue(5.0);
    assertThat(e.value("vitals_history_last_write_timestamp_seconds"))
        .hasValue(NOW.minusMillis(30_250).toEpochMilli() / 1000.0);
    for (String name : Fixtures.HISTORY_METRICS) {
      assertThat(e.samples(name)).as(name).singleElement().satisfies(s -> assertThat(s.labels()).isEmpty());
      assertThat(e.help.get(name)).as("HELP of %s", name).isNotBlank();
      assertThat(e.type.get(name)).as("TYPE of %s", name).isEqualTo(name.endsWith("_total") ? "counter" : "gauge");
    }
    assertThat(text).as("the store's description may name a path or a database host")
        .doesNotContain(Fixtures.STORE).doesNotContain("/var/lib");
  }

  @Test
  void historyStoreInOpenMetricsHasCounterFamiliesAndTheTimestampsUnit() throws IOException {
    Exposition e = Exposition.parse(openMetrics(Fixtures.withHistory()));

    assertThat(e.type).containsEntry("vitals_history_records_written", "counter")
        .containsEntry("vitals_history_write_failures", "counter")
        .containsEntry("vitals_history_dropped_records", "counter")
        .containsEntry("vitals_history_pending_records", "gauge")
        .containsEntry("vitals_history_last_write_timestamp_seconds", "gauge");
    assertThat(e.unit).containsEntry("vitals_history_last_write_timestamp_seconds", "seconds");
    assertThat(e.value("vitals_history_records_written_total")).hasValue(1440.0);
    assertThat(e.value("vitals_history_dropped_records_total")).hasValue(5.0);
  }

  @Test
  void aStoreThatNeverWroteHasNoLastWriteAndItsProblemIsNotExported() throws IOException {
    String text = text(Fixtures.withFailingHistory());
    Exposition e = Exposition.parse(text);

    assertThat(e.value("vitals_history_records_written_total")).hasValue(0.0);
    assertThat(e.value("vitals_history_write_failures_total")).hasValue(7.0);
    assertThat(e.value("vitals_history_pending_records")).hasValue(12.0);
    assertThat(e.value("vitals_history_dropped_records_total")).hasValue(0.0);
    assertThat(names(e)).doesNotContain("vitals_history_last_write_timestamp_seconds");
    assertThat(text).doesNotContain("vitals_history_last_write").doesNotContain("No space left")
        .doesNotContain("/var/lib");
  }

  @Test
  void withoutAHistoryStoreThereAreNoHistoryFamilies() throws IOException {
    assertThat(text(Fixtures.withSlosAndNotifiers())).doesNotContain("vitals_history");
    assertThat(openMetrics(Fixtures.withSlosAndNotifiers())).doesNotContain("vitals_history");
    assertThat(VitalsPrometheus.snapshots(Fixtures.withHistory(), NOW).size())
        .isEqualTo(VitalsPrometheus.snapshots(Fixtures.withSlosAndNotifiers(), NOW).size() + 5);
    assertThat(VitalsPrometheus.snapshots(Fixtures.withFailingHistory(), NOW).size())
        .isEqualTo(Fixtures.CONTRACT.size() + 4);
  }

  @Test
  void acceptHeaderChoosesTheFormat() {
    assertThat(writer.contentType(null)).isEqualTo(VitalsPrometheus.TEXT_CONTENT_TYPE);
    assertThat(writer.contentType("*/*")).isEqualTo(VitalsPrometheus.TEXT_CONTENT_TYPE);
    assertThat(writer.contentType("text/plain")).isEqualTo(VitalsPrometheus.TEXT_CONTENT_TYPE);
    assertThat(writer.contentType(PROMETHEUS_ACCEPT)).isEqualTo(VitalsPrometheus.OPENMETRICS_CONTENT_TYPE);
    assertThat(writer.contentType("Application/OpenMetrics-Text; version=1.0.0"))
        .isEqualTo(VitalsPrometheus.OPENMETRICS_CONTENT_TYPE);
    assertThat(writer.contentType("application/openmetrics-text;q=0, text/plain"))
        .isEqualTo(VitalsPrometheus.TEXT_CONTENT_TYPE);
    assertThat(writer.contentType("text/plain;q=1, application/openmetrics-text;q=0.5"))
        .isEqualTo(VitalsPrometheus.TEXT_CONTENT_TYPE);
    assertThat(writer.contentType("application/openmetrics-text;q=bogus"))
        .isEqualTo(VitalsPrometheus.TEXT_CONTENT_TYPE);
  }

  @Test
  void writerWritesTheFormatOfItsContentType() throws IOException {
    HealthReport report = Fixtures.twoProbesTwoTrackers();
    ByteArrayOutputStream text = new ByteArrayOutputStream();
    ByteArrayOutputStream om = new ByteArrayOutputStream();

    writer.write(report, NOW, writer.contentType(null), text);
    writer.write(report, NOW, writer.contentType(PROMETHEUS_ACCEPT), om);

    assertThat(text.toString(StandardCharsets.UTF_8)).isEqualTo(text(report)).doesNotContain("# EOF");
    assertThat(om.toString(StandardCharsets.UTF_8)).isEqualTo(openMetrics(report)).endsWith("# EOF\n");
  }

  @Test
  void unsupportedContentTypeIsRefusedNamingTheAllowedOnes() {
    assertThatThrownBy(() -> writer.write(Fixtures.empty(), NOW, "application/json", new ByteArrayOutputStream()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'application/json'")
        .hasMessageContaining(VitalsPrometheus.TEXT_CONTENT_TYPE)
        .hasMessageContaining(VitalsPrometheus.OPENMETRICS_CONTENT_TYPE);
  }

  @Test
  void contentTypesAreThoseOfThePrometheusClient() {
    assertThat(VitalsPrometheus.TEXT_CONTENT_TYPE).isEqualTo(PrometheusTextFormatWriter.CONTENT_TYPE);
    assertThat(VitalsPrometheus.OPENMETRICS_CONTENT_TYPE).isEqualTo(OpenMetricsTextFormatWriter.CONTENT_TYPE);
  }

  @Test
  void snapshotsAreBuiltFromEachReportWithoutState() throws IOException {
    assertThat(VitalsPrometheus.snapshots(Fixtures.twoProbesTwoTrackers(), NOW).size())
        .isEqualTo(Fixtures.CONTRACT.size());
    assertThat(VitalsPrometheus.snapshots(Fixtures.empty(), NOW).size()).isEqualTo(5);
    assertThat(text(Fixtures.empty())).doesNotContain("probe=");
  }

  @Test
  void readmeDocumentsEveryMetric() throws IOException {
    String readme = Files.readString(Path.of("README.md"));

    for (String name : Fixtures.CONTRACT) {
      assertThat(readme).as("README lists %s", name).contains("`" + name);
    }
    for (String name : Fixtures.SLO_AND_NOTIFIER_METRICS) {
      assertThat(readme).as("README lists %s", name).contains("`" + name);
    }
    for (String name : Fixtures.HISTORY_METRICS) {
      assertThat(readme).as("README lists %s", name).contains("`" + name);
    }
  }

  private static Set<String> names(Exposition e) {
    return e.samples.stream().map(Exposition.Sample::name).collect(Collectors.toCollection(TreeSet::new));
  }
}
