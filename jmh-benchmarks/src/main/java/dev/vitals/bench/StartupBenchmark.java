package dev.vitals.bench;

import dev.vitals.api.Probe;
import dev.vitals.core.HealthMonitor;
import java.time.Duration;
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

/**
 * Start-up of a monitor with 10 probes, before any probe I/O: {@code HealthMonitor.builder()}, ten
 * {@code probe(...)} calls, {@code build()} (configuration, ServiceLoader discovery of probe types)
 * and {@code start()} (threads, circuit breakers, exporter discovery, the first report), with the
 * builder's defaults. The probes are code probes whose
 * first runs come after {@code start()} returns; closing the monitor is not measured.
 *
 * <ul>
 *   <li>{@code coldStart}: the first start in a fresh JVM (one shot per fork, many forks): class
 *       loading and initialisation included, as a process pays it once;</li>
 *   <li>{@code warmStart}: later starts in the same JVM, once the classes are loaded and compiled.</li>
 * </ul>
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.SingleShotTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Threads(1)
public class StartupBenchmark {

  private static final int PROBES = 10;

  private Probe[] probes;
  private HealthMonitor started;

  /** Creates the benchmark; JMH calls it. */
  public StartupBenchmark() {}

  /** Creates the probes (a user's code does that before it starts Vitals). */
  @Setup(Level.Trial)
  public void setUp() {
    probes = new Probe[PROBES];
    for (int i = 0; i < PROBES; i++) {
      probes[i] = Fixtures.probe(i, Duration.ofSeconds(10));
    }
  }

  /** Closes the monitor the last shot started. */
  @TearDown(Level.Invocation)
  public void closeMonitor() {
    if (started != null) {
      started.close();
      started = null;
    }
  }

  private HealthMonitor start() {
    HealthMonitor.Builder b = HealthMonitor.builder();
    for (Probe p : probes) {
      b.probe(p);
    }
    started = b.build().start();
    return started;
  }

  /**
   * The first monitor start in a fresh JVM.
   *
   * @return the started monitor
   */
  @Benchmark
  @Fork(value = 20, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
  @Warmup(iterations = 0)
  @Measurement(iterations = 1, batchSize = 1)
  public HealthMonitor coldStart() {
    return start();
  }

  /**
   * A monitor start once the JVM is warm.
   *
   * @return the started monitor
   */
  @Benchmark
  @Fork(value = 2, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
  @Warmup(iterations = 50, batchSize = 1)
  @Measurement(iterations = 50, batchSize = 1)
  public HealthMonitor warmStart() {
    return start();
  }
}
