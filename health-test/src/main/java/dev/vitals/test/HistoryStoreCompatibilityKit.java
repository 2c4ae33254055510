package dev.vitals.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.vitals.api.HistoryEntry;
import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.LatencyHistogram;
import dev.vitals.api.Status;
import dev.vitals.api.spi.HistoryStore;
import dev.vitals.api.spi.HistoryTransition;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link HistoryStore} must have. A store module extends this class in its tests
 * and says how to open a fresh store and how to open it again on the same data (a new process); the
 * kit checks that:
 * <ul>
 *   <li>minutes come back as written (counts, up and down time, histograms), for one subject or all,
 *       only those that start in the range asked for, across days;</li>
 *   <li>a minute written twice (a retried batch) comes back at least once, and never with its
 *       figures changed (the monitor keeps one of them);</li>
 *   <li>transitions come back oldest first, by subject and range, with their messages;</li>
 *   <li>named values are replaced and kept per key, and an unset key is empty;</li>
 *   <li>{@code prune} drops minutes and transitions older than its time and keeps the rest;</li>
 *   <li>everything written is there after the store is closed and opened again;</li>
 *   <li>{@code describe()} is not blank, and {@code close()} twice is harmless.</li>
 * </ul>
 *
 * <p>Times are UTC minutes in March 2026; a store that keeps less than that (a retention of its own) is
 * not a history store.
 */
public abstract class HistoryStoreCompatibilityKit {

  /** The first minute the kit writes. */
  protected static final Instant T0 = Instant.parse("2026-03-10T10:00:00Z");
  private static final HistorySubject DB = HistorySubject.probe("db");
  private static final HistorySubject API = HistorySubject.tracker("api");

  private final List<HistoryStore> opened = new ArrayList<>();

  /** Creates a kit. */
  protected HistoryStoreCompatibilityKit() {}

  /**
   * Opens a store on fresh, empty storage (a new directory, new tables). Called once per test.
   *
   * @return the store
   * @throws Exception when it cannot be opened
   */
  protected abstract HistoryStore openFresh() throws Exception;

  /**
   * Opens the storage of the store {@link #openFresh()} opened last again, as a new process would; the
   * kit has closed that store first.
   *
   * @return a new store on the same data
   * @throws Exception when it cannot be opened
   */
  protected abstract HistoryStore reopen() throws Exception;

  private HistoryStore fresh() throws Exception {
    HistoryStore s = openFresh();
    opened.add(s);
    return s;
  }

  @AfterEach
  void closeStores() {
    for (HistoryStore s : opened) {
      s.close();
    }
  }

  /**
   * A minute of a subject.
   *
   * @param subject the probe or tracker
   * @param start its start, a UTC minute
   * @param count operations
   * @param errors failed operations
   * @param latencyNanos the latency of every operation
   * @return the minute
   */
  protected static HistoryPeriod minute(HistorySubject subject, Instant start, long count, long errors, long latencyNanos) {
    boolean probe = subject.kind() == HistorySubject.Kind.PROBE;
    long down = probe ? Math.min(60_000, errors * 10_000) : 0;
    return new HistoryPeriod(subject, start, start.plus(1, ChronoUnit.MINUTES), count, errors,
        probe ? 60_000 - down : 0, down, count == 0 ? LatencyHistogram.EMPTY
            : LatencyHistogram.of(new int[] {LatencyHistogram.bucketOf(latencyNanos)}, new long[] {count}));
  }

  private static List<HistoryPeriod> read(HistoryStore s, HistorySubject subject, Instant from, Instant to) throws Exception {
    List<HistoryPeriod> out = new ArrayList<>();
    s.readMinutes(subject, from, to, out::add);
    out.sort(Comparator.comparing((HistoryPeriod p) -> p.subject().key()).thenComparing(HistoryPeriod::start));
    return out;
  }

  private static Instant at(int minutes) {
    return T0.plus(minutes, ChronoUnit.MINUTES);
  }

  @Test
  void minutesComeBackAsWrittenBySubjectAndRange() throws Exception {
    HistoryStore s = fresh();
    List<HistoryPeriod> written = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      written.add(minute(DB, at(i), 6, i == 2 ? 6 : 0, 2_000_000));
      written.add(minute(API, at(i), 100 + i, i, 40_000_000L + i * 1_000_000L));
    }
    written.add(minute(DB, at(24 * 60), 6, 0, 3_000_000)); // the next day
    s.append(written, List.of());

    List<HistoryPeriod> db = read(s, DB, T0, at(5));
    assertEquals(List.of(written.get(0), written.get(2), written.get(4), written.get(6), written.get(8)), db,
        "the probe's minutes in [T0, T0 + 5m), as written");
    assertEquals(List.of(written.get(3), written.get(5)), read(s, API, at(1), at(3)), "the tracker's minutes 1 and 2");
    assertEquals(11, read(s, null, T0, at(24 * 60 + 1)).size(), "every subject, across two days");
    assertTrue(read(s, DB, at(5), at(24 * 60)).isEmpty(), "nothing between");
    assertEquals(List.of(written.get(10)), read(s, DB, at(24 * 60), at(24 * 60 + 1)), "the next day's minute");
  }

  @Test
  void aMinuteWrittenTwiceKeepsItsFigures() throws Exception {
    HistoryStore s = fresh();
    HistoryPeriod m = minute(DB, T0, 6, 1, 2_000_000);
    s.append(List.of(m), List.of());
    s.append(List.of(m), List.of()); // a batch retried after a failure that had written it
    List<HistoryPeriod> back = read(s, DB, T0, at(1));
    assertFalse(back.isEmpty(), "the minute is there");
    for (HistoryPeriod p : back) {
      assertEquals(m, p, "a repeated minute comes back unchanged (the monitor keeps one), never summed");
    }
  }

  @Test
  void transitionsComeBackOldestFirstBySubjectAndRange() throws Exception {
    HistoryStore s = fresh();
    HistoryTransition down = new HistoryTransition(DB, new HistoryEntry(Status.UP, Status.DOWN, at(1), "connection refused"));
    HistoryTransition up = new HistoryTransition(DB, new HistoryEntry(Status.DOWN, Status.UP, at(3), ""));
    HistoryTransition other = new HistoryTransition(HistorySubject.probe("cache"),
        new HistoryEntry(Status.UNKNOWN, Status.UP, at(2), "PONG"));
    s.append(List.of(), List.of(down, other));
    s.append(List.of(), List.of(up));
    assertEquals(List.of(down, up), s.transitions(DB, T0, at(10)), "the probe's, oldest first");
    assertEquals(List.of(down, other, up), s.transitions(null, T0, at(10)), "all, oldest first");
    assertEquals(List.of(other), s.transitions(null, at(2), at(3)), "only those in [from, to)");
  }

  @Test
  void namedValuesAreReplacedAndKeptPerKey() throws Exception {
    HistoryStore s = fresh();
    assertEquals(Optional.empty(), s.value("summary.daily.team-mail"), "an unset key");
    s.value("summary.daily.team-mail", "2026-03-09");
    s.value("summary.daily.team-mail", "2026-03-10");
    s.value("history.since", T0.toString());
    assertEquals(Optional.of("2026-03-10"), s.value("summary.daily.team-mail"), "the latest value");
    assertEquals(Optional.of(T0.toString()), s.value("history.since"), "another key kept apart");
  }

  @Test
  void pruneDropsWhatIsOlderAndKeepsTheRest() throws Exception {
    HistoryStore s = fresh();
    Instant old = T0.minus(40, ChronoUnit.DAYS);
    s.append(List.of(minute(DB, old, 6, 0, 2_000_000), minute(DB, T0, 6, 0, 2_000_000)),
        List.of(new HistoryTransition(DB, new HistoryEntry(Status.UP, Status.DOWN, old, "old")),
            new HistoryTransition(DB, new HistoryEntry(Status.DOWN, Status.UP, T0, "new"))));
    s.prune(T0.minus(30, ChronoUnit.DAYS));
    assertTrue(read(s, DB, old, old.plus(1, ChronoUnit.DAYS)).isEmpty(), "the minute of 40 days ago is gone");
    assertEquals(1, read(s, DB, T0, at(1)).size(), "today's minute is kept");
    assertEquals(List.of("new"), s.transitions(DB, old, at(1)).stream().map(t -> t.change().message()).toList());
  }

  @Test
  void everythingWrittenIsThereAfterReopening() throws Exception {
    HistoryStore s = fresh();
    HistoryPeriod m = minute(API, T0, 250, 3, 12_000_000);
    HistoryTransition t = new HistoryTransition(DB, new HistoryEntry(Status.UNKNOWN, Status.UP, T0, "first"));
    s.append(List.of(m), List.of(t));
    s.value("summary.daily.team-mail", "2026-03-09");
    s.close();
    HistoryStore again = reopen();
    opened.add(again);
    assertEquals(List.of(m), read(again, null, T0, at(1)), "the minute");
    assertEquals(List.of(t), again.transitions(null, T0, at(1)), "the transition");
    assertEquals(Optional.of("2026-03-09"), again.value("summary.daily.team-mail"), "the value");
  }

  @Test
  void describesItselfAndClosesTwiceHarmlessly() throws Exception {
    HistoryStore s = fresh();
    assertFalse(s.describe().isBlank(), "describe() names the store");
    s.close();
    s.close(); // idempotent: no exception
    assertFalse(s.describe().isBlank(), "describe() still answers after close");
  }
}
