package dev.vitals.bench;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.profile.GCProfiler;
import org.openjdk.jmh.results.format.ResultFormatType;
import org.openjdk.jmh.runner.Runner;
import org.openjdk.jmh.runner.RunnerException;
import org.openjdk.jmh.runner.options.ChainedOptionsBuilder;
import org.openjdk.jmh.runner.options.OptionsBuilder;
import org.openjdk.jmh.runner.options.TimeValue;
import org.openjdk.jmh.runner.options.VerboseMode;

/**
 * The budget check: runs a short JMH pass through the JMH {@code Runner} API and fails (exit code 1,
 * with a table) when Vitals breaks a budget of PRODUCT.md, as ratios measured in the same run.
 *
 * <pre>
 * java -cp jmh-benchmarks/target/benchmarks.jar dev.vitals.bench.BudgetCheck [--quick]
 *     [--baseline FILE] [--save-baseline FILE] [--results FILE] [--out DIR]
 * </pre>
 *
 * <ul>
 *   <li>{@code --quick}: one fork and short iterations (about a minute); without it two forks and
 *       5 x 1 s iterations (about five minutes);</li>
 *   <li>{@code --baseline FILE}: also fails when a Vitals benchmark is more than 20 % worse than in that
 *       file (a peer's regression only warns: it points at the machine, not at Vitals);</li>
 *   <li>{@code --save-baseline FILE}: writes this run's scores as a baseline file;</li>
 *   <li>{@code --results FILE}: judges existing JMH JSON result files instead of running (repeatable:
 *       the check writes {@code ratios.json}, {@code startup.json} and {@code lambda.json});</li>
 *   <li>{@code --out DIR}: where the JMH JSON results go ({@code jmh-benchmarks/target/budget} when run
 *       from the repository root, else {@code target/budget});</li>
 *   <li>{@code --smoke}: forks 0 and 100 ms iterations: proves the check runs, its figures mean nothing;</li>
 *   <li>{@code --inject-slow-record TOKENS}: makes the Vitals record path spin ({@code Blackhole.consumeCPU}),
 *       to show the check fails for the right reason. Never use it otherwise.</li>
 * </ul>
 *
 * <p>Exit codes: 0 all budgets met, 1 a budget broken, 2 bad arguments or a failed run.
 */
public final class BudgetCheck {

  private BudgetCheck() {}

  /**
   * Runs the check and exits with its code.
   *
   * @param args see the class description
   */
  public static void main(String[] args) {
    System.exit(run(args, System.out));
  }

  /** The level of effort of a run. */
  enum Effort {
    SMOKE(0, 1, 100, 1, 100, 0),
    QUICK(1, 3, 300, 3, 300, 5),
    FULL(2, 5, 1000, 5, 1000, 20);

    final int forks;
    final int warmups;
    final int warmupMillis;
    final int measurements;
    final int measurementMillis;
    final int startupForks;

    Effort(int forks, int warmups, int warmupMillis, int measurements, int measurementMillis, int startupForks) {
      this.forks = forks;
      this.warmups = warmups;
      this.warmupMillis = warmupMillis;
      this.measurements = measurements;
      this.measurementMillis = measurementMillis;
      this.startupForks = startupForks;
    }
  }

  /** Runs the check; returns the exit code. */
  static int run(String[] args, PrintStream out) {
    Effort effort = Effort.FULL;
    Path baseline = null;
    Path saveBaseline = null;
    List<Path> results = new ArrayList<>();
    Path outDir = Files.isDirectory(Path.of("jmh-benchmarks", "target"))
        ? Path.of("jmh-benchmarks", "target", "budget") : Path.of("target", "budget");
    long slowTokens = 0;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--quick":
            effort = Effort.QUICK;
            break;
          case "--smoke":
            effort = Effort.SMOKE;
            break;
          case "--baseline":
            baseline = Path.of(value(args, ++i, "--baseline"));
            break;
          case "--save-baseline":
            saveBaseline = Path.of(value(args, ++i, "--save-baseline"));
            break;
          case "--results":
            results.add(Path.of(value(args, ++i, "--results")));
            break;
          case "--out":
            outDir = Path.of(value(args, ++i, "--out"));
            break;
          case "--inject-slow-record":
            slowTokens = Long.parseLong(value(args, ++i, "--inject-slow-record"));
            if (slowTokens < 1 || slowTokens > 1_000_000) {
              throw new IllegalArgumentException("--inject-slow-record must be from 1 to 1000000, was " + slowTokens);
            }
            break;
          default:
            throw new IllegalArgumentException("unknown argument '" + args[i] + "': expected --quick, --smoke,"
                + " --baseline FILE, --save-baseline FILE, --results FILE, --out DIR, --inject-slow-record TOKENS");
        }
      }
    } catch (IllegalArgumentException e) {
      out.println("BudgetCheck: " + e.getMessage());
      return 2;
    }

    List<Score> scores;
    List<Score> base = null;
    try {
      if (baseline != null) {
        base = Score.fromBaselineJson(Files.readString(baseline, StandardCharsets.UTF_8));
      }
      if (!results.isEmpty()) {
        scores = new ArrayList<>();
        for (Path r : results) {
          scores.addAll(Score.fromJmhJson(Files.readString(r, StandardCharsets.UTF_8)));
        }
      } else {
        Files.createDirectories(outDir);
        scores = measure(effort, outDir, slowTokens);
      }
    } catch (IOException | RunnerException | RuntimeException e) {
      out.println("BudgetCheck: the run failed: " + e);
      return 2;
    }

    out.println();
    out.println(scoreTable(scores));
    List<Budgets.Check> checks = Budgets.evaluate(scores, base);
    out.println(Budgets.table(checks));
    if (saveBaseline != null) {
      try {
        Path parent = saveBaseline.toAbsolutePath().getParent();
        if (parent != null) {
          Files.createDirectories(parent);
        }
        Files.writeString(saveBaseline, Score.toBaselineJson(scores, LocalDate.now(ZoneOffset.UTC).toString(),
            Runtime.getRuntime().availableProcessors() + " cores, Java " + Runtime.version()), StandardCharsets.UTF_8);
        out.println("baseline saved to " + saveBaseline);
      } catch (IOException e) {
        out.println("BudgetCheck: cannot write the baseline " + saveBaseline + ": " + e.getMessage());
        return 2;
      }
    }
    return Budgets.passed(checks) ? 0 : 1;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      throw new IllegalArgumentException(option + " needs a value");
    }
    return args[i];
  }

  /**
   * Runs the three JMH passes (ratios with -prof gc, cold start-up, then the warm Lambda invocation with the
   * JVM settings of Lambda's runtime, from {@code LambdaBenchmark}'s {@code @Fork}) and returns their scores.
   */
  static List<Score> measure(Effort effort, Path outDir, long slowTokens) throws RunnerException, IOException {
    String previous = System.getProperty(RecordBenchmark.SLOW_RECORD_PROPERTY);
    List<String> jvmArgs = new ArrayList<>(List.of("-Xms1g", "-Xmx1g"));
    if (slowTokens > 0) {
      jvmArgs.add("-D" + RecordBenchmark.SLOW_RECORD_PROPERTY + "=" + slowTokens);
      System.setProperty(RecordBenchmark.SLOW_RECORD_PROPERTY, Long.toString(slowTokens)); // for forks 0
    }
    try {
      Path ratios = outDir.resolve("ratios.json");
      ChainedOptionsBuilder first = new OptionsBuilder()
          .include("^dev\\.vitals\\.bench\\.RecordBenchmark\\.(OneThread|TwoThreads)\\."
              + "(vitals|micrometer|micrometerPercentiles|longAdder)$")
          .include("^dev\\.vitals\\.bench\\.ReportBenchmark\\.read$")
          .mode(Mode.AverageTime)
          .timeUnit(TimeUnit.NANOSECONDS)
          .forks(effort.forks)
          .warmupIterations(effort.warmups)
          .warmupTime(TimeValue.milliseconds(effort.warmupMillis))
          .measurementIterations(effort.measurements)
          .measurementTime(TimeValue.milliseconds(effort.measurementMillis))
          .jvmArgsAppend(jvmArgs.toArray(new String[0]))
          .addProfiler(GCProfiler.class)
          .shouldFailOnError(true)
          .verbosity(effort == Effort.SMOKE ? VerboseMode.SILENT : VerboseMode.NORMAL)
          .resultFormat(ResultFormatType.JSON)
          .result(ratios.toString());
      new Runner(first.build()).run();

      Path startup = outDir.resolve("startup.json");
      ChainedOptionsBuilder second = new OptionsBuilder()
          .include("^dev\\.vitals\\.bench\\.StartupBenchmark\\.coldStart$")
          .forks(effort.startupForks)
          .shouldFailOnError(true)
          .verbosity(effort == Effort.SMOKE ? VerboseMode.SILENT : VerboseMode.NORMAL)
          .resultFormat(ResultFormatType.JSON)
          .result(startup.toString());
      new Runner(second.build()).run();

      Path lambda = outDir.resolve("lambda.json");
      ChainedOptionsBuilder third = new OptionsBuilder()
          .include("^dev\\.vitals\\.bench\\.LambdaBenchmark\\.(bare|wrapped)$")
          .mode(Mode.AverageTime)
          .timeUnit(TimeUnit.NANOSECONDS)
          .forks(effort.forks)
          .warmupIterations(effort.warmups)
          .warmupTime(TimeValue.milliseconds(effort.warmupMillis))
          .measurementIterations(effort.measurements)
          .measurementTime(TimeValue.milliseconds(effort.measurementMillis))
          .shouldFailOnError(true)
          .verbosity(effort == Effort.SMOKE ? VerboseMode.SILENT : VerboseMode.NORMAL)
          .resultFormat(ResultFormatType.JSON)
          .result(lambda.toString());
      new Runner(third.build()).run();

      List<Score> scores = new ArrayList<>(Score.fromJmhJson(Files.readString(ratios, StandardCharsets.UTF_8)));
      scores.addAll(Score.fromJmhJson(Files.readString(startup, StandardCharsets.UTF_8)));
      scores.addAll(Score.fromJmhJson(Files.readString(lambda, StandardCharsets.UTF_8)));
      return scores;
    } finally {
      if (slowTokens > 0) {
        if (previous == null) {
          System.clearProperty(RecordBenchmark.SLOW_RECORD_PROPERTY);
        } else {
          System.setProperty(RecordBenchmark.SLOW_RECORD_PROPERTY, previous);
        }
      }
    }
  }

  /** The scores as a text table: benchmark, mode, threads, params, score, error, allocation. */
  static String scoreTable(List<Score> scores) {
    int w = "benchmark".length();
    for (Score s : scores) {
      w = Math.max(w, s.key().length());
    }
    StringBuilder b = new StringBuilder();
    String format = "%-" + w + "s  %12s  %10s  %-8s  %12s%n";
    b.append(String.format(Locale.ROOT, format, "benchmark", "score", "error", "unit", "alloc B/op"));
    for (Score s : scores) {
      b.append(String.format(Locale.ROOT, format, s.key(), Budgets.fmt(s.score()),
          Double.isNaN(s.error()) ? "" : "± " + Budgets.fmt(s.error()), s.unit(),
          Double.isNaN(s.allocBytesPerOp()) ? "" : Budgets.fmt(s.allocBytesPerOp())));
    }
    return b.toString();
  }
}
