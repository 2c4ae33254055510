package dev.vitals.probes.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.core.HealthMonitor;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** How late the heartbeat's runs come: against a manual clock, and under a real monitor whose scheduler is stalled. */
class HeartbeatProbeTest {

  private final ManualClock clock = new ManualClock();

  private HeartbeatProbe probe(int maxLag) {
    return new HeartbeatProbe("beat", Duration.ofSeconds(10), maxLag, clock::nanoTime);
  }

  @Test
  void firstRunIsUpAndOnTimeRunsAreUp() {
    HeartbeatProbe p = probe(2);
    assertThat(p.check().message()).contains("first beat; lateness is measured from the next run"); // the whole message
    clock.advance(Duration.ofSeconds(10));
    ProbeResult r = p.check();
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.details()).containsEntry("lagMs", 0.0).containsEntry("intervalMs", 10_000L);
  }

  @Test
  void moreThanOneIntervalLateIsDegradedMoreThanMaxIsDownAndOnTimeAgainIsUp() {
    HeartbeatProbe p = probe(2);
    p.check();
    clock.advance(Duration.ofMillis(10_000 + 15_000));
    ProbeResult degraded = p.check();
    assertThat(degraded.status()).isEqualTo(Status.DEGRADED);
    assertThat(degraded.details()).containsEntry("lagMs", 15_000.0);
    assertThat(degraded.message()).hasValueSatisfying(m -> assertThat(m).startsWith("ran 15000.0 ms late, 1.5 intervals of 10s"));

    clock.advance(Duration.ofMillis(10_000 + 20_001));
    ProbeResult down = p.check();
    assertThat(down.status()).isEqualTo(Status.DOWN);
    assertThat(down.message()).hasValueSatisfying(m -> assertThat(m).contains("ran 20001.0 ms late")
        .contains("more than max-lag-intervals = 2").contains("scheduler or probe pool is stalled or saturated"));

    clock.advance(Duration.ofSeconds(10));
    assertThat(p.check().status()).isEqualTo(Status.UP);
  }

  @Test
  void maxLagOfOneIntervalGoesStraightToDown() {
    HeartbeatProbe p = probe(1);
    p.check();
    clock.advance(Duration.ofMillis(10_000 + 10_001));
    assertThat(p.check().status()).isEqualTo(Status.DOWN);
  }

  @Test
  void theCircuitBreakersWaitAfterAFailureIsNotCountedAsLateness() {
    HeartbeatProbe p = probe(2);
    p.check();
    // three runs each 3 intervals late: a 120 s outage as the engine counts it
    for (int i = 0; i < 3; i++) {
      clock.advance(Duration.ofSeconds(40));
      assertThat(p.check().status()).isEqualTo(Status.DOWN);
    }
    // the open breaker holds the trial back by a quarter of the outage so far (80 s from the first failure: 20 s)
    clock.advance(Duration.ofSeconds(20));
    assertThat(p.check().status()).isEqualTo(Status.UP);
  }

  @Test
  void aRealMonitorWhoseSchedulerStallsSeesItsHeartbeatDownThenUp() throws Exception {
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "stallable-scheduler");
      t.setDaemon(true);
      return t;
    });
    List<ProbeResult> results = new CopyOnWriteArrayList<>();
    try (HealthMonitor monitor = HealthMonitor.builder().scheduler(scheduler).environment(Map.of())
        .probeObserver((probe, type) -> results::add)
        .config(Map.of("vitals.probes.beat.type", "heartbeat", "vitals.probes.beat.interval", "100ms",
            "vitals.probes.beat.failure-threshold", "1"))
        .build().start()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(monitor) == Status.UP
          && monitor.report().probe("beat").orElseThrow().lastResult().orElseThrow().message().orElse("")
              .startsWith("on time"));
      CountDownLatch never = new CountDownLatch(1);
      scheduler.execute(() -> {
        try {
          never.await(400, TimeUnit.MILLISECONDS); // the scheduler's only thread is stuck 4 intervals: no tick runs
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
      // the engine's stale check, on the same scheduler, may report first; then the heartbeat's own late run
      await().atMost(Duration.ofSeconds(10)).until(() -> results.stream().anyMatch(r -> r.status() == Status.DOWN));
      ProbeResult down = results.stream().filter(r -> r.status() == Status.DOWN).findFirst().orElseThrow();
      assertThat(down.message()).hasValueSatisfying(m -> assertThat(m).contains("more than max-lag-intervals = 2"));
      assertThat((double) down.details().get("lagMs")).isGreaterThan(200.0);
      // the engine's own figure saw the same stall (published with a later report)
      await().atMost(Duration.ofSeconds(10)).until(() -> monitor.report().scheduleLag().toMillis() > 200);
      await().atMost(Duration.ofSeconds(10)).until(() -> statusOf(monitor) == Status.UP);
    } finally {
      scheduler.shutdownNow();
    }
  }

  private static Status statusOf(HealthMonitor monitor) {
    return monitor.report().probe("beat").orElseThrow().status();
  }
}
