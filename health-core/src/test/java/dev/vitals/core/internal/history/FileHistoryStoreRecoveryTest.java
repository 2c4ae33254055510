package dev.vitals.core.internal.history;

import static dev.vitals.core.internal.history.Fixtures.DAY0;
import static dev.vitals.core.internal.history.Fixtures.all;
import static dev.vitals.core.internal.history.Fixtures.at;
import static dev.vitals.core.internal.history.Fixtures.minute;
import static dev.vitals.core.internal.history.Fixtures.transition;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.Status;
import dev.vitals.api.spi.HistoryTransition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Recovery of a torn log: whatever a crash or a full disk left of the last record (cut at any byte,
 * or any byte of it changed), the store opens with every record before it, cuts the rest with a
 * warning, and appends after it.
 */
class FileHistoryStoreRecoveryTest {

  @TempDir
  Path tmp;

  private Path original;
  private List<HistoryPeriod> kept;
  private List<HistoryTransition> keptTransitions;
  private byte[] log;
  private int lastRecordStart;

  @BeforeEach
  void writeThreeBatches() throws Exception {
    original = tmp.resolve("original");
    kept = new ArrayList<>();
    keptTransitions = new ArrayList<>();
    try (FileHistoryStore store = FileHistoryStore.open(original, 1 << 20)) {
      for (int b = 0; b < 2; b++) {
        List<HistoryPeriod> batch = List.of(minute("db", DAY0 + b, b), minute("cache", DAY0 + b, b + 10));
        List<HistoryTransition> ts = List.of(transition("db", Status.UP, Status.DOWN, at(DAY0 + b), "batch " + b));
        store.append(batch, ts);
        kept.addAll(batch);
        keptTransitions.addAll(ts);
      }
      lastRecordStart = (int) Files.size(logOf(original));
      // the last batch: one minutes record (a transitions record would be a second frame)
      store.append(List.of(minute("db", DAY0 + 2, 2), minute("cache", DAY0 + 2, 12)), List.of());
    }
    log = Files.readAllBytes(logOf(original));
  }

  private static Path logOf(Path dir) {
    return dir.resolve("history-2026-11-30.log");
  }

  @Test
  void aLogCutAtAnyByteOfItsLastRecordKeepsEveryRecordBefore() throws Exception {
    for (int cut = lastRecordStart; cut < log.length; cut++) {
      Path dir = tmp.resolve("cut-" + cut);
      Files.createDirectories(dir);
      Files.write(logOf(dir), java.util.Arrays.copyOf(log, cut));
      checkRecovers(dir, cut, cut);
    }
  }

  @Test
  void aLogWithAnyByteOfItsLastRecordChangedKeepsEveryRecordBefore() throws Exception {
    for (int at = lastRecordStart; at < log.length; at++) {
      Path dir = tmp.resolve("flip-" + at);
      Files.createDirectories(dir);
      byte[] changed = log.clone();
      changed[at] ^= (byte) (1 << (at % 8));
      Files.write(logOf(dir), changed);
      checkRecovers(dir, at, changed.length);
    }
  }

  @Test
  void aLogWithoutAValidHeaderHoldsNothingAcknowledgedAndIsStartedAgain() throws Exception {
    for (int cut = 1; cut < 30; cut++) {
      Path dir = tmp.resolve("header-" + cut);
      Files.createDirectories(dir);
      Files.write(logOf(dir), java.util.Arrays.copyOf(log, cut));
      try (FileHistoryStore store = FileHistoryStore.open(dir, 1 << 20)) {
        assertThat(all(store)).as("cut at %d", cut).isEmpty();
        store.append(List.of(minute("db", DAY0 + 9, 9)), List.of());
      }
      try (FileHistoryStore store = FileHistoryStore.open(dir, 1 << 20)) {
        assertThat(all(store)).as("cut at %d", cut).containsExactly(minute("db", DAY0 + 9, 9));
      }
    }
  }

  private void checkRecovers(Path dir, int where, int damagedLength) throws Exception {
    List<HistoryPeriod> read = new ArrayList<>();
    List<HistoryTransition> transitions = new ArrayList<>();
    String warnings = Fixtures.warnings(() -> {
      try (FileHistoryStore store = FileHistoryStore.open(dir, 1 << 20)) {
        read.addAll(all(store));
        transitions.addAll(store.transitions(null, Instant.EPOCH, at(DAY0 + 1440)));
      }
    });
    assertThat(read).as("minutes after damage at byte %d", where).containsExactlyInAnyOrderElementsOf(kept);
    assertThat(transitions).as("transitions after damage at byte %d", where).containsExactlyElementsOf(keptTransitions);
    if (damagedLength > lastRecordStart) {
      assertThat(warnings).as("the warning for damage at byte %d", where).contains("WARN")
          .contains(logOf(dir).toString())
          .contains("cut " + (damagedLength - lastRecordStart) + " bytes at offset " + lastRecordStart + " of " + damagedLength);
    } else {
      assertThat(warnings).as("an undamaged log is not warned about").isEmpty();
    }
    assertThat(Files.size(logOf(dir))).as("the log is cut back to its last whole record").isEqualTo(lastRecordStart);

    HistoryPeriod next = minute("db", DAY0 + 3, 3);
    try (FileHistoryStore store = FileHistoryStore.open(dir, 1 << 20)) {
      store.append(List.of(next), List.of());
    }
    try (FileHistoryStore store = FileHistoryStore.open(dir, 1 << 20)) {
      List<HistoryPeriod> expected = new ArrayList<>(kept);
      expected.add(next);
      assertThat(all(store)).as("appending after damage at byte %d", where).containsExactlyInAnyOrderElementsOf(expected);
    }
  }
}
