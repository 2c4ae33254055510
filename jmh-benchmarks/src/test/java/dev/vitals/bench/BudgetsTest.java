package dev.vitals.bench;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.bench.Budgets.Check;
import dev.vitals.bench.Budgets.Verdict;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The budget decisions on synthetic scores: each budget passes, fails and is reported for its own reason. */
class BudgetsTest {

  static final String R = "dev.vitals.bench.RecordBenchmark.";

  /** A run that meets every budget: figures shaped like the product brief's. */
  static List<Score> healthyRun() {
    List<Score> s = new ArrayList<>();
    for (String t : new String[] {"OneThread", "TwoThreads"}) {
      int threads = t.equals("OneThread") ? 1 : 2;
      s.add(avgt(R + t + ".longAdder", threads, 3.0, 0.0));
      s.add(avgt(R + t + ".vitals", threads, 6.0, 0.0));
      s.add(avgt(R + t + ".micrometer", threads, 36.0, 0.0));
      s.add(avgt(R + t + ".micrometerPercentiles", threads, threads == 1 ? 110.0 : 400.0, 0.0));
    }
    s.add(new Score(Budgets.READ, "avgt", 1, Map.of("probes", "10"), 1.0, 0.1, "ns/op", 0.0));
    s.add(new Score(Budgets.READ, "avgt", 1, Map.of("probes", "100"), 1.1, 0.1, "ns/op", 0.0));
    s.add(new Score(Budgets.STARTUP, "ss", 1, Map.of(), 12.0, 3.0, "ms/op", Double.NaN));
    s.add(avgt(Budgets.LAMBDA + "bare", 1, 50.0, 88.0));
    s.add(avgt(Budgets.LAMBDA + "wrapped", 1, 3_200.0, 4_200.0));
    return s;
  }

  static Score avgt(String benchmark, int threads, double nanos, double alloc) {
    return new Score(benchmark, "avgt", threads, Map.of(), nanos, nanos / 20, "ns/op", alloc);
  }

  static List<Score> replace(List<Score> run, String benchmark, Score with) {
    List<Score> out = new ArrayList<>();
    for (Score s : run) {
      out.add(s.benchmark().equals(benchmark) && s.params().equals(with.params()) ? with : s);
    }
    return out;
  }

  static List<Check> failed(List<Check> checks) {
    return checks.stream().filter(c -> c.verdict() == Verdict.FAIL).toList();
  }

  @Test
  void aRunShapedLikeTheBriefMeetsEveryBudget() {
    List<Check> checks = Budgets.evaluate(healthyRun(), null);
    assertThat(failed(checks)).isEmpty();
    assertThat(Budgets.passed(checks)).isTrue();
    assertThat(checks).hasSize(13);
    assertThat(Budgets.table(checks)).contains("ALL BUDGETS MET")
        .contains("record vs Micrometer Timer.record (1 thread)")
        .contains("6.00x (36.0 ns vs 6.00 ns)");
  }

  @Test
  void aRecordLessThanFourTimesFasterThanMicrometerFailsThatBudgetOnly() {
    List<Score> run = replace(healthyRun(), R + "TwoThreads.vitals", avgt(R + "TwoThreads.vitals", 2, 10.0, 0.0));
    List<Check> fails = failed(Budgets.evaluate(run, null));
    // 36/10 = 3.6x < 4x; 400/10 = 40x is fine; 10/3 = 3.33x > 3x the LongAdder floor
    assertThat(fails).extracting(Check::budget).containsExactlyInAnyOrder(
        "record vs Micrometer Timer.record (2 threads)", "record vs LongAdder.increment (2 threads)");
    assertThat(fails.get(0).measured()).startsWith("3.60x");
    assertThat(Budgets.table(Budgets.evaluate(run, null))).contains("2 BUDGET(S) BROKEN");
  }

  @Test
  void percentilesBudgetNeedsTenTimes() {
    List<Score> run = replace(healthyRun(), R + "OneThread.micrometerPercentiles",
        avgt(R + "OneThread.micrometerPercentiles", 1, 59.0, 0.0));
    assertThat(failed(Budgets.evaluate(run, null))).extracting(Check::budget)
        .containsExactly("record vs Micrometer Timer with percentiles (1 thread)");
  }

  @Test
  void anAllocatingRecordOrReportReadFails() {
    List<Score> run = replace(healthyRun(), R + "OneThread.vitals", avgt(R + "OneThread.vitals", 1, 6.0, 24.0));
    run = replace(run, Budgets.READ, new Score(Budgets.READ, "avgt", 1, Map.of("probes", "100"), 1.1, 0.1, "ns/op",
        16.0));
    assertThat(failed(Budgets.evaluate(run, null))).extracting(Check::budget).containsExactlyInAnyOrder(
        "record allocation (1 thread)", "report read allocation (100 probes)");
  }

  @Test
  void aReportReadThatGrowsWithProbesFailsTheConstantTimeBudget() {
    List<Score> run = replace(healthyRun(), Budgets.READ,
        new Score(Budgets.READ, "avgt", 1, Map.of("probes", "100"), 30.0, 1, "ns/op", 0.0));
    assertThat(failed(Budgets.evaluate(run, null))).extracting(Check::budget)
        .containsExactly("report read O(1): 100 vs 10 probes");
    // a nanosecond of noise on a one-nanosecond read is not a failure
    List<Score> noisy = replace(healthyRun(), Budgets.READ,
        new Score(Budgets.READ, "avgt", 1, Map.of("probes", "100"), 2.9, 1, "ns/op", 0.0));
    assertThat(failed(Budgets.evaluate(noisy, null))).isEmpty();
  }

  @Test
  void startUpIsTheOneAbsoluteBudgetAndIsReadInItsUnit() {
    List<Score> slow = replace(healthyRun(), Budgets.STARTUP,
        new Score(Budgets.STARTUP, "ss", 1, Map.of(), 21_000.0, 1, "us/op", Double.NaN));
    List<Check> fails = failed(Budgets.evaluate(slow, null));
    assertThat(fails).extracting(Check::budget).containsExactly("start-up, 10 probes, first in a fresh JVM (absolute)");
    assertThat(fails.get(0).measured()).isEqualTo("21.0 ms");
  }

  @Test
  void aWarmLambdaInvocationThreeHundredMicrosecondsSlowerThanTheBareHandlerFails() {
    List<Check> checks = Budgets.evaluate(healthyRun(), null);
    assertThat(checks).filteredOn(c -> c.budget().startsWith("Lambda warm invocation")).singleElement()
        .satisfies(c -> {
          assertThat(c.verdict()).isEqualTo(Verdict.PASS);
          assertThat(c.measured()).isEqualTo("3.15 us (3200 ns vs 50.0 ns)");
          assertThat(c.limit()).isEqualTo("< 300 us");
        });
    // read in its unit: 300.05 us wrapped against 50 ns bare is 300 us over
    List<Score> slow = replace(healthyRun(), Budgets.LAMBDA + "wrapped",
        new Score(Budgets.LAMBDA + "wrapped", "avgt", 1, Map.of(), 300.05, 1, "us/op", Double.NaN));
    List<Check> fails = failed(Budgets.evaluate(slow, null));
    assertThat(fails).extracting(Check::budget).containsExactly("Lambda warm invocation: wrapped - bare (absolute)");
    assertThat(fails.get(0).measured()).startsWith("300 us");
    // the floor alone is not enough
    List<Score> noBare = new ArrayList<>(healthyRun());
    noBare.removeIf(s -> s.benchmark().equals(Budgets.LAMBDA + "bare"));
    assertThat(failed(Budgets.evaluate(noBare, null))).extracting(Check::measured).containsExactly("not measured");
  }

  @Test
  void aMissingBenchmarkFailsAsNotMeasuredInsteadOfPassing() {
    List<Score> run = new ArrayList<>(healthyRun());
    run.removeIf(s -> s.benchmark().endsWith("TwoThreads.micrometer"));
    run.replaceAll(s -> s.benchmark().endsWith("OneThread.vitals") ? avgt(s.benchmark(), 1, 6.0, Double.NaN) : s);
    List<Check> fails = failed(Budgets.evaluate(run, null));
    assertThat(fails).extracting(Check::budget).containsExactlyInAnyOrder(
        "record vs Micrometer Timer.record (2 threads)", "record allocation (1 thread)");
    assertThat(fails).extracting(Check::measured).allMatch(m -> m.startsWith("not measured"));
    assertThat(failed(Budgets.evaluate(List.of(), null))).hasSize(13);
  }

  @Test
  void aVitalsBenchmarkMoreThanTwentyPercentWorseThanItsBaselineFails() {
    List<Score> baseline = healthyRun();
    List<Score> run = replace(healthyRun(), R + "OneThread.vitals", avgt(R + "OneThread.vitals", 1, 7.5, 0.0)); // +25 %
    List<Check> checks = Budgets.evaluate(run, baseline);
    assertThat(failed(checks)).extracting(Check::budget)
        .containsExactly("regression: RecordBenchmark.OneThread.vitals avgt t=1");
    assertThat(failed(checks).get(0).measured()).isEqualTo("+25% worse (7.50 vs 6.00 ns/op)");

    List<Score> within = replace(healthyRun(), R + "OneThread.vitals", avgt(R + "OneThread.vitals", 1, 7.1, 0.0));
    assertThat(failed(Budgets.evaluate(within, baseline))).isEmpty(); // +18 %
  }

  @Test
  void aPeersRegressionOnlyWarnsBecauseItPointsAtTheMachine() {
    List<Score> run = replace(healthyRun(), R + "OneThread.micrometer", avgt(R + "OneThread.micrometer", 1, 50, 0.0));
    List<Check> checks = Budgets.evaluate(run, healthyRun());
    assertThat(failed(checks)).isEmpty();
    assertThat(checks).filteredOn(c -> c.verdict() == Verdict.WARN).extracting(Check::budget)
        .containsExactly("regression: RecordBenchmark.OneThread.micrometer avgt t=1 (peer: machine noise?)");
  }

  @Test
  void throughputRegressesWhenItDrops() {
    Score before = new Score(R + "OneThread.vitals", "thrpt", 1, Map.of(), 0.30, 0.01, "ops/ns", 0.0);
    Score dropped = new Score(R + "OneThread.vitals", "thrpt", 1, Map.of(), 0.20, 0.01, "ops/ns", 0.0);
    Score rose = new Score(R + "OneThread.vitals", "thrpt", 1, Map.of(), 0.60, 0.01, "ops/ns", 0.0);
    assertThat(Budgets.regressions(List.of(dropped), List.of(before))).extracting(Check::verdict)
        .containsExactly(Verdict.PASS, Verdict.FAIL);
    assertThat(Budgets.regressions(List.of(rose), List.of(before))).extracting(Check::verdict)
        .containsExactly(Verdict.PASS);
  }

  @Test
  void aBaselineThatMatchesNothingFails() {
    List<Check> checks = Budgets.regressions(healthyRun(), List.of(avgt("other.Benchmark.x", 1, 1, 0)));
    assertThat(checks).singleElement().satisfies(c -> {
      assertThat(c.verdict()).isEqualTo(Verdict.FAIL);
      assertThat(c.budget()).contains("0 score(s) compared");
    });
  }

  @Test
  void readsJmhJsonResultsWithParamsAllocationAndNaN() {
    String json = "[\n"
        + "  {\"jmhVersion\":\"1.37\",\"benchmark\":\"dev.vitals.bench.ReportBenchmark.read\",\"mode\":\"avgt\","
        + "\"threads\":1,\"forks\":1,\"params\":{\"probes\":\"100\"},"
        + "\"primaryMetric\":{\"score\":1.25,\"scoreError\":\"NaN\",\"scoreConfidence\":[\"NaN\",\"NaN\"],"
        + "\"scoreUnit\":\"ns/op\",\"rawData\":[[1.2,1.3]]},"
        + "\"secondaryMetrics\":{\"gc.alloc.rate\":{\"score\":0.01,\"scoreUnit\":\"MB/sec\"},"
        + "\"gc.alloc.rate.norm\":{\"score\":1.0E-4,\"scoreUnit\":\"B/op\"}}},\n"
        + "  {\"benchmark\":\"dev.vitals.bench.StartupBenchmark.coldStart\",\"mode\":\"ss\",\"threads\":1,"
        + "\"primaryMetric\":{\"score\":12.5,\"scoreError\":2.5,\"scoreUnit\":\"ms/op\"},\"secondaryMetrics\":{}}\n"
        + "]";
    List<Score> scores = Score.fromJmhJson(json);
    assertThat(scores).hasSize(2);
    Score read = scores.get(0);
    assertThat(read.params()).containsEntry("probes", "100");
    assertThat(read.score()).isEqualTo(1.25);
    assertThat(read.error()).isNaN();
    assertThat(read.allocBytesPerOp()).isEqualTo(1.0E-4);
    assertThat(read.key()).isEqualTo("ReportBenchmark.read avgt t=1 probes=100");
    assertThat(scores.get(1).nanosPerOp()).isEqualTo(12_500_000.0);
    assertThat(scores.get(1).allocBytesPerOp()).isNaN();
  }

  @Test
  void baselineFilesRoundTrip() {
    List<Score> run = healthyRun();
    String file = Score.toBaselineJson(run, "2026-11-27", "2 cores");
    assertThat(file).contains("\"date\": \"2026-11-27\"");
    assertThat(Score.fromBaselineJson(file)) // records compare doubles with Double.compare: NaN equals NaN
        .containsExactlyElementsOf(run);
  }

  @Test
  void badJsonIsRefusedWithItsOffset() {
    assertThatThrownBy(() -> ToolJson.parse("[{\"a\": }]")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset 7");
    assertThatThrownBy(() -> Score.fromBaselineJson("[]")).hasMessageContaining("\"scores\" array");
  }
}
