package dev.vitals.core.internal.history;

import static dev.vitals.core.internal.history.Fixtures.DAY0;
import static dev.vitals.core.internal.history.Fixtures.MINUTES_PER_DAY;
import static dev.vitals.core.internal.history.Fixtures.all;
import static dev.vitals.core.internal.history.Fixtures.at;
import static dev.vitals.core.internal.history.Fixtures.minute;
import static dev.vitals.core.internal.history.Fixtures.transition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.LatencyHistogram;
import dev.vitals.api.Status;
import dev.vitals.api.spi.HistoryTransition;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the file history store keeps, where, and how it compacts, prunes and caps its files. */
class FileHistoryStoreTest {

  @TempDir
  Path tmp;

  private Path dir() {
    return tmp.resolve("history");
  }

  private List<String> files() throws IOException {
    try (Stream<Path> s = Files.list(dir())) {
      return s.map(p -> p.getFileName().toString()).sorted().toList();
    }
  }

  @Test
  void minutesTransitionsAndValuesAreReadBackAfterReopening() throws Exception {
    HistoryPeriod a = minute("db", DAY0 + 10, 3);
    HistoryPeriod b = minute("db", DAY0 + 11, 4);
    HistoryPeriod c = new HistoryPeriod(HistorySubject.tracker("api"), at(DAY0 + 10), at(DAY0 + 11), 120, 2, 0, 0,
        LatencyHistogram.of(new int[] {3, 200, 511}, new long[] {100, 19, 1}));
    HistoryTransition down = transition("db", Status.UP, Status.DOWN, at(DAY0 + 10).plusMillis(1234), "connection refused: ü");
    HistoryTransition up = transition("db", Status.DOWN, Status.UP, at(DAY0 + 11).plusNanos(5), "");
    try (FileHistoryStore store = FileHistoryStore.open(dir(), 1 << 20)) {
      store.append(List.of(a, c), List.of(down));
      store.append(List.of(b), List.of(up));
      store.value("summary.daily.last", "2026-11-29");
    }
    try (FileHistoryStore store = FileHistoryStore.open(dir(), 1 << 20)) {
      assertThat(all(store)).containsExactlyInAnyOrder(a, b, c);
      assertThat(store.transitions(null, Instant.EPOCH, at(DAY0 + MINUTES_PER_DAY))).containsExactly(down, up);
      assertThat(store.value("summary.daily.last")).contains("2026-11-29");
      assertThat(store.value("summary.weekly.last")).isEmpty();
    }
  }

  @Test
  void readMinutesReturnsTheMinutesStartingInTheRangeOfTheSubjectAsked() throws Exception {
    try (FileHistoryStore store = FileHistoryStore.open(dir(), 1 << 20)) {
      List<HistoryPeriod> written = new ArrayList<>();
      for (long m = DAY0; m < DAY0 + 10; m++) {
        written.add(minute("db", m, m));
        written.add(minute("cache", m, m + 1));
      }
      store.append(written, List.of());

      List<HistoryPeriod> got = new ArrayList<>();
      store.readMinutes(HistorySubject.probe("db"), at(DAY0 + 2), at(DAY0 + 5), got::add);
      assertThat(got).containsExactlyInAnyOrder(minute("db", DAY0 + 2, DAY0 + 2), minute("db", DAY0 + 3, DAY0 + 3),
          minute("db", DAY0 + 4, DAY0 + 4));

      got.clear();
      // a range that starts inside a minute leaves that minute out; one that ends inside it keeps it
      store.readMinutes(null, at(DAY0 + 2).plusNanos(1), at(DAY0 + 3).plusSeconds(1), got::add);
      assertThat(got).containsExactlyInAnyOrder(minute("db", DAY0 + 3, DAY0 + 3), minute("cache", DAY0 + 3, DAY0 + 4));

      got.clear();
      store.readMinutes(HistorySubject.tracker("db"), Instant.EPOCH, at(DAY0 + 100), got::add);
      assertThat(got).as("a tracker named like a probe has its own history").isEmpty();
    }
  }

  @Test
  void aMinuteWrittenTwiceIsReturnedTwiceForTheMonitorToMerge() throws Exception {
    try (FileHistoryStore store = FileHistoryStore.open(dir(), 1 << 20)) {
      store.append(List.of(minute("db", DAY0, 1)), List.of());
      store.append(List.of(minute("db", DAY0, 1)), List.of());
      assertThat(all(store)).containsExactly(minute("db", DAY0, 1), minute("db", DAY0, 1));
    }
  }

  @Test
  void appendRefusesAPeriodThatIsNotOneUtcMinuteNamingItsSubject() throws Exception {
    try (FileHistoryStore store = FileHistoryStore.open(dir(), 1 << 20)) {
      HistoryPeriod twoMinutes = new HistoryPeriod(HistorySubject.probe("db"), at(DAY0), at(DAY0 + 2), 1, 0, 0, 0,
          LatencyHistogram.EMPTY);
      HistoryPeriod offMinute = new HistoryPeriod(HistorySubject.tracker("api"), at(DAY0).plusSeconds(1),
          at(DAY0 + 1).plusSeconds(1), 1, 0, 0, 0, LatencyHistogram.EMPTY);
      assertThatThrownBy(() -> store.append(List.of(twoMinutes), List.of()))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageContaining("probe.db").hasMessageContaining("exactly one minute starting on a UTC minute");
      assertThatThrownBy(() -> store.append(List.of(offMinute), List.of()))
          .hasMessageContaining("tracker.api").hasMessageContaining("2026-11-30T00:00:01Z");
      assertThat(all(store)).isEmpty();
    }
  }

  @Test
  void aDayIsCompactedIntoASegmentOnceALaterDayIsWrittenAndReadsTheSame() throws Exception {
    try (FileHistoryStore store = FileHistoryStore.open(dir(), 64 << 20)) {
      List<HistoryPeriod> day0 = new ArrayList<>();
      for (long m = DAY0; m < DAY0 + MINUTES_PER_DAY; m++) {
        day0.add(minute("db", m, m));
        day0.add(minute("cache", m, m * 3));
      }
      HistoryTransition t0 = transition("db", Status.UP, Status.DOWN, at(DAY0 + 5), "timeout");
      store.append(day0.subList(0, 1000), List.of(t0));
      store.append(day0.subList(1000, day0.size()), List.of());
      assertThat(files()).containsExactly("history-2026-11-30.log", "lock");

      HistoryPeriod next = minute("db", DAY0 + MINUTES_PER_DAY, 7);
      store.append(List.of(next), List.of());

      assertThat(files()).containsExactly("history-2026-11-30.seg", "history-2026-12-01.log", "lock");
      List<HistoryPeriod> expected = new ArrayList<>(day0);
      expected.add(next);
      assertThat(all(store)).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(store.transitions(HistorySubject.probe("db"), Instant.EPOCH, at(DAY0 + 3 * MINUTES_PER_DAY)))
          .containsExactly(t0);
      List<HistoryPeriod> range = new ArrayList<>();
      store.readMinutes(HistorySubject.probe("cache"), at(DAY0 + 100), at(DAY0 + 103), range::add);
      assertThat(range).containsExactlyInAnyOrder(minute("cache", DAY0 + 100, (DAY0 + 100) * 3),
          minute("cache", DAY0 + 101, (DAY0 + 101) * 3), minute("cache", DAY0 + 102, (DAY0 + 102) * 3));
    }
  }

  @Test
  void aBatchForADayAlreadyCompactedIsKeptAndMergedIntoItsSegment() throws Exception {
    try (FileHistoryStore store = FileHistoryStore.open(dir(), 64 << 20)) {
      store.append(List.of(minute("db", DAY0, 1)), List.of());
      store.append(List.of(minute("db", DAY0 + MINUTES_PER_DAY, 2)), List.of());
      assertThat(files()).contains("history-2026-11-30.seg").doesNotContain("history-2026-11-30.log");

      // a retried batch with the last minute of the day before
      HistoryTransition late = transition("db", Status.UP, Status.DOWN, at(DAY0 + MINUTES_PER_DAY - 1), "late");
      store.append(List.of(minute("db", DAY0 + MINUTES_PER_DAY - 1, 3)), List.of(late));

      assertThat(files()).contains("history-2026-11-30.seg").doesNotContain("history-2026-11-30.log");
      assertThat(all(store)).containsExactlyInAnyOrder(minute("db", DAY0, 1), minute("db", DAY0 + MINUTES_PER_DAY, 2),
          minute("db", DAY0 + MINUTES_PER_DAY - 1, 3));
      assertThat(store.transitions(null, Instant.EPOCH, at(DAY0 + 2 * MINUTES_PER_DAY))).containsExactly(late);

    }
    // a late batch whose log a stop left beside the segment, before its compaction (written by hand:
    // the store compacts such a log right after the append)
    try (FileHistoryStore other = FileHistoryStore.open(tmp.resolve("other"), 64 << 20)) {
      other.append(List.of(minute("db", DAY0 + 7, 4)), List.of());
    }
    Files.copy(tmp.resolve("other/history-2026-11-30.log"), dir().resolve("history-2026-11-30.log"));
    try (FileHistoryStore store = FileHistoryStore.open(dir(), 64 << 20)) {
      assertThat(all(store)).containsExactlyInAnyOrder(minute("db", DAY0, 1), minute("db", DAY0 + MINUTES_PER_DAY, 2),
          minute("db", DAY0 + MINUTES_PER_DAY - 1, 3), minute("db", DAY0 + 7, 4));
      store.prune(Instant.EPOCH); // compacts it into the segment
      assertThat(files()).contains("history-2026-11-30.seg").doesNotContain("history-2026-11-30.log");
      assertThat(all(store)).hasSize(4);
    }
  }

  @Test
  void aCrashBetweenTheSegmentsRenameAndTheLogsDeleteLeavesNoDuplicates() throws Exception {
    Path saved = tmp.resolve("saved.log");
    try (FileHistoryStore store = FileHistoryStore.open(dir(), 64 << 20)) {
      store.append(List.of(minute("db", DAY0, 1), minute("db", DAY0 + 1, 2)), List.of(
          transition("db", Status.UNKNOWN, Status.UP, at(DAY0), "")));
      Files.copy(dir().resolve("history-2026-11-30.log"), saved);
      store.append(List.of(minute("db", DAY0 + MINUTES_PER_DAY, 3)), List.of());
    }
    // the log back beside its segment: what a crash after the rename and before the delete leaves
    Files.copy(saved, dir().resolve("history-2026-11-30.log"));
    // and a half-written segment of a later compaction
    Files.write(dir().resolve("history-2026-12-01.seg.tmp"), new byte[] {1, 2, 3});

    try (FileHistoryStore store = FileHistoryStore.open(dir(), 64 << 20)) {
      assertThat(files()).containsExactly("history-2026-11-30.seg", "history-2026-12-01.log", "lock");
      assertThat(all(store)).containsExactlyInAnyOrder(minute("db", DAY0, 1), minute("db", DAY0 + 1, 2),
          minute("db", DAY0 + MINUTES_PER_DAY, 3));
      assertThat(store.transitions(null, Instant.EPOCH, at(DAY0 + 2 * MINUTES_PER_DAY))).hasSize(1);
    }
  }

  @Test
  void aLogLeftBesideItsSegmentBeforeTheNextOpenIsReadOnce() throws Exception {
    // the same state seen by a reader of a running store: the segment names the log it absorbed
    Path saved = tmp.resolve("saved.log");
    try (FileHistoryStore store = FileHistoryStore.open(dir(), 64 << 20)) {
      store.append(List.of(minute("db", DAY0, 1)), List.of());
      Files.copy(dir().resolve("history-2026-11-30.log"), saved);
      store.append(List.of(minute("db", DAY0 + MINUTES_PER_DAY, 3)), List.of());
      Files.copy(saved, dir().resolve("history-2026-11-30.log"));
      assertThat(all(store)).containsExactlyInAnyOrder(minute("db", DAY0, 1), minute("db", DAY0 + MINUTES_PER_DAY, 3));
    }
  }

  @Test
  void pruneDeletesTheDaysThatEndedBeforeTheCutOffAndCompactsFinishedOnes() throws Exception {
    try (FileHistoryStore store = FileHistoryStore.open(dir(), 64 << 20)) {
      for (int d = 0; d < 4; d++) {
        store.append(List.of(minute("db", DAY0 + d * MINUTES_PER_DAY + 5, d)),
            List.of(transition("db", Status.UP, Status.DOWN, at(DAY0 + d * MINUTES_PER_DAY + 5), "d" + d)));
      }
      // the cut-off lies inside day 2: days 0 and 1 ended before it, day 2 keeps its minute before the cut-off
      store.prune(at(DAY0 + 2 * MINUTES_PER_DAY + 600));
      assertThat(files()).containsExactly("history-2026-12-02.seg", "history-2026-12-03.log", "lock");
      assertThat(all(store)).containsExactlyInAnyOrder(minute("db", DAY0 + 2 * MINUTES_PER_DAY + 5, 2),
          minute("db", DAY0 + 3 * MINUTES_PER_DAY + 5, 3));
      assertThat(store.transitions(null, Instant.EPOCH, at(DAY0 + 10 * MINUTES_PER_DAY)))
          .extracting(t -> t.change().message()).containsExactly("d2", "d3");
    }
  }

  @Test
  void overTheSizeCapTheOldestDaysAreDeletedWithAWarningNeverTheNewest() throws Exception {
    long cap = 60_000;
    try (FileHistoryStore store = FileHistoryStore.open(dir(), cap)) {
      String warnings = Fixtures.warnings(() -> {
        for (int d = 0; d < 12; d++) {
          List<HistoryPeriod> day = new ArrayList<>();
          for (long m = 0; m < MINUTES_PER_DAY; m += 2) {
            for (int p = 0; p < 4; p++) {
              day.add(minute("probe-" + p, DAY0 + d * MINUTES_PER_DAY + m, m * 31 + p * 7 + d));
            }
          }
          store.append(day, List.of());
          assertThat(totalSize()).as("the directory after day %d", d).isLessThanOrEqualTo(cap + daySize(d));
        }
      });
      assertThat(warnings).contains("WARN").contains("exceed the cap of 60000 bytes (vitals.history.max-size)")
          .contains("deleted the oldest day, 2026-11-30");
      assertThat(files()).contains("history-2026-12-11.log").doesNotContain("history-2026-11-30.seg");
      List<HistoryPeriod> left = all(store);
      assertThat(left).isNotEmpty().allMatch(p -> !p.start().isBefore(at(DAY0 + MINUTES_PER_DAY)));
    }
  }

  private long totalSize() throws IOException {
    try (Stream<Path> s = Files.list(dir())) {
      return s.mapToLong(p -> p.toFile().length()).sum();
    }
  }

  private long daySize(int d) throws IOException {
    Path log = dir().resolve("history-" + java.time.LocalDate.of(2026, 11, 30).plusDays(d) + ".log");
    return Files.exists(log) ? Files.size(log) : 0;
  }

  @Test
  void valuesAreReplacedAtomicallyAndSurviveReopening() throws Exception {
    try (FileHistoryStore store = FileHistoryStore.open(dir(), 1 << 20)) {
      store.value("summary.daily.last", "2026-11-29");
      store.value("summary.daily.last", "2026-11-30");
      store.value("summary.weekly.last", "2026-W48");
      assertThat(files()).containsExactly("lock", "values.dat");
    }
    try (FileHistoryStore store = FileHistoryStore.open(dir(), 1 << 20)) {
      assertThat(store.value("summary.daily.last")).contains("2026-11-30");
      assertThat(store.value("summary.weekly.last")).contains("2026-W48");
    }
  }

  @Test
  void aTornValuesWriteLeavesTheOldValues() throws Exception {
    try (FileHistoryStore store = FileHistoryStore.open(dir(), 1 << 20)) {
      store.value("k", "old");
    }
    // a crash while writing the next version: only the temporary file is torn
    Files.write(dir().resolve("values.dat.tmp"), new byte[] {0, 0, 0, 9, 1});
    try (FileHistoryStore store = FileHistoryStore.open(dir(), 1 << 20)) {
      assertThat(store.value("k")).contains("old");
      assertThat(files()).containsExactly("lock", "values.dat");
    }
  }

  @Test
  void openCreatesTheDirectoryAndDescribesItselfByIt() throws Exception {
    Path nested = tmp.resolve("a/b/c");
    try (FileHistoryStore store = FileHistoryStore.open(nested, 1 << 20)) {
      assertThat(nested).isDirectory();
      assertThat(store.describe()).isEqualTo("file:" + nested.toAbsolutePath());
    }
  }

  @Test
  void openFailsNamingTheDirectoryWhenItCannotBeADirectory() throws Exception {
    Path file = Files.writeString(tmp.resolve("plain-file"), "x");
    assertThatThrownBy(() -> FileHistoryStore.open(file, 1 << 20))
        .isInstanceOf(IOException.class)
        .hasMessageContaining(file.toAbsolutePath().toString()).hasMessageContaining("not a directory");
    Path under = file.resolve("history");
    assertThatThrownBy(() -> FileHistoryStore.open(under, 1 << 20))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("cannot create the history directory " + under.toAbsolutePath());
  }

  @Test
  void aDirectoryIsUsedByOneStoreAtATime() throws Exception {
    try (FileHistoryStore store = FileHistoryStore.open(dir(), 1 << 20)) {
      assertThatThrownBy(() -> FileHistoryStore.open(dir(), 1 << 20))
          .isInstanceOf(IOException.class)
          .hasMessageContaining(dir().toAbsolutePath() + " is in use by another history store");
      store.append(List.of(minute("db", DAY0, 1)), List.of());
    }
    try (FileHistoryStore again = FileHistoryStore.open(dir(), 1 << 20)) {
      assertThat(all(again)).hasSize(1);
    }
  }

  @Test
  void aSegmentThatDoesNotDecodeIsSkippedWithAWarningAndTheOtherDaysAreRead() throws Exception {
    try (FileHistoryStore store = FileHistoryStore.open(dir(), 64 << 20)) {
      store.append(List.of(minute("db", DAY0, 1)), List.of());
      store.append(List.of(minute("db", DAY0 + MINUTES_PER_DAY, 2)), List.of());
      store.append(List.of(minute("db", DAY0 + 2 * MINUTES_PER_DAY, 3)), List.of());
    }
    Path seg = dir().resolve("history-2026-11-30.seg");
    byte[] b = Files.readAllBytes(seg);
    b[b.length / 2] ^= 0x40;
    Files.write(seg, b);
    try (FileHistoryStore store = FileHistoryStore.open(dir(), 64 << 20)) {
      List<HistoryPeriod> got = new ArrayList<>();
      String warnings = Fixtures.warnings(() -> got.addAll(all(store)));
      assertThat(got).containsExactlyInAnyOrder(minute("db", DAY0 + MINUTES_PER_DAY, 2),
          minute("db", DAY0 + 2 * MINUTES_PER_DAY, 3));
      assertThat(warnings).contains("WARN").contains(seg.toString()).contains("checksum does not match")
          .contains("2026-11-30 is skipped");
    }
  }

  @Test
  void aClosedStoreRefusesWork() throws Exception {
    FileHistoryStore store = FileHistoryStore.open(dir(), 1 << 20);
    store.close();
    store.close();
    assertThatThrownBy(() -> store.append(List.of(), List.of())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("is closed");
    assertThatThrownBy(() -> all(store)).isInstanceOf(IllegalStateException.class);
  }
}
