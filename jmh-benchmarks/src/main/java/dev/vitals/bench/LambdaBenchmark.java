package dev.vitals.bench;

import com.amazonaws.services.lambda.runtime.Context;
import dev.vitals.api.ProbeReport;
import dev.vitals.lambda.VitalsLambda;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;

/**
 * A warm Lambda invocation, with and without VitalsLambda, and the CloudWatch EMF record on its own:
 * VitalsLambda's writer beside the official {@code aws-embedded-metrics} library.
 *
 * <ul>
 *   <li>{@code bare}: the function's handler called directly (the floor);</li>
 *   <li>{@code wrapped}: the same handler wrapped by {@code VitalsLambda} with no probes: cold-start
 *       claim, {@code runDue} (nothing due), timing, tracker record, one EMF record printed;</li>
 *   <li>{@code wrappedThreeProbes}: the same with three code probes that run every hour, so none runs on
 *       the measured path (the tear-down fails the run if one did); their records are not rewritten;</li>
 *   <li>{@code wrappedNoEmf}: {@code vitals.lambda.emf.enabled=false}: the wrapper without its records;</li>
 *   <li>{@code bareOfficialEmf}: the handler timed by hand and one record of the same metrics written
 *       through the official library, as a function without Vitals would;</li>
 *   <li>{@code emfOfficial}: one invocation record built and printed by the official library's
 *       {@code MetricsLogger} (reused, as a function keeps it); VitalsLambda's own record costs
 *       {@code wrapped - wrappedNoEmf} (its writer is package-private, and no benchmark reaches into its
 *       package).</li>
 * </ul>
 *
 * <p>Records go to a {@code PrintStream} (UTF-8) over an output that counts bytes, in place of
 * {@code System.out}. Inputs and request ids cycle through 64 values, durations through the
 * {@code Latencies} table. On-demand monitors run their timed tasks (tracker rotation) inside a later
 * invocation once due, so a rotation now and then is part of the wrapped figures, as in a function.
 *
 * <p>The forks run with the JVM settings of Lambda's Java 17 and 21 runtimes: C1 only
 * ({@code -XX:TieredStopAtLevel=1}) and the serial collector, so warm code is never compiled by C2 there
 * either. For the figures under a default JVM, override with {@code -jvmArgs "-Xms1g -Xmx1g"}.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g", "-XX:+UseSerialGC", "-XX:+TieredCompilation",
    "-XX:TieredStopAtLevel=1"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class LambdaBenchmark {

  private static final Duration HOURLY = Duration.ofHours(1);

  private final String[] inputs = LambdaFixtures.inputs();
  private final Context[] contexts = LambdaFixtures.contexts();
  private final LambdaFixtures.Orders bare = new LambdaFixtures.Orders();
  private final LambdaFixtures.Sink sink = new LambdaFixtures.Sink();
  private final PrintStream out = LambdaFixtures.output(sink);
  private VitalsLambda.Handler<String, String> wrapped;
  private VitalsLambda.Handler<String, String> wrappedThreeProbes;
  private VitalsLambda.Handler<String, String> wrappedNoEmf;
  private MetricsLogger official;
  private List<Instant> probeRuns;
  private int next;

  /** Creates the benchmark; JMH calls it. */
  public LambdaBenchmark() {}

  /**
   * Wraps the handler three ways and invokes each a few times: the first invocation takes the cold start
   * and runs the probes once; the setup fails if records are not written where they should be.
   */
  @Setup
  public void setUp() {
    wrapped = LambdaFixtures.wrap(out, 0, HOURLY, Map.of());
    wrappedThreeProbes = LambdaFixtures.wrap(out, 3, HOURLY, Map.of());
    LambdaFixtures.Sink silent = new LambdaFixtures.Sink();
    wrappedNoEmf = LambdaFixtures.wrap(LambdaFixtures.output(silent), 0, HOURLY,
        Map.of("vitals.lambda.emf.enabled", "false"));
    official = LambdaFixtures.officialLogger(out);
    for (int i = 0; i < 3; i++) {
      wrapped.handleRequest(inputs[i], contexts[i]);
      wrappedThreeProbes.handleRequest(inputs[i], contexts[i]);
      wrappedNoEmf.handleRequest(inputs[i], contexts[i]);
    }
    if (sink.bytes == 0 || silent.bytes != 0) {
      throw new IllegalStateException("records: " + sink.bytes + " bytes with EMF on (expected some), "
          + silent.bytes + " with EMF off (expected none)");
    }
    probeRuns = lastRuns(wrappedThreeProbes);
    if (probeRuns.size() != 3 || probeRuns.contains(null)) {
      throw new IllegalStateException("the three probes did not run in the first invocations: " + probeRuns);
    }
  }

  /** Fails the run if a probe ran on the measured path; closes the monitors. */
  @TearDown
  public void tearDown() {
    List<Instant> now = lastRuns(wrappedThreeProbes);
    wrapped.monitor().close();
    wrappedThreeProbes.monitor().close();
    wrappedNoEmf.monitor().close();
    if (!now.equals(probeRuns)) {
      throw new IllegalStateException("a probe ran during the measurement: " + probeRuns + " then " + now);
    }
  }

  private static List<Instant> lastRuns(VitalsLambda.Handler<String, String> handler) {
    List<Instant> runs = new ArrayList<>();
    for (ProbeReport p : handler.monitor().report().probes()) {
      runs.add(p.lastResult().flatMap(r -> r.time()).orElse(null));
    }
    return runs;
  }

  /**
   * The handler alone.
   *
   * @return its answer
   */
  @Benchmark
  public String bare() {
    int i = next++ & LambdaFixtures.MASK;
    return bare.handleRequest(inputs[i], contexts[i]);
  }

  /**
   * The handler wrapped by VitalsLambda, no probes.
   *
   * @return its answer
   */
  @Benchmark
  public String wrapped() {
    int i = next++ & LambdaFixtures.MASK;
    return wrapped.handleRequest(inputs[i], contexts[i]);
  }

  /**
   * The handler wrapped by VitalsLambda with three probes, none due.
   *
   * @return its answer
   */
  @Benchmark
  public String wrappedThreeProbes() {
    int i = next++ & LambdaFixtures.MASK;
    return wrappedThreeProbes.handleRequest(inputs[i], contexts[i]);
  }

  /**
   * The handler wrapped by VitalsLambda with EMF records off.
   *
   * @return its answer
   */
  @Benchmark
  public String wrappedNoEmf() {
    int i = next++ & LambdaFixtures.MASK;
    return wrappedNoEmf.handleRequest(inputs[i], contexts[i]);
  }

  /**
   * The handler timed by hand, then one record of the same metrics through the official library.
   *
   * @return its answer
   */
  @Benchmark
  public String bareOfficialEmf() {
    int i = next++ & LambdaFixtures.MASK;
    Context c = contexts[i];
    long startMillis = System.currentTimeMillis();
    long t0 = System.nanoTime();
    String answer = bare.handleRequest(inputs[i], c);
    LambdaFixtures.officialRecord(official, startMillis, c.getFunctionName(), c.getFunctionVersion(),
        System.nanoTime() - t0, false, false, -1, 0, c.getAwsRequestId(), "UP");
    return answer;
  }

  /**
   * One invocation record (the wrapper's, as in {@code wrapped}) by the official library's {@code MetricsLogger}, flushed to the same stream.
   *
   * @return the bytes written so far
   */
  @Benchmark
  public long emfOfficial() {
    int n = next++;
    int i = n & LambdaFixtures.MASK;
    int l = n & Latencies.MASK;
    boolean ok = Latencies.ok(l);
    if (!ok) {
      official.putProperty("ErrorType", "IllegalStateException");
    }
    LambdaFixtures.officialRecord(official, System.currentTimeMillis(), LambdaFixtures.FUNCTION,
        LambdaFixtures.VERSION, Latencies.nanos(l), !ok, false, -1, 1_000 + i, contexts[i].getAwsRequestId(), "UP");
    return sink.bytes;
  }
}
