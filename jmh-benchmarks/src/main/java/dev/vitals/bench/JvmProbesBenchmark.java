package dev.vitals.bench;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.probes.jvm.DeadlockProbeFactory;
import dev.vitals.probes.jvm.DiskProbeFactory;
import dev.vitals.probes.jvm.FileDescriptorsProbeFactory;
import dev.vitals.probes.jvm.HeartbeatProbeFactory;
import dev.vitals.probes.jvm.MemoryProbeFactory;
import dev.vitals.probes.jvm.ThreadsProbeFactory;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * What one check of each process-local probe of {@code probes-jvm} costs (issue 16: "each costs
 * microseconds"), built from its factory as configuration builds it, in a JVM with its usual few dozen
 * threads. A check runs once per interval (10 s by default) on a worker, so microseconds are a
 * millionth of the time it watches.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms256m", "-Xmx256m"})
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
public class JvmProbesBenchmark {

  private Probe heartbeat;
  private Probe deadlock;
  private Probe memory;
  private Probe disk;
  private Probe fileDescriptors;
  private Probe threads;

  /** Creates the benchmark; JMH calls it. */
  public JvmProbesBenchmark() {}

  /** Builds each probe from its factory. */
  @Setup
  public void setUp() {
    heartbeat = new HeartbeatProbeFactory().create(ProbeConfig.of("heartbeat", Map.of("type", "heartbeat")));
    deadlock = new DeadlockProbeFactory().create(ProbeConfig.of("deadlock", Map.of("type", "deadlock")));
    memory = new MemoryProbeFactory().create(ProbeConfig.of("memory", Map.of("type", "memory")));
    disk = new DiskProbeFactory().create(ProbeConfig.of("disk", Map.of("type", "disk", "path", System.getProperty("java.io.tmpdir"))));
    fileDescriptors = new FileDescriptorsProbeFactory().create(ProbeConfig.of("fds", Map.of("type", "file-descriptors")));
    threads = new ThreadsProbeFactory().create(ProbeConfig.of("threads", Map.of("type", "threads")));
  }

  private static ProbeResult check(Probe p) {
    try {
      return p.check();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  /** @return the result */
  @Benchmark
  public ProbeResult heartbeat() {
    return check(heartbeat);
  }

  /** @return the result */
  @Benchmark
  public ProbeResult deadlock() {
    return check(deadlock);
  }

  /** @return the result */
  @Benchmark
  public ProbeResult memory() {
    return check(memory);
  }

  /** @return the result */
  @Benchmark
  public ProbeResult disk() {
    return check(disk);
  }

  /** @return the result */
  @Benchmark
  public ProbeResult fileDescriptors() {
    return check(fileDescriptors);
  }

  /** @return the result */
  @Benchmark
  public ProbeResult threads() {
    return check(threads);
  }
}
