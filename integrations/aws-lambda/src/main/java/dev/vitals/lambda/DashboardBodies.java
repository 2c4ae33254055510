package dev.vitals.lambda;

import static dev.vitals.lambda.LambdaMetrics.COLD_START;
import static dev.vitals.lambda.LambdaMetrics.DURATION;
import static dev.vitals.lambda.LambdaMetrics.ERRORS;
import static dev.vitals.lambda.LambdaMetrics.FUNCTION_NAME;
import static dev.vitals.lambda.LambdaMetrics.INIT_DURATION;
import static dev.vitals.lambda.LambdaMetrics.INVOCATIONS;
import static dev.vitals.lambda.LambdaMetrics.PROBE;
import static dev.vitals.lambda.LambdaMetrics.PROBE_LATENCY;
import static dev.vitals.lambda.LambdaMetrics.PROBE_TIME;
import static dev.vitals.lambda.LambdaMetrics.PROBE_UP;

import dev.vitals.lambda.CloudWatchDefinitions.Settings;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The dashboard bodies of {@link CloudWatchDefinitions#dashboards}, as trees of maps and lists: the
 * structure of CloudWatch's {@code DashboardBody} (widgets on a 24-column grid, each with type, x, y,
 * width, height and properties). Stateless.
 */
final class DashboardBodies {

  /** The grid's width in columns. */
  static final int COLUMNS = 24;
  /** Every graph's period, seconds: what the alarms judge too. */
  static final int PERIOD = 60;
  /** AWS Lambda's own namespace, for what the wrapper cannot see (throttles, concurrency). */
  static final String AWS_LAMBDA = "AWS/Lambda";
  /** AWS/Lambda's throttled invocations. */
  static final String THROTTLES = "Throttles";
  /** AWS/Lambda's concurrent executions. */
  static final String CONCURRENT_EXECUTIONS = "ConcurrentExecutions";

  static final String OVERVIEW = "vitals-overview";
  static final String PERFORMANCE = "vitals-performance-";
  static final String ERRORS_DASHBOARD = "vitals-errors";

  private static final String GREEN = "#2ca02c";
  private static final String ORANGE = "#ff7f0e";
  private static final String RED = "#d62728";

  private DashboardBodies() {}

  /** Every dashboard, by name. */
  static Map<String, Object> all(Settings s, List<String> functions) {
    Map<String, Object> out = new LinkedHashMap<>();
    out.put(OVERVIEW, overview(s, functions));
    for (String f : functions) {
      out.put(PERFORMANCE + f, performance(s, f));
    }
    out.put(ERRORS_DASHBOARD, errors(s, functions));
    return out;
  }

  /** Every function side by side: traffic, errors, latency, cold starts, probes, and AWS's throttles. */
  static Map<String, Object> overview(Settings s, List<String> functions) {
    Grid g = new Grid();
    g.text(COLUMNS, 2, "# Vitals: overview\nFunctions " + codes(functions) + ", namespace `" + s.namespace
        + "`. Per function: `" + PERFORMANCE + "<function>`; error rates: `" + ERRORS_DASHBOARD + "`.");
    List<Object> invocations = new ArrayList<>();
    List<Object> errors = new ArrayList<>();
    List<Object> p95 = new ArrayList<>();
    List<Object> coldStarts = new ArrayList<>();
    List<Object> init = new ArrayList<>();
    List<Object> probesUp = new ArrayList<>();
    List<Object> throttles = new ArrayList<>();
    List<Object> concurrency = new ArrayList<>();
    for (int i = 0; i < functions.size(); i++) {
      String f = functions.get(i);
      invocations.add(metric(s.namespace, INVOCATIONS, f, options("Sum", f)));
      errors.add(metric(s.namespace, ERRORS, f, options("Sum", f)));
      p95.add(metric(s.namespace, DURATION, f, options("p95", f)));
      coldStarts.add(metric(s.namespace, COLD_START, f, options("Sum", f)));
      init.add(metric(s.namespace, INIT_DURATION, f, options("Maximum", f)));
      probesUp.add(expression("MIN(" + search(s, f, PROBE_UP, "Minimum") + ")", f, "up" + i));
      throttles.add(metric(AWS_LAMBDA, THROTTLES, f, options("Sum", f)));
      concurrency.add(metric(AWS_LAMBDA, CONCURRENT_EXECUTIONS, f, options("Maximum", f)));
    }
    g.graph(8, 6, props(s, "Invocations", "Sum", invocations, "count", List.of()));
    g.graph(8, 6, props(s, "Errors (the handler threw)", "Sum", errors, "count", List.of()));
    List<Object> latencyLines = new ArrayList<>();
    latencyLines.add(line("target " + ms(s.budget.target()), Settings.millis(s.budget.target()), GREEN));
    if (s.latencyAlarm()) {
      latencyLines.add(line("latency alarm " + s.latencyLimitMillis().toPlainString() + " ms", s.latencyLimitMillis(), RED));
    }
    g.graph(8, 6, props(s, "Duration p95 (ms)", "p95", p95, "ms", latencyLines));
    g.graph(8, 6, props(s, "Cold starts", "Sum", coldStarts, "count", List.of()));
    g.graph(8, 6, props(s, "Init duration, max (ms)", "Maximum", init, "ms", coldStartLines(s)));
    Map<String, Object> up = props(s, "Probes up (lowest ProbeUp of each function's probes)", "Minimum", probesUp, "up",
        List.of());
    up.put("yAxis", Map.of("left", yAxis("up", BigDecimal.ONE)));
    g.graph(8, 6, up);
    g.graph(8, 6, props(s, "Throttles (AWS/Lambda)", "Sum", throttles, "count", List.of()));
    g.graph(8, 6, props(s, "Concurrent executions, max (AWS/Lambda)", "Maximum", concurrency, "count", List.of()));
    return g.body();
  }

  /** One function: duration and init duration against their budgets, probe time, each probe. */
  static Map<String, Object> performance(Settings s, String f) {
    Grid g = new Grid();
    List<Object> durationLines = new ArrayList<>();
    durationLines.add(line("target " + ms(s.budget.target()), Settings.millis(s.budget.target()), GREEN));
    durationLines.add(line("acceptable " + ms(s.budget.acceptable()), Settings.millis(s.budget.acceptable()), ORANGE));
    if (s.latencyAlarm()) {
      durationLines.add(line("latency alarm (p95) " + s.latencyLimitMillis().toPlainString() + " ms",
          s.latencyLimitMillis(), RED));
    }
    g.graph(12, 6, props(s, f + ": duration (ms)", "p95", List.of(
        metric(s.namespace, DURATION, f, options("p50", "p50")),
        metric(s.namespace, DURATION, f, options("p95", "p95")),
        metric(s.namespace, DURATION, f, options("p99", "p99"))), "ms", durationLines));
    g.graph(12, 6, props(s, f + ": init duration, cold starts only (ms)", "Maximum", List.of(
        metric(s.namespace, INIT_DURATION, f, options("Maximum", "max")),
        metric(s.namespace, INIT_DURATION, f, options("p95", "p95"))), "ms", coldStartLines(s)));
    g.graph(12, 6, props(s, f + ": invocations, errors, cold starts", "Sum", List.of(
        metric(s.namespace, INVOCATIONS, f, options("Sum", INVOCATIONS)),
        metric(s.namespace, ERRORS, f, options("Sum", ERRORS)),
        metric(s.namespace, COLD_START, f, options("Sum", "cold starts"))), "count", List.of()));
    g.graph(12, 6, props(s, f + ": time running probes before the handler, p95 (ms)", "p95", List.of(
        metric(s.namespace, PROBE_TIME, f, options("p95", "p95"))), "ms", List.of()));
    g.graph(12, 6, props(s, f + ": latency per probe (ms)", "Average", List.of(
        expression(search(s, f, PROBE_LATENCY, "Average"), "${PROP('Dim." + PROBE + "')}", "latency")), "ms",
        List.of()));
    Map<String, Object> up = props(s, f + ": probes up (1 up or degraded, 0 down)", "Minimum", List.of(
        expression(search(s, f, PROBE_UP, "Minimum"), "${PROP('Dim." + PROBE + "')}", "up")), "up", List.of());
    up.put("yAxis", Map.of("left", yAxis("up", BigDecimal.ONE)));
    g.graph(12, 6, up);
    return g.body();
  }

  /** Every function's error count, and its error rate against the error-rate rule's threshold. */
  static Map<String, Object> errors(Settings s, List<String> functions) {
    Grid g = new Grid();
    List<Object> counts = new ArrayList<>();
    for (String f : functions) {
      counts.add(metric(s.namespace, ERRORS, f, options("Sum", f)));
    }
    g.graph(COLUMNS, 6, props(s, "Errors (the handler threw)", "Sum", counts, "count", List.of()));
    for (String f : functions) {
      Map<String, Object> hiddenErrors = options("Sum", ERRORS);
      hiddenErrors.put("id", "errors");
      hiddenErrors.put("visible", false);
      Map<String, Object> hiddenInvocations = options("Sum", INVOCATIONS);
      hiddenInvocations.put("id", "invocations");
      hiddenInvocations.put("visible", false);
      List<Object> lines = new ArrayList<>();
      if (s.errorRateAlarm()) {
        lines.add(line("error-rate alarm " + s.errorRatePercent().toPlainString() + " %", s.errorRatePercent(), RED));
      }
      g.graph(12, 6, props(s, f + ": error rate (%)", "Sum", List.of(
          metric(s.namespace, ERRORS, f, hiddenErrors),
          metric(s.namespace, INVOCATIONS, f, hiddenInvocations),
          expression("100*errors/invocations", f + " error rate (%)", "rate")), "%", lines));
    }
    return g.body();
  }

  private static List<Object> coldStartLines(Settings s) {
    List<Object> lines = new ArrayList<>();
    lines.add(line("cold-start target " + ms(s.coldStart.target()), Settings.millis(s.coldStart.target()), GREEN));
    lines.add(line("cold-start acceptable " + ms(s.coldStart.acceptable()), Settings.millis(s.coldStart.acceptable()),
        ORANGE));
    if (s.coldStartAlarm()) {
      lines.add(line("cold-start alarm " + s.coldStartLimitMillis().toPlainString() + " ms", s.coldStartLimitMillis(),
          RED));
    }
    return lines;
  }

  /**
   * A SEARCH expression over the {@code [FunctionName, Probe]} metrics of one function, one series per
   * probe: {@code SEARCH('{Vitals,FunctionName,Probe} FunctionName="f" MetricName="ProbeLatency"', 'Average', 60)}.
   */
  static String search(Settings s, String function, String metric, String stat) {
    return "SEARCH('{" + s.namespaceInQuery() + "," + FUNCTION_NAME + "," + PROBE + "} " + FUNCTION_NAME + "=\""
        + function + "\" MetricName=\"" + metric + "\"', '" + stat + "', " + PERIOD + ")";
  }

  /** {@code [namespace, metric, "FunctionName", function, options]}. */
  private static List<Object> metric(String namespace, String name, String function, Map<String, Object> options) {
    return List.of(namespace, name, FUNCTION_NAME, function, options);
  }

  private static Map<String, Object> options(String stat, String label) {
    Map<String, Object> o = new LinkedHashMap<>();
    o.put("stat", stat);
    o.put("label", label);
    return o;
  }

  /** {@code [{"expression": ..., "label": ..., "id": ...}]}. */
  private static List<Object> expression(String expression, String label, String id) {
    Map<String, Object> e = new LinkedHashMap<>();
    e.put("expression", expression);
    e.put("label", label);
    e.put("id", id);
    return List.of(e);
  }

  private static Map<String, Object> props(Settings s, String title, String stat, List<Object> metrics, String unit,
      List<Object> horizontal) {
    Map<String, Object> p = new LinkedHashMap<>();
    p.put("title", title);
    p.put("view", "timeSeries");
    p.put("stacked", false);
    p.put("region", s.region);
    p.put("stat", stat);
    p.put("period", PERIOD);
    p.put("metrics", metrics);
    p.put("yAxis", Map.of("left", yAxis(unit, null)));
    if (!horizontal.isEmpty()) {
      p.put("annotations", Map.of("horizontal", horizontal));
    }
    return p;
  }

  private static Map<String, Object> yAxis(String label, BigDecimal max) {
    Map<String, Object> y = new LinkedHashMap<>();
    y.put("min", 0);
    if (max != null) {
      y.put("max", max);
    }
    y.put("label", label);
    y.put("showUnits", false);
    return y;
  }

  private static Map<String, Object> line(String label, BigDecimal value, String color) {
    Map<String, Object> a = new LinkedHashMap<>();
    a.put("label", label);
    a.put("value", value);
    a.put("color", color);
    return a;
  }

  private static String ms(java.time.Duration d) {
    return Settings.millis(d).toPlainString() + " ms";
  }

  private static String codes(List<String> names) {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      sb.append(sb.length() == 0 ? "" : ", ").append('`').append(n).append('`');
    }
    return sb.toString();
  }

  /** Widgets placed left to right, a new row when the next does not fit in 24 columns. */
  private static final class Grid {
    private final List<Object> widgets = new ArrayList<>();
    private int x;
    private int y;
    private int rowHeight;

    void graph(int width, int height, Map<String, Object> properties) {
      add("metric", width, height, properties);
    }

    void text(int width, int height, String markdown) {
      add("text", width, height, Map.of("markdown", markdown));
    }

    private void add(String type, int width, int height, Map<String, Object> properties) {
      if (x + width > COLUMNS) {
        x = 0;
        y += rowHeight;
        rowHeight = 0;
      }
      Map<String, Object> w = new LinkedHashMap<>();
      w.put("type", type);
      w.put("x", x);
      w.put("y", y);
      w.put("width", width);
      w.put("height", height);
      w.put("properties", properties);
      widgets.add(w);
      x += width;
      rowHeight = Math.max(rowHeight, height);
    }

    Map<String, Object> body() {
      Map<String, Object> b = new LinkedHashMap<>();
      b.put("start", "-PT3H");
      b.put("widgets", widgets);
      return b;
    }
  }
}
