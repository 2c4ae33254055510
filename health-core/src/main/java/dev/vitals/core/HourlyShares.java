package dev.vitals.core;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A tracker's operations and errors per UTC hour over 30 days, from its history (stored minutes and the
 * minutes collected since start), for its 24 h, 7 d and 30 d availability: the share of successful
 * operations. Fixed memory: 721 hours of 3 longs (17 KiB). Thread-safe.
 */
final class HourlyShares {

  static final int HOURS = 30 * 24 + 1;
  private static final Map<String, Integer> WINDOWS = windows();

  private final long[] stamp = new long[HOURS];
  private final long[] count = new long[HOURS];
  private final long[] errors = new long[HOURS];

  HourlyShares() {
    java.util.Arrays.fill(stamp, -1);
  }

  private static Map<String, Integer> windows() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("24h", 24);
    m.put("7d", 7 * 24);
    m.put("30d", 30 * 24);
    return m;
  }

  /** Adds a minute's operations to its hour (hours since the epoch); an hour older than the ring holds is ignored. */
  synchronized void add(long epochHour, long operations, long failed) {
    int i = (int) Math.floorMod(epochHour, (long) HOURS);
    if (stamp[i] > epochHour) {
      return;
    }
    if (stamp[i] != epochHour) {
      stamp[i] = epochHour;
      count[i] = 0;
      errors[i] = 0;
    }
    count[i] += operations;
    errors[i] += Math.min(failed, operations);
  }

  /**
   * The success share of each window that has operations: the current hour and the complete hours before.
   *
   * @param currentEpochHour the current hour since the epoch
   * @return {@code 24h}, {@code 7d}, {@code 30d} to ratios from 0 to 1; a window without operations is absent
   */
  synchronized Map<String, Double> shares(long currentEpochHour) {
    Map<String, Double> out = new LinkedHashMap<>();
    long n = 0;
    long e = 0;
    int done = 0;
    for (Map.Entry<String, Integer> w : WINDOWS.entrySet()) {
      for (; done <= w.getValue(); done++) {
        long h = currentEpochHour - done;
        int i = (int) Math.floorMod(h, (long) HOURS);
        if (stamp[i] == h) {
          n += count[i];
          e += errors[i];
        }
      }
      if (n > 0) {
        out.put(w.getKey(), 1.0 - (double) e / n);
      }
    }
    return out;
  }
}
