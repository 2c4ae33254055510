package dev.vitals.history.jdbc;

import static dev.vitals.history.jdbc.Minutes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.Status;
import dev.vitals.api.spi.HistoryStore;
import dev.vitals.api.spi.HistoryTransition;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * What every database the JDBC store supports must do, run by one subclass per database and way of
 * opening. Each test has tables of its own (a fresh prefix).
 */
abstract class HistoryStoreContract {

  private static final AtomicInteger PREFIXES = new AtomicInteger();

  final Random random = new Random(42);
  final List<HistoryStore> opened = new ArrayList<>();
  String prefix;

  /** Opens a store on this database with these tables and this instance id. */
  abstract HistoryStore open(String instance, String tablePrefix) throws Exception;

  @BeforeEach
  void freshTables() {
    prefix = "c" + ProcessHandle.current().pid() + "_" + PREFIXES.incrementAndGet() + "_";
  }

  @AfterEach
  void closeStores() throws Exception {
    for (HistoryStore s : opened) {
      s.close();
    }
  }

  HistoryStore store(String instance) throws Exception {
    HistoryStore s = open(instance, prefix);
    opened.add(s);
    return s;
  }

  static List<HistoryPeriod> read(HistoryStore store, HistorySubject subject, Instant from, Instant to) throws Exception {
    List<HistoryPeriod> out = new ArrayList<>();
    store.readMinutes(subject, from, to, out::add);
    out.sort(Comparator.comparing((HistoryPeriod p) -> p.subject().key()).thenComparing(HistoryPeriod::start));
    return out;
  }

  @Test
  void minutesComeBackAsWrittenHistogramsIncluded() throws Exception {
    HistoryStore store = store("host-a");
    List<HistoryPeriod> written = new ArrayList<>();
    for (int m = 0; m < 3; m++) {
      Instant start = T0.plusSeconds(60L * m);
      written.add(Minutes.probe("db", start, 6, m, 50_000, 10_000, 30, random));
      written.add(Minutes.tracker("api", start, 5000 + m, 7, random));
    }
    written.add(Minutes.probe("idle", T0, 0, 0, 0, 0, 0, random));

    store.append(written, List.of());

    List<HistoryPeriod> read = read(store, null, T0, T0.plusSeconds(180));
    List<HistoryPeriod> expected = new ArrayList<>(written);
    expected.sort(Comparator.comparing((HistoryPeriod p) -> p.subject().key()).thenComparing(HistoryPeriod::start));
    assertThat(read).containsExactlyElementsOf(expected);
    assertThat(read).filteredOn(p -> p.subject().equals(HistorySubject.tracker("api")))
        .allSatisfy(p -> assertThat(p.latency().size()).isGreaterThan(50));
  }

  @Test
  void readsOneSubjectAndOnlyMinutesStartingInTheRange() throws Exception {
    HistoryStore store = store("host-a");
    List<HistoryPeriod> written = new ArrayList<>();
    for (int m = 0; m < 5; m++) {
      written.add(Minutes.upMinute("db", T0.plusSeconds(60L * m), random));
      written.add(Minutes.upMinute("cache", T0.plusSeconds(60L * m), random));
    }
    store.append(written, List.of());

    // [T0 + 30 s, T0 + 3 min): the minutes starting at +1 and +2 min
    List<HistoryPeriod> db = read(store, HistorySubject.probe("db"), T0.plusSeconds(30), T0.plusSeconds(180));

    assertThat(db).extracting(HistoryPeriod::start).containsExactly(T0.plusSeconds(60), T0.plusSeconds(120));
    assertThat(db).allSatisfy(p -> assertThat(p.subject()).isEqualTo(HistorySubject.probe("db")));
    assertThat(read(store, HistorySubject.tracker("db"), T0, T0.plusSeconds(300))).isEmpty();
    assertThat(read(store, null, Instant.MIN, Instant.MAX)).hasSize(10);
  }

  @Test
  void aMinuteWrittenTwiceIsReadOnce() throws Exception {
    HistoryStore store = store("host-a");
    HistoryPeriod first = Minutes.probe("db", T0, 3, 1, 30_000, 0, 20, random);
    HistoryPeriod again = Minutes.probe("db", T0, 3, 0, 20_000, 10_000, 200, random);

    store.append(List.of(first), List.of());
    store.append(List.of(again), List.of());

    // a retried batch repeats a minute: counting it twice would double its figures
    assertThat(read(store, null, T0, T0.plusSeconds(60))).containsExactly(first);
  }

  @Test
  void refusesPeriodsThatAreNotOneMinuteOfUtc() throws Exception {
    HistoryStore store = store("host-a");
    HistoryPeriod shifted = Minutes.upMinute("db", T0.plusSeconds(1), random);

    org.assertj.core.api.Assertions.assertThatThrownBy(() -> store.append(List.of(shifted), List.of()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("probe.db").hasMessageContaining("2026-11-27T10:00:01Z");
    assertThat(read(store, null, Instant.MIN, Instant.MAX)).isEmpty();
  }

  @Test
  void transitionsComeBackOldestFirstWithLongMessagesCut() throws Exception {
    HistoryStore store = store("host-a");
    String longMessage = "x".repeat(600);
    List<HistoryTransition> first = List.of(
        Minutes.transition("db", Status.UNKNOWN, Status.UP, T0, ""),
        Minutes.transition("db", Status.UP, Status.DOWN, T0.plusSeconds(90), "connection refused"),
        Minutes.transition("cache", Status.UP, Status.DOWN, T0.plusSeconds(90), longMessage));
    List<HistoryTransition> second = List.of(
        Minutes.transition("db", Status.DOWN, Status.UP, T0.plusSeconds(30), "written late, read in time order"));

    store.append(List.of(), first);
    store.append(List.of(), second);

    List<HistoryTransition> all = store.transitions(null, T0, T0.plusSeconds(3600));
    assertThat(all).extracting(t -> t.change().at())
        .containsExactly(T0, T0.plusSeconds(30), T0.plusSeconds(90), T0.plusSeconds(90));
    assertThat(all.get(2)).isEqualTo(first.get(1)); // same time: in the order written
    assertThat(all.get(3).change().message()).hasSize(JdbcHistoryStore.MAX_MESSAGE).startsWith("xxxx").endsWith("\u2026");
    assertThat(store.transitions(HistorySubject.probe("db"), T0.plusSeconds(1), T0.plusSeconds(90)))
        .containsExactly(second.get(0));
  }

  @Test
  void valuesAreReplacedAndKeptPerKey() throws Exception {
    HistoryStore store = store("host-a");

    assertThat(store.value("summary.daily.last")).isEmpty();
    store.value("summary.daily.last", "2026-11-26");
    store.value("summary.daily.last", "2026-11-27");
    store.value("summary.weekly.last", "2026-W48");

    assertThat(store.value("summary.daily.last")).contains("2026-11-27");
    assertThat(store.value("summary.weekly.last")).contains("2026-W48");
  }

  @Test
  void pruneDropsWhatIsOlderAndKeepsTheRest() throws Exception {
    HistoryStore store = store("host-a");
    List<HistoryPeriod> minutes = new ArrayList<>();
    // three days of one probe, one row per hour
    for (int h = 0; h < 72; h++) {
      minutes.add(Minutes.upMinute("db", T0.plus(Duration.ofHours(h)), random));
    }
    store.append(minutes, List.of(
        Minutes.transition("db", Status.UP, Status.DOWN, T0.plusSeconds(10), "old"),
        Minutes.transition("db", Status.DOWN, Status.UP, T0.plus(Duration.ofHours(60)), "recent")));
    Instant cut = T0.plus(Duration.ofHours(48)).plusSeconds(30); // inside the minute of hour 48

    store.prune(cut);

    List<HistoryPeriod> left = read(store, null, Instant.MIN, Instant.MAX);
    // the minute that spans the cut is kept
    assertThat(left).extracting(HistoryPeriod::start).first().isEqualTo(T0.plus(Duration.ofHours(48)));
    assertThat(left).hasSize(24);
    assertThat(store.transitions(null, Instant.MIN, Instant.MAX)).extracting(t -> t.change().message())
        .containsExactly("recent");
  }

  @Test
  void instancesSharingTheTablesSeeOnlyTheirOwnRows() throws Exception {
    HistoryStore a = store("host-a");
    HistoryStore b = store("host-b");
    HistoryPeriod minuteA = Minutes.upMinute("db", T0, random);
    HistoryPeriod minuteB = Minutes.probe("db", T0, 6, 6, 0, 60_000, 900, random);

    a.append(List.of(minuteA), List.of(Minutes.transition("db", Status.UNKNOWN, Status.UP, T0, "a")));
    b.append(List.of(minuteB), List.of(Minutes.transition("db", Status.UNKNOWN, Status.DOWN, T0, "b")));
    a.value("summary.daily.last", "a-day");
    b.value("summary.daily.last", "b-day");
    b.prune(T0.plusSeconds(3600));

    assertThat(read(a, null, Instant.MIN, Instant.MAX)).containsExactly(minuteA);
    assertThat(a.transitions(null, Instant.MIN, Instant.MAX)).extracting(t -> t.change().message()).containsExactly("a");
    assertThat(a.value("summary.daily.last")).contains("a-day");
    assertThat(read(b, null, Instant.MIN, Instant.MAX)).isEmpty();
    assertThat(b.value("summary.daily.last")).contains("b-day");
  }

  @Test
  void reopeningKeepsEverything() throws Exception {
    HistoryStore first = store("host-a");
    HistoryPeriod minute = Minutes.upMinute("db", T0, random);
    first.append(List.of(minute), List.of(Minutes.transition("db", Status.UNKNOWN, Status.UP, T0, "")));
    first.value("k", "v");
    first.close();

    HistoryStore second = store("host-a");

    assertThat(read(second, null, Instant.MIN, Instant.MAX)).containsExactly(minute);
    assertThat(second.transitions(null, Instant.MIN, Instant.MAX)).hasSize(1);
    assertThat(second.value("k")).contains("v");
  }

  @Test
  void describeShowsNoCredentials() throws Exception {
    HistoryStore store = store("host-a");

    assertThat(store.describe()).startsWith("jdbc:").doesNotContainIgnoringCase("password")
        .doesNotContain(dev.vitals.api.Redaction.MASK);
  }
}
