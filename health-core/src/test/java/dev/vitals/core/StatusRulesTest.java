package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.StatusChange;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StatusRulesTest {

  private final ManualClock clock = new ManualClock();

  private ProbeReport probe(HealthMonitor m, String name) {
    return m.report().probe(name).orElseThrow();
  }

  @Test
  void everyProbeIsUnknownBeforeItsFirstResult() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db).build().start()) {
      HealthReport r = m.report();
      assertThat(r.probe("db").orElseThrow().status()).isEqualTo(Status.UNKNOWN);
      assertThat(r.status(ProbeKind.READINESS)).isEqualTo(Status.UNKNOWN);
      assertThat(r.status()).isEqualTo(Status.UNKNOWN);
      assertThat(db.runs).hasValue(0);
      assertThat(r.probe("db").orElseThrow().lastResult()).isEmpty();
    }
  }

  @Test
  void firstSuccessIsUpAtOnce() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db).build().start()) {
      clock.runDue();
      assertThat(probe(m, "db").status()).isEqualTo(Status.UP);
      assertThat(m.report().status()).isEqualTo(Status.UP);
      assertThat(probe(m, "db").time()).contains(clock.instant());
    }
  }

  @Test
  void probesRunOnTheirIntervalAndNeverBefore() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db).build().start()) {
      clock.runDue();
      assertThat(db.runs).hasValue(1);
      clock.advance(Duration.ofMillis(9_999));
      assertThat(db.runs).hasValue(1);
      clock.advance(Duration.ofMillis(1));
      assertThat(db.runs).hasValue(2);
      clock.advance(Duration.ofSeconds(100));
      assertThat(db.runs).hasValue(12);
      assertThat(m.report().probe("db").orElseThrow().status()).isEqualTo(Status.UP);
    }
  }

  @Test
  void downAfterThreeConsecutiveFailures() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db).build().start()) {
      clock.runDue();
      db.answer(() -> ProbeResult.down("connection refused"));
      clock.advance(Duration.ofSeconds(10));
      clock.advance(Duration.ofSeconds(10));
      assertThat(probe(m, "db").status()).isEqualTo(Status.UP);
      assertThat(probe(m, "db").consecutiveFailures()).isEqualTo(2);
      clock.advance(Duration.ofSeconds(10));
      assertThat(probe(m, "db").status()).isEqualTo(Status.DOWN);
      assertThat(probe(m, "db").lastResult().orElseThrow().message()).contains("connection refused");
      assertThat(m.report().status()).isEqualTo(Status.DOWN);
    }
  }

  @Test
  void oneBlipDoesNotFlap() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    MonitorTestSupport.Changes changes = new MonitorTestSupport.Changes();
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db).listener(changes).build().start()) {
      clock.runDue();
      db.answer(() -> ProbeResult.down("blip"));
      clock.advance(Duration.ofSeconds(10));
      db.answer(ProbeResult::up);
      clock.advance(Duration.ofSeconds(10));
      assertThat(probe(m, "db").status()).isEqualTo(Status.UP);
      assertThat(changes.seen).extracting(StatusChange::current).containsExactly(Status.UP);
    }
  }

  @Test
  void upAgainOnlyAfterTheSuccessThreshold() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db)
        .config(Map.of("vitals.probes.db.failure-threshold", "1", "vitals.probes.db.success-threshold", "2"))
        .build().start()) {
      db.answer(() -> ProbeResult.down("refused"));
      clock.runDue();
      assertThat(probe(m, "db").status()).isEqualTo(Status.DOWN);
      db.answer(ProbeResult::up);
      clock.advance(Duration.ofSeconds(10));
      assertThat(probe(m, "db").status()).isEqualTo(Status.DOWN);
      clock.advance(Duration.ofSeconds(10));
      assertThat(probe(m, "db").status()).isEqualTo(Status.UP);
    }
  }

  @Test
  void slowerThanAcceptableBudgetIsDegraded() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db)
        .config(Map.of("vitals.probes.db.budget.target", "50ms", "vitals.probes.db.budget.acceptable", "100ms"))
        .build().start()) {
      db.takes = Duration.ofMillis(400);
      clock.runDue();
      assertThat(probe(m, "db").status()).as("the first run (connecting, class loading) is not judged").isEqualTo(Status.UP);
      db.takes = Duration.ofMillis(100);
      clock.advance(Duration.ofSeconds(10));
      assertThat(probe(m, "db").status()).as("at the acceptable budget").isEqualTo(Status.UP);
      db.takes = Duration.ofMillis(101);
      clock.advance(Duration.ofSeconds(10));
      ProbeReport r = probe(m, "db");
      assertThat(r.status()).isEqualTo(Status.DEGRADED);
      assertThat(r.lastResult().orElseThrow().message().orElseThrow()).contains("101 ms > 100 ms");
      assertThat(r.lastResult().orElseThrow().latencyNanos()).isEqualTo(Duration.ofMillis(101).toNanos());
      assertThat(m.report().status()).isEqualTo(Status.DEGRADED);
    }
  }

  @Test
  void aNonCriticalProbeThatIsDownDegradesTheServiceInsteadOfTakingItDown() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    ScriptedProbe cache = new ScriptedProbe("cache", clock,
        ProbeDefaults.builder().critical(false).interval(Duration.ofSeconds(10)).build());
    cache.answer(() -> ProbeResult.down("refused"));
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db).probe(cache)
        .config(Map.of("vitals.probes.cache.failure-threshold", "1")).build().start()) {
      clock.runDue();
      assertThat(probe(m, "cache").status()).isEqualTo(Status.DOWN);
      assertThat(m.report().status()).isEqualTo(Status.DEGRADED);
      assertThat(m.report().status(ProbeKind.READINESS)).isEqualTo(Status.DEGRADED);
    }
  }

  @Test
  void groupsAggregateOnlyTheirOwnProbes() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    ScriptedProbe heap = new ScriptedProbe("heap", clock);
    db.answer(() -> ProbeResult.down("refused"));
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db).probe(heap)
        .config(Map.of("vitals.probes.db.failure-threshold", "1", "vitals.probes.heap.kinds", "liveness, startup"))
        .build().start()) {
      clock.runDue();
      HealthReport r = m.report();
      assertThat(r.status(ProbeKind.READINESS)).isEqualTo(Status.DOWN);
      assertThat(r.status(ProbeKind.LIVENESS)).isEqualTo(Status.UP);
      assertThat(r.status(ProbeKind.STARTUP)).isEqualTo(Status.UP);
      assertThat(r.probes(ProbeKind.LIVENESS)).extracting(ProbeReport::name).containsExactly("heap");
      assertThat(r.status()).isEqualTo(Status.DOWN);
    }
  }

  @Test
  void aThrowingProbeIsDownWithTheReason() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    db.answer(() -> {
      throw new java.io.IOException("FATAL: password authentication failed for user app; password=hunter2");
    });
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db)
        .config(Map.of("vitals.probes.db.failure-threshold", "1")).build().start()) {
      clock.runDue();
      ProbeResult last = probe(m, "db").lastResult().orElseThrow();
      assertThat(last.status()).isEqualTo(Status.DOWN);
      assertThat(last.message().orElseThrow()).contains("password authentication failed").doesNotContain("hunter2");
      assertThat(last.error().orElseThrow()).startsWith("java.io.IOException").doesNotContain("hunter2");
    }
  }

  @Test
  void probeObserversSeeEveryRunStartAndEndWithItsResult() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    java.util.List<String> seen = new java.util.concurrent.CopyOnWriteArrayList<>();
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db).probeObserver((probe, type) -> {
      seen.add("start " + probe + " " + type);
      return result -> seen.add("end " + probe + " " + result.status());
    }).build().start()) {
      clock.runDue();
      db.answer(() -> ProbeResult.down("refused"));
      clock.advance(Duration.ofSeconds(10));
      assertThat(seen).containsExactly("start db custom", "end db UP", "start db custom", "end db DOWN");
    }
  }

  @Test
  void anAutoCloseableProbeIsClosedWithTheMonitor() {
    java.util.concurrent.atomic.AtomicBoolean closed = new java.util.concurrent.atomic.AtomicBoolean();
    class ClosingProbe implements dev.vitals.api.Probe, AutoCloseable {
      @Override
      public String name() {
        return "pool";
      }

      @Override
      public ProbeResult check() {
        return ProbeResult.up();
      }

      @Override
      public void close() {
        closed.set(true);
      }
    }
    HealthMonitor m = MonitorTestSupport.manual(clock).probe(new ClosingProbe()).build().start();
    assertThat(closed).isFalse();
    m.close();
    assertThat(closed).isTrue();
  }

  @Test
  void aNullResultIsDown() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    db.answer(() -> null);
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db)
        .config(Map.of("vitals.probes.db.failure-threshold", "1")).build().start()) {
      clock.runDue();
      assertThat(probe(m, "db").status()).isEqualTo(Status.DOWN);
      assertThat(probe(m, "db").lastResult().orElseThrow().message()).contains("check() returned null");
    }
  }

  @Test
  void listenersGetOldAndNewStatusTheResultAndTheTime() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    MonitorTestSupport.Changes changes = new MonitorTestSupport.Changes();
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db).listener(changes)
        .config(Map.of("vitals.probes.db.failure-threshold", "1")).build().start()) {
      clock.runDue();
      db.answer(() -> ProbeResult.down("refused"));
      clock.advance(Duration.ofSeconds(10));
      assertThat(changes.seen).hasSize(2);
      StatusChange down = changes.seen.get(1);
      assertThat(down.probe()).isEqualTo("db");
      assertThat(down.previous()).isEqualTo(Status.UP);
      assertThat(down.current()).isEqualTo(Status.DOWN);
      assertThat(down.result().message()).contains("refused");
      assertThat(down.time()).isEqualTo(clock.instant());
      assertThat(probe(m, "db").since()).isEqualTo(clock.instant());
      assertThat(probe(m, "db").history()).extracting(t -> t.to()).containsExactly(Status.UP, Status.DOWN);
    }
  }

  @Test
  void aListenerThatThrowsDoesNotStopTheMonitor() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    MonitorTestSupport.Changes changes = new MonitorTestSupport.Changes();
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db)
        .listener(new dev.vitals.api.HealthListener() {
          @Override
          public void onStatusChange(StatusChange change) {
            throw new IllegalStateException("listener bug");
          }
        })
        .listener(changes).build().start()) {
      clock.runDue();
      assertThat(probe(m, "db").status()).isEqualTo(Status.UP);
      assertThat(changes.seen).hasSize(1);
    }
  }

  @Test
  void aResultOlderThanTwiceTheIntervalIsStaleNotUp() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    DroppingScheduler scheduler = new DroppingScheduler(clock.scheduler(), Duration.ofSeconds(10));
    try (HealthMonitor m = HealthMonitor.builder().clock(clock).scheduler(scheduler)
        .executor(clock.executor()).environment(Map.of()).jitter(0)
        .discoverExporters(false).probe(db).build().start()) {
      scheduler.dropping = true; // the scheduler "falls behind": after this run, no more runs of the probe
      clock.runDue();
      assertThat(probe(m, "db").status()).isEqualTo(Status.UP);
      assertThat(db.runs).hasValue(1);
      clock.advance(Duration.ofSeconds(20));
      assertThat(probe(m, "db").stale()).isFalse();
      assertThat(probe(m, "db").status()).isEqualTo(Status.UP);
      clock.advance(Duration.ofMillis(1));
      ProbeReport r = probe(m, "db");
      assertThat(r.stale()).isTrue();
      assertThat(r.status()).isEqualTo(Status.UNKNOWN);
      assertThat(m.report().status()).isEqualTo(Status.UNKNOWN);
    }
  }

  @Test
  void coldStartIsFixedWhenReadinessFirstBecomesAvailable() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    db.takes = Duration.ofMillis(120);
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db).build().start()) {
      assertThat(m.report().coldStart()).isEmpty();
      clock.runDue();
      assertThat(m.report().coldStart()).contains(Duration.ofMillis(120));
      m.markReady();
      assertThat(m.report().coldStart()).contains(Duration.ofMillis(120));
    }
  }

  @Test
  void markReadyFixesColdStartWhenAutoReadyIsOff() {
    try (HealthMonitor m = MonitorTestSupport.manual(clock).autoReady(false).build().start()) {
      clock.advance(Duration.ofMillis(250));
      m.markReady();
      clock.advance(Duration.ofMillis(250));
      m.markReady();
      assertThat(m.report().coldStart()).contains(Duration.ofMillis(250));
      assertThat(m.report().uptime(clock.instant())).isEqualTo(Duration.ofMillis(500));
    }
  }
}
