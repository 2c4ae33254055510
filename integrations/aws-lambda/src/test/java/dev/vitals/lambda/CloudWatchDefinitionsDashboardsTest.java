package dev.vitals.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.test.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The dashboards: put-dashboard bodies whose widgets, metrics and threshold lines follow the configuration. */
class CloudWatchDefinitionsDashboardsTest {

  static final List<String> FUNCTIONS = List.of("orders-api", "billing_worker", "Thumbnailer2");

  /** Every metric {@code VitalsLambda} writes, by name. */
  static final Set<String> VITALS_METRICS = Set.of(LambdaMetrics.INVOCATIONS, LambdaMetrics.DURATION,
      LambdaMetrics.ERRORS, LambdaMetrics.COLD_START, LambdaMetrics.INIT_DURATION, LambdaMetrics.PROBE_TIME,
      LambdaMetrics.PROBE_UP, LambdaMetrics.PROBE_LATENCY, LambdaMetrics.PROBE_SCORE);
  static final Set<String> AWS_LAMBDA_METRICS = Set.of("Throttles", "ConcurrentExecutions");
  static final Set<String> STATISTICS = Set.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");
  static final Pattern PERCENTILE = Pattern.compile("p(\\d{1,2}(\\.\\d+)?|100)");
  static final Pattern METRIC_ID = Pattern.compile("[a-z][A-Za-z0-9_]*");
  static final Pattern DASHBOARD_NAME = Pattern.compile("[A-Za-z0-9_-]{1,255}");
  static final Pattern SEARCH = Pattern.compile(
      "SEARCH\\('\\{(\"[^\"]+\"|[A-Za-z0-9]+),FunctionName,Probe\\} FunctionName=\"([^\"]+)\" MetricName=\"([A-Za-z]+)\"', "
          + "'([A-Za-z0-9]+)', 60\\)");

  static Map<String, Object> dashboards(Map<String, String> settings) {
    return Json.parseObject(CloudWatchDefinitions.dashboards(Config.of(settings), FUNCTIONS, Map.of()));
  }

  @Test
  void oneOverviewOnePerformanceDashboardPerFunctionAndOneErrorsDashboard() {
    assertThat(dashboards(Map.of()).keySet()).containsExactly("vitals-overview", "vitals-performance-orders-api",
        "vitals-performance-billing_worker", "vitals-performance-Thumbnailer2", "vitals-errors");
    assertThat(dashboards(Map.of()).keySet()).allMatch(n -> DASHBOARD_NAME.matcher(n).matches());
  }

  @Test
  void everyWidgetHasTypePositionSizeAndPropertiesWithinTheGrid() {
    for (Map.Entry<String, Object> d : dashboards(Map.of()).entrySet()) {
      List<Map<String, Object>> widgets = widgets(d.getValue());
      assertThat(widgets).as(d.getKey()).isNotEmpty().hasSizeLessThanOrEqualTo(500);
      for (Map<String, Object> w : widgets) {
        assertThat(w).as(d.getKey()).containsKeys("type", "x", "y", "width", "height", "properties");
        assertThat(w.get("type")).isIn("metric", "text");
        int x = integer(w, "x");
        int y = integer(w, "y");
        int width = integer(w, "width");
        int height = integer(w, "height");
        assertThat(x).as(d.getKey() + " x").isBetween(0, 23);
        assertThat(y).isGreaterThanOrEqualTo(0);
        assertThat(width).isBetween(1, 24);
        assertThat(x + width).as(d.getKey() + ": widget past the 24th column").isLessThanOrEqualTo(24);
        assertThat(height).isBetween(1, 1000);
        assertThat(w.get("properties")).isInstanceOf(Map.class);
        if (w.get("type").equals("text")) {
          assertThat(map(w.get("properties")).get("markdown")).isInstanceOf(String.class);
        }
      }
    }
  }

  @Test
  void widgetsDoNotOverlap() {
    for (Map.Entry<String, Object> d : dashboards(Map.of()).entrySet()) {
      List<Map<String, Object>> ws = widgets(d.getValue());
      for (int i = 0; i < ws.size(); i++) {
        for (int j = i + 1; j < ws.size(); j++) {
          Map<String, Object> a = ws.get(i);
          Map<String, Object> b = ws.get(j);
          boolean overlap = integer(a, "x") < integer(b, "x") + integer(b, "width")
              && integer(b, "x") < integer(a, "x") + integer(a, "width")
              && integer(a, "y") < integer(b, "y") + integer(b, "height")
              && integer(b, "y") < integer(a, "y") + integer(a, "height");
          assertThat(overlap).as("%s: widgets %d and %d overlap", d.getKey(), i, j).isFalse();
        }
      }
    }
  }

  @Test
  void everyMetricIsOneVitalsWritesInTheConfiguredNamespaceOrAwsLambdasOwn() {
    String ns = "Acme Orders/Vitals#1:prod";
    Map<String, Object> all = dashboards(Map.of("vitals.lambda.namespace", ns));
    int metrics = 0;
    int searches = 0;
    for (Map.Entry<String, Object> d : all.entrySet()) {
      for (Map<String, Object> w : widgets(d.getValue())) {
        if (!w.get("type").equals("metric")) {
          continue;
        }
        Map<String, Object> p = map(w.get("properties"));
        assertThat(p).containsKeys("title", "view", "region", "period", "stat", "metrics");
        assertThat(p.get("view")).isEqualTo("timeSeries");
        assertThat(p.get("region")).isEqualTo("us-east-1");
        assertThat(integer(p, "period") % 60).isZero();
        assertStatistic((String) p.get("stat"));
        List<Object> entries = list(p.get("metrics"));
        assertThat(entries).isNotEmpty().hasSizeLessThanOrEqualTo(100);
        Set<String> ids = new LinkedHashSet<>();
        List<String> expressions = new ArrayList<>();
        for (Object o : entries) {
          List<Object> m = list(o);
          if (m.size() == 1) { // [{"expression": ..., "label": ..., "id": ...}]
            Map<String, Object> e = map(m.get(0));
            assertThat(e).containsKeys("expression", "label", "id");
            expressions.add((String) e.get("expression"));
            assertThat(ids.add((String) e.get("id"))).as("ids are unique in a widget").isTrue();
            continue;
          }
          metrics++;
          assertThat(m).hasSize(5);
          String namespace = (String) m.get(0);
          String name = (String) m.get(1);
          if (namespace.equals("AWS/Lambda")) {
            assertThat(name).isIn(AWS_LAMBDA_METRICS);
          } else {
            assertThat(namespace).as(d.getKey() + " " + p.get("title")).isEqualTo(ns);
            assertThat(name).isIn(VITALS_METRICS);
          }
          assertThat(m.get(2)).isEqualTo(LambdaMetrics.FUNCTION_NAME);
          assertThat(m.get(3)).isIn(FUNCTIONS);
          Map<String, Object> options = map(m.get(4));
          assertStatistic((String) options.get("stat"));
          if (options.containsKey("id")) {
            assertThat(ids.add((String) options.get("id"))).isTrue();
          }
        }
        assertThat(ids).allMatch(id -> METRIC_ID.matcher(id).matches());
        for (String e : expressions) {
          Matcher s = SEARCH.matcher(e);
          if (s.find()) {
            searches++;
            assertThat(s.group(1)).isEqualTo("\"" + ns + "\"");
            assertThat(s.group(2)).isIn(FUNCTIONS);
            assertThat(s.group(3)).isIn(LambdaMetrics.PROBE_UP, LambdaMetrics.PROBE_LATENCY);
            assertStatistic(s.group(4));
          } else {
            // metric math over the widget's own ids only
            for (String word : e.split("[^A-Za-z0-9_]+")) {
              if (!word.isEmpty() && !word.matches("\\d+")) {
                assertThat(ids).as("%s refers to %s", e, word).contains(word);
              }
            }
          }
        }
      }
    }
    assertThat(metrics).isGreaterThan(30);
    assertThat(searches).isEqualTo(3 * FUNCTIONS.size()); // probes up (overview, performance), probe latency
    assertThat(CloudWatchDefinitions.dashboards(Config.of(Map.of("vitals.lambda.namespace", ns)), FUNCTIONS, Map.of()))
        .doesNotContain("\"Vitals\"");
  }

  @Test
  void overviewShowsEveryFunctionsTrafficErrorsLatencyColdStartsProbesAndThrottles() {
    Map<String, Object> overview = map(dashboards(Map.of()).get("vitals-overview"));
    Set<String> seen = new LinkedHashSet<>();
    Map<String, Set<String>> probesUp = new HashMap<>();
    for (Map<String, Object> w : widgets(overview)) {
      if (!w.get("type").equals("metric")) {
        continue;
      }
      for (Object o : list(map(w.get("properties")).get("metrics"))) {
        List<Object> m = list(o);
        if (m.size() == 5) {
          seen.add(m.get(0) + " " + m.get(1) + " " + map(m.get(4)).get("stat") + " " + m.get(3));
        } else {
          String e = (String) map(m.get(0)).get("expression");
          Matcher s = SEARCH.matcher(e);
          assertThat(s.find()).isTrue();
          assertThat(e).startsWith("MIN(SEARCH(");
          probesUp.computeIfAbsent(s.group(3) + " " + s.group(4), k -> new LinkedHashSet<>()).add(s.group(2));
        }
      }
    }
    for (String f : FUNCTIONS) {
      assertThat(seen).contains("Vitals Invocations Sum " + f, "Vitals Errors Sum " + f, "Vitals Duration p95 " + f,
          "Vitals ColdStart Sum " + f, "Vitals InitDuration Maximum " + f, "AWS/Lambda Throttles Sum " + f,
          "AWS/Lambda ConcurrentExecutions Maximum " + f);
    }
    assertThat(probesUp).containsExactly(Map.entry("ProbeUp Minimum", new LinkedHashSet<>(FUNCTIONS)));
  }

  @Test
  void performanceDashboardShowsDurationPercentilesInitDurationProbeTimeAndLatencyPerProbe() {
    Map<String, Object> perf = map(dashboards(Map.of()).get("vitals-performance-orders-api"));
    Set<String> seen = new LinkedHashSet<>();
    for (Map<String, Object> w : widgets(perf)) {
      for (Object o : list(map(w.get("properties")).get("metrics"))) {
        List<Object> m = list(o);
        seen.add(m.size() == 5 ? m.get(1) + " " + map(m.get(4)).get("stat") + " " + m.get(3)
            : (String) map(m.get(0)).get("expression"));
      }
    }
    assertThat(seen).contains("Duration p50 orders-api", "Duration p95 orders-api", "Duration p99 orders-api",
        "InitDuration Maximum orders-api", "InitDuration p95 orders-api", "ProbeTime p95 orders-api",
        "SEARCH('{Vitals,FunctionName,Probe} FunctionName=\"orders-api\" MetricName=\"ProbeLatency\"', 'Average', 60)");
    assertThat(seen).allMatch(s -> s.contains("orders-api"));
  }

  @Test
  void thresholdLinesCarryTheDefaultBudgetsAndAlarmThresholds() {
    Map<String, Object> all = dashboards(Map.of());
    assertThat(lines(all, "vitals-performance-orders-api", "duration")).containsExactly(200.0, 500.0, 400.0);
    assertThat(lines(all, "vitals-performance-orders-api", "init duration")).containsExactly(150.0, 300.0, 500.0);
    assertThat(lines(all, "vitals-overview", "Init duration")).containsExactly(150.0, 300.0, 500.0);
    assertThat(lines(all, "vitals-overview", "Duration p95")).containsExactly(200.0, 400.0);
    assertThat(lines(all, "vitals-errors", "orders-api: error rate")).containsExactly(5.0);
  }

  @Test
  void thresholdLinesMoveWithTheConfiguration() {
    Map<String, Object> all = dashboards(Map.of(
        "vitals.lambda.tracker", "handler",
        "vitals.trackers.handler.budget.target", "300ms",
        "vitals.trackers.handler.budget.acceptable", "900ms",
        "vitals.trackers.invocations.budget.target", "5ms", // another tracker's: not read
        "vitals.alerts.latency.threshold", "2.5",
        "vitals.lambda.cold-start.target", "100ms",
        "vitals.lambda.cold-start.acceptable", "1s",
        "vitals.alerts.cold-start.threshold", "800",
        "vitals.alerts.error-rate.threshold", "0.025"));
    assertThat(lines(all, "vitals-performance-billing_worker", "duration")).containsExactly(300.0, 900.0, 750.0);
    assertThat(lines(all, "vitals-performance-billing_worker", "init duration")).containsExactly(100.0, 1000.0, 800.0);
    assertThat(lines(all, "vitals-errors", "billing_worker: error rate")).containsExactly(2.5);
  }

  @Test
  void aTargetAloneKeepsTheDefaultRatioAsTheEngineDoes() {
    Map<String, Object> all = dashboards(Map.of("vitals.trackers.invocations.budget.target", "800ms"));
    assertThat(lines(all, "vitals-performance-orders-api", "duration")).containsExactly(800.0, 2000.0, 1600.0);
  }

  @Test
  void aDisabledRuleDrawsNoAlarmLine() {
    Map<String, Object> all = dashboards(Map.of("vitals.alerts.latency.enabled", "false",
        "vitals.alerts.cold-start.enabled", "false", "vitals.alerts.error-rate.enabled", "false"));
    assertThat(lines(all, "vitals-performance-orders-api", "duration")).containsExactly(200.0, 500.0);
    assertThat(lines(all, "vitals-performance-orders-api", "init duration")).containsExactly(150.0, 300.0);
    assertThat(lines(all, "vitals-errors", "orders-api: error rate")).isEmpty();
  }

  @Test
  void errorRateIsOneHundredTimesErrorsOverInvocationsPerFunction() {
    Map<String, Object> errors = map(dashboards(Map.of()).get("vitals-errors"));
    for (String f : FUNCTIONS) {
      Map<String, Object> p = widget(errors, f + ": error rate");
      List<Object> metrics = list(p.get("metrics"));
      assertThat(metrics).hasSize(3);
      assertThat(list(metrics.get(0)).subList(0, 4)).containsExactly("Vitals", "Errors", "FunctionName", f);
      assertThat(map(list(metrics.get(0)).get(4))).containsEntry("id", "errors").containsEntry("visible", false)
          .containsEntry("stat", "Sum");
      assertThat(list(metrics.get(1)).subList(0, 4)).containsExactly("Vitals", "Invocations", "FunctionName", f);
      assertThat(map(list(metrics.get(1)).get(4))).containsEntry("id", "invocations").containsEntry("stat", "Sum");
      assertThat(map(list(metrics.get(2)).get(0))).containsEntry("expression", "100*errors/invocations");
    }
  }

  @Test
  void regionComesFromTheKeyElseAwsRegionElseUsEast1() {
    Config none = Config.of(Map.of());
    Config set = Config.of(Map.of("vitals.lambda.region", "eu-west-1"));
    assertThat(regions(CloudWatchDefinitions.dashboards(set, FUNCTIONS, Map.of("AWS_REGION", "ap-south-1"))))
        .containsOnly("eu-west-1");
    assertThat(regions(CloudWatchDefinitions.dashboards(none, FUNCTIONS, Map.of("AWS_REGION", "ap-south-1"))))
        .containsOnly("ap-south-1");
    assertThat(regions(CloudWatchDefinitions.dashboards(none, FUNCTIONS, Map.of()))).containsOnly("us-east-1");
  }

  @Test
  void badValuesAreRefusedNamingEveryKey() {
    assertThatThrownBy(() -> CloudWatchDefinitions.dashboards(Config.of(Map.of(
        "vitals.lambda.namespace", "AWS/Lambda",
        "vitals.lambda.region", "Mars 1",
        "vitals.trackers.invocations.budget.target", "fast",
        "vitals.lambda.cold-start.target", "2s",
        "vitals.lambda.cold-start.acceptable", "1s",
        "vitals.alerts.latency.threshold", "0.5")), FUNCTIONS, Map.of()))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(5).anySatisfy(p ->
            assertThat(p).startsWith("vitals.lambda.namespace = 'AWS/Lambda'").contains("AWS/"))
            .anySatisfy(p -> assertThat(p).startsWith("vitals.lambda.region = 'Mars 1'"))
            .anySatisfy(p -> assertThat(p).startsWith("vitals.trackers.invocations.budget.target = 'fast'")
                .contains("1ms to 1h"))
            .anySatisfy(p -> assertThat(p).startsWith("vitals.lambda.cold-start.target = '2s'")
                .contains("at most vitals.lambda.cold-start.acceptable (1s)"))
            .anySatisfy(p -> assertThat(p).startsWith("vitals.alerts.latency.threshold = '0.5'")));
    assertThatThrownBy(() -> CloudWatchDefinitions.dashboards(Config.of(Map.of("vitals.lambda.namespace", "a\"b")),
        FUNCTIONS, Map.of())).isInstanceOf(ConfigException.class).hasMessageContaining("vitals.lambda.namespace");
  }

  @Test
  void functionNamesAreLambdaNamesCheckedOnceAndRepeatsCountOnce() {
    assertThatThrownBy(() -> CloudWatchDefinitions.dashboards(Config.of(Map.of()), List.of("ok", "bad\"name")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("function: function name 'bad\"name' is not allowed: expected " + CloudWatchDefinitions.FUNCTION_RULE);
    assertThatThrownBy(() -> CloudWatchDefinitions.alarms(Config.of(Map.of()), List.of()))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no function");
    assertThatThrownBy(() -> CloudWatchDefinitions.alarms(Config.of(Map.of()), List.of("x".repeat(65))))
        .isInstanceOf(IllegalArgumentException.class);
    List<String> many = new ArrayList<>();
    for (int i = 0; i <= CloudWatchDefinitions.MAX_FUNCTIONS; i++) {
      many.add("f" + i);
    }
    assertThatThrownBy(() -> CloudWatchDefinitions.alarms(Config.of(Map.of()), many))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at most 100");
    Map<String, Object> once = Json.parseObject(
        CloudWatchDefinitions.dashboards(Config.of(Map.of()), List.of("a", "b", "a"), Map.of()));
    assertThat(once.keySet()).containsExactly("vitals-overview", "vitals-performance-a", "vitals-performance-b",
        "vitals-errors");
  }

  // ---- helpers ----

  /** The values of the horizontal lines of the first widget of a dashboard whose title contains a text. */
  static List<Double> lines(Map<String, Object> all, String dashboard, String title) {
    Map<String, Object> p = widget(map(all.get(dashboard)), title);
    List<Double> values = new ArrayList<>();
    if (p.containsKey("annotations")) {
      for (Object a : list(map(p.get("annotations")).get("horizontal"))) {
        Map<String, Object> line = map(a);
        assertThat((String) line.get("label")).isNotBlank();
        values.add(((BigDecimal) line.get("value")).doubleValue());
      }
    }
    return values;
  }

  static Map<String, Object> widget(Map<String, Object> dashboard, String title) {
    for (Map<String, Object> w : widgets(dashboard)) {
      Map<String, Object> p = map(w.get("properties"));
      if (p.get("title") instanceof String && ((String) p.get("title")).contains(title)) {
        return p;
      }
    }
    throw new AssertionError("no widget titled '" + title + "'");
  }

  static Set<Object> regions(String json) {
    Set<Object> regions = new LinkedHashSet<>();
    for (Object d : Json.parseObject(json).values()) {
      for (Map<String, Object> w : widgets(d)) {
        if (w.get("type").equals("metric")) {
          regions.add(map(w.get("properties")).get("region"));
        }
      }
    }
    return regions;
  }

  static void assertStatistic(String stat) {
    assertThat(STATISTICS.contains(stat) || PERCENTILE.matcher(stat).matches()).as("statistic '%s'", stat).isTrue();
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> widgets(Object dashboard) {
    Object w = map(dashboard).get("widgets");
    assertThat(w).as("a dashboard body has widgets").isInstanceOf(List.class);
    return (List<Map<String, Object>>) w;
  }

  static int integer(Map<String, Object> m, String key) {
    Object v = m.get(key);
    assertThat(v).as(key).isInstanceOf(BigDecimal.class);
    return ((BigDecimal) v).intValueExact();
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object o) {
    assertThat(o).isInstanceOf(Map.class);
    return (Map<String, Object>) o;
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object o) {
    assertThat(o).isInstanceOf(List.class);
    return (List<Object>) o;
  }
}
