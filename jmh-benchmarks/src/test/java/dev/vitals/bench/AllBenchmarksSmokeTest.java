package dev.vitals.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Collection;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.openjdk.jmh.results.RunResult;
import org.openjdk.jmh.runner.BenchmarkList;
import org.openjdk.jmh.runner.BenchmarkListEntry;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.format.OutputFormatFactory;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/** Every benchmark runs: once, in this JVM, with 100 ms iterations. The figures mean nothing. */
class AllBenchmarksSmokeTest {

  @Test
  void everyBenchmarkInEveryModeRunsAndProducesAPositiveScore() throws Exception {
    Set<String> expected = new TreeSet<>();
    for (BenchmarkListEntry e : BenchmarkList.defaultList().getAll(
        OutputFormatFactory.createFormatInstance(System.out, VerboseMode.SILENT), java.util.List.of())) {
      expected.add(e.getUsername() + " " + e.getMode().shortLabel());
    }
    assertThat(expected).as("the generated benchmark list").hasSizeGreaterThanOrEqualTo(50)
        .contains("dev.vitals.bench.RecordBenchmark.OneThread.vitals avgt",
            "dev.vitals.bench.RecordBenchmark.TwoThreads.vitals avgt",
            "dev.vitals.bench.ReportBenchmark.rebuild avgt",
            "dev.vitals.bench.RenderBenchmark.metrics avgt",
            "dev.vitals.bench.EngineOverheadBenchmark.engineRun avgt",
            "dev.vitals.bench.StartupBenchmark.coldStart ss",
            "dev.vitals.bench.LambdaBenchmark.wrapped avgt",
            "dev.vitals.bench.LambdaBenchmark.emfOfficial avgt",
            "dev.vitals.bench.LambdaColdStartBenchmark.vitalsWrapAndFirstInvocation ss",
            "dev.vitals.bench.LambdaColdStartBenchmark.bareOfficialEmf ss",
            "dev.vitals.bench.JvmProbesBenchmark.deadlock avgt",
            "dev.vitals.bench.HistoryStoreBenchmark.appendMinute avgt",
            "dev.vitals.bench.HistoryStoreBenchmark.load30Days avgt");

    Collection<RunResult> results = new Runner(new OptionsBuilder()
        .include("^dev\\.vitals\\.bench\\.")
        .forks(0)
        .warmupIterations(1)
        .warmupTime(TimeValue.milliseconds(100))
        .measurementIterations(1)
        .measurementTime(TimeValue.milliseconds(100))
        .shouldFailOnError(true)
        .verbosity(VerboseMode.SILENT)
        .build()).run();

    Set<String> ran = new TreeSet<>();
    for (RunResult r : results) {
      String id = r.getParams().getBenchmark() + " " + r.getParams().getMode().shortLabel();
      ran.add(id);
      assertThat(r.getPrimaryResult().getScore()).as(id + " " + r.getParams().getParamsKeys()).isPositive();
    }
    assertThat(ran).isEqualTo(expected);
  }
}
