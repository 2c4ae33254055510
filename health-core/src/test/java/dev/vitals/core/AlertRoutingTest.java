package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.groups.Tuple.tuple;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.Alert;
import dev.vitals.api.Alert.Severity;
import dev.vitals.api.Alert.State;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Tracker;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.NotifierRouting;
import dev.vitals.test.ManualClock;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Alerts reach the notifiers their routing names, through a whole monitor: a chat type that takes every
 * alert, a pager type that takes critical ones only, a digest type that takes none.
 */
class AlertRoutingTest {

  private final ManualClock clock = new ManualClock();

  private HealthMonitor.Builder monitor(Map<String, String> extra) {
    Map<String, String> config = new HashMap<>();
    config.put("vitals.notifiers.chat.type", "chat");
    config.put("vitals.notifiers.chat.backoff", "1ms");
    config.put("vitals.notifiers.pager.type", "pager");
    config.put("vitals.notifiers.pager.backoff", "1ms");
    config.putAll(extra);
    return HealthMonitor.builder().clock(clock).scheduler(clock.scheduler()).executor(clock.executor())
        .environment(Map.of()).jitter(0).discoverExporters(false)
        .config(config)
        .notifierFactory(new RecordingNotifier.Factory("chat", NotifierRouting.all()))
        .notifierFactory(new RecordingNotifier.Factory("pager", NotifierRouting.of(Severity.CRITICAL)))
        .notifierFactory(new RecordingNotifier.Factory("digest", NotifierRouting.none()));
  }

  private static RecordingNotifier notifier(String name) {
    return RecordingNotifier.CREATED.stream().filter(n -> n.name.equals(name)).reduce((a, b) -> b).orElseThrow();
  }

  @Test
  void aSlowStartWarnsTheChatAndPagesNobodyWhileAProbeDownPagesAndResolvesEverywhere() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = monitor(Map.of("vitals.probes.db.failure-threshold", "1"))
        .startTime(clock.instant().minusMillis(900)).probe(db).build().start()) {
      RecordingNotifier chat = notifier("chat");
      RecordingNotifier pager = notifier("pager");
      clock.runDue();
      assertThat(m.report().coldStart()).as("from the start to the first available readiness group")
          .contains(Duration.ofMillis(900));
      await().until(() -> chat.received.size() == 1);
      assertThat(chat.received.get(0).rule()).isEqualTo("cold-start");
      assertThat(chat.received.get(0).severity()).isEqualTo(Severity.WARNING);
      assertThat(chat.received.get(0).value()).isEqualTo(900.0);

      db.answer(() -> ProbeResult.down("connection refused"));
      clock.advance(Duration.ofSeconds(10));
      await().until(() -> pager.received.size() == 1 && chat.received.size() == 2);
      assertThat(pager.received).as("one queue, in order: had the cold start been routed, it would be first")
          .extracting(Alert::dedupKey, Alert::state).containsExactly(tuple(
              "probe-down:db", State.FIRING));
      assertThat(pager.attempts).hasValue(1);

      db.answer(ProbeResult::up);
      clock.advance(Duration.ofSeconds(40)); // past the open circuit's wait: a trial run succeeds
      await().until(() -> pager.received.size() == 2 && chat.received.size() == 3);
      assertThat(pager.received.get(1).state()).isEqualTo(State.RESOLVED);
      assertThat(chat.received.get(2).state()).isEqualTo(State.RESOLVED);
      assertThat(pager.attempts).as("nothing else was queued for it").hasValue(2);
    }
  }

  @Test
  void theKeysOverrideTheTypesDefault() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = monitor(Map.of("vitals.probes.db.failure-threshold", "1",
        "vitals.notifiers.pager.severities", "all", "vitals.notifiers.pager.rules", "cold-start",
        "vitals.notifiers.chat.subjects", "db"))
        .startTime(clock.instant().minusMillis(900)).probe(db).build().start()) {
      RecordingNotifier chat = notifier("chat");
      RecordingNotifier pager = notifier("pager");
      clock.runDue();
      db.answer(() -> ProbeResult.down("connection refused"));
      clock.advance(Duration.ofSeconds(10));
      await().until(() -> pager.received.size() == 1 && chat.received.size() == 1);
      assertThat(m.report().probe("db").orElseThrow().status()).isEqualTo(dev.vitals.api.Status.DOWN);
      assertThat(pager.received.get(0).rule()).isEqualTo("cold-start");
      assertThat(chat.received.get(0).rule()).isEqualTo("probe-down");
    }
  }

  /** One minute of checkout traffic, 1,000 operations, {@code bad} of them failed. */
  private void minute(Tracker t, int bad) {
    for (int i = 0; i < 1000; i++) {
      t.record(Duration.ofMillis(100).toNanos(), i >= bad);
    }
    clock.advance(Duration.ofMinutes(1));
  }

  @Test
  void aBurnThatEscalatesPagesAtTheEscalationAndItsRemindersAndResolveFollowThePage() {
    try (HealthMonitor m = monitor(Map.of("vitals.slos.checkout-slo.tracker", "checkout",
        "vitals.slos.checkout-slo.objective", "99.9", "vitals.alerts.repeat-interval", "1h",
        "vitals.alerts.error-rate.enabled", "false", "vitals.alerts.availability.enabled", "false"))
        .startTime(clock.instant()).build().start()) {
      RecordingNotifier chat = notifier("chat");
      RecordingNotifier pager = notifier("pager");
      Tracker checkout = m.tracker("checkout");
      for (int i = 0; i < 60; i++) {
        minute(checkout, 0);
      }
      for (int i = 0; i < 10; i++) {
        minute(checkout, 200);
      }
      await().until(() -> pager.received.size() == 1);
      Alert page = pager.received.get(0);
      assertThat(page.rule()).isEqualTo("slo-burn");
      assertThat(page.severity()).isEqualTo(Severity.CRITICAL);
      assertThat(page.repeat()).as("the escalation, not a reminder").isFalse();
      await().until(() -> chat.received.stream().anyMatch(a -> a.severity() == Severity.CRITICAL));
      assertThat(chat.received.get(0).severity()).as("the slower pairs warned the chat first")
          .isEqualTo(Severity.WARNING);

      for (int i = 0; i < 7 * 60; i++) {
        minute(checkout, 0); // every window clears within 6 hours
      }
      await().until(() -> pager.received.get(pager.received.size() - 1).state() == State.RESOLVED);
      await().until(() -> chat.received.get(chat.received.size() - 1).state() == State.RESOLVED);
      List<Alert> reminders = pager.received.subList(1, pager.received.size() - 1);
      assertThat(reminders).isNotEmpty().allMatch(Alert::repeat);
      assertThat(reminders).as("reminders follow the page after the burn slows to a warning")
          .anyMatch(a -> a.severity() == Severity.WARNING);
      assertThat(pager.received).filteredOn(a -> a.state() == State.RESOLVED).hasSize(1);
      assertThat(chat.received).filteredOn(a -> a.state() == State.RESOLVED).hasSize(1);
    }
  }

  @Test
  void aNotifierThatReceivesNothingGetsNoThreadAndOneInfoLineNamingTheKey() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try (HealthMonitor m = monitor(Map.of("vitals.notifiers.team-mail.type", "digest",
        "vitals.probes.db.failure-threshold", "1")).probe(db).build().start()) {
      System.setErr(err);
      RecordingNotifier mail = notifier("team-mail");
      RecordingNotifier pager = notifier("pager");
      assertThat(Thread.getAllStackTraces().keySet()).extracting(Thread::getName)
          .contains("vitals-notify-pager").doesNotContain("vitals-notify-team-mail");
      db.answer(() -> ProbeResult.down("connection refused"));
      clock.runDue();
      await().until(() -> pager.received.size() == 1);
      assertThat(mail.attempts).hasValue(0);
      assertThat(m.report().notifiers()).filteredOn(n -> n.name().equals("team-mail"))
          .singleElement().satisfies(n -> assertThat(n.sent() + n.dropped()).isZero());
      assertThat(captured.toString(StandardCharsets.UTF_8)).containsOnlyOnce("Vitals notifier team-mail receives no"
          + " alerts: type digest sends none by default (severities=none rules=all subjects=all); set"
          + " vitals.notifiers.team-mail.severities to critical, warning or all to send it alerts");
      assertThat(captured.toString(StandardCharsets.UTF_8)).doesNotContain("notifier pager receives");
    } finally {
      System.setErr(err);
    }
  }

  @Test
  void badRoutingValuesFailTheBuildWithEveryOtherMistake() {
    assertThatThrownBy(() -> monitor(Map.of("vitals.notifiers.chat.severities", "urgent",
        "vitals.notifiers.chat.rules", "down", "vitals.notifiers.pager.subjects", "db,,all",
        "vitals.notifiers.pager.colour", "red", "vitals.alerts.latency.for", "soon")).build())
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(((ConfigException) e).problems()).hasSize(5))
        .hasMessageContaining("vitals.notifiers.chat.severities = 'urgent' is not allowed: expected a comma-separated"
            + " list of critical, warning; or all; or none")
        .hasMessageContaining("vitals.notifiers.chat.rules = 'down' is not allowed: expected a comma-separated list"
            + " of rules among [probe-down, latency, error-rate, availability, cold-start, regression, slo-burn]; or all")
        .hasMessageContaining("vitals.notifiers.pager.subjects = 'db,,all' is not allowed: expected a comma-separated"
            + " list of probe, tracker or objective names")
        .hasMessageContaining("vitals.notifiers.pager.colour is not a known key: expected one of [backoff, enabled,"
            + " queue, retries, rules, severities, subjects, type]")
        .hasMessageContaining("vitals.alerts.latency.for = 'soon' is not allowed");
  }
}
