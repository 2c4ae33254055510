package dev.vitals.bench;

import dev.vitals.api.HealthReport;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The current report: reading it, and what the engine pays to build it.
 *
 * <ul>
 *   <li>{@code read}: {@code monitor.report()}, the call every {@code /health} request and exporter
 *       makes; it must be a volatile read that allocates nothing and costs the same at 10 and at 100
 *       probes. {@code readBaseline} is a volatile read of a field of our own, the floor.</li>
 *   <li>{@code rebuild}: one report rebuild over all probes and trackers. It is reached through the
 *       public API by advancing the monitor's {@code ManualClock} by 10 s, the engine's window
 *       rotation period: each advance is one rotation tick, which rotates the windows and rebuilds the
 *       report. The probes run every 3650 days, so none runs during the measurement; the setup
 *       checks that each advance does publish a new report.</li>
 *   <li>{@code resultOf10Probes} / {@code resultOf100Probes}: the cost per published probe result.
 *       The probes run every second; one operation advances the clock by a second, so every probe
 *       runs once through the engine (on the calling thread) and each result republishes the report;
 *       the score is divided by the number of probes. One rotation tick in ten adds one more rebuild.
 *       The manual scheduler's linear {@code remove} of cancelled timeout and stale-check tasks is
 *       counted too (a real {@code ScheduledThreadPoolExecutor} removes in O(log n)).</li>
 * </ul>
 */
@BenchmarkMode({Mode.AverageTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class ReportBenchmark {

  /** How often the engine rotates windows and rebuilds the report for its trackers. */
  static final Duration ROTATION = Duration.ofSeconds(10);
  /** Probes that never run again once started. */
  static final Duration NEVER = Duration.ofDays(3650);
  /** The probe interval of the per-result benchmarks. */
  static final Duration SECOND = Duration.ofSeconds(1);

  /** Creates the benchmark; JMH calls it. */
  public ReportBenchmark() {}

  /** A monitor whose probes ran once and never run again, and 5 trackers with data. */
  @State(Scope.Benchmark)
  public static class Rebuild {
    /** How many probes the monitor has. */
    @Param({"10", "100"})
    public int probes;

    Fixtures.Driven driven;
    /** A volatile field of our own, for the baseline read. */
    volatile HealthReport own;

    /** Creates the state; JMH calls it. */
    public Rebuild() {}

    /** Starts the monitor and checks that a rotation tick publishes a new report. */
    @Setup
    public void setUp() {
      driven = Fixtures.monitor(probes, NEVER, 5, 1);
      own = driven.report();
      HealthReport before = driven.report();
      driven.clock.advance(ROTATION);
      if (driven.report() == before) {
        throw new IllegalStateException("advancing the clock by " + ROTATION + " did not rebuild the report:"
            + " the engine's rotation period changed; update ReportBenchmark.ROTATION");
      }
      if (driven.report().probes().size() != probes) {
        throw new IllegalStateException("expected " + probes + " probes, got " + driven.report().probes().size());
      }
    }

    /** Stops the monitor. */
    @TearDown
    public void tearDown() {
      driven.close();
    }
  }

  /** A monitor with {@code n} probes that run every second. */
  abstract static class Results {
    Fixtures.Driven driven;

    void start(int n) {
      driven = Fixtures.monitor(n, SECOND, 5, 3);
      HealthReport before = driven.report();
      driven.clock.advance(SECOND);
      if (driven.report() == before) {
        throw new IllegalStateException("advancing the clock by a probe interval published nothing");
      }
    }

    /** Stops the monitor. */
    @TearDown
    public void tearDown() {
      driven.close();
    }
  }

  /** 10 probes that run every second. */
  @State(Scope.Benchmark)
  public static class Results10 extends Results {
    /** Creates the state; JMH calls it. */
    public Results10() {}

    /** Starts the monitor. */
    @Setup
    public void setUp() {
      start(10);
    }
  }

  /** 100 probes that run every second. */
  @State(Scope.Benchmark)
  public static class Results100 extends Results {
    /** Creates the state; JMH calls it. */
    public Results100() {}

    /** Starts the monitor. */
    @Setup
    public void setUp() {
      start(100);
    }
  }

  /**
   * Reads the current report.
   *
   * @param s the monitor
   * @return the report
   */
  @Benchmark
  public HealthReport read(Rebuild s) {
    return s.driven.monitor.report();
  }

  /**
   * Reads a volatile field: the floor for {@link #read}.
   *
   * @param s the state holding the field
   * @return the field's value
   */
  @Benchmark
  public HealthReport readBaseline(Rebuild s) {
    return s.own;
  }

  /**
   * One rotation tick: rotates the windows and rebuilds the report over every probe and tracker.
   *
   * @param s the monitor
   * @return the new report
   */
  @Benchmark
  public HealthReport rebuild(Rebuild s) {
    s.driven.clock.advance(ROTATION);
    return s.driven.monitor.report();
  }

  /**
   * Every one of 10 probes runs once through the engine and publishes; the score is per result.
   *
   * @param s the monitor
   * @return the latest report
   */
  @Benchmark
  @OperationsPerInvocation(10)
  public HealthReport resultOf10Probes(Results10 s) {
    s.driven.clock.advance(SECOND);
    return s.driven.monitor.report();
  }

  /**
   * Every one of 100 probes runs once through the engine and publishes; the score is per result.
   *
   * @param s the monitor
   * @return the latest report
   */
  @Benchmark
  @OperationsPerInvocation(100)
  public HealthReport resultOf100Probes(Results100 s) {
    s.driven.clock.advance(SECOND);
    return s.driven.monitor.report();
  }
}
