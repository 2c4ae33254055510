package dev.vitals.core.internal.history;

import static dev.vitals.core.internal.history.Fixtures.DAY0;
import static dev.vitals.core.internal.history.Fixtures.MINUTES_PER_DAY;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.Status;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The size bound: 30 days of per-minute records of probes that run every 10 s (6 runs a minute, UP
 * but for one minute in a thousand, 1-3 latency buckets) take at most 1 MiB per probe, compacted,
 * written through the store's own path (appends into the day's log, compacted when the next day
 * starts). The minutes are appended an hour at a time (each append forces the disk, and the monitor's
 * one a minute would make the test last a minute); a segment's size does not depend on how the log was
 * batched. Prints the bytes per probe per day measured, and the size of a day's log before compaction.
 */
class FileHistoryStoreSizeTest {

  private static final int PROBES = 10;
  private static final int DAYS = 30;

  @TempDir
  Path dir;

  @Test
  void thirtyDaysOfAProbeRunEveryTenSecondsTakeAtMostOneMebibyte() throws Exception {
    Random random = new Random(42);
    List<HistorySubject> subjects = new ArrayList<>();
    for (int p = 0; p < PROBES; p++) {
      subjects.add(HistorySubject.probe("dependency-" + p));
    }
    long written = 0;
    try (FileHistoryStore store = FileHistoryStore.open(dir, 1L << 30)) {
      for (long hour = DAY0; hour < DAY0 + DAYS * MINUTES_PER_DAY; hour += 60) {
        List<HistoryPeriod> batch = new ArrayList<>(PROBES * 60);
        for (long m = hour; m < hour + 60; m++) {
          for (HistorySubject s : subjects) {
            batch.add(Fixtures.typicalMinute(s, m, random));
          }
        }
        store.append(batch, hour % 720 == 0
            ? List.of(Fixtures.transition("dependency-0", Status.UP, Status.DOWN, Fixtures.at(hour), "connection refused"))
            : List.of());
        written += batch.size();
        if (hour == DAY0 + MINUTES_PER_DAY - 60) {
          System.out.printf("history size: a day's log of %d probes before compaction: %d bytes%n", PROBES,
              Files.size(dir.resolve("history-2026-11-30.log")));
        }
      }
      // the 30th day is compacted once the 31st starts
      store.append(List.of(), List.of(Fixtures.transition("dependency-0", Status.DOWN, Status.UP,
          Fixtures.at(DAY0 + DAYS * MINUTES_PER_DAY), "")));
      assertThat(segments()).hasSize(DAYS);

      long[] count = new long[1];
      store.readMinutes(null, Instant.EPOCH, Fixtures.at(DAY0 + 40 * MINUTES_PER_DAY), p -> count[0]++);
      assertThat(count[0]).as("every minute written is read back").isEqualTo(written);
    }
    long segmentBytes = 0;
    for (Path p : segments()) {
      segmentBytes += Files.size(p);
    }
    long perProbeThirtyDays = segmentBytes / PROBES;
    System.out.printf("history size: %d probes x %d days = %d bytes compacted: %d bytes per probe per day,"
        + " %d bytes per probe per 30 days (%.1f %% of 1 MiB)%n", PROBES, DAYS, segmentBytes,
        segmentBytes / PROBES / DAYS, perProbeThirtyDays, 100.0 * perProbeThirtyDays / (1 << 20));
    assertThat(perProbeThirtyDays).as("bytes per probe per 30 days").isLessThanOrEqualTo(1 << 20);
  }

  private List<Path> segments() throws IOException {
    try (Stream<Path> s = Files.list(dir)) {
      return s.filter(p -> p.getFileName().toString().endsWith(".seg")).toList();
    }
  }
}
