package dev.vitals.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.fail;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.yaml.snakeyaml.LoaderOptions;
import org.yaml.snakeyaml.Yaml;
import org.yaml.snakeyaml.constructor.SafeConstructor;

/**
 * {@link VitalsPrometheus#recordingRules}: the fleet rules' names and expressions against the metrics
 * Vitals really exports, {@code promtool check rules}, and {@code promtool test rules} with three
 * instances of one service where one is broken (and later unreachable) next to a second service
 * ({@code src/test/resources/fleet/recording-rules-test.yml}).
 */
class RecordingRulesTest {

  /** Prometheus' convention for recorded series: level:metric:operations. */
  private static final Pattern RECORD_NAME = Pattern.compile("[a-z_]+:[a-z_]+:[a-z0-9_]+");

  @TempDir
  Path dir;

  @SuppressWarnings("unchecked")
  private static List<Map<String, Object>> parse(String file) {
    LoaderOptions options = new LoaderOptions();
    options.setAllowDuplicateKeys(false);
    Map<String, Object> root = (Map<String, Object>) new Yaml(new SafeConstructor(options)).load(file);
    List<Map<String, Object>> groups = (List<Map<String, Object>>) root.get("groups");
    assertThat(groups).hasSize(1);
    assertThat(groups.get(0).get("name")).isEqualTo("vitals-fleet");
    return (List<Map<String, Object>>) groups.get(0).get("rules");
  }

  @Test
  void everyRecordedSeriesIsNamedLevelMetricOperationAndAggregatesAMetricVitalsExports() throws Exception {
    Set<String> exported = new TreeSet<>();
    for (Exposition.Sample s : Exposition.parse(PrometheusMetricsWriterTest.text(Fixtures.twoProbesTwoTrackers()))
        .samples) {
      exported.add(s.name());
    }
    List<Map<String, Object>> rules = parse(VitalsPrometheus.recordingRules());

    assertThat(rules).extracting(r -> r.get("record")).doesNotHaveDuplicates();
    for (Map<String, Object> r : rules) {
      String record = (String) r.get("record");
      String expr = (String) r.get("expr");
      assertThat(r.keySet()).containsExactlyInAnyOrder("record", "expr");
      assertThat(record).matches(RECORD_NAME).startsWith("service:");
      List<PromQl.Selector> selectors = PromQl.selectors(expr);
      for (PromQl.Selector s : selectors) {
        assertThat(s.metric()).as("metric in %s", expr).isIn(union(exported, Set.of("up")));
      }
      String family = selectors.get(0).metric().replaceAll("^(vitals_[a-z]+)_.*", "$1");
      assertThat(record.split(":")[1]).as("the metric part of %s names the family it aggregates", record)
          .startsWith(family);
      assertThat(expr).as("aggregated by the service labels").contains(" by (job, namespace, service");
      assertThat(expr).as("never across the service labels").doesNotContain("without");
    }
    assertThat(rules).extracting(r -> (String) r.get("record")).contains(
        "service:up:count", "service:up:sum", "service:vitals_service_score:min", "service:vitals_service_score:avg",
        "service:vitals_probe_up:ratio", "service:vitals_probe_latency_seconds:max",
        "service:vitals_tracker_latency_seconds:max", "service:vitals_tracker_errors:ratio_rate5m",
        "service:vitals_tracker_availability:ratio_rate5m", "service:vitals_probe_availability_ratio:avg");
  }

  @Test
  void percentilesAreNeverAveragedAcrossInstances() {
    for (Map<String, Object> r : parse(VitalsPrometheus.recordingRules())) {
      String expr = (String) r.get("expr");
      if (expr.contains("latency_seconds")) {
        assertThat(expr).as("%s", r.get("record")).startsWith("max by (").contains("percentile");
      }
    }
  }

  @Test
  void trackerErrorRatioIsTheSumOfErrorsOverTheSumOfOperations() {
    Map<String, Object> ratio = parse(VitalsPrometheus.recordingRules()).stream()
        .filter(r -> "service:vitals_tracker_errors:ratio_rate5m".equals(r.get("record"))).findFirst().orElseThrow();

    assertThat(ratio.get("expr")).isEqualTo(
        "sum by (job, namespace, service, tracker) (rate(vitals_tracker_errors_total[5m])) / "
            + "sum by (job, namespace, service, tracker) (rate(vitals_tracker_operations_total[5m]))");
  }

  @Test
  void serviceLabelsCanBeChosen() {
    List<Map<String, Object>> rules = parse(VitalsPrometheus.recordingRules(List.of("job")));

    assertThat(rules).allSatisfy(r -> assertThat((String) r.get("expr")).contains("by (job")
        .doesNotContain("namespace").doesNotContain("service,").doesNotContain("service)"));
    assertThat(VitalsPrometheus.recordingRules())
        .isEqualTo(VitalsPrometheus.recordingRules(List.of("job", "namespace", "service")));
  }

  @Test
  void badServiceLabelsAreRefusedNamingEachAndWhatIsAllowed() {
    assertThatThrownBy(() -> VitalsPrometheus.recordingRules(Arrays.asList("job", "instance", "probe", "9x", "job",
        "__name__", null)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'instance' is what the rules aggregate over")
        .hasMessageContaining("'probe' is a label Vitals writes on its own series")
        .hasMessageContaining("'9x' is not a label name")
        .hasMessageContaining("'__name__' is not a label name")
        .hasMessageContaining("'null' is not a label name")
        .hasMessageContaining("'job' is given twice")
        .hasMessageContaining("Allowed: one or more distinct target labels");
    assertThatThrownBy(() -> VitalsPrometheus.recordingRules(List.of())).hasMessageContaining("no label given");
    assertThatThrownBy(() -> VitalsPrometheus.recordingRules(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void rulesPassPromtoolCheckRules() throws Exception {
    String promtool = Tools.require("promtool", "prometheus");
    Files.writeString(dir.resolve("default.yml"), VitalsPrometheus.recordingRules());
    Files.writeString(dir.resolve("by-job.yml"), VitalsPrometheus.recordingRules(List.of("job", "cluster")));

    Run r = run(promtool, "check", "rules", "default.yml", "by-job.yml");

    int n = parse(VitalsPrometheus.recordingRules()).size();
    assertThat(r.exitCode).as("promtool said:\n%s", r.output).isZero();
    assertThat(r.output).contains("SUCCESS: " + n + " rules found").doesNotContain("WARNING");
  }

  /**
   * {@code promtool test rules}: three instances of checkout, c broken (its probe DOWN, slow, failing,
   * three quarters of its operations failing), then unreachable; payments apart. The file states every
   * expected figure.
   */
  @Test
  void promtoolTestRulesThreeInstancesOneBroken() throws Exception {
    String promtool = Tools.require("promtool", "prometheus");
    Files.writeString(dir.resolve("vitals-recording-rules.yml"), VitalsPrometheus.recordingRules());
    try (InputStream in = RecordingRulesTest.class.getResourceAsStream("/fleet/recording-rules-test.yml")) {
      assertThat(in).as("fleet/recording-rules-test.yml on the test class path").isNotNull();
      Files.write(dir.resolve("recording-rules-test.yml"), in.readAllBytes());
    }

    Run r = run(promtool, "test", "rules", "recording-rules-test.yml");

    assertThat(r.exitCode).as("promtool said:\n%s", r.output).isZero();
    assertThat(r.output).contains("SUCCESS");
  }

  /** The same unit test fails when a rule is wrong: an average of percentiles instead of the maximum. */
  @Test
  void promtoolTestRulesFailsWhenPercentilesAreAveraged() throws Exception {
    String promtool = Tools.require("promtool", "prometheus");
    String wrong = VitalsPrometheus.recordingRules().replace(
        "max by (job, namespace, service, probe, percentile)", "avg by (job, namespace, service, probe, percentile)");
    assertThat(wrong).isNotEqualTo(VitalsPrometheus.recordingRules());
    Files.writeString(dir.resolve("vitals-recording-rules.yml"), wrong);
    try (InputStream in = RecordingRulesTest.class.getResourceAsStream("/fleet/recording-rules-test.yml")) {
      Files.write(dir.resolve("recording-rules-test.yml"), in.readAllBytes());
    }

    Run r = run(promtool, "test", "rules", "recording-rules-test.yml");

    assertThat(r.exitCode).as("promtool said:\n%s", r.output).isNotZero();
    assertThat(r.output).contains("service:vitals_probe_latency_seconds:max");
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> out = new TreeSet<>(a);
    out.addAll(b);
    return out;
  }

  private record Run(int exitCode, String output) {}

  private Run run(String... command) throws Exception {
    Path out = dir.resolve("tool-output.txt");
    Process p = new ProcessBuilder(new ArrayList<>(List.of(command))).directory(dir.toFile())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    if (!p.waitFor(60, TimeUnit.SECONDS)) {
      p.destroyForcibly();
      fail(String.join(" ", command) + " did not finish within 60 s");
    }
    return new Run(p.exitValue(), Files.readString(out));
  }
}
