package dev.vitals.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.entry;
import static org.assertj.core.api.Assertions.fail;

import dev.vitals.api.HealthReport;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.DumperOptions;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@link VitalsPrometheus#alertRules}: the expressions for a report with probes, trackers and
 * objectives, the {@code vitals.alerts.*} settings, {@code promtool check rules}, and
 * {@code promtool test rules} evaluating the rules over the series of a real exposition.
 */
class AlertRulesTest {

  @TempDir
  Path dir;

  private static String rules(Map<String, String> settings) {
    return VitalsPrometheus.alertRules(Fixtures.withSlosAndNotifiers(), Config.of(settings));
  }

  /** The rules of the file's only group. */
  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> parse(String file) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Map<String, Object> root = (Map<String, Object>) new Yaml(new SafeConstructor(options)).load(file);
    List<Map<String, Object>> groups = (List<Map<String, Object>>) root.get("groups");
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).get("name")).isEqualTo("vitals");
    return (List<Map<String, Object>>) groups.get(0).get("rules");
  }

  /** The one rule with an expression. */
  private static Map<String, Object> rule(List<Map<String, Object>> rules, String expr) {
    List<Map<String, Object>> found = rules.stream().filter(r -> expr.equals(r.get("expr"))).toList();
    assertThat(found).as("a rule with expr %s among %s", expr, rules.stream().map(r -> r.get("expr")).toList())
        .hasSize(1);
    return found.get(0);
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> labels(Map<String, Object> rule) {
    return (Map<String, Object>) rule.get("labels");
  }

  @SuppressWarnings("unchecked")
  private static String summary(Map<String, Object> rule) {
    return (String) ((Map<String, Object>) rule.get("annotations")).get("summary");
  }

  private static Set<Object> exprs(List<Map<String, Object>> rules) {
    Set<Object> out = new TreeSet<>();
    rules.forEach(r -> out.add(r.get("expr")));
    return out;
  }

  @Test
  void defaultsGiveTheGuidesRulesOverTheExportedMetrics() {
    List<Map<String, Object>> rules = parse(rules(Map.of()));

    assertThat(exprs(rules)).containsExactlyInAnyOrder(
        "vitals_probe_status{status=\"down\",probe=~\"db\"} == 1",
        "vitals_probe_status{status=\"down\",probe!~\"db\"} == 1",
        "vitals_probe_latency_seconds{probe=\"db\",percentile=\"p95\"} > 0.1",
        "vitals_probe_latency_seconds{probe=\"cache\",percentile=\"p95\"} > 0.1",
        "vitals_tracker_latency_seconds{tracker=\"api\",percentile=\"p95\"} > 0.4",
        "vitals_tracker_latency_seconds{tracker=\"checkout\",percentile=\"p95\"} > 0.4",
        "vitals_probe_error_ratio > 0.05",
        "vitals_tracker_error_ratio > 0.05",
        "vitals_probe_availability_ratio{window=\"1h\"} < 0.99",
        "vitals_cold_start_seconds > 0.5",
        "vitals_probe_regression == 1",
        "vitals_tracker_regression == 1",
        critical("checkout-fast"), warning("checkout-fast"), critical("api-ok"), warning("api-ok"));
  }

  private static String critical(String slo) {
    return "(vitals_slo_burn_rate{slo=\"" + slo + "\",window=\"1h\"} > 14.4 and ignoring (window) "
        + "vitals_slo_burn_rate{slo=\"" + slo + "\",window=\"5m\"} > 14.4) or "
        + "(vitals_slo_burn_rate{slo=\"" + slo + "\",window=\"6h\"} > 6 and ignoring (window) "
        + "vitals_slo_burn_rate{slo=\"" + slo + "\",window=\"30m\"} > 6)";
  }

  private static String warning(String slo) {
    return "(vitals_slo_burn_rate{slo=\"" + slo + "\",window=\"24h\"} > 3 and ignoring (window) "
        + "vitals_slo_burn_rate{slo=\"" + slo + "\",window=\"2h\"} > 3) or "
        + "(vitals_slo_burn_rate{slo=\"" + slo + "\",window=\"3d\"} > 1 and ignoring (window) "
        + "vitals_slo_burn_rate{slo=\"" + slo + "\",window=\"6h\"} > 1)";
  }

  @Test
  void everyRuleHasSeverityRuleSubjectAndASummary() {
    List<Map<String, Object>> rules = parse(rules(Map.of()));

    for (Map<String, Object> r : rules) {
      assertThat(labels(r)).as("labels of %s", r.get("expr")).containsOnlyKeys("severity", "rule", "subject");
      assertThat(labels(r).get("severity")).isIn("critical", "warning");
      assertThat(summary(r)).as("summary of %s", r.get("expr")).isNotBlank();
      assertThat(r.get("alert")).asString().matches("Vitals[A-Za-z]+");
    }
    Map<String, Object> critical = rule(rules, "vitals_probe_status{status=\"down\",probe=~\"db\"} == 1");
    assertThat(labels(critical)).containsEntry("severity", "critical").containsEntry("rule", "probe-down")
        .containsEntry("subject", "{{ $labels.probe }}");
    assertThat(critical).containsEntry("alert", "VitalsProbeDown").doesNotContainKey("for");
    assertThat(labels(rule(rules, "vitals_probe_status{status=\"down\",probe!~\"db\"} == 1")))
        .as("cache is not critical: a warning, as every probe unknown to the report")
        .containsEntry("severity", "warning");
    Map<String, Object> latency = rule(rules, "vitals_probe_latency_seconds{probe=\"db\",percentile=\"p95\"} > 0.1");
    assertThat(latency).containsEntry("for", "1m").containsEntry("alert", "VitalsLatency");
    assertThat(labels(latency)).containsEntry("rule", "latency").containsEntry("severity", "warning")
        .containsEntry("subject", "db");
    assertThat(summary(latency)).isEqualTo(
        "{{ $labels.probe }} p95 {{ $value | humanizeDuration }} is above 2x its 50 ms target (100 ms)");
    assertThat(summary(rule(rules, "vitals_tracker_error_ratio > 0.05")))
        .contains("{{ $value | humanizePercentage }}").contains("above 5 %");
    Map<String, Object> cold = rule(rules, "vitals_cold_start_seconds > 0.5");
    assertThat(labels(cold)).containsEntry("subject", "service").containsEntry("rule", "cold-start");
    assertThat(summary(cold)).isEqualTo("cold start took {{ $value | humanizeDuration }}, above 500 ms");
    Map<String, Object> page = rule(rules, critical("checkout-fast"));
    assertThat(labels(page)).containsEntry("severity", "critical").containsEntry("rule", "slo-burn")
        .containsEntry("subject", "checkout-fast");
    assertThat(summary(page)).isEqualTo("{{ $labels.slo }} burns its error budget {{ $value | humanize }} times as "
        + "fast as allowed over {{ $labels.window }} (critical above 14.4 over 1h and 5m, or 6 over 6h and 30m)");
    assertThat(labels(rule(rules, warning("api-ok")))).containsEntry("severity", "warning")
        .containsEntry("subject", "api-ok");
  }

  @Test
  void enabledExcludeThresholdAndForAreHonoured() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("vitals.alerts.error-rate.enabled", "false");
    settings.put("vitals.alerts.probe-down.exclude", "db");
    settings.put("vitals.alerts.probe-down.for", "30s");
    settings.put("vitals.alerts.latency.threshold", "2.5");
    settings.put("vitals.alerts.latency.for", "90s");
    settings.put("vitals.alerts.latency.exclude", "cache, api");
    settings.put("vitals.alerts.availability.threshold", "0.995");
    settings.put("vitals.alerts.availability.exclude", "cache,checkout");
    settings.put("vitals.alerts.availability.for", "0s");
    settings.put("vitals.alerts.cold-start.threshold", "250");
    settings.put("vitals.alerts.cold-start.for", "2h");
    settings.put("vitals.alerts.regression.exclude", "service.v2|x");
    settings.put("vitals.alerts.slo-burn.exclude", "api-ok");
    settings.put("vitals.alerts.slo-burn.for", "2m");
    settings.put("vitals.alerts.repeat-interval", "1h");
    List<Map<String, Object>> rules = parse(rules(settings));

    assertThat(exprs(rules)).noneMatch(e -> e.toString().contains("error_ratio"))
        .noneMatch(e -> e.toString().contains("\"cache\"") || e.toString().contains("\"api\""))
        .noneMatch(e -> e.toString().contains("api-ok"));
    Map<String, Object> down = rule(rules, "vitals_probe_status{status=\"down\",probe!~\"db\"} == 1");
    assertThat(down).containsEntry("for", "30s");
    assertThat(labels(down)).containsEntry("severity", "warning");
    assertThat(exprs(rules)).as("db, the critical probe, is excluded").doesNotContain(
        "vitals_probe_status{status=\"down\",probe=~\"db\"} == 1");
    Map<String, Object> latency = rule(rules, "vitals_probe_latency_seconds{probe=\"db\",percentile=\"p95\"} > 0.125");
    assertThat(latency).containsEntry("for", "1m30s");
    assertThat(summary(latency)).contains("above 2.5x its 50 ms target (125 ms)");
    assertThat(rule(rules, "vitals_tracker_latency_seconds{tracker=\"checkout\",percentile=\"p95\"} > 0.5"))
        .containsEntry("for", "1m30s");
    assertThat(rule(rules, "vitals_probe_availability_ratio{window=\"1h\",probe!~\"cache|checkout\"} < 0.995"))
        .doesNotContainKey("for");
    assertThat(summary(rule(rules,
        "vitals_probe_availability_ratio{window=\"1h\",probe!~\"cache|checkout\"} < 0.995"))).contains("99.5 %");
    assertThat(rules).as("no availability rule for trackers: their error rate judges the same failures")
        .noneMatch(r -> String.valueOf(r.get("expr")).contains("vitals_tracker_availability_ratio"));
    assertThat(rule(rules, "vitals_cold_start_seconds > 0.25")).containsEntry("for", "2h");
    rule(rules, "vitals_probe_regression{probe!~\"service\\\\.v2\\\\|x\"} == 1");
    assertThat(rule(rules, critical("checkout-fast"))).containsEntry("for", "2m");
    assertThat(rule(rules, warning("checkout-fast"))).containsEntry("for", "2m");
  }

  @Test
  void disabledRulesAndExcludedSubjectsLeaveNoRule() {
    Map<String, String> settings = new LinkedHashMap<>();
    for (String rule : List.of("probe-down", "latency", "error-rate", "availability", "regression", "slo-burn")) {
      settings.put("vitals.alerts." + rule + ".enabled", "false");
    }
    settings.put("vitals.alerts.cold-start.exclude", "service");

    String file = rules(settings);

    assertThat(parse(file)).isEmpty();
    assertThat(file).contains("rules: []");
  }

  @Test
  void badSettingsAreReportedTogetherNamingKeyValueAndWhatIsAllowed() {
    Map<String, String> settings = new LinkedHashMap<>();
    settings.put("vitals.alerts.latency.threshold", "0.5");
    settings.put("vitals.alerts.error-rate.threshold", "five");
    settings.put("vitals.alerts.probe-down.threshold", "1");
    settings.put("vitals.alerts.availability.for", "soon");
    settings.put("vitals.alerts.regression.enabled", "yes");
    settings.put("vitals.alerts.latency.treshold", "3");
    settings.put("vitals.alerts.paging.enabled", "true");

    assertThatThrownBy(() -> rules(settings)).isInstanceOfSatisfying(ConfigException.class, e ->
        assertThat(e.problems()).containsExactlyInAnyOrder(
            "vitals.alerts.latency.threshold = '0.5' is not allowed: expected a multiple of the budget's target "
                + "from 1 to 100, such as 2",
            "vitals.alerts.error-rate.threshold = 'five' is not allowed: expected a ratio from 0 to 1, such as 0.05",
            "vitals.alerts.probe-down.threshold = '1' is not allowed: expected no threshold (this rule has none)",
            "vitals.alerts.availability.for = 'soon' is not allowed: expected a duration such as 250ms, 10s, 5m, "
                + "1h or 7d, or 0s",
            "vitals.alerts.regression.enabled = 'yes' is not allowed: expected true or false",
            "vitals.alerts.latency.treshold is not a known key: expected one of [enabled, for, threshold, exclude]",
            "vitals.alerts.paging.enabled is not a known key: expected vitals.alerts.repeat-interval, "
                + "vitals.alerts.link or vitals.alerts.<rule>.{enabled,for,threshold,exclude} with a rule among "
                + "[probe-down, latency, error-rate, availability, cold-start, regression, slo-burn]"));
  }

  @Test
  void otherKeysOfTheConfigurationAreIgnored() {
    String file = rules(Map.of("vitals.http.port", "8080", "vitals.probes.db.url", "jdbc:h2:mem:x"));

    assertThat(file).isEqualTo(rules(Map.of()));
  }

  @Test
  void durationsAndNumbersUsePrometheusSyntax() {
    assertThat(AlertRuleFile.promDuration(java.time.Duration.ZERO)).isNull();
    assertThat(AlertRuleFile.promDuration(java.time.Duration.ofSeconds(90))).isEqualTo("1m30s");
    assertThat(AlertRuleFile.promDuration(java.time.Duration.ofDays(1).plusMillis(250))).isEqualTo("1d250ms");
    assertThat(AlertRuleFile.promDuration(java.time.Duration.ofNanos(1))).isEqualTo("1ms");
    assertThat(AlertRuleFile.number(new java.math.BigDecimal("100.000"))).isEqualTo("100");
    assertThat(AlertRuleFile.number(java.math.BigDecimal.valueOf(1.1).multiply(
        java.math.BigDecimal.valueOf(50_000_000)).movePointLeft(9))).isEqualTo("0.055");
  }

  @Test
  void generatedRulesPassPromtoolCheckRules() throws Exception {
    String promtool = Tools.require("promtool", "prometheus");
    Path file = Files.writeString(dir.resolve("vitals-rules.yml"), rules(Map.of()), StandardCharsets.UTF_8);

    Run r = run(promtool, "check", "rules", file.toString());

    assertThat(r.exitCode).as("promtool said:\n%s", r.output).isZero();
    assertThat(r.output).as("promtool said:\n%s", r.output)
        .contains("SUCCESS: " + parse(rules(Map.of())).size() + " rules found").doesNotContain("lint");
  }

  @Test
  void awkwardNamesStayInsideTheirStringsAndPassPromtool() throws Exception {
    String promtool = Tools.require("promtool", "prometheus");
    HealthReport report = Fixtures.awkwardNames("we\"ird", "back\\slash", "new\nline", "caf\u00e9", "it's",
        "{{ $labels.x }}", "a.b|c*");
    String file = VitalsPrometheus.alertRules(report, Config.of(Map.of(
        "vitals.alerts.error-rate.exclude", "a.b|c*,we\"ird")));
    Path path = Files.writeString(dir.resolve("awkward-rules.yml"), file, StandardCharsets.UTF_8);

    Run r = run(promtool, "check", "rules", path.toString());

    assertThat(r.exitCode).as("promtool said:\n%s\nfile:\n%s", r.output, file).isZero();
    List<Map<String, Object>> rules = parse(file);
    rule(rules, "vitals_probe_latency_seconds{probe=\"we\\\"ird\",percentile=\"p95\"} > 0.1");
    rule(rules, "vitals_probe_latency_seconds{probe=\"back\\\\slash\",percentile=\"p95\"} > 0.1");
    rule(rules, "vitals_probe_latency_seconds{probe=\"new\\nline\",percentile=\"p95\"} > 0.1");
    rule(rules, "vitals_probe_latency_seconds{probe=\"it's\",percentile=\"p95\"} > 0.1");
    rule(rules, "vitals_probe_latency_seconds{probe=\"{{ $labels.x }}\",percentile=\"p95\"} > 0.1");
    rule(rules, "vitals_probe_error_ratio{probe!~\"a\\\\.b\\\\|c\\\\*|we\\\"ird\"} > 0.05");
    assertThat(labels(rule(rules, "vitals_probe_latency_seconds{probe=\"{{ $labels.x }}\",percentile=\"p95\"} > 0.1")))
        .containsEntry("subject", "{{ \"{{\" }} $labels.x }}");

    // Prometheus renders the subjects as the names themselves
    Files.writeString(dir.resolve("vitals-rules.yml"), file, StandardCharsets.UTF_8);
    List<Map<String, Object>> series = new ArrayList<>();
    List<Map<String, Object>> expected = new ArrayList<>();
    for (String name : List.of("{{ $labels.x }}", "new\nline", "it's", "back\\slash")) {
      series.add(Map.of("series", "vitals_probe_latency_seconds{probe=" + AlertRuleFile.string(name)
          + ",percentile=\"p95\"}", "values", "2x5"));
      expected.add(alert(Map.of("probe", name, "percentile", "p95"), "warning", "latency", name,
          name + " p95 2s is above 2x its 50 ms target (100 ms)"));
    }
    Path unit = dir.resolve("awkward-test.yml");
    Files.writeString(unit, dump(Map.of("rule_files", List.of("vitals-rules.yml"), "evaluation_interval", "1m",
        "tests", List.of(Map.of("interval", "1m", "input_series", series, "alert_rule_test",
            List.of(at("2m", alerts("VitalsLatency", expected))))))));

    Run t = run(promtool, "test", "rules", unit.toString());

    assertThat(t.exitCode).as("promtool said:\n%s", t.output).isZero();
  }

  /**
   * {@code promtool test rules}: every series of the fixture's real exposition, held constant, with
   * the rules generated for it; at 0 s only the rules without {@code for} fire, after a minute the
   * others join, exactly the alerts the fixture's figures call for.
   */
  @Test
  void rulesFireOnTheSeriesOfARealExpositionAsTheFiguresSay() throws Exception {
    String promtool = Tools.require("promtool", "prometheus");
    HealthReport report = Fixtures.withSlosAndNotifiers();
    Files.writeString(dir.resolve("vitals-rules.yml"), VitalsPrometheus.alertRules(report, Config.of(Map.of())));
    List<Map<String, Object>> series = new ArrayList<>();
    for (Exposition.Sample s : Exposition.parse(PrometheusMetricsWriterTest.text(report)).samples) {
      if (Double.isNaN(s.value())) {
        continue;
      }
      StringBuilder selector = new StringBuilder(s.name()).append('{');
      s.labels().forEach((k, v) -> selector.append(selector.charAt(selector.length() - 1) == '{' ? "" : ",")
          .append(k).append('=').append(AlertRuleFile.string(v)));
      series.add(Map.of("series", selector.append('}').toString(), "values",
          AlertRuleFile.number(java.math.BigDecimal.valueOf(s.value())) + "x10"));
    }
    List<Map<String, Object>> atStart = List.of(
        alerts("VitalsProbeDown", alert(Map.of("probe", "db", "status", "down"), "critical", "probe-down", "db",
            "db is DOWN")),
        alerts("VitalsRegression",
            alert(Map.of("probe", "db"), "warning", "regression", "db", "db p95 is more than 20 % above its baseline"),
            alert(Map.of("tracker", "checkout"), "warning", "regression", "checkout",
                "checkout p95 is more than 20 % above its baseline")),
        alerts("VitalsSloBurnRate",
            alert(Map.of("slo", "checkout-fast", "window", "1h"), "critical", "slo-burn", "checkout-fast",
                "checkout-fast burns its error budget 15 times as fast as allowed over 1h (critical above 14.4 "
                    + "over 1h and 5m, or 6 over 6h and 30m)"),
            alert(Map.of("slo", "checkout-fast", "window", "6h"), "critical", "slo-burn", "checkout-fast",
                "checkout-fast burns its error budget 7 times as fast as allowed over 6h (critical above 14.4 "
                    + "over 1h and 5m, or 6 over 6h and 30m)")),
        alerts("VitalsLatency"),
        alerts("VitalsErrorRate"),
        alerts("VitalsAvailability"),
        alerts("VitalsColdStart"));
    List<Map<String, Object>> afterAMinute = List.of(
        alerts("VitalsLatency", alert(Map.of("probe", "db", "percentile", "p95"), "warning", "latency", "db",
            "db p95 250ms is above 2x its 50 ms target (100 ms)")),
        alerts("VitalsErrorRate", alert(Map.of("probe", "db"), "warning", "error-rate", "db",
            "db error rate 20% over 5m is above 5 %")),
        alerts("VitalsAvailability",
            alert(Map.of("probe", "db", "window", "1h"), "warning", "availability", "db",
                "db availability 75% over 1h is below 99 %"),
            alert(Map.of("probe", "cache", "window", "1h"), "warning", "availability", "cache",
                "cache availability 75% over 1h is below 99 %")),
        // api and checkout (trackers) at 98 % fire nothing: a tracker's error-rate rule judges those failures.
        alerts("VitalsColdStart"));
    List<Map<String, Object>> tests = new ArrayList<>();
    for (Map<String, Object> t : atStart) {
      tests.add(at("0m", t));
    }
    for (Map<String, Object> t : afterAMinute) {
      tests.add(at("2m", t));
    }
    Path unit = dir.resolve("vitals-rules-test.yml");
    Files.writeString(unit, dump(Map.of(
        "rule_files", List.of("vitals-rules.yml"),
        "evaluation_interval", "1m",
        "tests", List.of(Map.of("interval", "1m", "input_series", series, "alert_rule_test", tests)))));

    Run r = run(promtool, "test", "rules", unit.toString());

    assertThat(r.exitCode).as("promtool said:\n%s\nunit tests:\n%s", r.output, Files.readString(unit)).isZero();
    assertThat(r.output).contains("SUCCESS");
  }

  private static final String WRITES_FAILING = "increase(vitals_history_write_failures_total[10m]) > 0 unless "
      + "time() - vitals_history_last_write_timestamp_seconds < 600";
  private static final String RECORDS_DROPPED = "increase(vitals_history_dropped_records_total[1h]) > 0";

  @Test
  void aHistoryStoreAddsItsTwoRulesWhateverTheAlertSettings() {
    List<Map<String, Object>> without = parse(rules(Map.of()));
    List<Map<String, Object>> with = parse(VitalsPrometheus.alertRules(Fixtures.withHistory(), Config.of(Map.of())));
    Map<String, String> allOff = new LinkedHashMap<>();
    for (String rule : List.of("probe-down", "latency", "error-rate", "availability", "cold-start", "regression",
        "slo-burn")) {
      allOff.put("vitals.alerts." + rule + ".enabled", "false");
    }
    List<Map<String, Object>> onlyHistory =
        parse(VitalsPrometheus.alertRules(Fixtures.withFailingHistory(), Config.of(allOff)));

    assertThat(exprs(without)).noneMatch(e -> e.toString().contains("vitals_history"));
    assertThat(with).hasSize(without.size() + 2);
    assertThat(exprs(onlyHistory)).containsExactlyInAnyOrder(WRITES_FAILING, RECORDS_DROPPED);
    Map<String, Object> failing = rule(with, WRITES_FAILING);
    assertThat(failing).containsEntry("alert", "VitalsHistoryWritesFailing").doesNotContainKey("for");
    assertThat(labels(failing)).containsExactly(entry("severity", "warning"), entry("rule", "history-store"),
        entry("subject", "service"));
    assertThat(summary(failing)).isEqualTo("the history store failed {{ $value | humanize }} writes over the last "
        + "10m and wrote nothing in that time");
    Map<String, Object> dropped = rule(with, RECORDS_DROPPED);
    assertThat(dropped).containsEntry("alert", "VitalsHistoryRecordsDropped").doesNotContainKey("for");
    assertThat(labels(dropped)).containsEntry("severity", "warning").containsEntry("rule", "history-store");
    assertThat(VitalsPrometheus.alertRules(Fixtures.withHistory(), Config.of(Map.of())))
        .as("the store's description stays out of the rules").doesNotContain(Fixtures.STORE);
  }

  @Test
  void generatedRulesWithAHistoryStorePassPromtoolCheckRules() throws Exception {
    String promtool = Tools.require("promtool", "prometheus");
    String file = VitalsPrometheus.alertRules(Fixtures.withHistory(), Config.of(Map.of()));
    Path path = Files.writeString(dir.resolve("vitals-rules.yml"), file, StandardCharsets.UTF_8);

    Run r = run(promtool, "check", "rules", path.toString());

    assertThat(r.exitCode).as("promtool said:\n%s", r.output).isZero();
    assertThat(r.output).as("promtool said:\n%s", r.output)
        .contains("SUCCESS: " + parse(file).size() + " rules found").doesNotContain("lint");
  }

  /**
   * {@code promtool test rules} over four instances for 20 minutes: one whose writes fail from the start
   * after a first write (and that loses records from minute 5), one that never wrote, one whose writes
   * fail now and then but succeed every minute, and a healthy one. Only the first two fire
   * {@code VitalsHistoryWritesFailing}, and only once the last write is 10 minutes old; only the
   * first fires {@code VitalsHistoryRecordsDropped}.
   */
  @Test
  void historyRulesFireWhenWritesFailAndNoneSucceedsFor10Minutes() throws Exception {
    String promtool = Tools.require("promtool", "prometheus");
    Files.writeString(dir.resolve("vitals-rules.yml"),
        VitalsPrometheus.alertRules(Fixtures.withHistory(), Config.of(Map.of())));
    List<Map<String, Object>> series = List.of(
        series("vitals_history_write_failures_total", "failing", "0+1x20"),
        series("vitals_history_last_write_timestamp_seconds", "failing", "0x20"),
        series("vitals_history_dropped_records_total", "failing", "0x4 1+1x15"),
        series("vitals_history_write_failures_total", "never", "0+2x20"),
        series("vitals_history_dropped_records_total", "never", "0x20"),
        series("vitals_history_write_failures_total", "flaky", "0+1x20"),
        series("vitals_history_last_write_timestamp_seconds", "flaky", "0+60x20"),
        series("vitals_history_dropped_records_total", "flaky", "0x20"),
        series("vitals_history_write_failures_total", "healthy", "0x20"),
        series("vitals_history_last_write_timestamp_seconds", "healthy", "0+60x20"),
        series("vitals_history_dropped_records_total", "healthy", "0x20"));
    String failingSummary = "the history store failed %s writes over the last 10m and wrote nothing in that time";
    List<Map<String, Object>> tests = List.of(
        at("5m", alerts("VitalsHistoryWritesFailing", alert(Map.of("instance", "never"), "warning", "history-store",
            "service", String.format(failingSummary, "10")))),
        at("15m", alerts("VitalsHistoryWritesFailing",
            alert(Map.of("instance", "failing"), "warning", "history-store", "service",
                String.format(failingSummary, "10")),
            alert(Map.of("instance", "never"), "warning", "history-store", "service",
                String.format(failingSummary, "20")))),
        at("3m", alerts("VitalsHistoryRecordsDropped")),
        at("15m", alerts("VitalsHistoryRecordsDropped", alert(Map.of("instance", "failing"), "warning",
            "history-store", "service", "the history store dropped 11 minute records over the last 1h: it was "
                + "unavailable longer than the records kept in memory"))));
    Path unit = dir.resolve("history-rules-test.yml");
    Files.writeString(unit, dump(Map.of("rule_files", List.of("vitals-rules.yml"), "evaluation_interval", "1m",
        "tests", List.of(Map.of("interval", "1m", "input_series", series, "alert_rule_test", tests)))));

    Run r = run(promtool, "test", "rules", unit.toString());

    assertThat(r.exitCode).as("promtool said:\n%s\nunit tests:\n%s", r.output, Files.readString(unit)).isZero();
    assertThat(r.output).contains("SUCCESS");
  }

  private static Map<String, Object> series(String name, String instance, String values) {
    return Map.of("series", name + "{instance=\"" + instance + "\"}", "values", values);
  }

  private static Map<String, Object> at(String time, Map<String, Object> test) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("eval_time", time);
    m.putAll(test);
    return m;
  }

  @SafeVarargs
  private static Map<String, Object> alerts(String name, Map<String, Object>... expected) {
    return alerts(name, List.of(expected));
  }

  private static Map<String, Object> alerts(String name, List<Map<String, Object>> expected) {
    Map<String, Object> m = new LinkedHashMap<>();
    m.put("alertname", name);
    m.put("exp_alerts", expected);
    return m;
  }

  private static Map<String, Object> alert(Map<String, String> seriesLabels, String severity, String rule,
      String subject, String summary) {
    Map<String, String> labels = new LinkedHashMap<>(seriesLabels);
    labels.put("severity", severity);
    labels.put("rule", rule);
    labels.put("subject", subject);
    return Map.of("exp_labels", labels, "exp_annotations", Map.of("summary", summary));
  }

  private static String dump(Object value) {
    DumperOptions options = new DumperOptions();
    options.setDefaultFlowStyle(DumperOptions.FlowStyle.BLOCK);
    return new Yaml(options).dump(value);
  }

  private record Run(int exitCode, String output) {}

  private Run run(String... command) throws Exception {
    Path out = dir.resolve("tool-output.txt");
    Process p = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true)
        .redirectOutput(out.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish within 60 s");
    }
    return new Run(p.exitValue(), Files.readString(out));
  }
}
