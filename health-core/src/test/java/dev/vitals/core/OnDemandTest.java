package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.Clock;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A monitor built {@code onDemand}: probes run only inside {@code runDue}, within its budget, and nothing
 * of the monitor runs between two calls (a serverless function's process is frozen then).
 */
class OnDemandTest {

  private final CountDownLatch release = new CountDownLatch(1);
  private HealthMonitor monitor;

  @AfterEach
  void close() {
    release.countDown();
    if (monitor != null) {
      monitor.close();
    }
  }

  private static HealthMonitor.Builder onDemand(Clock clock) {
    return HealthMonitor.builder().clock(clock).environment(Map.of()).jitter(0).discoverExporters(false)
        .onDemand(true);
  }

  @Test
  void probesRunOnlyInsideRunDueAndOnlyWhenTheirIntervalHasPassed() throws Exception {
    ManualClock clock = new ManualClock();
    Counting db = new Counting("db");
    Counting cache = new Counting("cache");
    monitor = onDemand(clock).probe(db).probe(cache).build().start();

    assertThat(db.runs.get() + cache.runs.get()).as("runs before the first call").isZero();
    assertThat(monitor.report().probe("db").orElseThrow().status()).isEqualTo(Status.UNKNOWN);

    assertThat(monitor.runDue(Duration.ofSeconds(5))).as("results of the first call").isEqualTo(2);
    assertThat(db.runs.get()).isEqualTo(1);
    assertThat(monitor.report().probe("db").orElseThrow().status()).isEqualTo(Status.UP);
    assertThat(monitor.report().probe("cache").orElseThrow().status()).isEqualTo(Status.UP);

    clock.advance(Duration.ofMillis(500));
    assertThat(monitor.runDue(Duration.ofSeconds(5))).as("results within the interval: the last ones are reused")
        .isZero();
    assertThat(db.runs.get()).isEqualTo(1);

    clock.advance(Duration.ofMillis(500));
    assertThat(monitor.runDue(Duration.ofSeconds(5))).as("results once the interval has passed").isEqualTo(2);
    assertThat(db.runs.get()).isEqualTo(2);
  }

  @Test
  void aLongFreezeRunsEachProbeOnceAndIsNeitherStaleNorBehind() throws Exception {
    ManualClock clock = new ManualClock();
    Counting db = new Counting("db");
    monitor = onDemand(clock).probe(db).build().start();
    monitor.runDue(Duration.ofSeconds(5));

    clock.advance(Duration.ofHours(2)); // the process was frozen: 7,200 intervals, 720 rotations missed
    assertThat(monitor.runDue(Duration.ofSeconds(5))).isEqualTo(1);

    assertThat(db.runs.get()).as("one run after the freeze, not one per missed interval").isEqualTo(2);
    assertThat(monitor.report().probe("db").orElseThrow().status()).isEqualTo(Status.UP);
    assertThat(monitor.report().probe("db").orElseThrow().stale()).as("stale").isFalse();
    assertThat(monitor.report().scheduleLag()).as("schedule lag").isEqualTo(Duration.ZERO);
    assertThat(monitor.report().problems()).noneMatch(p -> p.startsWith("the monitor is behind"));
  }

  @Test
  void aHungProbeNeverHoldsTheCallerPastItsBudgetAndTimesOutInALaterCall() throws Exception {
    Probe hung = blocking("hung", Duration.ofSeconds(1), Duration.ofMillis(300));
    Counting db = new Counting("db");
    monitor = onDemand(Clock.system()).probe(hung).probe(db).build().start();

    long t0 = System.nanoTime();
    int results = monitor.runDue(Duration.ofMillis(50));
    long tookMillis = (System.nanoTime() - t0) / 1_000_000;

    assertThat(results).as("the quick probe's result").isEqualTo(1);
    assertThat(tookMillis).as("the call returned at its budget, not the hung probe's timeout").isLessThan(300);
    assertThat(monitor.report().probe("hung").orElseThrow().status()).as("still running").isEqualTo(Status.UNKNOWN);

    // a later call with room for it: the timeout falls due inside the call
    assertThat(monitor.runDue(Duration.ofSeconds(10))).isGreaterThanOrEqualTo(1);
    // a failed run (the status turns DOWN after the probe's failure threshold, as with a scheduler)
    assertThat(monitor.report().probe("hung").orElseThrow().consecutiveFailures()).isEqualTo(1);
    assertThat(monitor.report().probe("hung").orElseThrow().lastResult().orElseThrow().message().orElse(""))
        .contains("timed out after 300ms");
  }

  @Test
  void aZeroBudgetStartsTheDueRunsWithoutWaitingForThem() throws Exception {
    ManualClock clock = new ManualClock();
    AtomicInteger started = new AtomicInteger();
    Probe slow = new Probe() {
      @Override
      public String name() {
        return "slow";
      }

      @Override
      public ProbeResult check() throws InterruptedException {
        started.incrementAndGet();
        release.await();
        return ProbeResult.up();
      }
    };
    monitor = onDemand(clock).probe(slow).build().start();

    assertThat(monitor.runDue(Duration.ZERO)).as("results of a call that waits for none").isZero();
    await().atMost(Duration.ofSeconds(10)).until(() -> started.get() == 1); // the run was started on a worker
    assertThat(monitor.report().probe("slow").orElseThrow().status()).isEqualTo(Status.UNKNOWN);
    release.countDown();
    // the result lands on the worker, without a call
    await().atMost(Duration.ofSeconds(10))
        .until(() -> monitor.report().probe("slow").orElseThrow().status() == Status.UP);
  }

  @Test
  void misuseIsRefusedWithWhatToDoInstead() throws Exception {
    ManualClock clock = new ManualClock();
    assertThatThrownBy(() -> onDemand(clock).scheduler(clock.scheduler()).probe(new Counting("db")).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("do not also give a scheduler");

    monitor = HealthMonitor.builder().clock(clock).scheduler(clock.scheduler()).executor(clock.executor())
        .environment(Map.of()).discoverExporters(false).probe(new Counting("db")).build().start();
    assertThatThrownBy(() -> monitor.runDue(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("onDemand(true)");
    HealthMonitor onDemand = onDemand(clock).probe(new Counting("db")).build();
    assertThatThrownBy(() -> onDemand.runDue(Duration.ofSeconds(1))).isInstanceOf(IllegalStateException.class);
    onDemand.start();
    try {
      assertThatThrownBy(() -> onDemand.runDue(Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("must not be negative");
    } finally {
      onDemand.close();
    }
  }

  @Test
  void noThreadOfTheMonitorRunsBetweenCalls() throws Exception {
    ManualClock clock = new ManualClock();
    Set<Thread> before = Thread.getAllStackTraces().keySet();
    monitor = onDemand(clock).probe(new Counting("db")).build().start();
    assertThat(Thread.getAllStackTraces().keySet()).as("threads after start()")
        .noneMatch(t -> !before.contains(t) && t.getName().startsWith("vitals-scheduler"));
    monitor.runDue(Duration.ofSeconds(5));
    for (Thread t : Thread.getAllStackTraces().keySet()) {
      if (!before.contains(t) && t.getName().startsWith("vitals-")) {
        assertThat(t.getName()).as("a monitor thread after a call").startsWith("vitals-probe");
      }
    }
    // a worker hands its result over before it returns to the pool: it goes idle right after the call
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      for (Thread t : Thread.getAllStackTraces().keySet()) {
        if (!before.contains(t) && t.getName().startsWith("vitals-")) {
          assertThat(t.getState()).as("the worker %s between calls", t.getName())
              .isIn(Thread.State.WAITING, Thread.State.TIMED_WAITING, Thread.State.TERMINATED);
        }
      }
    });
  }

  /** A probe that blocks until the test releases it. */
  private Probe blocking(String name, Duration interval, Duration timeout) {
    return new Probe() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public ProbeDefaults defaults() {
        return ProbeDefaults.builder().interval(interval).timeout(timeout).build();
      }

      @Override
      public ProbeResult check() throws InterruptedException {
        release.await();
        return ProbeResult.up();
      }
    };
  }

  /** A probe every second that counts its runs. */
  private static final class Counting implements Probe {
    private final String name;
    final AtomicInteger runs = new AtomicInteger();

    Counting(String name) {
      this.name = name;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public ProbeDefaults defaults() {
      return ProbeDefaults.builder().interval(Duration.ofSeconds(1)).timeout(Duration.ofMillis(500)).build();
    }

    @Override
    public ProbeResult check() {
      runs.incrementAndGet();
      return ProbeResult.up();
    }
  }
}
