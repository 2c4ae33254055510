package dev.vitals.lambda;

import static dev.vitals.lambda.CloudWatchDefinitionsDashboardsTest.list;
import static dev.vitals.lambda.CloudWatchDefinitionsDashboardsTest.map;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.Config;
import dev.vitals.test.Json;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The alarms: put-metric-alarm inputs with the engine's rules and thresholds. */
class CloudWatchDefinitionsAlarmsTest {

  static final List<String> FUNCTIONS = List.of("orders-api", "billing_worker");

  /** Every member of PutMetricAlarm's input (AWS CLI --cli-input-json, and AWS::CloudWatch::Alarm). */
  static final Set<String> INPUT_KEYS = Set.of("AlarmName", "AlarmDescription", "ActionsEnabled", "OKActions",
      "AlarmActions", "InsufficientDataActions", "MetricName", "Namespace", "Statistic", "ExtendedStatistic",
      "Dimensions", "Period", "Unit", "EvaluationPeriods", "DatapointsToAlarm", "Threshold", "ComparisonOperator",
      "TreatMissingData", "EvaluateLowSampleCountPercentile", "Metrics", "Tags", "ThresholdMetricId");
  static final Set<String> COMPARISONS = Set.of("GreaterThanOrEqualToThreshold", "GreaterThanThreshold",
      "LessThanThreshold", "LessThanOrEqualToThreshold", "LessThanLowerOrGreaterThanUpperThreshold",
      "LessThanLowerThreshold", "GreaterThanUpperThreshold");
  static final Set<String> MISSING_DATA = Set.of("breaching", "notBreaching", "ignore", "missing");
  static final Set<String> STATISTICS = Set.of("SampleCount", "Average", "Sum", "Minimum", "Maximum");
  static final Pattern EXTENDED = Pattern.compile("p(\\d{1,2}(\\.\\d{1,2})?|100)");
  static final Pattern ID = Pattern.compile("[a-z][A-Za-z0-9_]*");

  static Map<String, Map<String, Object>> alarms(Map<String, String> settings) {
    Map<String, Map<String, Object>> byName = new LinkedHashMap<>();
    for (Object o : Json.parseArray(CloudWatchDefinitions.alarms(Config.of(settings), FUNCTIONS))) {
      Map<String, Object> a = map(o);
      assertThat(byName.put((String) a.get("AlarmName"), a)).as("alarm names are unique").isNull();
    }
    return byName;
  }

  @Test
  void fourAlarmsPerFunctionByDefault() {
    assertThat(alarms(Map.of()).keySet()).containsExactly(
        "vitals-orders-api-latency", "vitals-orders-api-error-rate", "vitals-orders-api-cold-start",
        "vitals-orders-api-probe-down",
        "vitals-billing_worker-latency", "vitals-billing_worker-error-rate", "vitals-billing_worker-cold-start",
        "vitals-billing_worker-probe-down");
  }

  @Test
  void everyAlarmHasWhatPutMetricAlarmRequiresWithAllowedValues() {
    Map<String, Map<String, Object>> all = alarms(Map.of("vitals.alerts.latency.for", "5m"));
    for (Map<String, Object> a : all.values()) {
      String name = (String) a.get("AlarmName");
      assertThat(INPUT_KEYS).as(name).containsAll(a.keySet());
      assertThat(name).hasSizeBetween(1, 255);
      assertThat((String) a.get("AlarmDescription")).hasSizeBetween(1, 1024);
      assertThat(a.get("Threshold")).isInstanceOf(BigDecimal.class);
      assertThat(a.get("ComparisonOperator")).isIn(COMPARISONS);
      assertThat(a.get("TreatMissingData")).isIn(MISSING_DATA);
      int periods = ((BigDecimal) a.get("EvaluationPeriods")).intValueExact();
      int toAlarm = ((BigDecimal) a.get("DatapointsToAlarm")).intValueExact();
      assertThat(periods).isPositive();
      assertThat(toAlarm).isBetween(1, periods);
      int period;
      if (a.containsKey("Metrics")) {
        assertThat(a).doesNotContainKeys("Namespace", "MetricName", "Dimensions", "Statistic", "ExtendedStatistic",
            "Period");
        List<Object> queries = list(a.get("Metrics"));
        assertThat(queries).isNotEmpty().hasSizeLessThanOrEqualTo(20);
        int returned = 0;
        int queryPeriod = 0;
        Set<String> ids = new LinkedHashSet<>();
        for (Object o : queries) {
          Map<String, Object> q = map(o);
          assertThat((String) q.get("Id")).matches(ID);
          assertThat(ids.add((String) q.get("Id"))).isTrue();
          assertThat(q.containsKey("MetricStat") ^ q.containsKey("Expression")).as("MetricStat or Expression").isTrue();
          if (Boolean.TRUE.equals(q.get("ReturnData"))) {
            returned++;
            assertThat(q).containsKey("Expression");
          }
          if (q.containsKey("MetricStat")) {
            Map<String, Object> ms = map(q.get("MetricStat"));
            assertThat(ms.get("Stat")).isIn(STATISTICS);
            queryPeriod = ((BigDecimal) ms.get("Period")).intValueExact();
            Map<String, Object> m = map(ms.get("Metric"));
            assertThat(m).containsKeys("Namespace", "MetricName", "Dimensions");
            assertThat(m.get("Namespace")).isEqualTo(LambdaMetrics.DEFAULT_NAMESPACE);
            assertThat(m.get("MetricName")).isIn(CloudWatchDefinitionsDashboardsTest.VITALS_METRICS);
          } else if (q.containsKey("Period")) {
            queryPeriod = ((BigDecimal) q.get("Period")).intValueExact();
          }
        }
        assertThat(returned).as(name + ": ReturnData only on the one expression the alarm watches").isEqualTo(1);
        period = queryPeriod;
      } else {
        assertThat(a).containsKeys("Namespace", "MetricName", "Dimensions", "Period");
        assertThat(a.get("Namespace")).isEqualTo(LambdaMetrics.DEFAULT_NAMESPACE);
        assertThat(a.get("MetricName")).isIn(CloudWatchDefinitionsDashboardsTest.VITALS_METRICS);
        assertThat(a.containsKey("Statistic") ^ a.containsKey("ExtendedStatistic")).as(name).isTrue();
        if (a.containsKey("Statistic")) {
          assertThat(a.get("Statistic")).isIn(STATISTICS);
        } else {
          assertThat((String) a.get("ExtendedStatistic")).matches(EXTENDED);
        }
        List<Object> dims = list(a.get("Dimensions"));
        assertThat(dims).hasSize(1);
        assertThat(map(dims.get(0))).containsEntry("Name", "FunctionName");
        String function = (String) map(dims.get(0)).get("Value");
        assertThat(function).isIn(FUNCTIONS);
        assertThat(name).startsWith("vitals-" + function + "-");
        period = ((BigDecimal) a.get("Period")).intValueExact();
      }
      assertThat(period).as(name + " period").isPositive();
      assertThat(period % 60).isZero();
      assertThat((long) period * periods).as(name + ": evaluation up to one day").isLessThanOrEqualTo(86_400);
    }
    assertThat(all.get("vitals-orders-api-latency")).containsEntry("EvaluationPeriods", new BigDecimal("5"));
  }

  @Test
  void latencyAlarmIsTheP95DurationAboveTwiceTheTrackersTargetByDefault() {
    Map<String, Object> a = alarms(Map.of()).get("vitals-orders-api-latency");
    assertThat(a).containsEntry("Namespace", "Vitals").containsEntry("MetricName", "Duration")
        .containsEntry("ExtendedStatistic", "p95").containsEntry("Period", new BigDecimal("60"))
        .containsEntry("Threshold", new BigDecimal("400")).containsEntry("ComparisonOperator", "GreaterThanThreshold")
        .containsEntry("EvaluationPeriods", new BigDecimal("1")).containsEntry("TreatMissingData", "notBreaching");
    assertThat(list(a.get("Dimensions"))).containsExactly(Map.of("Name", "FunctionName", "Value", "orders-api"));
  }

  @Test
  void errorRateAlarmIsAnExpressionAboveFivePercentByDefault() {
    Map<String, Object> a = alarms(Map.of()).get("vitals-billing_worker-error-rate");
    assertThat(a.get("Threshold")).isEqualTo(new BigDecimal("5"));
    assertThat(a.get("ComparisonOperator")).isEqualTo("GreaterThanThreshold");
    List<Object> q = list(a.get("Metrics"));
    assertThat(q).hasSize(3);
    assertThat(map(q.get(0))).containsEntry("Id", "errors").containsEntry("ReturnData", false);
    assertThat(map(map(map(q.get(0)).get("MetricStat")).get("Metric"))).containsEntry("MetricName", "Errors");
    assertThat(list(map(map(map(q.get(0)).get("MetricStat")).get("Metric")).get("Dimensions")))
        .containsExactly(Map.of("Name", "FunctionName", "Value", "billing_worker"));
    assertThat(map(q.get(1))).containsEntry("Id", "invocations").containsEntry("ReturnData", false);
    assertThat(map(map(map(q.get(1)).get("MetricStat")).get("Metric"))).containsEntry("MetricName", "Invocations");
    assertThat(map(q.get(2))).containsEntry("Expression", "100*errors/invocations").containsEntry("ReturnData", true);
  }

  @Test
  void coldStartAlarmIsTheMaximumInitDurationAbove500MsByDefault() {
    Map<String, Object> a = alarms(Map.of()).get("vitals-orders-api-cold-start");
    assertThat(a).containsEntry("MetricName", "InitDuration").containsEntry("Statistic", "Maximum")
        .containsEntry("Threshold", new BigDecimal("500")).containsEntry("ComparisonOperator", "GreaterThanThreshold");
  }

  @Test
  void probeDownAlarmIsAMetricsInsightsQueryOverEveryProbeOfTheFunction() {
    Map<String, Object> a = alarms(Map.of()).get("vitals-orders-api-probe-down");
    assertThat(a).containsEntry("Threshold", new BigDecimal("1")).containsEntry("ComparisonOperator", "LessThanThreshold");
    List<Object> q = list(a.get("Metrics"));
    assertThat(q).hasSize(1);
    assertThat(map(q.get(0))).containsEntry("Expression",
        "SELECT MIN(ProbeUp) FROM SCHEMA(\"Vitals\", FunctionName, Probe) WHERE FunctionName = 'orders-api'")
        .containsEntry("Period", new BigDecimal("60")).containsEntry("ReturnData", true);
    Map<String, Object> excluded = alarms(Map.of("vitals.alerts.probe-down.exclude", "cache, flaky-api",
        "vitals.lambda.namespace", "Acme/Orders")).get("vitals-orders-api-probe-down");
    assertThat(map(list(excluded.get("Metrics")).get(0)).get("Expression")).isEqualTo(
        "SELECT MIN(ProbeUp) FROM SCHEMA(\"Acme/Orders\", FunctionName, Probe) WHERE FunctionName = 'orders-api'"
            + " AND Probe != 'cache' AND Probe != 'flaky-api'");
  }

  @Test
  void thresholdsAndPeriodsFollowTheConfiguration() {
    Map<String, Map<String, Object>> all = alarms(Map.of(
        "vitals.alerts.latency.threshold", "1.5",
        "vitals.trackers.invocations.budget.target", "250ms",
        "vitals.alerts.latency.for", "3m",
        "vitals.alerts.error-rate.threshold", "0.123",
        "vitals.alerts.error-rate.for", "90s",
        "vitals.alerts.cold-start.threshold", "800",
        "vitals.lambda.namespace", "Orders"));
    assertThat(all.get("vitals-orders-api-latency")).containsEntry("Threshold", new BigDecimal("375"))
        .containsEntry("EvaluationPeriods", new BigDecimal("3")).containsEntry("DatapointsToAlarm", new BigDecimal("3"))
        .containsEntry("Namespace", "Orders");
    assertThat(all.get("vitals-orders-api-error-rate")).containsEntry("Threshold", new BigDecimal("12.3"))
        .containsEntry("EvaluationPeriods", new BigDecimal("2"));
    assertThat(all.get("vitals-orders-api-cold-start")).containsEntry("Threshold", new BigDecimal("800"))
        .containsEntry("Namespace", "Orders");
  }

  @Test
  void aDisabledRuleHasNoAlarmAndTheOthersStay() {
    for (String rule : List.of("latency", "error-rate", "cold-start", "probe-down")) {
      Set<String> names = alarms(Map.of("vitals.alerts." + rule + ".enabled", "false")).keySet();
      assertThat(names).as(rule).hasSize(6).noneMatch(n -> n.endsWith("-" + rule));
    }
  }

  @Test
  void aRuleExcludingWhatTheEngineJudgesHasNoAlarm() {
    // the engine judges latency and error rate on the tracker, the cold start on "service"
    Set<String> names = alarms(Map.of("vitals.alerts.latency.exclude", "invocations",
        "vitals.alerts.cold-start.exclude", "service")).keySet();
    assertThat(names).noneMatch(n -> n.endsWith("-latency") || n.endsWith("-cold-start")).hasSize(4);
    assertThat(alarms(Map.of("vitals.alerts.error-rate.exclude", "other-tracker")).keySet())
        .anyMatch(n -> n.endsWith("-error-rate"));
  }

  @Test
  void alarmNamesStayUniqueAndWithin255CharactersForTheLongestFunctionNames() {
    List<String> functions = new ArrayList<>();
    functions.add("a".repeat(64));
    functions.add("a".repeat(63) + "-");
    functions.add("a".repeat(63) + "_");
    Set<String> names = new LinkedHashSet<>();
    for (Object o : Json.parseArray(CloudWatchDefinitions.alarms(Config.of(Map.of()), functions))) {
      String n = (String) map(o).get("AlarmName");
      assertThat(n).hasSizeLessThanOrEqualTo(255);
      assertThat(names.add(n)).as(n).isTrue();
    }
    assertThat(names).hasSize(12);
  }
}
