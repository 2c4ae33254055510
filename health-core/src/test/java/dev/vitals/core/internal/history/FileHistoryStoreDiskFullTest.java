package dev.vitals.core.internal.history;

import static dev.vitals.core.internal.history.Fixtures.DAY0;
import static dev.vitals.core.internal.history.Fixtures.MINUTES_PER_DAY;
import static dev.vitals.core.internal.history.Fixtures.all;
import static dev.vitals.core.internal.history.Fixtures.minute;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.HistoryPeriod;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A full disk, for real: the file the store writes next is a symbolic link to {@code /dev/full}, on
 * which Linux fails every write with ENOSPC ("No space left on device"). The write fails with a clear
 * message, what was written before stays readable, and writing succeeds again once space is back
 * (the link removed), in the same store and after reopening it.
 */
class FileHistoryStoreDiskFullTest {

  private static final Path FULL = Path.of("/dev/full");

  @TempDir
  Path dir;

  @BeforeEach
  void linux() {
    assertThat(FULL).as("/dev/full (Linux), the device that fills a disk for real: the tests run on Linux").exists();
  }

  @Test
  void aFullDiskFailsTheAppendClearlyKeepsEarlierHistoryAndWritingResumesWhenSpaceIsBack() throws Exception {
    HistoryPeriod day0 = minute("db", DAY0 + 1, 1);
    HistoryPeriod day1 = minute("db", DAY0 + MINUTES_PER_DAY + 1, 2);
    HistoryPeriod day2 = minute("db", DAY0 + 2 * MINUTES_PER_DAY + 1, 3);
    HistoryPeriod day2Later = minute("db", DAY0 + 2 * MINUTES_PER_DAY + 2, 4);
    try (FileHistoryStore store = FileHistoryStore.open(dir, 1 << 20)) {
      store.append(List.of(day0), List.of());
      store.append(List.of(day1), List.of()); // day 0 is compacted into its segment
      assertThat(dir.resolve("history-2026-11-30.seg")).exists();

      Path next = dir.resolve("history-2026-12-02.log");
      Files.createSymbolicLink(next, FULL);
      assertThatThrownBy(() -> store.append(List.of(day2), List.of()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("No space left on device")
          .hasMessageContaining("cannot write history-2026-12-02.log")
          .hasMessageContaining("this batch was not stored, what was stored before is intact");
      assertThat(all(store)).as("what was written before the disk filled").containsExactlyInAnyOrder(day0, day1);
      // and again, while the disk stays full
      assertThatThrownBy(() -> store.append(List.of(day2), List.of())).hasMessageContaining("No space left on device");

      Files.delete(next); // space is back
      store.append(List.of(day2), List.of());
      store.append(List.of(day2Later), List.of());
      assertThat(all(store)).containsExactlyInAnyOrder(day0, day1, day2, day2Later);
    }
    try (FileHistoryStore store = FileHistoryStore.open(dir, 1 << 20)) {
      assertThat(all(store)).containsExactlyInAnyOrder(day0, day1, day2, day2Later);
    }
  }

  @Test
  void aFullDiskInTheMiddleOfADayKeepsThatDaysEarlierMinutes() throws Exception {
    HistoryPeriod first = minute("db", DAY0 + 1, 1);
    HistoryPeriod second = minute("db", DAY0 + 2, 2);
    Path log = dir.resolve("history-2026-11-30.log");
    Path saved = dir.resolve("saved");
    try (FileHistoryStore store = FileHistoryStore.open(dir, 1 << 20)) {
      store.append(List.of(first), List.of());
    }
    // the day's log on a disk that filled up: keep its bytes aside and write through /dev/full
    Files.move(log, saved);
    Files.createSymbolicLink(log, FULL);
    try (FileHistoryStore store = FileHistoryStore.open(dir, 1 << 20)) {
      assertThatThrownBy(() -> store.append(List.of(second), List.of())).hasMessageContaining("No space left on device");
      Files.delete(log);
      Files.move(saved, log);
      store.append(List.of(second), List.of());
      assertThat(all(store)).containsExactlyInAnyOrder(first, second);
    }
  }

  @Test
  void aFullDiskFailsANamedValueClearlyAndKeepsTheOldOne() throws Exception {
    try (FileHistoryStore store = FileHistoryStore.open(dir, 1 << 20)) {
      store.value("summary.daily.last", "2026-11-29");
      Files.createSymbolicLink(dir.resolve("values.dat.tmp"), FULL);
      assertThatThrownBy(() -> store.value("summary.daily.last", "2026-11-30"))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("cannot write the value 'summary.daily.last'")
          .hasMessageContaining("No space left on device");
      assertThat(store.value("summary.daily.last")).contains("2026-11-29");
      store.value("summary.daily.last", "2026-11-30");
    }
    try (FileHistoryStore store = FileHistoryStore.open(dir, 1 << 20)) {
      assertThat(store.value("summary.daily.last")).contains("2026-11-30");
    }
  }
}
