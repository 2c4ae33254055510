package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.Alert;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

class AlertingTest {

  private final ManualClock clock = new ManualClock();

  private HealthMonitor monitor(ScriptedProbe probe, Map<String, String> extra) {
    Map<String, String> config = new HashMap<>();
    config.put("vitals.notifiers.ops.type", "recording");
    config.put("vitals.notifiers.ops.backoff", "1ms");
    config.put("vitals.notifiers.pager.type", "recording");
    config.put("vitals.notifiers.pager.backoff", "1ms");
    config.put("vitals.probes.db.failure-threshold", "1");
    for (String rule : new String[] {"cold-start", "error-rate", "availability", "latency"}) {
      config.put("vitals.alerts." + rule + ".enabled", "false"); // tests switch on what they test
    }
    config.putAll(extra);
    return MonitorTestSupport.manual(clock).probe(probe).config(config)
        .notifierFactory(new RecordingNotifier.Factory()).build();
  }

  private static RecordingNotifier notifier(HealthMonitor m, String name) {
    return RecordingNotifier.CREATED.stream().filter(n -> n.name.equals(name)).reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void aProbeDownFiresOnceRepeatsAndResolves() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = monitor(db, Map.of("vitals.alerts.repeat-interval", "1m")).start()) {
      RecordingNotifier ops = notifier(m, "ops");
      clock.runDue();
      db.answer(() -> ProbeResult.down("connection refused"));
      clock.advance(Duration.ofSeconds(10));
      await().until(() -> ops.received.size() == 1);
      Alert fired = ops.received.get(0);
      assertThat(fired.rule()).isEqualTo("probe-down");
      assertThat(fired.subject()).isEqualTo("db");
      assertThat(fired.state()).isEqualTo(Alert.State.FIRING);
      assertThat(fired.severity()).isEqualTo(Alert.Severity.CRITICAL);
      assertThat(fired.summary()).isEqualTo("db is DOWN: connection refused");
      assertThat(fired.dedupKey()).isEqualTo("probe-down:db");
      assertThat(fired.repeat()).isFalse();
      clock.advance(Duration.ofSeconds(50));
      assertThat(ops.received).hasSize(1);
      clock.advance(Duration.ofSeconds(10));
      await().until(() -> ops.received.size() == 2);
      assertThat(ops.received.get(1).repeat()).isTrue();
      assertThat(ops.received.get(1).startsAt()).isEqualTo(fired.startsAt());
      db.answer(ProbeResult::up);
      // down for 60 s: the open circuit's next trial is at most one interval (and a quarter of 60 s) away
      clock.advance(Duration.ofSeconds(15));
      await().until(() -> ops.received.size() == 3);
      Alert resolved = ops.received.get(2);
      assertThat(resolved.state()).isEqualTo(Alert.State.RESOLVED);
      assertThat(resolved.dedupKey()).isEqualTo("probe-down:db");
      assertThat(resolved.summary()).as("states the present, not the condition that fired")
          .isEqualTo("db is no longer DOWN: it is UP");
      await().until(() -> notifier(m, "pager").received.size() == 3);
    }
  }

  @Test
  void theConditionMustHoldForItsDurationBeforeFiring() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = monitor(db, Map.of("vitals.alerts.probe-down.for", "30s")).start()) {
      RecordingNotifier ops = notifier(m, "ops");
      db.answer(() -> ProbeResult.down("refused"));
      clock.runDue();
      clock.advance(Duration.ofSeconds(10));
      db.answer(ProbeResult::up);
      clock.advance(Duration.ofSeconds(10));
      db.answer(() -> ProbeResult.down("refused"));
      clock.advance(Duration.ofSeconds(10));
      clock.advance(Duration.ofSeconds(20));
      assertThat(ops.received).as("down 10 s, up, down again for 20 s: never 30 s in a row").isEmpty();
      clock.advance(Duration.ofSeconds(10));
      await().until(() -> ops.received.size() == 1);
      assertThat(ops.received.get(0).startsAt()).isEqualTo(clock.instant().minusSeconds(30));
    }
  }

  @Test
  void aNotifierThatFailsIsRetriedAfterItsBackoffAndOneThatHangsDelaysNothingElse() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = monitor(db, Map.of("vitals.notifiers.ops.backoff", "1s")).start()) {
      RecordingNotifier ops = notifier(m, "ops");
      RecordingNotifier pager = notifier(m, "pager");
      ops.failuresLeft = 2;
      CountDownLatch firstAttempt = new CountDownLatch(1);
      ops.hang = firstAttempt;
      CountDownLatch hang = new CountDownLatch(1);
      pager.hang = hang;
      db.answer(() -> ProbeResult.down("refused"));
      clock.runDue();
      await().until(() -> ops.attempts.get() == 1);
      int monitorTasks = clock.pendingTasks();
      ops.hang = null;
      firstAttempt.countDown(); // the first attempt fails
      await().until(() -> clock.pendingTasks() == monitorTasks + 1);
      assertThat(ops.attempts).as("the backoff waits on the monitor's clock, not in real time").hasValue(1);
      clock.advance(Duration.ofMillis(499));
      assertThat(clock.pendingTasks()).as("the first wait is 1 s with up to 50 % jitter: at least 500 ms")
          .isEqualTo(monitorTasks + 1);
      clock.advance(Duration.ofMillis(1001));
      await().until(() -> ops.attempts.get() == 2 && clock.pendingTasks() == monitorTasks + 1);
      clock.advance(Duration.ofMillis(999));
      assertThat(clock.pendingTasks()).as("the second wait doubles: at least 1 s").isEqualTo(monitorTasks + 1);
      assertThat(ops.attempts).hasValue(2);
      clock.advance(Duration.ofMillis(2001));
      await().until(() -> ops.received.size() == 1);
      assertThat(ops.attempts).as("two failures, then success").hasValue(3);
      db.answer(ProbeResult::up);
      clock.advance(Duration.ofSeconds(10));
      assertThat(m.report().probe("db").orElseThrow().status()).as("probes go on while pager hangs")
          .isEqualTo(dev.vitals.api.Status.UP);
      await().until(() -> ops.received.size() == 2);
      hang.countDown();
      await().until(() -> pager.received.size() == 2);
    }
  }

  @Test
  void aSlowColdStartFiresOnce() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    db.takes = Duration.ofMillis(700);
    try (HealthMonitor m = monitor(db, Map.of("vitals.alerts.repeat-interval", "10s",
        "vitals.alerts.cold-start.enabled", "true")).start()) {
      RecordingNotifier ops = notifier(m, "ops");
      clock.runDue();
      await().until(() -> ops.received.size() == 1);
      assertThat(ops.received.get(0).rule()).isEqualTo("cold-start");
      assertThat(ops.received.get(0).value()).isEqualTo(700.0);
      assertThat(ops.received.get(0).threshold()).isEqualTo(500.0);
      clock.advance(Duration.ofSeconds(60));
      assertThat(ops.received).as("a cold start is a fact: no repeats").hasSize(1);
    }
  }

  @Test
  void rulesCanBeSwitchedOffOrExcludeSubjects() {
    ScriptedProbe db = new ScriptedProbe("db", clock,
        ProbeDefaults.builder().interval(Duration.ofSeconds(10)).build());
    try (HealthMonitor m = monitor(db, Map.of("vitals.alerts.probe-down.exclude", "db")).start()) {
      RecordingNotifier ops = notifier(m, "ops");
      db.answer(() -> ProbeResult.down("refused"));
      clock.runDue();
      clock.advance(Duration.ofSeconds(30));
      assertThat(ops.received).isEmpty();
    }
  }

  @Test
  void theGuidesTrackerRulesFireAndResolveAtTheirThresholds() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = monitor(db, Map.of("vitals.alerts.error-rate.enabled", "true",
        "vitals.alerts.latency.enabled", "true", "vitals.alerts.error-rate.for", "30s",
        "vitals.alerts.latency.for", "30s", "vitals.trackers.checkout.budget.target", "100ms",
        "vitals.trackers.checkout.budget.acceptable", "300ms")).start()) {
      RecordingNotifier ops = notifier(m, "ops");
      dev.vitals.api.Tracker checkout = m.tracker("checkout");
      clock.runDue();
      // 100 operations at 150 ms, 4 failures: p95 150 ms (below 2 x 100 ms), error rate 4 % (below 5 %)
      for (int i = 0; i < 100; i++) {
        checkout.record(Duration.ofMillis(150).toNanos(), i % 25 != 0);
      }
      clock.advance(Duration.ofSeconds(60));
      assertThat(ops.received).isEmpty();
      // now 100 more at 250 ms with 10 failures: p95 above 200 ms, error rate 7 % over the window
      for (int i = 0; i < 100; i++) {
        checkout.record(Duration.ofMillis(250).toNanos(), i % 10 != 0);
      }
      clock.advance(Duration.ofSeconds(20));
      assertThat(ops.received).as("not yet 30 s").isEmpty();
      clock.advance(Duration.ofSeconds(20));
      await().until(() -> ops.received.size() == 2);
      assertThat(ops.received).extracting(Alert::rule).containsExactlyInAnyOrder("latency", "error-rate");
      Alert latency = ops.received.stream().filter(a -> a.rule().equals("latency")).findFirst().orElseThrow();
      assertThat(latency.subject()).isEqualTo("checkout");
      assertThat(latency.threshold()).isEqualTo(200.0);
      assertThat(latency.value()).isCloseTo(250.0, org.assertj.core.api.Assertions.within(250.0 * 0.04));
      assertThat(latency.summary()).startsWith("checkout p95 ").contains("is above 2x its 100 ms target (200 ms)");
      // five quiet minutes later the window holds no operations: both resolve, saying why
      clock.advance(Duration.ofMinutes(7));
      await().until(() -> ops.received.size() == 4);
      assertThat(ops.received.subList(2, 4)).extracting(Alert::state).containsOnly(Alert.State.RESOLVED);
      assertThat(ops.received.subList(2, 4)).extracting(Alert::summary).containsExactlyInAnyOrder(
          "checkout has too few operations over 5m to judge its p95 (0, at least 5 needed)",
          "checkout has too few operations over 5m to judge its error rate (0, at least 5 needed)");
    }
  }

  @Test
  void aResolveStatesTheCurrentValueAndThatItIsBackWithinTheThreshold() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = monitor(db, Map.of("vitals.alerts.error-rate.enabled", "true",
        "vitals.alerts.latency.enabled", "true", "vitals.alerts.error-rate.for", "0s",
        "vitals.alerts.latency.for", "0s", "vitals.trackers.checkout.budget.target", "100ms",
        "vitals.trackers.checkout.budget.acceptable", "300ms")).start()) {
      RecordingNotifier ops = notifier(m, "ops");
      dev.vitals.api.Tracker checkout = m.tracker("checkout");
      clock.runDue();
      for (int i = 0; i < 20; i++) {
        checkout.record(Duration.ofMillis(250).toNanos(), i % 4 != 0); // p95 250 ms, 25 % errors
      }
      clock.advance(Duration.ofSeconds(10));
      await().until(() -> ops.received.size() == 2);
      // six minutes of healthy traffic: the 5-minute window holds only fast, successful operations
      for (int minute = 0; minute < 6; minute++) {
        for (int i = 0; i < 100; i++) {
          checkout.record(Duration.ofMillis(20).toNanos(), true);
        }
        clock.advance(Duration.ofMinutes(1));
      }
      await().until(() -> ops.received.size() == 4);
      Alert latency = ops.received.stream().filter(a -> a.rule().equals("latency") && a.state() == Alert.State.RESOLVED)
          .findFirst().orElseThrow();
      assertThat(latency.summary()).matches("checkout p95 (19|20|21)\\.\\d ms is back within 2x its 100 ms target \\(200 ms\\)");
      Alert errors = ops.received.stream().filter(a -> a.rule().equals("error-rate") && a.state() == Alert.State.RESOLVED)
          .findFirst().orElseThrow();
      assertThat(errors.summary()).matches("checkout error rate \\d\\.\\d % over 5m is back at or below 5 %");
      assertThat(ops.received).extracting(Alert::summary).noneMatch(t -> t.contains("resolved: "));
    }
  }

  @Test
  void aDownProbeWhoseResultGoesStaleNeitherResolvesNorFiresAgain() {
    // a run held up (a paused process, a starved machine): the stale check fires before the next result
    java.util.List<Runnable> held = new java.util.concurrent.CopyOnWriteArrayList<>();
    java.util.concurrent.atomic.AtomicBoolean hold = new java.util.concurrent.atomic.AtomicBoolean();
    java.util.concurrent.ExecutorService inlineOrHeld = new java.util.concurrent.AbstractExecutorService() {
      @Override
      public void execute(Runnable command) {
        if (hold.get()) {
          held.add(command);
        } else {
          command.run();
        }
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
    };
    ScriptedProbe db = new ScriptedProbe("db", clock);
    Map<String, String> config = new HashMap<>();
    config.put("vitals.notifiers.ops.type", "recording");
    config.put("vitals.probes.db.failure-threshold", "1");
    try (HealthMonitor m = HealthMonitor.builder().clock(clock).scheduler(clock.scheduler()).executor(inlineOrHeld)
        .environment(Map.of()).jitter(0).discoverExporters(false).startTime(clock.instant()).probe(db)
        .config(config).notifierFactory(new RecordingNotifier.Factory()).build().start()) {
      RecordingNotifier ops = notifier(m, "ops");
      clock.runDue();
      db.answer(() -> ProbeResult.down("connection refused"));
      clock.advance(Duration.ofSeconds(10));
      await().until(() -> ops.received.size() == 1);
      hold.set(true);
      clock.advance(Duration.ofSeconds(25)); // two ticks held, then the stale check
      assertThat(m.report().probe("db").orElseThrow().stale()).isTrue();
      hold.set(false);
      for (Runnable r : held) {
        r.run();
      }
      clock.advance(Duration.ofSeconds(20));
      assertThat(m.report().probe("db").orElseThrow().status()).isEqualTo(dev.vitals.api.Status.DOWN);
      assertThat(ops.received).as("one FIRING, no false RESOLVED and no second FIRING")
          .extracting(Alert::state).containsExactly(Alert.State.FIRING);
    }
  }

  @Test
  void badAlertSettingsAreReportedWithTheKey() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    assertThatThrownBy(() -> monitor(db, Map.of("vitals.alerts.latency.threshold", "0.5",
        "vitals.alerts.error-rate.for", "soon", "vitals.alerts.speed.enabled", "true",
        "vitals.notifiers.x.type", "carrier-pigeon", "vitals.notifiers.ops.colour", "red")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vitals.alerts.latency.threshold = '0.5' is not allowed: expected a multiple of the budget's target from 1 to 100")
        .hasMessageContaining("vitals.alerts.error-rate.for = 'soon' is not allowed")
        .hasMessageContaining("vitals.alerts.speed.enabled is not a known key")
        .hasMessageContaining("vitals.notifiers.x.type = 'carrier-pigeon' is not allowed: expected one of [recording]")
        .hasMessageContaining("vitals.notifiers.ops.colour is not a known key");
  }
}
