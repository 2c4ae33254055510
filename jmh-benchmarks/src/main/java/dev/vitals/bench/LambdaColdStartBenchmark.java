package dev.vitals.bench;

import com.amazonaws.services.lambda.runtime.Context;
import dev.vitals.lambda.VitalsLambda;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
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
 * A Lambda cold start: what a fresh JVM pays, one shot per fork and many forks, for the function's init
 * and first invocation, with and without Vitals. The forks run with the JVM settings of Lambda's Java 17
 * and 21 runtimes ({@code -XX:TieredStopAtLevel=1}, the serial collector) and a 256 MB heap.
 *
 * <ul>
 *   <li>{@code bare}: the handler built and invoked once (the floor);</li>
 *   <li>{@code vitalsWrap}: {@code VitalsLambda.builder()...wrap(handler)} alone: the function's init
 *       (configuration, monitor build and start);</li>
 *   <li>{@code vitalsFirstInvocation}: the wrapped handler's first invocation, the wrap done before the
 *       shot: cold-start claim, the report, the tracker's first record, the first EMF record;</li>
 *   <li>{@code vitalsWrapAndFirstInvocation}: both in one shot, as the function pays them;</li>
 *   <li>{@code vitalsThreeProbesWrapAndFirstInvocation}: the same with three code probes, which run (on
 *       worker threads) inside the first invocation;</li>
 *   <li>{@code bareOfficialEmf}: the handler built and invoked once, and the same record as VitalsLambda's
 *       written through the official {@code aws-embedded-metrics} library (its logger, Jackson, its class
 *       loading), as a function that writes its metrics without Vitals.</li>
 * </ul>
 *
 * <p>Every variant writes its records to a {@code PrintStream} over an output that counts bytes. The
 * monitor's exporter discovery is off: the benchmarks' jar carries exporters a function would not.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Fork(value = 20, jvmArgsAppend = {"-Xms256m", "-Xmx256m", "-XX:+UseSerialGC", "-XX:+TieredCompilation",
    "-XX:TieredStopAtLevel=1"})
@Warmup(iterations = 0)
@Measurement(iterations = 1, batchSize = 1)
@Threads(1)
public class LambdaColdStartBenchmark {

  private static final Duration HOURLY = Duration.ofHours(1);

  private String input;
  private Context context;
  private LambdaFixtures.Sink sink;
  private PrintStream out;
  private VitalsLambda.Handler<String, String> started;

  /** Creates the benchmark; JMH calls it. */
  public LambdaColdStartBenchmark() {}

  /** The input and context the runtime hands the first invocation. */
  @Setup(Level.Trial)
  public void setUp() {
    input = "order-42";
    context = new LambdaFixtures.BenchContext("0e4f1a2b-7c1a-4b7e-9d2a-5f3e8a61b0c4");
    sink = new LambdaFixtures.Sink();
    out = LambdaFixtures.output(sink);
  }

  /** Closes the monitor the last shot started. */
  @TearDown(Level.Invocation)
  public void closeMonitor() {
    if (started != null) {
      started.monitor().close();
      started = null;
    }
  }

  /** A handler wrapped before the shot: the init phase done, the first invocation to come. */
  @State(Scope.Thread)
  public static class Wrapped {
    VitalsLambda.Handler<String, String> handler;

    /** Creates the state; JMH calls it. */
    public Wrapped() {}

    /**
     * Wraps the handler.
     *
     * @param b the benchmark's state, for its output
     */
    @Setup(Level.Trial)
    public void wrap(LambdaColdStartBenchmark b) {
      handler = LambdaFixtures.wrap(b.out, 0, HOURLY, Map.of());
    }

    /** Closes its monitor. */
    @TearDown(Level.Trial)
    public void close() {
      handler.monitor().close();
    }
  }

  /**
   * The handler built and invoked once.
   *
   * @return its answer
   */
  @Benchmark
  public String bare() {
    return new LambdaFixtures.Orders().handleRequest(input, context);
  }

  /**
   * The wrap alone: the function's init with Vitals.
   *
   * @return the wrapped handler
   */
  @Benchmark
  public Object vitalsWrap() {
    started = LambdaFixtures.wrap(out, 0, HOURLY, Map.of());
    return started;
  }

  /**
   * The first invocation of a handler wrapped before the shot.
   *
   * @param w the wrapped handler
   * @return its answer
   */
  @Benchmark
  public String vitalsFirstInvocation(Wrapped w) {
    return w.handler.handleRequest(input, context);
  }

  /**
   * The wrap and the first invocation.
   *
   * @return the answer
   */
  @Benchmark
  public String vitalsWrapAndFirstInvocation() {
    started = LambdaFixtures.wrap(out, 0, HOURLY, Map.of());
    return started.handleRequest(input, context);
  }

  /**
   * The wrap with three probes and the first invocation, which runs them.
   *
   * @return the answer
   */
  @Benchmark
  public String vitalsThreeProbesWrapAndFirstInvocation() {
    started = LambdaFixtures.wrap(out, 3, HOURLY, Map.of());
    return started.handleRequest(input, context);
  }

  /**
   * The handler built and invoked once, timed by hand, and its record written through the official library.
   *
   * @return the answer
   */
  @Benchmark
  public String bareOfficialEmf() {
    MetricsLogger metrics = LambdaFixtures.officialLogger(out);
    long startMillis = System.currentTimeMillis();
    long t0 = System.nanoTime();
    String answer = new LambdaFixtures.Orders().handleRequest(input, context);
    LambdaFixtures.officialRecord(metrics, startMillis, context.getFunctionName(), context.getFunctionVersion(),
        System.nanoTime() - t0, false, true, 0, 0, context.getAwsRequestId(), "UP");
    return answer;
  }
}
