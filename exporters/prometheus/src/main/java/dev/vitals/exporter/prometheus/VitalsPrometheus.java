package dev.vitals.exporter.prometheus;

import dev.vitals.api.HealthReport;
import dev.vitals.api.spi.Config;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Vitals figures as Prometheus metrics, for a service that exposes metrics itself. The
 * {@code /metrics} endpoint of {@code exporter-http} needs none of this: it finds
 * {@link PrometheusMetricsWriter} on its own.
 *
 * <p>Write a report in the Prometheus text format or in OpenMetrics:
 * <pre>{@code
 * VitalsPrometheus.write(monitor.report(), Instant.now(), out, false);
 * }</pre>
 * or serve Vitals figures from a Prometheus Java client registry you already run:
 * <pre>{@code
 * PrometheusRegistry.defaultRegistry.register(
 *     (MultiCollector) () -> VitalsPrometheus.snapshots(monitor.report(), Instant.now()));
 * }</pre>
 *
 * <p>Everything is built from the immutable report when called; nothing is registered or cached.
 * Latencies are exported in seconds, ratios from 0 to 1, scores from 0 to 100. Stateless and
 * thread-safe. No argument may be null.
 *
 * <p>Works with the Prometheus Java client ({@code io.prometheus:prometheus-metrics-*}) 1.3.0 and every
 * later 1.x version, all of one version: the versions Spring Boot 3.5, 4.0 and 4.1 and Micrometer 1.16
 * and 1.17 manage. The client found at run time is checked on the first call of any method here (and
 * when a {@link PrometheusMetricsWriter} is created); an unsupported one fails that call with an
 * {@link IllegalStateException} naming the versions found and the supported range.
 */
public final class VitalsPrometheus {

  /** The content type of the Prometheus text format 0.0.4. */
  public static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  /** The content type of OpenMetrics 1.0.0 text. */
  public static final String OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private static final String OPENMETRICS_TYPE = "application/openmetrics-text";

  private VitalsPrometheus() {}

  /**
   * The Vitals metrics of a report as Prometheus snapshots.
   *
   * @param report the report to export
   * @param now the current time, for {@code vitals_uptime_seconds}
   * @return a new set of snapshots; families without series (no trackers, no cold start yet) are left out
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the Prometheus Java client on the class path is not supported
   */
  public static MetricSnapshots snapshots(HealthReport report, Instant now) {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(now, "now");
    PrometheusClient.get();
    return ReportSnapshots.of(report, now);
  }

  /**
   * Writes the Vitals metrics of a report as UTF-8 text.
   *
   * @param report the report to export
   * @param now the current time, for {@code vitals_uptime_seconds}
   * @param out where to write; flushed, not closed
   * @param openMetrics true for OpenMetrics 1.0.0 (ending with {@code # EOF}), false for the
   *     Prometheus text format 0.0.4
   * @throws IOException when writing fails
   * @throws NullPointerException if an argument is null
   * @throws IllegalStateException if the Prometheus Java client on the class path is not supported
   */
  public static void write(HealthReport report, Instant now, OutputStream out, boolean openMetrics)
      throws IOException {
    Objects.requireNonNull(out, "out");
    MetricSnapshots snapshots = snapshots(report, now);
    PrometheusClient.get().write(snapshots, out, openMetrics);
    out.flush();
  }

  /**
   * A Prometheus alerting-rules file (YAML, one group {@code vitals}) with the rules Vitals evaluates
   * itself, over the metrics this class exports, so Prometheus and Alertmanager can alert instead of
   * (or as well as) Vitals' own notifiers. Load it with {@code rule_files} in {@code prometheus.yml}.
   *
   * <p>Settings are read from the same keys, with the same defaults and bounds, as the monitor's own
   * alerting: {@code vitals.alerts.<rule>.enabled} (default {@code true}), {@code .for}
   * ({@code 0s} for probe-down, cold-start, regression and slo-burn, {@code 1m} for latency,
   * error-rate and availability; a zero {@code for} is left out), {@code .threshold} (latency: a
   * multiple of each budget's target, default 2; error-rate: a ratio, 0.05; availability: a ratio,
   * 0.99; cold-start: milliseconds, 500) and {@code .exclude} (a comma-separated list of probe,
   * tracker or objective names, or {@code service} for cold-start). The rules:
   * <ul>
   *   <li>{@code probe-down}: {@code vitals_probe_status{status="down"} == 1}, severity
   *       {@code critical} for the report's critical probes, {@code warning} for every other probe
   *       (probes added later included);
   *   <li>{@code latency}: one rule per probe and per tracker of the report, since targets differ:
   *       {@code vitals_probe_latency_seconds{probe="db",percentile="p95"} > 0.1} for a 50 ms target;
   *   <li>{@code error-rate}: {@code vitals_probe_error_ratio > 0.05} and
   *       {@code vitals_tracker_error_ratio > 0.05};
   *   <li>{@code availability}: {@code vitals_probe_availability_ratio{window="1h"} < 0.99}, and the
   *       trackers' likewise;
   *   <li>{@code cold-start}: {@code vitals_cold_start_seconds > 0.5};
   *   <li>{@code regression}: {@code vitals_probe_regression == 1}, {@code vitals_tracker_regression == 1};
   *   <li>{@code slo-burn}: per objective of the report, two rules of multi-window, multi-burn-rate
   *       pairs: severity {@code critical} when {@code 1h} and {@code 5m} burn above 14.4 or
   *       {@code 6h} and {@code 30m} above 6, {@code warning} when {@code 24h} and {@code 2h} burn
   *       above 3 or {@code 3d} and {@code 6h} above 1; each pair written as
   *       {@code vitals_slo_burn_rate{slo="x",window="1h"} > 14.4 and ignoring (window)
   *       vitals_slo_burn_rate{slo="x",window="5m"} > 14.4} (the alert carries the long window's
   *       {@code window} label and burn rate);
   *   <li>only when the report has a history store ({@link HealthReport#history()}), whatever the
   *       {@code vitals.alerts.*} keys say (the monitor reports a failing store as a problem, not as an
   *       alert), two {@code warning} rules with the rule label {@code history-store}:
   *       {@code VitalsHistoryWritesFailing}, {@code increase(vitals_history_write_failures_total[10m]) > 0
   *       unless time() - vitals_history_last_write_timestamp_seconds < 600} (writes fail and none
   *       succeeded for 10 minutes), and {@code VitalsHistoryRecordsDropped},
   *       {@code increase(vitals_history_dropped_records_total[1h]) > 0} (history was lost).
   * </ul>
   * Every rule has the labels {@code severity} ({@code critical} or {@code warning}), {@code rule}
   * (the rule's name above) and {@code subject} (the probe, tracker or objective, or {@code service}),
   * and a {@code summary} annotation with the observed {@code {{ $value }}} where it says something.
   * Unlike the monitor, Prometheus cannot see how many operations a window holds, so the latency,
   * error-rate and tracker availability rules also fire on windows with fewer than 5 operations.
   * Latency and slo-burn rules cover the probes, trackers and objectives in the report: write the
   * file from a report taken once the service has created its trackers.
   *
   * @param report the report whose probes, trackers and objectives the rules name
   * @param config the configuration with the {@code vitals.alerts.*} keys (full keys); other keys are
   *     ignored
   * @return the file's text, UTF-8 safe, ending with a line break
   * @throws dev.vitals.api.spi.ConfigException listing every unknown {@code vitals.alerts.*} key and
   *     every bad value, naming the key, the value and what is allowed
   * @throws NullPointerException if an argument is null
   */
  public static String alertRules(HealthReport report, Config config) {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(config, "config");
    return AlertRuleFile.render(report, config);
  }

  /**
   * A Prometheus recording-rules file (YAML, one group {@code vitals-fleet}) that aggregates the
   * per-instance series this class exports into per-service series, for the fleet view of a service
   * that runs as several instances. A service is one value of the labels {@code job},
   * {@code namespace} and {@code service} together (a label the scrape configuration does not set is
   * empty, so without {@code service} and {@code namespace} labels a service is a {@code job}). Same as
   * {@link #recordingRules(List) recordingRules(List.of("job", "namespace", "service"))}.
   *
   * @return the file's text, ending with a line break
   */
  public static String recordingRules() {
    return RecordingRuleFile.render(RecordingRuleFile.DEFAULT_SERVICE_LABELS);
  }

  /**
   * A Prometheus recording-rules file (YAML, one group {@code vitals-fleet}) that aggregates the
   * per-instance series this class exports across the instances of each service. Load it with
   * {@code rule_files} in {@code prometheus.yml}, next to (or instead of) {@link #alertRules}. Names
   * follow Prometheus' {@code level:metric:operation} convention; each recorded series carries the
   * service labels, plus the {@code probe}, {@code tracker}, {@code percentile}, {@code window} or
   * {@code status} label of the metric it aggregates:
   * <ul>
   *   <li>{@code service:up:count}, {@code service:up:sum}: instances (scrape targets) of services that
   *       exported Vitals within the last hour, and how many of them the latest scrape reached;
   *   <li>{@code service:vitals_service_score:min} and {@code :avg}; {@code service:vitals_service_status:sum}:
   *       instances in each {@code status};
   *   <li>{@code service:vitals_probe_up:ratio}: share of instances on which the probe is UP or DEGRADED;
   *       {@code service:vitals_probe_availability_ratio:avg} and {@code :min} by {@code window};
   *       {@code service:vitals_probe_latency_seconds:max} by {@code percentile};
   *       {@code service:vitals_probe_error_ratio:avg} and {@code :max}; {@code service:vitals_probe_score:min};
   *   <li>{@code service:vitals_tracker_operations:rate5m}, {@code service:vitals_tracker_errors:rate5m},
   *       {@code service:vitals_tracker_errors:ratio_rate5m} (the sum of errors over the sum of operations),
   *       {@code service:vitals_tracker_availability:ratio_rate5m},
   *       {@code service:vitals_tracker_latency_seconds:max} by {@code percentile},
   *       {@code service:vitals_tracker_score:min}.
   * </ul>
   * Vitals exports latency percentiles per instance, not histograms; they cannot be merged, so the
   * fleet figure is the maximum over instances (an upper bound of the fleet's percentile), never an
   * average. A probe's error ratio has no run counts behind it: its mean is errors over runs when every
   * instance runs the probe at the same interval.
   *
   * @param serviceLabels the target labels whose values together name a service, such as
   *     {@code List.of("job")}; an absent label counts as empty
   * @return the file's text, ending with a line break
   * @throws IllegalArgumentException naming every label that is empty, not a label name, given twice,
   *     {@code instance}, or a label Vitals writes itself ({@code probe}, {@code tracker}, {@code status},
   *     {@code group}, {@code percentile}, {@code window}, {@code slo}, {@code notifier}), and what is allowed
   * @throws NullPointerException if the list is null
   */
  public static String recordingRules(List<String> serviceLabels) {
    return RecordingRuleFile.render(serviceLabels);
  }

  /**
   * Whether a request's {@code Accept} header asks for OpenMetrics: it names
   * {@code application/openmetrics-text} with a non-zero quality, and no {@code text/plain} range
   * with a higher one. Prometheus servers send such headers.
   *
   * @param accept the header, may be null
   * @return true for OpenMetrics, false for the Prometheus text format
   */
  static boolean wantsOpenMetrics(String accept) {
    if (accept == null) {
      return false;
    }
    double openMetrics = -1;
    double text = -1;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int i = 1; i < parts.length; i++) {
        String param = parts[i].trim();
        if (param.regionMatches(true, 0, "q=", 0, 2)) {
          try {
            q = Double.parseDouble(param.substring(2).trim());
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (type.equals(OPENMETRICS_TYPE)) {
        openMetrics = Math.max(openMetrics, q);
      } else if (type.equals("text/plain")) {
        text = Math.max(text, q);
      }
    }
    return openMetrics > 0 && openMetrics >= text;
  }

  /**
   * Whether a content type is OpenMetrics or the Prometheus text format.
   *
   * @param contentType a content type such as {@link #OPENMETRICS_CONTENT_TYPE}
   * @return true for OpenMetrics, false for the text format
   * @throws IllegalArgumentException naming the value and the allowed ones when it is neither
   */
  static boolean isOpenMetrics(String contentType) {
    String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (type.equals(OPENMETRICS_TYPE)) {
      return true;
    }
    if (type.equals("text/plain")) {
      return false;
    }
    throw new IllegalArgumentException("Unsupported content type '" + contentType + "'; allowed: "
        + TEXT_CONTENT_TYPE + " or " + OPENMETRICS_CONTENT_TYPE);
  }
}
