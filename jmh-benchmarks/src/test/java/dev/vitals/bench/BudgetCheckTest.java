package dev.vitals.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The budget check as a command: its exit codes, its table, its baseline files, and a real slow path. */
class BudgetCheckTest {

  @TempDir
  Path dir;

  private final ByteArrayOutputStream buffer = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(buffer, true, StandardCharsets.UTF_8);

  private String output() {
    return buffer.toString(StandardCharsets.UTF_8);
  }

  /** Writes scores the way JMH's {@code -rf json} does. */
  private Path jmhJson(List<Score> scores) throws Exception {
    List<Object> list = new ArrayList<>();
    for (Score s : scores) {
      Map<String, Object> primary = new LinkedHashMap<>();
      primary.put("score", s.score());
      primary.put("scoreError", s.error());
      primary.put("scoreUnit", s.unit());
      Map<String, Object> m = new LinkedHashMap<>();
      m.put("jmhVersion", "1.37");
      m.put("benchmark", s.benchmark());
      m.put("mode", s.mode());
      m.put("threads", s.threads());
      m.put("params", s.params());
      m.put("primaryMetric", primary);
      Map<String, Object> secondary = new LinkedHashMap<>();
      if (!Double.isNaN(s.allocBytesPerOp())) {
        secondary.put("gc.alloc.rate.norm", Map.of("score", s.allocBytesPerOp(), "scoreUnit", "B/op"));
      }
      m.put("secondaryMetrics", secondary);
      list.add(m);
    }
    Path file = Files.createTempFile(dir, "jmh", ".json");
    Files.writeString(file, ToolJson.write(list));
    return file;
  }

  @Test
  void passesWithExitCodeZeroAndSavesABaseline() throws Exception {
    Path results = jmhJson(BudgetsTest.healthyRun());
    Path baseline = dir.resolve("baselines/record.json");

    int code = BudgetCheck.run(new String[] {"--results", results.toString(), "--save-baseline", baseline.toString()},
        out);

    assertThat(code).as(output()).isZero();
    assertThat(output()).contains("ALL BUDGETS MET").contains("RecordBenchmark.OneThread.vitals avgt t=1");
    assertThat(Score.fromBaselineJson(Files.readString(baseline))).hasSize(BudgetsTest.healthyRun().size());
  }

  @Test
  void failsWithExitCodeOneNamingTheBrokenBudget() throws Exception {
    List<Score> run = BudgetsTest.replace(BudgetsTest.healthyRun(), BudgetsTest.R + "OneThread.vitals",
        BudgetsTest.avgt(BudgetsTest.R + "OneThread.vitals", 1, 12.0, 0.0));

    int code = BudgetCheck.run(new String[] {"--results", jmhJson(run).toString()}, out);

    assertThat(code).isEqualTo(1);
    assertThat(output()).containsPattern("record vs Micrometer Timer.record \\(1 thread\\) +3.00x \\(36.0 ns vs 12.0 ns\\)"
        + " +>= 4.00x faster +FAIL").contains("BUDGET(S) BROKEN");
  }

  @Test
  void failsWhenAVitalsBenchmarkRegressedAgainstTheSavedBaseline() throws Exception {
    Path baseline = dir.resolve("baseline.json");
    assertThat(BudgetCheck.run(new String[] {"--results", jmhJson(BudgetsTest.healthyRun()).toString(),
        "--save-baseline", baseline.toString()}, out)).isZero();
    List<Score> slower = BudgetsTest.replace(BudgetsTest.healthyRun(), BudgetsTest.R + "TwoThreads.vitals",
        BudgetsTest.avgt(BudgetsTest.R + "TwoThreads.vitals", 2, 7.5, 0.0));

    int code = BudgetCheck.run(new String[] {"--results", jmhJson(slower).toString(), "--baseline",
        baseline.toString()}, out);

    assertThat(code).isEqualTo(1);
    assertThat(output()).containsPattern("regression: RecordBenchmark.TwoThreads.vitals avgt t=2 +\\+25% worse");
  }

  @Test
  void refusesUnknownArgumentsWithExitCodeTwo() {
    assertThat(BudgetCheck.run(new String[] {"--fast"}, out)).isEqualTo(2);
    assertThat(output()).contains("unknown argument '--fast'");
    assertThat(BudgetCheck.run(new String[] {"--baseline"}, out)).isEqualTo(2);
    assertThat(BudgetCheck.run(new String[] {"--inject-slow-record", "0"}, out)).isEqualTo(2);
  }

  /**
   * A real JMH pass (in this JVM, 100 ms iterations) with the Vitals record path made slow: the check
   * must fail, and for the record budgets, at both thread counts.
   */
  @Test
  void aSlowRecordPathMeasuredByJmhBreaksTheRecordBudgets() throws Exception {
    int code = BudgetCheck.run(new String[] {"--smoke", "--inject-slow-record", "5000", "--out",
        dir.resolve("jmh").toString()}, out);

    assertThat(code).as(output()).isEqualTo(1);
    for (String threads : new String[] {"1 thread", "2 threads"}) {
      assertThat(output()).containsPattern("record vs Micrometer Timer.record \\(" + threads + "\\) .*FAIL")
          .containsPattern("record vs LongAdder.increment \\(" + threads + "\\) .*FAIL");
    }
    assertThat(System.getProperty(RecordBenchmark.SLOW_RECORD_PROPERTY)).as("the property is restored").isNull();
    assertThat(dir.resolve("jmh/ratios.json")).exists();
  }
}
