package dev.vitals.exporter.prometheus;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Writes a Prometheus recording-rules file that turns the per-instance series of this module into
 * per-service (fleet) series: every instance of a service is scraped on its own, and these rules
 * aggregate them across instances, grouped by the service labels (by default {@code job},
 * {@code namespace} and {@code service}; absent labels group as empty).
 *
 * <p>Vitals exports latency percentiles per instance (gauges), not histograms, so they cannot be
 * merged: across instances the rules take the maximum, an upper bound of the fleet's percentile,
 * never an average. Probe error ratios have no counts behind them; their mean across instances is
 * errors over runs when the instances run the probe at the same interval (one configuration), and the
 * maximum is recorded next to it. Tracker error ratios come from the counters: the sum of errors over
 * the sum of operations. Stateless and thread-safe.
 */
final class RecordingRuleFile {

  /** The labels that name a service when none are given. */
  static final List<String> DEFAULT_SERVICE_LABELS = List.of("job", "namespace", "service");

  /** Labels Vitals writes itself, and Prometheus' instance label: never a service label. */
  private static final Set<String> NOT_SERVICE_LABELS = Set.of("instance", "probe", "tracker", "status", "group",
      "percentile", "window", "slo", "notifier");
  private static final Pattern LABEL_NAME = Pattern.compile("[a-zA-Z_][a-zA-Z0-9_]*");

  /**
   * One recording rule.
   *
   * @param record the recorded series' name
   * @param expr its PromQL
   * @param source the metric it aggregates ({@code up} for the instance counts)
   * @param labels the labels of the recorded series besides the service labels
   * @param help what it means, written as a comment above it
   */
  record Rule(String record, String expr, String source, List<String> labels, String help) {}

  private RecordingRuleFile() {}

  /**
   * The rules for the given service labels.
   *
   * @throws IllegalArgumentException naming every bad label and what is allowed
   */
  static List<Rule> rules(List<String> serviceLabels) {
    check(serviceLabels);
    String s = String.join(", ", serviceLabels);
    List<Rule> out = new ArrayList<>();
    // Instances: targets of services that exported Vitals in the last hour (so a service whose every
    // instance is down still counts them), and how many of them the latest scrape reached.
    String vitalsTargets = "up and on (" + s + ") group by (" + s + ") (last_over_time(vitals_service_score[1h]))";
    out.add(new Rule("service:up:count", "count by (" + s + ") (" + vitalsTargets + ")", "up", List.of(),
        "instances (scrape targets) of the service"));
    out.add(new Rule("service:up:sum", "sum by (" + s + ") (" + vitalsTargets + ")", "up", List.of(),
        "instances whose latest scrape succeeded"));
    // Service
    out.add(by(s, "min", "vitals_service_score", List.of(), "the lowest service score of any instance"));
    out.add(by(s, "avg", "vitals_service_score", List.of(), "the mean service score of the instances"));
    out.add(by(s, "sum", "vitals_service_status", List.of("status"),
        "instances in each status (up, degraded, down, unknown)"));
    // Probes
    out.add(new Rule("service:vitals_probe_up:ratio", "avg by (" + s + ", probe) (vitals_probe_up)", "vitals_probe_up",
        List.of("probe"), "share of instances on which the probe is UP or DEGRADED now, 0 to 1"));
    out.add(by(s, "avg", "vitals_probe_availability_ratio", List.of("probe", "window"),
        "share of time the probe was UP or DEGRADED, by window, over all instances (each weighs the same)"));
    out.add(by(s, "min", "vitals_probe_availability_ratio", List.of("probe", "window"),
        "the probe's availability on the worst instance, by window"));
    out.add(by(s, "max", "vitals_probe_latency_seconds", List.of("probe", "percentile"),
        "the probe's latency percentile on the slowest instance (per-instance percentiles cannot be merged: an "
            + "upper bound of the fleet's)"));
    out.add(by(s, "avg", "vitals_probe_error_ratio", List.of("probe"),
        "share of the probe's runs over 5 minutes that failed, over all instances (runs at one interval)"));
    out.add(by(s, "max", "vitals_probe_error_ratio", List.of("probe"),
        "the probe's error ratio on the worst instance"));
    out.add(by(s, "min", "vitals_probe_score", List.of("probe"), "the probe's lowest score on any instance"));
    // Trackers: counters summed over instances, so rates and ratios are exact
    String ops = "sum by (" + s + ", tracker) (rate(vitals_tracker_operations_total[5m]))";
    String errors = "sum by (" + s + ", tracker) (rate(vitals_tracker_errors_total[5m]))";
    out.add(new Rule("service:vitals_tracker_operations:rate5m", ops, "vitals_tracker_operations_total",
        List.of("tracker"), "operations per second over 5 minutes, all instances together"));
    out.add(new Rule("service:vitals_tracker_errors:rate5m", errors, "vitals_tracker_errors_total",
        List.of("tracker"), "failed operations per second over 5 minutes, all instances together"));
    out.add(new Rule("service:vitals_tracker_errors:ratio_rate5m", errors + " / " + ops,
        "vitals_tracker_errors_total", List.of("tracker"),
        "share of operations over 5 minutes that failed: the sum of errors over the sum of operations (NaN without "
            + "operations)"));
    out.add(new Rule("service:vitals_tracker_availability:ratio_rate5m", "(" + ops + " - " + errors + ") / " + ops,
        "vitals_tracker_operations_total", List.of("tracker"),
        "share of operations over 5 minutes that succeeded, all instances together (NaN without operations)"));
    out.add(by(s, "max", "vitals_tracker_latency_seconds", List.of("tracker", "percentile"),
        "the operation's latency percentile on the slowest instance (an upper bound of the fleet's)"));
    out.add(by(s, "min", "vitals_tracker_score", List.of("tracker"),
        "the operation's lowest score on any instance"));
    return out;
  }

  /**
   * The file's text.
   *
   * @throws IllegalArgumentException naming every bad label and what is allowed
   */
  static String render(List<String> serviceLabels) {
    List<Rule> rules = rules(serviceLabels);
    StringBuilder sb = new StringBuilder(4096);
    sb.append("# Prometheus recording rules: Vitals figures per service, across its instances. Generated by\n")
        .append("# VitalsPrometheus.recordingRules; a service is one value of (")
        .append(String.join(", ", serviceLabels)).append(").\n")
        .append("# Names follow level:metric:operation; every series keeps the service labels, and probe,\n")
        .append("# tracker, percentile, window or status where the name's metric has them.\n")
        .append("groups:\n")
        .append("  - name: vitals-fleet\n")
        .append("    rules:\n");
    for (Rule r : rules) {
      sb.append("      # ").append(r.help()).append('\n')
          .append("      - record: ").append(r.record()).append('\n')
          .append("        expr: ").append(AlertRuleFile.quoted(r.expr())).append('\n');
    }
    return sb.toString();
  }

  private static Rule by(String s, String op, String metric, List<String> labels, String help) {
    String byLabels = labels.isEmpty() ? s : s + ", " + String.join(", ", labels);
    return new Rule("service:" + metric + ":" + op, op + " by (" + byLabels + ") (" + metric + ")", metric, labels,
        help);
  }

  private static void check(List<String> labels) {
    Objects.requireNonNull(labels, "serviceLabels");
    List<String> problems = new ArrayList<>();
    if (labels.isEmpty()) {
      problems.add("no label given");
    }
    Set<String> seen = new LinkedHashSet<>();
    for (String l : labels) {
      if (l == null || !LABEL_NAME.matcher(l).matches() || l.startsWith("__")) {
        problems.add("'" + l + "' is not a label name (letters, digits and _, not starting with a digit or __)");
      } else if (NOT_SERVICE_LABELS.contains(l)) {
        problems.add("'" + l + "' is " + (l.equals("instance") ? "what the rules aggregate over"
            : "a label Vitals writes on its own series"));
      } else if (!seen.add(l)) {
        problems.add("'" + l + "' is given twice");
      }
    }
    if (!problems.isEmpty()) {
      throw new IllegalArgumentException("Bad service labels " + labels + ": " + String.join("; ", problems)
          + ". Allowed: one or more distinct target labels that name a service, such as " + DEFAULT_SERVICE_LABELS
          + ", but not instance, probe, tracker, status, group, percentile, window, slo or notifier");
    }
  }
}
