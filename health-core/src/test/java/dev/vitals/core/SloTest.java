package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.Alert;
import dev.vitals.api.SloReport;
import dev.vitals.api.Tracker;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** 99.9 % of checkout operations succeed within 300 ms over 30 days. */
class SloTest {

  private final ManualClock clock = new ManualClock();

  private HealthMonitor monitor() {
    Map<String, String> config = new HashMap<>();
    config.put("vitals.slos.checkout-slo.tracker", "checkout");
    config.put("vitals.slos.checkout-slo.objective", "99.9");
    config.put("vitals.slos.checkout-slo.latency", "300ms");
    config.put("vitals.notifiers.ops.type", "recording");
    for (String rule : new String[] {"cold-start", "error-rate", "availability", "latency"}) {
      config.put("vitals.alerts." + rule + ".enabled", "false");
    }
    return MonitorTestSupport.manual(clock).config(config).notifierFactory(new RecordingNotifier.Factory()).build().start();
  }

  /** One minute of traffic: 1,000 operations, {@code bad} of them failing or too slow. */
  private void minute(Tracker t, int bad) {
    for (int i = 0; i < 1000; i++) {
      boolean isBad = i < bad;
      long latency = isBad && i % 2 == 0 ? Duration.ofMillis(400).toNanos() : Duration.ofMillis(100).toNanos();
      t.record(latency, !(isBad && i % 2 == 1));
    }
    clock.advance(Duration.ofMinutes(1));
  }

  private static SloReport slo(HealthMonitor m) {
    return m.report().slos().get(0);
  }

  @Test
  void slowAndFailedOperationsSpendTheErrorBudget() {
    try (HealthMonitor m = monitor()) {
      Tracker t = m.tracker("checkout");
      for (int i = 0; i < 10; i++) {
        minute(t, 0);
      }
      SloReport good = slo(m);
      assertThat(good.total()).isEqualTo(10_000);
      assertThat(good.bad()).isZero();
      assertThat(good.errorBudgetRemaining()).isEqualTo(1.0);
      assertThat(good.burnRates()).containsKeys("5m", "30m", "1h", "2h", "6h", "24h", "3d").containsEntry("5m", 0.0);
      minute(t, 5); // 0.5 % bad: five times the 0.1 % budget
      SloReport spent = slo(m);
      assertThat(spent.bad()).isEqualTo(5);
      assertThat(spent.burnRates().get("5m")).isCloseTo((5.0 / 5000) / 0.001, within(1e-9));
      assertThat(spent.compliance()).isCloseTo(1 - 5.0 / 11_000, within(1e-12));
      assertThat(spent.errorBudgetRemaining()).isCloseTo(1 - (5.0 / 11_000) / 0.001, within(1e-9));
    }
  }

  @Test
  void aFastBurnPagesThroughTheOneHourFiveMinutePairAndResolvesWhenEveryPairClears() {
    try (HealthMonitor m = monitor()) {
      RecordingNotifier ops = RecordingNotifier.CREATED.get(RecordingNotifier.CREATED.size() - 1);
      Tracker t = m.tracker("checkout");
      minute(t, 200); // 20 % bad: 200x the budget in every window
      await().until(() -> !ops.received.isEmpty());
      Alert a = ops.received.get(0);
      assertThat(a.rule()).isEqualTo("slo-burn");
      assertThat(a.subject()).isEqualTo("checkout-slo");
      assertThat(a.severity()).isEqualTo(Alert.Severity.CRITICAL);
      assertThat(a.threshold()).isEqualTo(14.4);
      assertThat(a.summary()).contains("over 1h").contains("over 5m");
      // the 200 bad operations burn the budget above 1x over 6h and 3d until 200,000 operations dilute them
      for (int i = 0; i < 190; i++) {
        minute(t, 0);
      }
      assertThat(ops.received).as("the 3d/6h pair still holds").noneMatch(x -> x.state() == Alert.State.RESOLVED);
      for (int i = 0; i < 15; i++) {
        minute(t, 0);
      }
      await().until(() -> ops.received.stream().anyMatch(x -> x.state() == Alert.State.RESOLVED));
    }
  }

  @Test
  void aBurnThatSpeedsUpEscalatesFromWarningToCritical() {
    try (HealthMonitor m = monitor()) {
      RecordingNotifier ops = RecordingNotifier.CREATED.get(RecordingNotifier.CREATED.size() - 1);
      Tracker t = m.tracker("checkout");
      for (int i = 0; i < 60; i++) {
        minute(t, 0);
      }
      for (int i = 0; i < 10; i++) {
        minute(t, 200);
      }
      await().until(() -> ops.received.stream().anyMatch(x -> x.severity() == Alert.Severity.CRITICAL));
      assertThat(ops.received.get(0).severity()).as("the slower pairs warn first").isEqualTo(Alert.Severity.WARNING);
      Alert critical = ops.received.stream().filter(x -> x.severity() == Alert.Severity.CRITICAL).findFirst().orElseThrow();
      assertThat(critical.repeat()).as("an escalation is a new notification").isFalse();
      assertThat(critical.startsAt()).isEqualTo(ops.received.get(0).startsAt());
    }
  }

  @Test
  void aSlowBurnOnlyWarnsThroughTheThreeDaySixHourPair() {
    try (HealthMonitor m = monitor()) {
      RecordingNotifier ops = RecordingNotifier.CREATED.get(RecordingNotifier.CREATED.size() - 1);
      Tracker t = m.tracker("checkout");
      for (int i = 0; i < 7 * 60; i++) {
        minute(t, 2); // 0.2 % bad: twice the budget, steadily
      }
      await().until(() -> !ops.received.isEmpty());
      Alert a = ops.received.get(0);
      assertThat(a.severity()).isEqualTo(Alert.Severity.WARNING);
      assertThat(a.threshold()).isEqualTo(1.0);
      assertThat(a.summary()).contains("over 3d").contains("over 6h");
      assertThat(ops.received).allMatch(x -> x.severity() == Alert.Severity.WARNING);
    }
  }

  @Test
  void badObjectivesAreReportedWithTheirKeys() {
    assertThatThrownBy(() -> MonitorTestSupport.manual(clock).config(Map.of("vitals.slos.a.tracker", "checkout",
        "vitals.slos.a.objective", "100", "vitals.slos.b.objective", "99", "vitals.slos.c.tracker", "x",
        "vitals.slos.c.objective", "99.9", "vitals.slos.c.window", "90d", "vitals.slos.d.tracker", "x",
        "vitals.slos.d.objective", "99.9", "vitals.slos.d.colour", "red")).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vitals.slos.a.objective = '100' is not allowed: expected a percentage above 0 and below 100")
        .hasMessageContaining("vitals.slos.b.tracker is missing")
        .hasMessageContaining("vitals.slos.c.window = '90d' is not allowed: expected from 1h to 30d")
        .hasMessageContaining("vitals.slos.d.colour is not a known key");
  }
}
