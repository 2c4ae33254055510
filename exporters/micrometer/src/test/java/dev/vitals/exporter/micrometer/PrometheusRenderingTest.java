package dev.vitals.exporter.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.test.ManualClock;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** A Prometheus registry renders the binder's meters with the names of the native Prometheus exporter. */
class PrometheusRenderingTest {

  /** The metric contract: every family and its type, as the native exporter writes them. */
  static final Map<String, String> CONTRACT = new TreeMap<>(Map.ofEntries(
      Map.entry("vitals_service_score", "gauge"),
      Map.entry("vitals_service_status", "gauge"),
      Map.entry("vitals_group_status", "gauge"),
      Map.entry("vitals_uptime_seconds", "gauge"),
      Map.entry("vitals_cold_start_seconds", "gauge"),
      Map.entry("vitals_schedule_lag_seconds", "gauge"),
      Map.entry("vitals_probe_status", "gauge"),
      Map.entry("vitals_probe_up", "gauge"),
      Map.entry("vitals_probe_score", "gauge"),
      Map.entry("vitals_probe_last_latency_seconds", "gauge"),
      Map.entry("vitals_probe_latency_seconds", "gauge"),
      Map.entry("vitals_probe_error_ratio", "gauge"),
      Map.entry("vitals_probe_availability_ratio", "gauge"),
      Map.entry("vitals_probe_stale", "gauge"),
      Map.entry("vitals_probe_regression", "gauge"),
      Map.entry("vitals_tracker_score", "gauge"),
      Map.entry("vitals_tracker_latency_seconds", "gauge"),
      Map.entry("vitals_tracker_error_ratio", "gauge"),
      Map.entry("vitals_tracker_availability_ratio", "gauge"),
      Map.entry("vitals_tracker_operations", "counter"),
      Map.entry("vitals_tracker_errors", "counter"),
      Map.entry("vitals_tracker_regression", "gauge")));

  /** The families of objectives and notifiers, as the native exporter writes them. */
  static final Map<String, String> SLO_AND_NOTIFIER_FAMILIES = new TreeMap<>(Map.of(
      "vitals_slo_objective_ratio", "gauge",
      "vitals_slo_compliance_ratio", "gauge",
      "vitals_slo_error_budget_remaining_ratio", "gauge",
      "vitals_slo_burn_rate", "gauge",
      "vitals_notifier_sent", "counter",
      "vitals_notifier_dropped", "counter"));

  private static final Pattern TYPE = Pattern.compile("^# TYPE (\\S+) (\\S+)$", Pattern.MULTILINE);

  private final PrometheusMeterRegistry registry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

  private String scrape(String contentType) {
    new VitalsMeterBinder(Reports::standard, new ManualClock(Reports.NOW)).bindTo(registry);
    return registry.scrape(contentType);
  }

  private String scrapeWithSlos(String contentType) {
    new VitalsMeterBinder(Reports::withSlosAndNotifiers, new ManualClock(Reports.NOW)).bindTo(registry);
    return registry.scrape(contentType);
  }

  private static Map<String, String> families(String scrape) {
    Map<String, String> families = new TreeMap<>();
    Matcher m = TYPE.matcher(scrape);
    while (m.find()) {
      families.put(m.group(1), m.group(2));
    }
    return families;
  }

  @Test
  void textFormatHasTheNativeExportersSeries() {
    String text = scrape("text/plain; version=0.0.4; charset=utf-8");

    assertThat(text).contains(
        "vitals_service_score 98.5\n",
        "vitals_service_status{status=\"up\"} 1.0\n",
        "vitals_service_status{status=\"down\"} 0.0\n",
        "vitals_group_status{group=\"readiness\",status=\"up\"} 1.0\n",
        "vitals_uptime_seconds 125.0\n",
        "vitals_cold_start_seconds 0.25\n",
        "vitals_probe_score{probe=\"db\"} 97.5\n",
        "vitals_probe_status{probe=\"db\",status=\"up\"} 1.0\n",
        "vitals_probe_status{probe=\"db\",status=\"unknown\"} 0.0\n",
        "vitals_probe_up{probe=\"db\"} 1.0\n",
        "vitals_probe_last_latency_seconds{probe=\"db\"} 0.0015\n",
        "vitals_probe_latency_seconds{percentile=\"p95\",probe=\"db\"} 0.002\n",
        "vitals_probe_error_ratio{probe=\"db\"} 0.05\n",
        "vitals_probe_availability_ratio{probe=\"db\",window=\"30d\"} 0.95\n",
        "vitals_probe_stale{probe=\"db\"} 0.0\n",
        "vitals_probe_regression{probe=\"db\"} 0.0\n",
        "vitals_tracker_score{tracker=\"api\"} 88.0\n",
        "vitals_tracker_latency_seconds{percentile=\"p99\",tracker=\"api\"} 0.2\n",
        "vitals_tracker_error_ratio{tracker=\"api\"} 0.05\n",
        "vitals_tracker_availability_ratio{tracker=\"api\",window=\"1h\"} 0.95\n",
        "vitals_tracker_operations_total{tracker=\"api\"} 1000.0\n",
        "vitals_tracker_errors_total{tracker=\"api\"} 50.0\n",
        "vitals_tracker_regression{tracker=\"api\"} 0.0\n");
  }

  @Test
  void openMetricsHasExactlyTheContractsFamilies() {
    String text = scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");

    assertThat(families(text)).isEqualTo(CONTRACT);
    assertThat(text).contains("vitals_tracker_operations_total{tracker=\"api\"} 1000.0\n").endsWith("# EOF\n");
  }

  @Test
  void objectivesAndNotifiersHaveTheNativeExportersSeries() {
    String text = scrapeWithSlos("text/plain; version=0.0.4; charset=utf-8");

    assertThat(text).contains(
        "vitals_slo_objective_ratio{slo=\"api-fast\",tracker=\"api\"} 0.999\n",
        "vitals_slo_compliance_ratio{slo=\"api-fast\"} 0.9996\n",
        "vitals_slo_error_budget_remaining_ratio{slo=\"api-fast\"} 0.6\n",
        "vitals_slo_burn_rate{slo=\"api-fast\",window=\"5m\"} 2.0\n",
        "vitals_slo_burn_rate{slo=\"api-fast\",window=\"1h\"} 1.25\n",
        "vitals_slo_burn_rate{slo=\"api-fast\",window=\"3d\"} 0.25\n",
        "vitals_notifier_sent_total{notifier=\"slack\"} 12.0\n",
        "vitals_notifier_dropped_total{notifier=\"slack\"} 1.0\n");
    assertThat(text.lines().filter(l -> l.startsWith("vitals_slo_burn_rate{"))).hasSize(7);
  }

  @Test
  void openMetricsHasTheContractsFamiliesAndThoseOfObjectivesAndNotifiers() {
    String text = scrapeWithSlos("application/openmetrics-text; version=1.0.0; charset=utf-8");
    Map<String, String> expected = new TreeMap<>(CONTRACT);
    expected.putAll(SLO_AND_NOTIFIER_FAMILIES);

    assertThat(families(text)).isEqualTo(expected);
    assertThat(text).contains("vitals_notifier_sent_total{notifier=\"slack\"} 12.0\n").endsWith("# EOF\n");
  }
}
