package dev.vitals.bench;

import dev.vitals.api.HealthReport;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import java.time.Duration;
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

/**
 * What the engine adds to a probe: one run through the engine (scheduling, the timeout, the circuit
 * breaker, timing, status thresholds, tracking and republishing the report) against a bare call of
 * the same probe's {@code check()}.
 *
 * <p>The monitor has one probe that runs every second, a {@code ManualClock} and an executor that runs
 * the check on the caller, so {@code engineRun} is one {@code clock.advance(1 s)}: one complete run on
 * this thread, nothing in the background. One advance in ten also carries the engine's 10-second
 * rotation tick (one more report rebuild). The manual scheduler's bookkeeping (a priority queue) is
 * counted; a real {@code ScheduledThreadPoolExecutor} costs about the same. Not counted: the thread
 * hand-off to the probe pool that a real monitor makes (a few microseconds).
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class EngineOverheadBenchmark {

  private static final Duration INTERVAL = Duration.ofSeconds(1);

  private Fixtures.Driven driven;
  private Probe bare;

  /** Creates the benchmark; JMH calls it. */
  public EngineOverheadBenchmark() {}

  /** Starts a monitor with one probe, and a second instance of the same probe for bare calls. */
  @Setup
  public void setUp() {
    driven = Fixtures.monitor(1, INTERVAL, 0, 3);
    bare = Fixtures.probe(0, INTERVAL);
    HealthReport before = driven.report();
    driven.clock.advance(INTERVAL);
    if (driven.report() == before) {
      throw new IllegalStateException("advancing the clock by the probe interval did not run the probe");
    }
  }

  /** Stops the monitor. */
  @TearDown
  public void tearDown() {
    driven.close();
  }

  /**
   * One probe run through the engine.
   *
   * @return the report it published
   */
  @Benchmark
  public HealthReport engineRun() {
    driven.clock.advance(INTERVAL);
    return driven.monitor.report();
  }

  /**
   * The same probe called directly.
   *
   * @return its result
   * @throws Exception never: the probe does not throw
   */
  @Benchmark
  public ProbeResult bareCall() throws Exception {
    return bare.check();
  }
}
