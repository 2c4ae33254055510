package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.HealthReport;
import dev.vitals.api.HistoryEntry;
import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistoryStats;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.Incident;
import dev.vitals.api.LatencyHistogram;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.SloReport;
import dev.vitals.api.Status;
import dev.vitals.api.spi.HistoryTransition;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The engine's history: minutes written, history loaded at start, a failing store isolated. */
class HistoryKeeperTest {

  private static final Instant NOW = Instant.parse("2026-03-10T12:00:00Z");
  private static final HistorySubject DB = HistorySubject.probe("db");
  private static final HistorySubject API = HistorySubject.tracker("api");

  private final ManualClock clock = new ManualClock(NOW);
  private final MemoryHistoryStore store = new MemoryHistoryStore();

  private HealthMonitor.Builder monitor(ScriptedProbe db) {
    return MonitorTestSupport.manual(clock).probe(db).historyStore(store);
  }

  private void advance(Duration d) {
    for (long s = 0; s < d.toSeconds(); s += 10) {
      clock.advance(Duration.ofSeconds(10));
      clock.runDue();
    }
  }

  private static HistoryPeriod minute(HistorySubject s, Instant start, long count, long errors, long up, long down) {
    return new HistoryPeriod(s, start, start.plus(1, ChronoUnit.MINUTES), count, errors, up, down,
        count == 0 ? LatencyHistogram.EMPTY
            : LatencyHistogram.of(new int[] {LatencyHistogram.bucketOf(2_000_000)}, new long[] {count}));
  }

  /** Stored minutes of db from {@code from} for {@code minutes}, up, except down in [downFrom, downTo). */
  private void storeProbeMinutes(Instant from, int minutes, Instant downFrom, Instant downTo) {
    for (int i = 0; i < minutes; i++) {
      Instant m = from.plus(i, ChronoUnit.MINUTES);
      boolean down = downFrom != null && !m.isBefore(downFrom) && m.isBefore(downTo);
      store.minutes.add(minute(DB, m, 6, down ? 6 : 0, down ? 0 : 60_000, down ? 60_000 : 0));
    }
  }

  @Test
  void eachClosedMinuteOfAProbeAndATrackerReachesTheStore() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = monitor(db).build().start()) {
      clock.runDue();
      for (int i = 0; i < 10; i++) {
        m.tracker("api").record(5_000_000, true);
      }
      m.tracker("api").record(7_000_000, false);
      advance(Duration.ofSeconds(130)); // minutes 0 and 1 closed and settled

      // the report follows each write at once
      await().atMost(Duration.ofSeconds(10)).until(() -> m.report().history().orElseThrow().minutesWritten() >= 3);
      List<HistoryPeriod> probe = store.of(DB);
      assertThat(probe.get(0).start()).isEqualTo(NOW);
      assertThat(probe.get(0).upMillis()).isEqualTo(60_000);
      assertThat(probe.get(1).start()).isEqualTo(NOW.plus(1, ChronoUnit.MINUTES));
      assertThat(probe.get(1).count()).isEqualTo(6); // runs at 60, 70 .. 110 s
      assertThat(probe.get(1).errors()).isZero();
      assertThat(probe.get(1).upMillis()).isEqualTo(60_000);
      assertThat(probe.get(1).downMillis()).isZero();
      HistoryPeriod api = store.of(API).get(0);
      assertThat(api.start()).isEqualTo(NOW);
      assertThat(api.count()).isEqualTo(11);
      assertThat(api.errors()).isEqualTo(1);
      assertThat(api.latency().percentileNanos(0.5)).isCloseTo(5_000_000L, within(5_000_000L * 32 / 1000));
      assertThat(store.values).containsEntry("history.since", NOW.toString());
      HealthReport r = m.report();
      HistoryStats stats = r.history().orElseThrow();
      assertThat(stats.store()).isEqualTo("memory");
      assertThat(stats.minutesWritten()).isGreaterThanOrEqualTo(3);
      assertThat(stats.failures()).isZero();
      assertThat(stats.problem()).isEmpty();
    }
  }

  @Test
  void aGracefulStopKeepsThePartOfItsLastMinuteItObserved() {
    try (HealthMonitor m = monitor(new ScriptedProbe("db", clock)).build().start()) {
      clock.runDue();
      m.tracker("api").record(3_000_000, true);
      clock.advance(Duration.ofSeconds(30));
      clock.runDue();
    }
    assertThat(store.of(DB)).singleElement().satisfies(p -> {
      assertThat(p.start()).isEqualTo(NOW);
      assertThat(p.upMillis()).isEqualTo(30_000);
      assertThat(p.downMillis()).isZero();
      assertThat(p.notObservedMillis()).isEqualTo(30_000);
    });
    assertThat(store.of(API)).singleElement().satisfies(p -> assertThat(p.count()).isEqualTo(1));
  }

  @Test
  void aStatusChangeIsStoredWithItsMessage() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = monitor(db).build().start()) {
      clock.runDue();
      db.answer(() -> ProbeResult.down("connection refused"));
      advance(Duration.ofSeconds(40)); // three failures: DOWN
      assertThat(m.report().probe("db").orElseThrow().status()).isEqualTo(Status.DOWN);
      await().atMost(Duration.ofSeconds(10)).until(() -> store.transitions.size() >= 2);
      HistoryTransition down = store.transitions.get(1);
      assertThat(down.subject()).isEqualTo(DB);
      assertThat(down.change().from()).isEqualTo(Status.UP);
      assertThat(down.change().to()).isEqualTo(Status.DOWN);
      assertThat(down.change().message()).isEqualTo("connection refused");
    }
  }

  @Test
  void aRestartContinuesAvailabilityIncidentsAndTransitionsFromTheStore() {
    Instant dayAgo = NOW.minus(24, ChronoUnit.HOURS);
    Instant downFrom = NOW.minus(10, ChronoUnit.HOURS);
    Instant downTo = NOW.minus(9, ChronoUnit.HOURS);
    storeProbeMinutes(dayAgo, 23 * 60, downFrom, downTo);
    store.transitions.add(new HistoryTransition(DB, new HistoryEntry(Status.UP, Status.DOWN, downFrom, "connection refused")));
    store.transitions.add(new HistoryTransition(DB, new HistoryEntry(Status.DOWN, Status.UP, downTo, "")));

    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = monitor(db).build().start()) {
      clock.runDue();
      ProbeReport r = m.report().probe("db").orElseThrow();
      // 22 of the 23 stored hours were up; the fresh process has observed no time yet
      assertThat(r.availability().get("24h")).isCloseTo(22.0 / 23, within(1e-9));
      assertThat(r.availability().get("7d")).isCloseTo(22.0 / 23, within(1e-9));
      assertThat(r.availability().get("30d")).isCloseTo(22.0 / 23, within(1e-9));
      assertThat(r.history()).extracting(HistoryEntry::to).containsExactly(Status.DOWN, Status.UP, Status.UP);
      assertThat(r.history().get(0).message()).isEqualTo("connection refused");

      advance(Duration.ofHours(1)); // an hour observed, all up; the oldest stored hour leaves the 24h window
      r = m.report().probe("db").orElseThrow();
      assertThat(r.availability().get("24h")).isCloseTo(22.0 / 23, within(1e-9)); // 21 stored + 1 live of 23
      assertThat(r.availability().get("7d")).isCloseTo(23.0 / 24, within(1e-9)); // 22 stored + 1 live of 24

      List<Incident> incidents = m.history().orElseThrow().incidents(DB, dayAgo, clock.instant());
      assertThat(incidents).hasSize(1);
      assertThat(incidents.get(0).duration(clock.instant())).isEqualTo(Duration.ofHours(1));
      assertThat(incidents.get(0).message()).isEqualTo("connection refused");
    }
  }

  @Test
  void timeTheProcessDidNotRunIsNotObservedUnlessConfiguredAsDown() {
    storeProbeMinutes(NOW.minus(5, ChronoUnit.HOURS), 60, null, null); // one hour up, then four hours of nothing
    try (HealthMonitor m = monitor(new ScriptedProbe("db", clock)).build().start()) {
      clock.runDue();
      assertThat(m.report().probe("db").orElseThrow().availability().get("24h")).isEqualTo(1.0);
      List<HistoryPeriod> hours = m.history().orElseThrow().periods(DB, NOW.minus(5, ChronoUnit.HOURS), NOW, Duration.ofHours(1));
      assertThat(hours).hasSize(5);
      assertThat(hours.get(0).availability().orElseThrow()).isEqualTo(1.0);
      assertThat(hours.get(1).availability()).isEmpty();
      assertThat(hours.get(1).notObservedMillis()).isEqualTo(Duration.ofHours(1).toMillis());
    }
    ManualClock later = clock;
    try (HealthMonitor m = MonitorTestSupport.manual(later).probe(new ScriptedProbe("db", later)).historyStore(store)
        .config(Map.of("vitals.history.not-observed", "down")).build().start()) {
      later.runDue();
      // the hour up, then the four hours (and the minutes since) without a record count as down
      assertThat(m.report().probe("db").orElseThrow().availability().get("24h")).isCloseTo(0.2, within(0.01));
    }
  }

  @Test
  void aFailingStoreNeverHoldsTheReportBackAndCatchesUpWhenItWritesAgain() {
    store.failWith = "No space left on device";
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = monitor(db).build().start()) {
      clock.runDue();
      advance(Duration.ofSeconds(130));
      assertThat(m.report().status()).isEqualTo(Status.UP);
      await().atMost(Duration.ofSeconds(10)).until(() -> m.report().history().orElseThrow().failures() > 0
          && m.report().history().orElseThrow().pending() >= 2);
      advance(Duration.ofSeconds(10)); // a report after the failure
      HealthReport r = m.report();
      assertThat(r.problems()).anySatisfy(p -> assertThat(p)
          .startsWith("history store memory failed to write: IOException: No space left on device"));
      assertThat(r.history().orElseThrow().problem()).isPresent();
      assertThat(store.minutes).isEmpty();
      // the minutes kept in memory are readable meanwhile
      assertThat(m.history().orElseThrow().periods(DB, NOW, NOW.plus(2, ChronoUnit.MINUTES), Duration.ofMinutes(1)))
          .allSatisfy(p -> assertThat(p.upMillis()).isEqualTo(60_000));

      store.failWith = null;
      advance(Duration.ofSeconds(10));
      await().atMost(Duration.ofSeconds(10)).until(() -> store.of(DB).size() >= 2);
      advance(Duration.ofSeconds(10));
      await().atMost(Duration.ofSeconds(10)).until(() -> m.report().history().orElseThrow().problem().isEmpty());
      assertThat(m.report().problems()).noneMatch(p -> p.contains("history store"));
      assertThat(m.report().history().orElseThrow().pending()).isZero();
      assertThat(store.of(DB)).extracting(HistoryPeriod::start).doesNotHaveDuplicates();
    }
  }

  @Test
  void storedBadMinutesSpendTheErrorBudgetAfterARestart() {
    Instant yesterday = NOW.minus(1, ChronoUnit.DAYS);
    store.minutes.add(minute(API, yesterday, 1000, 20, 0, 0));
    try (HealthMonitor m = monitor(new ScriptedProbe("db", clock))
        .config(Map.of("vitals.slos.checkout.tracker", "api", "vitals.slos.checkout.objective", "99")).build().start()) {
      clock.runDue();
      SloReport slo = m.report().slos().get(0);
      assertThat(slo.total()).isEqualTo(1000);
      assertThat(slo.bad()).isEqualTo(20);
      assertThat(slo.errorBudgetRemaining()).isCloseTo(-1.0, within(1e-9)); // 2 % bad against a 1 % budget
    }
  }

  @Test
  void aTrackersLongWindowsComeFromItsHistory() {
    store.minutes.add(minute(API, NOW.minus(3, ChronoUnit.HOURS), 100, 10, 0, 0)); // 90 % yesterday's hours
    store.minutes.add(minute(API, NOW.minus(3, ChronoUnit.DAYS), 100, 0, 0, 0));
    try (HealthMonitor m = monitor(new ScriptedProbe("db", clock)).build().start()) {
      clock.runDue();
      for (int i = 0; i < 100; i++) {
        m.tracker("api").record(1_000_000, true);
      }
      advance(Duration.ofSeconds(80)); // the first minute collected
      Map<String, Double> a = m.report().tracker("api").orElseThrow().availability();
      assertThat(a.get("1h")).isEqualTo(1.0);
      assertThat(a.get("24h")).isCloseTo(190.0 / 200, within(1e-9));
      assertThat(a.get("7d")).isCloseTo(290.0 / 300, within(1e-9));
      assertThat(a.get("30d")).isCloseTo(290.0 / 300, within(1e-9));
    }
  }

  @Test
  void aMinuteStoredTwiceCountsOnce() {
    Instant t = NOW.minus(2, ChronoUnit.HOURS);
    store.minutes.add(minute(DB, t, 6, 0, 60_000, 0));
    store.minutes.add(minute(DB, t, 6, 0, 60_000, 0)); // a retried batch
    try (HealthMonitor m = monitor(new ScriptedProbe("db", clock)).build().start()) {
      clock.runDue();
      List<HistoryPeriod> p = m.history().orElseThrow().periods(DB, t, t.plus(1, ChronoUnit.HOURS), Duration.ofHours(1));
      assertThat(p).singleElement().satisfies(h -> {
        assertThat(h.count()).isEqualTo(6);
        assertThat(h.upMillis()).isEqualTo(60_000);
        assertThat(h.notObservedMillis()).isEqualTo(59 * 60_000);
      });
    }
  }
}
