package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.test.ManualClock;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Which threads probes run on: the bounded pool on Java 17 to 23, a virtual thread per run from Java
 * 24 (or when asked for from 21), and a clear refusal of {@code virtual} on a Java without them. Each
 * test asserts what holds on the Java it runs on (CI runs 17; the same tests run on 25 by hand with
 * {@code JAVA_HOME} set to it).
 */
class WorkerThreadsTest {

  private final ManualClock clock = new ManualClock();

  /** The thread the probe's first run ran on. */
  private Thread firstRunThread(Map<String, String> config) throws Exception {
    CompletableFuture<Thread> ranOn = new CompletableFuture<>();
    Probe p = Probe.of("db", () -> {
      ranOn.complete(Thread.currentThread());
      return ProbeResult.up();
    });
    try (HealthMonitor m = HealthMonitor.builder().clock(clock).scheduler(clock.scheduler()).environment(Map.of())
        .jitter(0).discoverExporters(false).startTime(clock.instant()).config(config).probe(p).build().start()) {
      clock.runDue();
      return ranOn.get(10, TimeUnit.SECONDS);
    }
  }

  private static boolean isVirtual(Thread t) throws Exception {
    if (Runtime.version().feature() < 21) {
      return false;
    }
    return (Boolean) Thread.class.getMethod("isVirtual").invoke(t);
  }

  @Test
  void byDefaultProbesRunOnVirtualThreadsFromJava24AndOnTheBoundedPoolBefore() throws Exception {
    Thread t = firstRunThread(Map.of());
    assertThat(t.getName()).startsWith("vitals-probe-");
    assertThat(isVirtual(t)).as("virtual on Java %s", Runtime.version().feature())
        .isEqualTo(Runtime.version().feature() >= 24);
    assertThat(t.isDaemon()).isTrue();
  }

  @Test
  void aNumberOfThreadsAlwaysMeansTheBoundedPool() throws Exception {
    Thread t = firstRunThread(Map.of("vitals.engine.threads", "4"));
    assertThat(t.getName()).startsWith("vitals-probe-");
    assertThat(isVirtual(t)).isFalse();
  }

  @Test
  void virtualIsUsedFromJava21AndRefusedBeforeWithTheReason() throws Exception {
    Map<String, String> config = Map.of("vitals.engine.threads", "virtual");
    if (Runtime.version().feature() >= 21) {
      assertThat(isVirtual(firstRunThread(config))).isTrue();
    } else {
      assertThatThrownBy(() -> firstRunThread(config)).isInstanceOf(ConfigException.class)
          .hasMessageContaining("vitals.engine.threads = 'virtual' is not allowed on Java "
              + Runtime.version().feature() + ": virtual threads need Java 21 or later; expected a number of threads"
              + " from 1 to 10000");
    }
  }

  @Test
  void anythingElseIsRefusedWithWhatIsAllowed() {
    assertThatThrownBy(() -> firstRunThread(Map.of("vitals.engine.threads", "lots")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vitals.engine.threads = 'lots' is not allowed: expected a number of threads from 1 to"
            + " 10000, or 'virtual' (Java 21 or later)");
    assertThatThrownBy(() -> firstRunThread(Map.of("vitals.engine.threads", "0")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("vitals.engine.threads = '0' is not allowed");
  }

  @Test
  void closeInterruptsARunOnAVirtualThreadAsItDoesOnThePool() throws Exception {
    String threads = Runtime.version().feature() >= 21 ? "virtual" : "1";
    CompletableFuture<Thread> blocked = new CompletableFuture<>();
    CompletableFuture<Boolean> interrupted = new CompletableFuture<>();
    Probe p = Probe.of("db", () -> {
      blocked.complete(Thread.currentThread());
      try {
        new java.util.concurrent.CountDownLatch(1).await();
      } catch (InterruptedException e) {
        interrupted.complete(true);
      }
      return ProbeResult.up();
    });
    HealthMonitor m = HealthMonitor.builder().environment(Map.of()).discoverExporters(false)
        .config(Map.of("vitals.engine.threads", threads)).probe(p).build().start();
    Thread t = blocked.get(10, TimeUnit.SECONDS);
    assertThat(isVirtual(t)).isEqualTo(threads.equals("virtual"));
    m.close();
    assertThat(interrupted.get(10, TimeUnit.SECONDS)).isTrue();
    t.join(10_000);
    assertThat(t.isAlive()).isFalse();
  }

  @Test
  void theDefaultPoolHasRoomForEveryProbeWaitingForItsWholeTimeout() {
    assertThat(Workers.defaultThreads(10 * 0.2, 10)).as("few probes: one thread each").isEqualTo(10);
    assertThat(Workers.defaultThreads(100 * 0.01, 100)).as("short timeouts: at least 64").isEqualTo(64);
    assertThat(Workers.defaultThreads(1_000 * 0.2, 1_000)).as("1,000 probes, 2 s of 10 s: 200 and a quarter")
        .isEqualTo(250);
    assertThat(Workers.defaultThreads(10_000 * 0.2, 10_000)).as("at most 1,024").isEqualTo(1_024);
    assertThat(Workers.defaultThreads(0, 0)).isEqualTo(1);
  }

  @Test
  void beyond64ThePoolStartsAThreadOnlyWhenEveryThreadIsBusy() throws Exception {
    java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
    java.util.concurrent.atomic.AtomicInteger started = new java.util.concurrent.atomic.AtomicInteger();
    Workers w = Workers.own(250, 1_000, r -> {
      Thread t = new Thread(r, "pool-test");
      t.setDaemon(true);
      return t;
    });
    try {
      // quick runs one after the other: never more threads than the JDK pool's core of 64
      for (int i = 0; i < 500; i++) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        w.execute(() -> done.complete(null));
        done.get(10, TimeUnit.SECONDS);
      }
      assertThat(w.threads()).isLessThanOrEqualTo(Workers.DEFAULT_MAX);
      // runs that block: each finds every thread busy and gets a new one, up to the bound of 250
      for (int i = 0; i < 300; i++) {
        w.execute(() -> {
          started.incrementAndGet();
          try {
            release.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        });
      }
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
          .untilAtomic(started, org.hamcrest.Matchers.equalTo(250));
      assertThat(w.threads()).isEqualTo(250);
      assertThat(w.queued()).as("the 50 beyond the bound wait").isEqualTo(50);
      release.countDown();
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
          .untilAtomic(started, org.hamcrest.Matchers.equalTo(300));
    } finally {
      release.countDown();
      w.ownExecutor().shutdownNow();
    }
  }
}
