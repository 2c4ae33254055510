package dev.vitals.history.jdbc;

import dev.vitals.api.HistoryEntry;
import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.LatencyHistogram;
import dev.vitals.api.Status;
import dev.vitals.api.spi.HistoryTransition;
import java.time.Instant;
import java.util.Random;

/** Test data: minutes with real latency histograms, and transitions. */
final class Minutes {

  /** A minute of UTC: 2026-11-27T10:00Z. */
  static final Instant T0 = Instant.parse("2026-11-27T10:00:00Z");

  private Minutes() {}

  /** A minute of a probe that ran {@code runs} times, with latencies around {@code millis}. */
  static HistoryPeriod probe(String name, Instant start, int runs, int errors, long upMs, long downMs, long millis,
      Random random) {
    long[] dense = new long[LatencyHistogram.BUCKETS];
    for (int i = 0; i < runs; i++) {
      long nanos = (long) (millis * 1_000_000L * (0.5 + random.nextDouble()));
      dense[LatencyHistogram.bucketOf(nanos)]++;
    }
    return new HistoryPeriod(HistorySubject.probe(name), start, start.plusSeconds(60), runs, errors, upMs, downMs,
        LatencyHistogram.ofDense(dense));
  }

  /** A probe's minute: 6 runs, all up. */
  static HistoryPeriod upMinute(String name, Instant start, Random random) {
    return probe(name, start, 6, 0, 60_000, 0, 20, random);
  }

  /** A tracker's minute with {@code ops} operations over a wide range of latencies. */
  static HistoryPeriod tracker(String name, Instant start, int ops, int errors, Random random) {
    long[] dense = new long[LatencyHistogram.BUCKETS];
    for (int i = 0; i < ops; i++) {
      dense[LatencyHistogram.bucketOf((long) Math.exp(random.nextDouble() * 25))]++;
    }
    return new HistoryPeriod(HistorySubject.tracker(name), start, start.plusSeconds(60), ops, errors, 0, 0,
        LatencyHistogram.ofDense(dense));
  }

  /**
   * A tracker's minute as a service has them: {@code ops} operations whose latency is log-normal
   * around {@code medianMillis} (sigma 0.6: p99 about 4x the median).
   */
  static HistoryPeriod serviceTracker(String name, Instant start, int ops, int errors, double medianMillis, Random random) {
    long[] dense = new long[LatencyHistogram.BUCKETS];
    for (int i = 0; i < ops; i++) {
      dense[LatencyHistogram.bucketOf((long) (medianMillis * 1e6 * Math.exp(0.6 * random.nextGaussian())))]++;
    }
    return new HistoryPeriod(HistorySubject.tracker(name), start, start.plusSeconds(60), ops, errors, 0, 0,
        LatencyHistogram.ofDense(dense));
  }

  static HistoryTransition transition(String probe, Status from, Status to, Instant at, String message) {
    return new HistoryTransition(HistorySubject.probe(probe), new HistoryEntry(from, to, at, message));
  }
}
