package dev.vitals.core;

import dev.vitals.api.SloReport;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.LongAdder;

/**
 * One service-level objective on a tracker ({@code vitals.slos.<name>.*}): its bad-operation counter
 * (fed from the tracker's record path: one branch, and an add only for a bad operation) and its
 * history of good and bad operations, per minute for 3 days and per hour for 30 days, from which
 * the burn rates and the error budget come. Memory is fixed: about 100 KiB.
 */
final class Slo {

  static final Set<String> KEYS = KnownKeys.SLO_KEYS;
  /** The burn-rate windows, in minutes, in the order they are reported. */
  static final Map<String, Integer> BURN_WINDOWS = burnWindows();
  static final int MINUTES = 3 * 24 * 60 + 1;
  static final int HOURS = 30 * 24;

  final String name;
  final String tracker;
  final double objective;
  final long latencyThresholdNanos;
  final Duration window;
  private final LongAdder bad = new LongAdder();

  // guarded by the engine lock
  private final long originNanos;
  private final long[] minuteTotal = new long[MINUTES];
  private final long[] minuteBad = new long[MINUTES];
  private final long[] minuteStamp = new long[MINUTES];
  private final long[] hourTotal = new long[HOURS];
  private final long[] hourBad = new long[HOURS];
  private final long[] hourStamp = new long[HOURS];
  private long seenTotal;
  private long seenBad;

  Slo(String name, String tracker, double objective, long latencyThresholdNanos, Duration window, long originNanos) {
    this.name = name;
    this.tracker = tracker;
    this.objective = objective;
    this.latencyThresholdNanos = latencyThresholdNanos;
    this.window = window;
    this.originNanos = originNanos;
    java.util.Arrays.fill(minuteStamp, -1);
    java.util.Arrays.fill(hourStamp, -1);
  }

  private static Map<String, Integer> burnWindows() {
    Map<String, Integer> m = new LinkedHashMap<>();
    m.put("5m", 5);
    m.put("30m", 30);
    m.put("1h", 60);
    m.put("2h", 120);
    m.put("6h", 360);
    m.put("24h", 1440);
    m.put("3d", 4320);
    return java.util.Collections.unmodifiableMap(m);
  }

  /** On the tracker's record path: counts a bad operation. */
  void record(long nanos, boolean success) {
    if (!success || nanos > latencyThresholdNanos) {
      bad.increment();
    }
  }

  /** Takes the tracker's total since start and files what is new into the current minute and hour. */
  void update(long trackerTotal, long nowNanos) {
    long totalDelta = Math.max(0, trackerTotal - seenTotal);
    long badNow = bad.sum();
    long badDelta = Math.max(0, Math.min(badNow - seenBad, totalDelta));
    seenTotal = Math.max(seenTotal, trackerTotal);
    seenBad = seenBad + badDelta;
    long minute = Math.max(0, (nowNanos - originNanos) / 60_000_000_000L);
    long hour = minute / 60;
    int mi = (int) (minute % MINUTES);
    if (minuteStamp[mi] != minute) {
      minuteStamp[mi] = minute;
      minuteTotal[mi] = 0;
      minuteBad[mi] = 0;
    }
    minuteTotal[mi] += totalDelta;
    minuteBad[mi] += badDelta;
    int hi = (int) (hour % HOURS);
    if (hourStamp[hi] != hour) {
      hourStamp[hi] = hour;
      hourTotal[hi] = 0;
      hourBad[hi] = 0;
    }
    hourTotal[hi] += totalDelta;
    hourBad[hi] += badDelta;
  }

  /**
   * Counts a stored minute from before the process started (a history store's): {@code total}
   * operations, {@code bad} of them bad. Under the engine lock; a minute or hour the rings hold newer
   * data for is left alone.
   */
  void seed(long atNanos, long total, long bad) {
    long minute = Math.floorDiv(atNanos - originNanos, 60_000_000_000L);
    if (minute < 0 || total <= 0) {
      return;
    }
    long b = Math.max(0, Math.min(bad, total));
    int mi = (int) (minute % MINUTES);
    if (minuteStamp[mi] <= minute) {
      if (minuteStamp[mi] != minute) {
        minuteStamp[mi] = minute;
        minuteTotal[mi] = 0;
        minuteBad[mi] = 0;
      }
      minuteTotal[mi] += total;
      minuteBad[mi] += b;
    }
    long hour = minute / 60;
    int hi = (int) (hour % HOURS);
    if (hourStamp[hi] <= hour) {
      if (hourStamp[hi] != hour) {
        hourStamp[hi] = hour;
        hourTotal[hi] = 0;
        hourBad[hi] = 0;
      }
      hourTotal[hi] += total;
      hourBad[hi] += b;
    }
  }

  SloReport report(long nowNanos) {
    long minute = Math.max(0, (nowNanos - originNanos) / 60_000_000_000L);
    double budget = 1.0 - objective;
    Map<String, Double> burn = new LinkedHashMap<>();
    long total = 0;
    long badSum = 0;
    int i = 0;
    // a window of N minutes is the current (partial) minute and the N complete minutes before it
    for (Map.Entry<String, Integer> w : BURN_WINDOWS.entrySet()) {
      for (; i <= w.getValue(); i++) {
        long m = minute - i;
        if (m < 0) {
          break;
        }
        int idx = (int) (m % MINUTES);
        if (minuteStamp[idx] == m) {
          total += minuteTotal[idx];
          badSum += minuteBad[idx];
        }
      }
      i = w.getValue() + 1;
      burn.put(w.getKey(), total == 0 ? 0.0 : ((double) badSum / total) / budget);
    }
    long hours = Math.max(1, window.toHours());
    long hour = minute / 60;
    long wTotal = 0;
    long wBad = 0;
    for (long h = hour; h > hour - hours && h >= 0; h--) {
      int idx = (int) (h % HOURS);
      if (hourStamp[idx] == h) {
        wTotal += hourTotal[idx];
        wBad += hourBad[idx];
      }
    }
    double remaining = wTotal == 0 ? 1.0 : 1.0 - ((double) wBad / wTotal) / budget;
    SloReport.Builder r = SloReport.builder(name).tracker(tracker).objective(objective).window(window)
        .counts(wTotal, wBad).errorBudgetRemaining(remaining).burnRates(burn);
    if (latencyThresholdNanos != Long.MAX_VALUE) {
      r.latencyThreshold(Duration.ofNanos(latencyThresholdNanos));
    }
    return r.build();
  }

  static List<Slo> from(Config all, List<String> problems, long originNanos) {
    Set<String> names = ConfigReads.names(all.keys(), "vitals.slos.");
    List<Slo> out = new ArrayList<>();
    for (String name : names) {
      Config c = all.scoped("vitals.slos." + name + ".");
      for (String k : c.keys()) {
        if (!KEYS.contains(k)) {
          problems.add(c.fullKey(k) + " is not a known key: expected one of " + new TreeSet<>(KEYS));
        }
      }
      if (!ProbeSettings.validName(name)) {
        problems.add("vitals.slos." + name + ": objective name '" + name + "' is not allowed: expected "
            + ProbeSettings.NAME_RULE);
        continue;
      }
      Optional<String> tracker = c.get("tracker");
      if (tracker.isEmpty()) {
        problems.add(c.fullKey("tracker") + " is missing: expected the name of the tracker the objective is measured on");
        continue;
      }
      double[] objective = {Double.NaN};
      Optional<String> rawObjective = c.get("objective");
      if (rawObjective.isEmpty()) {
        problems.add(c.fullKey("objective") + " is missing: expected a percentage such as 99.9");
      } else {
        try {
          double v = Double.parseDouble(rawObjective.get());
          if (v > 0 && v < 100) {
            objective[0] = v / 100.0;
          }
        } catch (NumberFormatException e) {
          // reported below
        }
        if (Double.isNaN(objective[0])) {
          problems.add(ConfigException.describe(c.fullKey("objective"), rawObjective.get(),
              "a percentage above 0 and below 100, such as 99.9"));
        }
      }
      Duration[] latency = {null};
      Duration[] window = {Duration.ofDays(30)};
      ConfigReads.collect(problems, () -> latency[0] = c.duration("latency").orElse(null));
      ConfigReads.collect(problems, () -> window[0] = c.duration("window", Duration.ofDays(30)));
      if (window[0].compareTo(Duration.ofHours(1)) < 0 || window[0].compareTo(Duration.ofDays(30)) > 0) {
        problems.add(ConfigException.describe(c.fullKey("window"), c.get("window").orElse(""), "from 1h to 30d"));
        continue;
      }
      if (!Double.isNaN(objective[0])) {
        out.add(new Slo(name, tracker.get(), objective[0], latency[0] == null ? Long.MAX_VALUE : latency[0].toNanos(),
            window[0], originNanos));
      }
    }
    return out;
  }
}
