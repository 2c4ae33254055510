package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Timeouts, hanging probes and thread bounds (the circuit breaker: {@link CircuitBreakerTest}). Checks run on the monitor's real
 * worker threads; time is a manual clock, so timeouts fire when the test advances it.
 */
class IsolationTest {

  private final ManualClock clock = new ManualClock();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseHangingProbes() {
    release.countDown();
  }

  private HealthMonitor.Builder realWorkers() {
    return HealthMonitor.builder().clock(clock).scheduler(clock.scheduler()).environment(Map.of()).jitter(0)
        .discoverExporters(false);
  }

  private static ProbeDefaults every(Duration interval, Duration timeout) {
    return ProbeDefaults.builder().interval(interval).timeout(timeout).build();
  }

  /** A probe that blocks until released, ignoring interruption when told to. */
  private Probe hanging(String name, boolean ignoreInterrupts, AtomicInteger started) {
    return new Probe() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ProbeDefaults defaults() {
        return every(Duration.ofSeconds(1), Duration.ofMillis(500));
      }

      @Override
      public ProbeResult check() throws InterruptedException {
        started.incrementAndGet();
        if (!ignoreInterrupts) {
          release.await();
          return ProbeResult.up();
        }
        while (true) {
          try {
            release.await();
            return ProbeResult.up();
          } catch (InterruptedException ignored) {
            // a badly behaved driver: swallows the interrupt and keeps waiting
          }
        }
      }
    };
  }

  private static ProbeReport probe(HealthMonitor m, String name) {
    return m.report().probe(name).orElseThrow();
  }

  @Test
  void aProbeThatHangsIsDownAtItsTimeoutAndItsThreadIsInterrupted() {
    AtomicInteger started = new AtomicInteger();
    AtomicInteger interrupted = new AtomicInteger();
    Probe p = new Probe() {
      @Override
      public String name() {
        return "slow";
      }

      @Override
      public ProbeDefaults defaults() {
        return every(Duration.ofSeconds(1), Duration.ofMillis(500));
      }

      @Override
      public ProbeResult check() {
        started.incrementAndGet();
        try {
          release.await();
        } catch (InterruptedException e) {
          interrupted.incrementAndGet();
        }
        return ProbeResult.up();
      }
    };
    try (HealthMonitor m = realWorkers().probe(p).config(Map.of("vitals.probes.slow.failure-threshold", "1"))
        .build().start()) {
      clock.runDue();
      await().untilAtomic(started, org.hamcrest.Matchers.equalTo(1));
      clock.advance(Duration.ofMillis(499));
      assertThat(probe(m, "slow").status()).isEqualTo(Status.UNKNOWN);
      clock.advance(Duration.ofMillis(1));
      await().untilAsserted(() -> assertThat(probe(m, "slow").status()).isEqualTo(Status.DOWN));
      ProbeResult r = probe(m, "slow").lastResult().orElseThrow();
      assertThat(r.message()).contains("timed out after 500ms");
      assertThat(r.latencyNanos()).isEqualTo(Duration.ofMillis(500).toNanos());
      await().untilAtomic(interrupted, org.hamcrest.Matchers.equalTo(1));
    }
  }

  @Test
  void aProbeThatIgnoresInterruptionHoldsOneThreadAndIsReportedDownEveryInterval() {
    AtomicInteger started = new AtomicInteger();
    // the bounded pool, whose threads can be counted (from Java 24 the default is a virtual thread per run)
    try (HealthMonitor m = realWorkers().probe(hanging("stuck", true, started))
        .config(Map.of("vitals.probes.stuck.failure-threshold", "1", "vitals.engine.threads", "1")).build().start()) {
      clock.runDue();
      await().untilAtomic(started, org.hamcrest.Matchers.equalTo(1));
      clock.advance(Duration.ofMillis(500));
      await().untilAsserted(() -> assertThat(probe(m, "stuck").status()).isEqualTo(Status.DOWN));
      for (int i = 0; i < 20; i++) {
        clock.advance(Duration.ofSeconds(1));
      }
      assertThat(started).as("never started twice at once").hasValue(1);
      ProbeResult r = probe(m, "stuck").lastResult().orElseThrow();
      assertThat(r.message().orElseThrow()).contains("has not returned").contains("ignores interruption");
      assertThat(threadsNamed("vitals-probe")).isEqualTo(1);
    }
  }

  @Test
  void hangingProbesNeitherBlockOthersNorGrowTheThreadCount() {
    int healthyCount = 15;
    int hangingCount = 5;
    AtomicInteger hangingStarts = new AtomicInteger();
    List<CountingProbe> healthy = new ArrayList<>();
    HealthMonitor.Builder b = realWorkers();
    for (int i = 0; i < healthyCount; i++) {
      CountingProbe c = new CountingProbe("ok-" + i);
      healthy.add(c);
      b.probe(c);
    }
    for (int i = 0; i < hangingCount; i++) {
      b.probe(hanging("hang-" + i, true, hangingStarts));
    }
    // the bounded pool, whose threads can be counted (from Java 24 the default is a virtual thread per run)
    b.config(Map.of("vitals.engine.threads", String.valueOf(healthyCount + hangingCount)));
    try (HealthMonitor m = b.build().start()) {
      int seconds = 60;
      for (int s = 0; s <= seconds; s++) {
        if (s == 0) {
          clock.runDue();
        } else {
          clock.advance(Duration.ofMillis(500));
          clock.advance(Duration.ofMillis(500));
        }
        awaitRunsPublished(m, healthy, s + 1);
      }
      for (CountingProbe c : healthy) {
        assertThat(c.finished.get()).as("%s kept its 1 s interval", c.name()).isEqualTo(seconds + 1);
        assertThat(probe(m, c.name()).status()).isEqualTo(Status.UP);
      }
      assertThat(hangingStarts).as("each hanging probe started once, never again while stuck").hasValue(hangingCount);
      for (int i = 0; i < hangingCount; i++) {
        assertThat(probe(m, "hang-" + i).status()).isEqualTo(Status.DOWN);
      }
      int threads = threadsNamed("vitals-probe");
      assertThat(threads).as("bounded by one thread per probe").isLessThanOrEqualTo(healthyCount + hangingCount);
      assertThat(threads).as("the stuck threads do not multiply").isGreaterThanOrEqualTo(hangingCount);
    }
  }

  /** Waits until every healthy probe has run {@code runs} times and its latest result is published. */
  private void awaitRunsPublished(HealthMonitor m, List<CountingProbe> healthy, int runs) {
    await().pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(1)).atMost(Duration.ofSeconds(10))
        .until(() -> healthy.stream().allMatch(c -> c.finished.get() == runs
            && probe(m, c.name()).time().filter(clock.instant()::equals).isPresent()));
  }

  @Test
  void closeStopsTheThreadsTheMonitorStarted() {
    AtomicInteger started = new AtomicInteger();
    HealthMonitor m = HealthMonitor.builder().environment(Map.of()).discoverExporters(false)
        .config(Map.of("vitals.engine.threads", "1")) // platform threads, which can be counted
        .probe(hanging("blocked", false, started)).build().start();
    await().untilAtomic(started, org.hamcrest.Matchers.equalTo(1));
    assertThat(threadsNamed("vitals-")).isGreaterThanOrEqualTo(2);
    m.close();
    await().untilAsserted(() -> assertThat(threadsNamed("vitals-")).isZero());
  }

  static int threadsNamed(String prefix) {
    int n = 0;
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (t.getName().startsWith(prefix) && t.isAlive()) {
        n++;
      }
    }
    return n;
  }

  /** A healthy probe that counts its runs. */
  private final class CountingProbe implements Probe {
    private final String name;
    final AtomicInteger started = new AtomicInteger();
    final AtomicInteger finished = new AtomicInteger();

    CountingProbe(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public ProbeDefaults defaults() {
      return every(Duration.ofSeconds(1), Duration.ofMillis(500));
    }

    @Override
    public ProbeResult check() {
      started.incrementAndGet();
      finished.incrementAndGet();
      return ProbeResult.up();
    }
  }
}
