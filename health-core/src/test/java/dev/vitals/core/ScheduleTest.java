package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.HealthListener;
import dev.vitals.api.HealthReport;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.StatusChange;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * A monitor that falls behind its schedule says so (schedule lag, stale probes, a problem in the
 * report), its worker pool is bounded, stuck runs do not starve the others, and a large monitor
 * coalesces results into few reports.
 */
class ScheduleTest {

  private final ManualClock clock = new ManualClock();
  private final CountDownLatch release = new CountDownLatch(1);

  @AfterEach
  void releaseBlockedProbes() {
    release.countDown();
  }

  private HealthMonitor.Builder realWorkers() {
    return HealthMonitor.builder().clock(clock).scheduler(clock.scheduler()).environment(Map.of()).jitter(0)
        .discoverExporters(false).startTime(clock.instant());
  }

  /** A probe that blocks until the test releases it; interruption is ignored when told. */
  private Probe blocking(String name, boolean ignoreInterrupts, AtomicInteger started) {
    return blocking(name, ignoreInterrupts, started, Duration.ofSeconds(1), Duration.ofMillis(500));
  }

  private Probe blocking(String name, boolean ignoreInterrupts, AtomicInteger started, Duration interval,
      Duration timeout) {
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
        started.incrementAndGet();
        while (true) {
          try {
            release.await();
            return ProbeResult.up();
          } catch (InterruptedException e) {
            if (!ignoreInterrupts) {
              throw e;
            }
          }
        }
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

  /** An executor that holds its tasks while closed and runs them on the caller's thread when open. */
  private static final class Gate extends java.util.concurrent.AbstractExecutorService {
    private final java.util.List<Runnable> held = new java.util.ArrayList<>();
    private boolean open = true;

    synchronized void close() {
      open = false;
    }

    void open() {
      java.util.List<Runnable> run;
      synchronized (this) {
        open = true;
        run = new java.util.ArrayList<>(held);
        held.clear();
      }
      run.forEach(Runnable::run);
    }

    @Override
    public void execute(Runnable command) {
      synchronized (this) {
        if (!open) {
          held.add(command);
          return;
        }
      }
      command.run();
    }

    @Override
    public void shutdown() {}

    @Override
    public java.util.List<Runnable> shutdownNow() {
      return java.util.List.of();
    }

    @Override
    public boolean isShutdown() {
      return false;
    }

    @Override
    public boolean isTerminated() {
      return false;
    }

    @Override
    public boolean awaitTermination(long timeout, java.util.concurrent.TimeUnit unit) {
      return true;
    }
  }

  @Test
  void runsThatStartLateShowAsScheduleLagAndAProblemUntilTheScheduleIsKeptAgain() {
    Counting ok = new Counting("ok");
    Gate gate = new Gate();
    try (HealthMonitor m = realWorkers().executor(gate).probe(ok).build().start()) {
      gate.close(); // no worker free: the run due now waits
      clock.runDue();
      assertThat(m.report().scheduleLag()).isEqualTo(Duration.ZERO);
      for (int i = 0; i < 3; i++) {
        clock.advance(Duration.ofSeconds(1));
      }
      HealthReport behind = m.report();
      assertThat(behind.probe("ok").orElseThrow().stale()).as("never ran within two intervals").isTrue();
      assertThat(behind.probe("ok").orElseThrow().status()).isEqualTo(Status.UNKNOWN);
      assertThat(behind.problems()).contains(Engine.BEHIND);
      gate.open();
      assertThat(m.report().probe("ok").orElseThrow().status()).isEqualTo(Status.UP);
      assertThat(m.report().scheduleLag()).as("the held run started 3 s after it was due")
          .isEqualTo(Duration.ofSeconds(3));
      assertThat(m.report().problems()).contains(Engine.BEHIND);
      // on schedule again: the lag and the problem leave with the second rotation period (10 s each)
      clock.advance(Duration.ofSeconds(17));
      assertThat(m.report().problems()).isEmpty();
      assertThat(m.report().scheduleLag()).isEqualTo(Duration.ZERO);
      assertThat(ok.runs.get()).isEqualTo(18);
    }
  }

  @Test
  void aStuckRunGetsItsThreadReplacedSoOthersKeepTheirSchedule() {
    AtomicInteger started = new AtomicInteger();
    Counting a = new Counting("a");
    Counting b = new Counting("b");
    try (HealthMonitor m = realWorkers().probe(blocking("stuck-1", true, started)).probe(blocking("stuck-2", true, started))
        .probe(a).probe(b).config(Map.of("vitals.engine.threads", "2")).build().start()) {
      clock.runDue();
      await().until(() -> started.get() == 2 || a.runs.get() + b.runs.get() > 0);
      for (int s = 1; s <= 10; s++) {
        clock.advance(Duration.ofSeconds(1));
        int expected = s;
        // the two stuck runs each hold a thread; the pool grows past its bound of 2 while they do
        await().atMost(Duration.ofSeconds(10)).until(() -> a.runs.get() >= expected && b.runs.get() >= expected);
      }
      assertThat(started).as("each stuck probe started once").hasValue(2);
      assertThat(IsolationTest.threadsNamed("vitals-probe")).as("the bound of 2 plus one per stuck run").isLessThanOrEqualTo(4);
      assertThat(m.report().probe("a").orElseThrow().status()).isEqualTo(Status.UP);
    }
  }

  @Test
  void aLargeMonitorCoalescesResultsIntoFewReports() {
    int n = Engine.INLINE_PUBLISH_MAX + 100;
    HealthMonitor.Builder b = MonitorTestSupport.manual(clock);
    for (int i = 0; i < n; i++) {
      b.probe(Probe.of("p" + i, ProbeResult::up));
    }
    AtomicInteger reports = new AtomicInteger();
    AtomicInteger changes = new AtomicInteger();
    b.listener(new HealthListener() {
      @Override
      public void onReport(HealthReport report) {
        reports.incrementAndGet();
      }

      @Override
      public void onStatusChange(StatusChange change) {
        changes.incrementAndGet();
      }
    });
    try (HealthMonitor m = b.build().start()) {
      clock.runDue();
      // results are coalesced for at most 1 microsecond per probe
      clock.advance(Duration.ofNanos(n * Engine.PUBLISH_SPACING_NANOS_PER_PROBE));
      assertThat(m.report().status()).isEqualTo(Status.UP);
      assertThat(m.report().probes()).allMatch(p -> p.status() == Status.UP);
      assertThat(changes).as("every change is told").hasValue(n);
      int afterFirst = reports.get();
      assertThat(afterFirst).as("%d results, one report each would be %d", n, n).isLessThanOrEqualTo(3);
      clock.advance(Duration.ofSeconds(10));
      assertThat(reports.get() - afterFirst).as("a second round of %d results", n).isLessThanOrEqualTo(3);
    }
  }

  @Test
  void aSmallMonitorPublishesEveryResultAtOnce() {
    Counting ok = new Counting("ok");
    AtomicInteger reports = new AtomicInteger();
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(ok).listener(new HealthListener() {
      @Override
      public void onReport(HealthReport report) {
        reports.incrementAndGet();
      }
    }).build().start()) {
      int before = reports.get();
      clock.runDue();
      assertThat(reports.get() - before).isEqualTo(1);
      assertThat(m.report().probe("ok").orElseThrow().status()).isEqualTo(Status.UP);
    }
  }
}
