package dev.vitals.lambda;

import static dev.vitals.lambda.LambdaMetrics.DURATION;
import static dev.vitals.lambda.LambdaMetrics.ERRORS;
import static dev.vitals.lambda.LambdaMetrics.FUNCTION_NAME;
import static dev.vitals.lambda.LambdaMetrics.INIT_DURATION;
import static dev.vitals.lambda.LambdaMetrics.INVOCATIONS;
import static dev.vitals.lambda.LambdaMetrics.PROBE;
import static dev.vitals.lambda.LambdaMetrics.PROBE_UP;

import dev.vitals.api.spi.AlertRuleSettings.Rule;
import dev.vitals.api.spi.Config;
import dev.vitals.lambda.CloudWatchDefinitions.Settings;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The alarms of {@link CloudWatchDefinitions#alarms}, as trees of maps and lists: each one the input of
 * {@code PutMetricAlarm} (and, with the same property names, the properties of an
 * {@code AWS::CloudWatch::Alarm}). Each rule's {@code for} becomes the number of one-minute periods that
 * must breach in a row (at least one). Missing data never breaches: a function without invocations, or
 * whose probes were not due, is not in trouble. Stateless.
 */
final class AlarmInputs {

  /** Every alarm's period, seconds. */
  static final int PERIOD = 60;

  private AlarmInputs() {}

  /** Per function, in order: latency, error-rate, cold-start, probe-down; a rule that does not apply has none. */
  static List<Map<String, Object>> all(Settings s, List<String> functions) {
    List<Map<String, Object>> out = new ArrayList<>();
    for (String f : functions) {
      if (s.latencyAlarm()) {
        out.add(latency(s, f));
      }
      if (s.errorRateAlarm()) {
        out.add(errorRate(s, f));
      }
      if (s.coldStartAlarm()) {
        out.add(coldStart(s, f));
      }
      if (s.probeDownAlarm()) {
        out.add(probeDown(s, f));
      }
    }
    return out;
  }

  /** p95 of Duration above the latency rule's factor times the tracker's target. */
  static Map<String, Object> latency(Settings s, String f) {
    Rule rule = s.rules.rule("latency");
    BigDecimal limit = s.latencyLimitMillis();
    Map<String, Object> a = head(f, "latency", "Vitals latency rule: p95 " + DURATION + " of " + f + " above "
        + plain(limit) + " ms (" + plain(BigDecimal.valueOf(rule.threshold())) + "x the "
        + plain(Settings.millis(s.budget.target())) + " ms target of tracker " + s.tracker + ")" + forText(rule)
        + ". Keys: vitals.alerts.latency.threshold, vitals.trackers." + s.tracker + ".budget.target.");
    single(a, s.namespace, DURATION, f);
    a.put("ExtendedStatistic", "p95");
    a.put("Period", PERIOD);
    tail(a, rule, limit, "GreaterThanThreshold");
    return a;
  }

  /** 100 x Errors / Invocations above the error-rate rule's threshold, in percent. */
  static Map<String, Object> errorRate(Settings s, String f) {
    Rule rule = s.rules.rule("error-rate");
    BigDecimal limit = s.errorRatePercent();
    Map<String, Object> a = head(f, "error-rate", "Vitals error-rate rule: errors of " + f + " above "
        + plain(limit) + " % of its invocations" + forText(rule) + ". Key: vitals.alerts.error-rate.threshold.");
    List<Object> metrics = new ArrayList<>();
    metrics.add(stat("errors", s.namespace, ERRORS, f, "Sum"));
    metrics.add(stat("invocations", s.namespace, INVOCATIONS, f, "Sum"));
    Map<String, Object> rate = new LinkedHashMap<>();
    rate.put("Id", "rate");
    rate.put("Expression", "100*errors/invocations");
    rate.put("Label", f + " error rate (%)");
    rate.put("ReturnData", true);
    metrics.add(rate);
    a.put("Metrics", metrics);
    tail(a, rule, limit, "GreaterThanThreshold");
    return a;
  }

  /** The maximum InitDuration above the cold-start rule's threshold. */
  static Map<String, Object> coldStart(Settings s, String f) {
    Rule rule = s.rules.rule("cold-start");
    BigDecimal limit = s.coldStartLimitMillis();
    Map<String, Object> a = head(f, "cold-start", "Vitals cold-start rule: a cold start of " + f + " ("
        + INIT_DURATION + ") above " + plain(limit) + " ms" + forText(rule) + ". Key: vitals.alerts.cold-start.threshold.");
    single(a, s.namespace, INIT_DURATION, f);
    a.put("Statistic", "Maximum");
    a.put("Period", PERIOD);
    tail(a, rule, limit, "GreaterThanThreshold");
    return a;
  }

  /**
   * The lowest ProbeUp of the function's probes below 1. ProbeUp has the dimensions [FunctionName, Probe]
   * and the probes are not known here (some are registered in code), and an alarm cannot use SEARCH, so
   * this is a Metrics Insights query, which takes in every probe the function reports, new ones too;
   * probes the rule excludes are left out of it.
   */
  static Map<String, Object> probeDown(Settings s, String f) {
    Rule rule = s.rules.rule("probe-down");
    Map<String, Object> a = head(f, "probe-down", "Vitals probe-down rule: a probe of " + f + " is DOWN or"
        + " UNKNOWN (" + PROBE_UP + " 0)" + forText(rule) + ". Keys: vitals.alerts.probe-down.enabled, .exclude.");
    Map<String, Object> query = new LinkedHashMap<>();
    query.put("Id", "probes");
    query.put("Expression", insightsQuery(s, f, rule));
    query.put("Period", PERIOD);
    query.put("Label", f + " lowest " + PROBE_UP);
    query.put("ReturnData", true);
    a.put("Metrics", List.of(query));
    tail(a, rule, BigDecimal.ONE, "LessThanThreshold");
    return a;
  }

  /**
   * {@code SELECT MIN(ProbeUp) FROM SCHEMA("Vitals", FunctionName, Probe) WHERE FunctionName = 'f'}, with
   * {@code AND Probe != 'name'} for each probe the rule excludes. Function and probe names hold only
   * letters, digits, '-' and '_', so they need no escape.
   */
  static String insightsQuery(Settings s, String f, Rule rule) {
    StringBuilder q = new StringBuilder("SELECT MIN(").append(PROBE_UP).append(") FROM SCHEMA(\"")
        .append(s.namespace).append("\", ").append(FUNCTION_NAME).append(", ").append(PROBE).append(") WHERE ")
        .append(FUNCTION_NAME).append(" = '").append(f).append('\'');
    for (String excluded : rule.exclude()) {
      if (dev.vitals.api.Names.isValid(excluded)) { // another name cannot be a probe's
        q.append(" AND ").append(PROBE).append(" != '").append(excluded).append('\'');
      }
    }
    return q.toString();
  }

  private static Map<String, Object> head(String f, String rule, String description) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("AlarmName", name(f, rule));
    a.put("AlarmDescription", description);
    return a;
  }

  /** The alarm's name: {@code vitals-<function>-<rule>}. */
  static String name(String function, String rule) {
    return "vitals-" + function + "-" + rule;
  }

  private static void single(Map<String, Object> a, String namespace, String metric, String f) {
    a.put("Namespace", namespace);
    a.put("MetricName", metric);
    a.put("Dimensions", List.of(dimension(f)));
  }

  private static void tail(Map<String, Object> a, Rule rule, BigDecimal threshold, String comparison) {
    int periods = periods(rule.forDuration());
    a.put("EvaluationPeriods", periods);
    a.put("DatapointsToAlarm", periods);
    a.put("Threshold", threshold);
    a.put("ComparisonOperator", comparison);
    a.put("TreatMissingData", "notBreaching");
  }

  /** The one-minute periods in a rule's {@code for}, at least one (1 day, the longest, is 1440). */
  static int periods(Duration forDuration) {
    long seconds = forDuration.toSeconds() + (forDuration.toNanosPart() > 0 ? 1 : 0);
    return (int) Math.max(1, (seconds + PERIOD - 1) / PERIOD);
  }

  private static Map<String, Object> stat(String id, String namespace, String metric, String f, String stat) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("Namespace", namespace);
    m.put("MetricName", metric);
    m.put("Dimensions", List.of(dimension(f)));
    Map<String, Object> ms = new LinkedHashMap<>();
    ms.put("Metric", m);
    ms.put("Period", PERIOD);
    ms.put("Stat", stat);
    Map<String, Object> q = new LinkedHashMap<>();
    q.put("Id", id);
    q.put("MetricStat", ms);
    q.put("ReturnData", false);
    return q;
  }

  private static Map<String, Object> dimension(String f) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("Name", FUNCTION_NAME);
    d.put("Value", f);
    return d;
  }

  private static String forText(Rule rule) {
    return rule.forDuration().isZero() ? "" : " for " + Config.formatDuration(rule.forDuration());
  }

  private static String plain(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }
}
