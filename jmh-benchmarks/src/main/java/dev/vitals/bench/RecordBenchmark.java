package dev.vitals.bench;

import com.codahale.metrics.MetricRegistry;
import com.codahale.metrics.SlidingTimeWindowArrayReservoir;
import dev.vitals.api.Tracker;
import dev.vitals.core.HealthMonitor;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Recorder;
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
import org.openjdk.jmh.infra.Blackhole;

/**
 * Recording one operation's latency and outcome: Vitals' {@code Tracker.record} side by side with
 * Micrometer's {@code Timer.record} (default, and with percentiles and a percentile histogram),
 * Dropwizard Metrics' {@code Timer.update} (default exponentially-decaying reservoir, and a
 * {@code SlidingTimeWindowArrayReservoir}), HdrHistogram's {@code Recorder.recordValue},
 * a bare {@code LongAdder.increment} (the floor) and the cost of reading the input (the baseline).
 *
 * <p>Every method records the next value of a precomputed log-normal latency table (see
 * {@code Latencies}), so inputs vary. The recorders are shared by all threads of a run
 * ({@link Scope#Benchmark}); the two nested classes run the same methods at 1 and at 2 threads, so
 * one JMH run has both side by side. Run with {@code -prof gc} to see allocation per operation.
 *
 * <p>Setting the system property {@value #SLOW_RECORD_PROPERTY} to a number of {@code Blackhole.consumeCPU} tokens (roughly nanoseconds) makes the
 * Vitals side spin that much per record: it exists only to prove that the budget check fails when
 * the tracker gets slow, and must not be set otherwise.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
public abstract class RecordBenchmark {

  /** The system property that injects a slow path into the Vitals side (test use only). */
  public static final String SLOW_RECORD_PROPERTY = "vitals.bench.slowRecordTokens";

  private static final AtomicInteger THREAD_OFFSETS = new AtomicInteger();

  private HealthMonitor monitor;
  private Tracker tracker;
  private long slowTokens;
  private Timer micrometer;
  private Timer micrometerPercentiles;
  private com.codahale.metrics.Timer dropwizard;
  private com.codahale.metrics.Timer dropwizardSliding;
  private Recorder hdr;
  private LongAdder adder;

  /** Creates the benchmark; JMH calls it. */
  protected RecordBenchmark() {}

  /** Each thread's position in the latency table. */
  @State(Scope.Thread)
  public static class Input {
    private int index;

    /** Creates the state; JMH calls it. */
    public Input() {}

    /** Starts each thread at a different place in the table. */
    @Setup
    public void setUp() {
      index = THREAD_OFFSETS.getAndAdd(Latencies.SIZE / 4 + 1);
    }

    int next() {
      return index++;
    }
  }

  /** Creates the recorders, each the way its users create it by default. */
  @Setup
  public void setUp() {
    monitor = HealthMonitor.builder().discoverExporters(false).build().start();
    tracker = monitor.tracker("checkout");
    slowTokens = Long.getLong(SLOW_RECORD_PROPERTY, 0L);

    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    micrometer = Timer.builder("checkout").register(registry);
    micrometerPercentiles = Timer.builder("checkout.percentiles")
        .publishPercentiles(0.5, 0.95, 0.99)
        .publishPercentileHistogram()
        .register(registry);

    dropwizard = new MetricRegistry().timer("checkout");
    // keeps every value of its window: a one-minute window at benchmark rates (millions per second)
    // runs out of any heap, so the benchmark uses a one-second window and a bigger heap
    dropwizardSliding = new com.codahale.metrics.Timer(new SlidingTimeWindowArrayReservoir(1, TimeUnit.SECONDS));

    hdr = new Recorder(Math.max(2, Latencies.max()), 3);
    adder = new LongAdder();
  }

  /** Stops the monitor's threads. */
  @TearDown
  public void tearDown() {
    monitor.close();
  }

  /**
   * The cost of reading the input, which every other method pays too.
   *
   * @param in the thread's input
   * @return the latency read, so it is not eliminated
   */
  @Benchmark
  public long baseline(Input in) {
    int i = in.next();
    return Latencies.nanos(i) + (Latencies.ok(i) ? 1 : 0);
  }

  /**
   * The floor: a bare {@code LongAdder.increment} (the input is read and discarded).
   *
   * @param in the thread's input
   * @return the latency read
   */
  @Benchmark
  public long longAdder(Input in) {
    long v = Latencies.nanos(in.next());
    adder.increment();
    return v;
  }

  /**
   * Vitals: {@code Tracker.record(nanos, success)}, windowed percentiles included.
   *
   * @param in the thread's input
   */
  @Benchmark
  public void vitals(Input in) {
    int i = in.next();
    if (slowTokens > 0) {
      Blackhole.consumeCPU(slowTokens);
    }
    tracker.record(Latencies.nanos(i), Latencies.ok(i));
  }

  /**
   * Micrometer's default {@code Timer} of a {@code SimpleMeterRegistry}.
   *
   * @param in the thread's input
   */
  @Benchmark
  public void micrometer(Input in) {
    micrometer.record(Latencies.nanos(in.next()), TimeUnit.NANOSECONDS);
  }

  /**
   * Micrometer's {@code Timer} with {@code publishPercentiles(0.5, 0.95, 0.99)} and
   * {@code publishPercentileHistogram()}.
   *
   * @param in the thread's input
   */
  @Benchmark
  public void micrometerPercentiles(Input in) {
    micrometerPercentiles.record(Latencies.nanos(in.next()), TimeUnit.NANOSECONDS);
  }

  /**
   * Dropwizard Metrics' default {@code Timer} (exponentially-decaying reservoir).
   *
   * @param in the thread's input
   */
  @Benchmark
  public void dropwizard(Input in) {
    dropwizard.update(Latencies.nanos(in.next()), TimeUnit.NANOSECONDS);
  }

  /**
   * Dropwizard Metrics' {@code Timer} over a {@code SlidingTimeWindowArrayReservoir}. That reservoir
   * keeps every value of its window (16 bytes each): at the millions of records per second of this
   * benchmark a one-minute window needs gigabytes, so it uses a one-second window and a 3 GB heap.
   *
   * @param in the thread's input
   */
  @Benchmark
  @Fork(value = 2, jvmArgsAppend = {"-Xms3g", "-Xmx3g"})
  public void dropwizardSlidingWindow(Input in) {
    dropwizardSliding.update(Latencies.nanos(in.next()), TimeUnit.NANOSECONDS);
  }

  /**
   * HdrHistogram's {@code Recorder.recordValue} (3 significant digits, wait-free).
   *
   * @param in the thread's input
   */
  @Benchmark
  public void hdrRecorder(Input in) {
    hdr.recordValue(Latencies.nanos(in.next()));
  }

  /** The methods above on one thread. */
  @Threads(1)
  public static class OneThread extends RecordBenchmark {
    /** Creates the benchmark; JMH calls it. */
    public OneThread() {}
  }

  /** The methods above on two threads sharing each recorder. */
  @Threads(2)
  public static class TwoThreads extends RecordBenchmark {
    /** Creates the benchmark; JMH calls it. */
    public TwoThreads() {}
  }
}
