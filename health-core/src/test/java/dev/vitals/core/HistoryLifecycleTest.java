package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.History;
import dev.vitals.api.HistoryEntry;
import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.Incident;
import dev.vitals.api.LatencyHistogram;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.HistoryTransition;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A store that is late or unreadable at start, a store type's settings, and the read view's rules. */
class HistoryLifecycleTest {

  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  private static final HistorySubject DB = HistorySubject.probe("db");

  private final ManualClock clock = new ManualClock(NOW);
  private final MemoryHistoryStore store = new MemoryHistoryStore();

  @AfterEach
  void forget() {
    TestHistoryStoreFactory.STORES.clear();
  }

  private void advance(Duration d) {
    for (long s = 0; s < d.toSeconds(); s += 10) {
      clock.advance(Duration.ofSeconds(10));
      clock.runDue();
    }
  }

  private static HistoryPeriod downMinute(Instant start) {
    return new HistoryPeriod(DB, start, start.plus(1, ChronoUnit.MINUTES), 6, 6, 0, 60_000,
        LatencyHistogram.of(new int[] {LatencyHistogram.bucketOf(1_000_000)}, new long[] {6}));
  }

  private HealthMonitorBuilderHolder configured(Map<String, String> config) {
    return new HealthMonitorBuilderHolder(MonitorTestSupport.manual(clock).probe(new ScriptedProbe("db", clock)).config(config));
  }

  /** Keeps the builder call readable. */
  private record HealthMonitorBuilderHolder(HealthMonitor.Builder builder) {
    HealthMonitor start() {
      return builder.build().start();
    }
  }

  @Test
  void aStoreThatCannotBeOpenedIsReportedAndTriedAgainUntilItOpensThenItsHistoryLoads() {
    store.minutes.add(downMinute(NOW.minus(1, ChronoUnit.HOURS)));
    try (HealthMonitor m = configured(Map.of("vitals.history.type", "test", "vitals.history.test.name", "late",
        "vitals.history.instance", "pod-1")).start()) {
      clock.runDue();
      assertThat(m.report().problems()).anySatisfy(p -> assertThat(p)
          .isEqualTo("history store test cannot be opened: IOException: no store answers at late (instance pod-1)"));
      assertThat(m.report().history().orElseThrow().failures()).isPositive();
      advance(Duration.ofSeconds(80)); // a minute closes and waits in memory
      assertThat(m.report().history().orElseThrow().pending()).isPositive();

      TestHistoryStoreFactory.STORES.put("late", store); // the store answers again
      advance(Duration.ofSeconds(10));
      await().atMost(Duration.ofSeconds(10)).until(() -> m.report().history().orElseThrow().problem().isEmpty()
          && m.report().history().orElseThrow().pending() == 0);
      assertThat(m.report().history().orElseThrow().store()).isEqualTo("memory");
      assertThat(store.of(DB)).hasSizeGreaterThanOrEqualTo(2); // the stored minute and the one that waited
      // the stored down minute is in the availability now: 1 of the 2.5 observed minutes
      advance(Duration.ofSeconds(10));
      assertThat(m.report().probe("db").orElseThrow().availability().get("24h")).isLessThan(0.7);
    }
  }

  @Test
  void aStoreTypesOwnSettingsAreCheckedAtBuild() {
    assertThatThrownBy(() -> configured(Map.of("vitals.history.type", "test", "vitals.history.test.name", "a b")).start())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vitals.history.test.name = 'a b' is not allowed: expected a name without spaces");
  }

  @Test
  void aStoreThatCannotBeReadAtStartLoadsItsHistoryOnceItCan() {
    store.minutes.add(downMinute(NOW.minus(2, ChronoUnit.HOURS)));
    store.failReads = "Input/output error";
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(new ScriptedProbe("db", clock)).historyStore(store)
        .build().start()) {
      clock.runDue();
      assertThat(m.report().problems()).anySatisfy(p -> assertThat(p)
          .startsWith("history store memory could not load history from IOException: Input/output error"));
      assertThat(m.report().probe("db").orElseThrow().availability()).doesNotContainKey("24h");
      store.failReads = null;
      advance(Duration.ofSeconds(10));
      await().atMost(Duration.ofSeconds(10)).until(() -> m.report().history().orElseThrow().problem().isEmpty());
      // the stored minute down, the 20 s observed since start up
      assertThat(m.report().probe("db").orElseThrow().availability().get("24h")).isLessThan(0.5);
    }
  }

  @Test
  void theHistoryFindsAProbeBeforeATrackerOfTheSameNameAndListsBoth() {
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(new ScriptedProbe("db", clock)).historyStore(store)
        .build().start()) {
      m.tracker("db").record(1_000_000, true);
      m.tracker("api").record(1_000_000, true);
      History h = m.history().orElseThrow();
      assertThat(h.subjects()).containsExactly(DB, HistorySubject.tracker("db"), HistorySubject.tracker("api"));
      assertThat(h.find("db")).contains(DB);
      assertThat(h.find("api")).contains(HistorySubject.tracker("api"));
      assertThat(h.find("nope")).isEmpty();
      assertThat(h.since()).contains(NOW);
    }
  }

  @Test
  void periodsCheckTheirRangeMergeTheirMinutesAndEndAtTo() {
    for (int i = 0; i < 90; i++) {
      store.minutes.add(downMinute(NOW.minus(2, ChronoUnit.HOURS).plus(i, ChronoUnit.MINUTES)));
    }
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(new ScriptedProbe("db", clock)).historyStore(store)
        .build().start()) {
      History h = m.history().orElseThrow();
      Instant from = NOW.minus(2, ChronoUnit.HOURS);
      List<HistoryPeriod> p = h.periods(DB, from, from.plus(100, ChronoUnit.MINUTES), Duration.ofMinutes(30));
      assertThat(p).extracting(HistoryPeriod::downMillis).containsExactly(1_800_000L, 1_800_000L, 1_800_000L, 0L);
      assertThat(p).extracting(HistoryPeriod::count).containsExactly(180L, 180L, 180L, 0L);
      assertThat(p.get(3).start()).isEqualTo(from.plus(90, ChronoUnit.MINUTES));
      assertThat(p.get(3).end()).isEqualTo(from.plus(100, ChronoUnit.MINUTES)); // the last period ends at to
      assertThat(p.get(0).latency().count()).isEqualTo(180);
      assertThatThrownBy(() -> h.periods(DB, NOW, NOW, Duration.ofHours(1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("the range is empty");
      assertThatThrownBy(() -> h.periods(DB, from, NOW, Duration.ofSeconds(30)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("a minute or more");
      assertThatThrownBy(() -> h.periods(DB, NOW.minus(100_001, ChronoUnit.MINUTES), NOW, Duration.ofMinutes(1)))
          .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("100001 periods; at most 100000");
      assertThat(h.periods(DB, NOW.minus(100_000, ChronoUnit.MINUTES), NOW, Duration.ofMinutes(1))).hasSize(100_000);
    }
  }

  @Test
  void transitionsAndIncidentsComeFromTheStoreAndTheQueueInOrder() {
    Instant down = NOW.minus(2, ChronoUnit.HOURS);
    store.transitions.add(new HistoryTransition(DB, new HistoryEntry(Status.UP, Status.DOWN, down, "connection refused")));
    store.failWith = "No space left on device"; // what happens now waits in the queue
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db).historyStore(store).build().start()) {
      clock.runDue(); // UNKNOWN -> UP, queued
      History h = m.history().orElseThrow();
      List<HistoryEntry> t = h.transitions(DB, down.minusSeconds(1), NOW.plusSeconds(1));
      assertThat(t).extracting(HistoryEntry::to).containsExactly(Status.DOWN, Status.UP);
      assertThat(h.transitions(DB, down.plusSeconds(1), NOW.plusSeconds(1))).extracting(HistoryEntry::to)
          .containsExactly(Status.UP);
      assertThat(h.transitions(DB, down, NOW)).extracting(HistoryEntry::to).containsExactly(Status.DOWN); // [from, to)
      // an incident that began before the range is found, and ends with the restart's first UP
      List<Incident> incidents = h.incidents(DB, NOW.minus(1, ChronoUnit.HOURS), NOW.plusSeconds(1));
      assertThat(incidents).singleElement().satisfies(i -> {
        assertThat(i.start()).isEqualTo(down);
        assertThat(i.end()).contains(NOW);
        assertThat(i.message()).isEqualTo("connection refused");
      });
      assertThat(h.incidents(DB, NOW.plusSeconds(1), NOW.plusSeconds(2))).isEmpty();
      assertThat(h.incidents(DB, down.minus(1, ChronoUnit.HOURS), down)).isEmpty();
    }
  }
}
