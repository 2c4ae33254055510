package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.Alert;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class MaintenanceTest {

  private static Maintenance parse(Map<String, String> config) {
    List<String> problems = new ArrayList<>();
    Maintenance m = Maintenance.from(Config.of(config), problems);
    ConfigReads.check(problems);
    return m;
  }

  @Test
  void aOneOffWindowCoversItsSubjectsFromStartToEnd() {
    Maintenance m = parse(Map.of("vitals.maintenance.upgrade.start", "2026-12-01T02:00:00Z",
        "vitals.maintenance.upgrade.end", "2026-12-01T03:00:00Z", "vitals.maintenance.upgrade.subjects", "db"));
    assertThat(m.silenced("db", Instant.parse("2026-12-01T01:59:59Z"))).isFalse();
    assertThat(m.silenced("db", Instant.parse("2026-12-01T02:00:00Z"))).isTrue();
    assertThat(m.silenced("cache", Instant.parse("2026-12-01T02:30:00Z"))).isFalse();
    assertThat(m.silenced("db", Instant.parse("2026-12-01T03:00:00Z"))).isFalse();
    assertThat(m.active(Instant.parse("2026-12-01T02:30:00Z"))).containsExactly("upgrade");
  }

  @Test
  void aRecurringWindowFollowsItsCronInItsTimeZoneAcrossDaylightSaving() {
    Maintenance m = parse(Map.of("vitals.maintenance.nightly.cron", "30 2 * * 0",
        "vitals.maintenance.nightly.duration", "1h", "vitals.maintenance.nightly.zone", "Europe/Berlin"));
    // Sunday 2026-11-29 02:30 in Berlin (CET, UTC+1) is 01:30Z
    assertThat(m.silenced("anything", Instant.parse("2026-11-29T01:29:00Z"))).isFalse();
    assertThat(m.silenced("anything", Instant.parse("2026-11-29T01:30:00Z"))).isTrue();
    assertThat(m.silenced("anything", Instant.parse("2026-11-29T02:29:59Z"))).isTrue();
    assertThat(m.silenced("anything", Instant.parse("2026-11-29T02:30:00Z"))).isFalse();
    // Sunday 2026-07-05 02:30 in Berlin (CEST, UTC+2) is 00:30Z
    assertThat(m.silenced("anything", Instant.parse("2026-07-05T00:30:00Z"))).isTrue();
    // a Monday is not covered
    assertThat(m.silenced("anything", Instant.parse("2026-11-30T01:45:00Z"))).isFalse();
  }

  @Test
  void cronFieldsSupportListsRangesAndSteps() {
    Cron c = Cron.parse("*/15 9-17 * * 1-5");
    ZoneId utc = ZoneId.of("UTC");
    assertThat(c.matches(Instant.parse("2026-11-27T09:45:00Z").atZone(utc))).isTrue();
    assertThat(c.matches(Instant.parse("2026-11-27T09:46:00Z").atZone(utc))).isFalse();
    assertThat(c.matches(Instant.parse("2026-11-28T09:45:00Z").atZone(utc))).as("a Saturday").isFalse();
    assertThatThrownBy(() -> Cron.parse("61 * * * *")).hasMessageContaining("minute '61' is not a number from 0 to 59");
    assertThatThrownBy(() -> Cron.parse("* * *")).hasMessageContaining("has 5 fields");
  }

  @Test
  void downtimeInAWindowThatSaysSoIsLeftOutOfAvailability() {
    ManualClock clock = new ManualClock(Instant.parse("2026-12-01T01:00:00Z"));
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db)
        .config(Map.of("vitals.probes.db.failure-threshold", "1", "vitals.probes.db.circuit-breaker.max-wait", "1h",
            "vitals.maintenance.upgrade.start", "2026-12-01T01:30:00Z",
            "vitals.maintenance.upgrade.end", "2026-12-01T02:00:00Z",
            "vitals.maintenance.upgrade.exclude-from-availability", "true"))
        .build().start()) {
      clock.runDue();
      clock.advance(Duration.ofMinutes(30)); // UP 01:00 - 01:30
      db.answer(() -> ProbeResult.down("upgrading"));
      clock.advance(Duration.ofMinutes(30)); // DOWN 01:30 - 02:00, inside the window
      db.answer(ProbeResult::up);
      assertThat(m.report().probe("db").orElseThrow().availability().get("1h"))
          .as("the downtime in the window is not counted").isEqualTo(1.0);
    }
  }

  @Test
  void badWindowsAreReportedWithTheirKeys() {
    assertThatThrownBy(() -> parse(Map.of("vitals.maintenance.a.cron", "0 2 * * 8", "vitals.maintenance.a.duration", "2h",
        "vitals.maintenance.b.start", "tomorrow", "vitals.maintenance.b.end", "2026-12-01T03:00:00Z",
        "vitals.maintenance.c.cron", "0 2 * * *", "vitals.maintenance.d.cron", "0 2 * * *",
        "vitals.maintenance.d.duration", "8d", "vitals.maintenance.e.zone", "Mars/Olympus")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vitals.maintenance.a.cron = '0 2 * * 8' is not allowed")
        .hasMessageContaining("vitals.maintenance.b.start = 'tomorrow' is not allowed: expected an ISO-8601 instant")
        .hasMessageContaining("vitals.maintenance.c.duration is missing")
        .hasMessageContaining("vitals.maintenance.d.duration = '8d' is not allowed: expected at most 7d")
        .hasMessageContaining("vitals.maintenance.e.zone = 'Mars/Olympus' is not allowed");
  }

  @Test
  void alertsAreSilencedDuringAWindowAndFireAfterItIfTheConditionStillHolds() {
    ManualClock clock = new ManualClock(Instant.parse("2026-12-01T01:59:00Z"));
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db)
        .config(Map.of("vitals.notifiers.ops.type", "recording", "vitals.probes.db.failure-threshold", "1",
            "vitals.alerts.cold-start.enabled", "false", "vitals.alerts.error-rate.enabled", "false",
            "vitals.alerts.availability.enabled", "false",
            "vitals.maintenance.upgrade.start", "2026-12-01T02:00:00Z",
            "vitals.maintenance.upgrade.end", "2026-12-01T02:05:00Z", "vitals.maintenance.upgrade.subjects", "db"))
        .notifierFactory(new RecordingNotifier.Factory()).build().start()) {
      RecordingNotifier ops = RecordingNotifier.CREATED.get(RecordingNotifier.CREATED.size() - 1);
      clock.runDue();
      clock.advance(Duration.ofSeconds(60));
      db.answer(() -> ProbeResult.down("upgrading"));
      clock.advance(Duration.ofSeconds(10));
      clock.advance(Duration.ofMinutes(4));
      assertThat(ops.received).as("silenced during the window").isEmpty();
      assertThat(m.report().maintenance()).singleElement().satisfies(w -> {
        assertThat(w.name()).isEqualTo("upgrade");
        assertThat(w.until()).isEqualTo(Instant.parse("2026-12-01T02:05:00Z"));
      });
      assertThat(m.report().inMaintenance("db")).isTrue();
      clock.advance(Duration.ofMinutes(1));
      await().until(() -> ops.received.size() == 1);
      assertThat(m.report().maintenance()).isEmpty();
      Alert a = ops.received.get(0);
      assertThat(a.rule()).isEqualTo("probe-down");
      assertThat(a.startsAt()).isEqualTo(Instant.parse("2026-12-01T02:00:10Z"));
    }
  }
}
