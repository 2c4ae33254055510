package dev.vitals.core.internal.history;

import dev.vitals.api.HistoryEntry;
import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.LatencyHistogram;
import dev.vitals.api.Status;
import dev.vitals.api.spi.HistoryStore;
import dev.vitals.api.spi.HistoryTransition;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/** Minutes, transitions and captured warnings for the history store's tests. */
final class Fixtures {

  /** 2026-11-30T00:00Z as a minute since the epoch: the tests' first day starts here. */
  static final long DAY0 = Instant.parse("2026-11-30T00:00:00Z").getEpochSecond() / 60;
  static final long MINUTES_PER_DAY = 1440;

  private Fixtures() {}

  static Instant at(long epochMinute) {
    return Instant.ofEpochSecond(epochMinute * 60);
  }

  /**
   * A probe minute whose figures derive from a seed, so a test can tell each written minute apart:
   * count = 1 + seed % 7, errors = seed % 2 (at most count), up/down time, two buckets.
   */
  static HistoryPeriod minute(String probe, long epochMinute, long seed) {
    long count = 1 + seed % 7;
    long errors = Math.min(count, seed % 2);
    long down = (seed % 5) * 1000;
    int b1 = LatencyHistogram.bucketOf(1_000_000 + (seed % 50) * 10_000);
    int b2 = LatencyHistogram.bucketOf(40_000_000);
    LatencyHistogram h = count == 1 ? LatencyHistogram.of(new int[] {b1}, new long[] {1})
        : LatencyHistogram.of(new int[] {b1, b2}, new long[] {count - 1, 1});
    return new HistoryPeriod(HistorySubject.probe(probe), at(epochMinute), at(epochMinute + 1), count, errors,
        60_000 - down, down, h);
  }

  /** A typical minute of a probe run every 10 s: 6 runs, all UP, 1-3 buckets around 2 ms. */
  static HistoryPeriod typicalMinute(HistorySubject subject, long epochMinute, java.util.Random random) {
    int[] buckets = new int[6];
    for (int i = 0; i < 6; i++) {
      buckets[i] = LatencyHistogram.bucketOf(1_800_000 + random.nextInt(300_000));
    }
    java.util.Arrays.sort(buckets);
    int[] idx = new int[6];
    long[] counts = new long[6];
    int n = 0;
    for (int b : buckets) {
      if (n > 0 && idx[n - 1] == b) {
        counts[n - 1]++;
      } else {
        idx[n] = b;
        counts[n++] = 1;
      }
    }
    boolean down = random.nextInt(1000) == 0;
    return new HistoryPeriod(subject, at(epochMinute), at(epochMinute + 1), 6, down ? 6 : 0,
        down ? 0 : 60_000, down ? 60_000 : 0,
        LatencyHistogram.of(java.util.Arrays.copyOf(idx, n), java.util.Arrays.copyOf(counts, n)));
  }

  static HistoryTransition transition(String probe, Status from, Status to, Instant at, String message) {
    return new HistoryTransition(HistorySubject.probe(probe), new HistoryEntry(from, to, at, message));
  }

  /** Every minute in the store, in read order. */
  static List<HistoryPeriod> all(HistoryStore store) throws Exception {
    List<HistoryPeriod> out = new ArrayList<>();
    store.readMinutes(null, Instant.EPOCH, Instant.parse("2100-01-01T00:00:00Z"), out::add);
    return out;
  }

  /** Work that may throw. */
  interface Work {
    void run() throws Exception;
  }

  /** What SLF4J (slf4j-simple, on standard error) printed while the work ran. */
  static synchronized String warnings(Work work) throws Exception {
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    System.setErr(new PrintStream(captured, true, StandardCharsets.UTF_8));
    try {
      work.run();
    } finally {
      System.setErr(err);
    }
    return captured.toString(StandardCharsets.UTF_8);
  }
}
