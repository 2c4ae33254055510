package dev.vitals.core;

import dev.vitals.api.Clock;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.Tracker;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import dev.vitals.core.internal.tracking.LatencySnapshot;
import dev.vitals.core.internal.tracking.LatencyTracker;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * The service's trackers, bounded in number. A name past the maximum is refused with an
 * exception; trackers are never evicted, since evicting one would silently lose its data (so a
 * cache is not the right tool here: a map with a bound is).
 */
final class Trackers {

  private final Clock clock;
  private final int max;
  private final Function<String, LatencyBudget> budgets;
  private final ConcurrentHashMap<String, TrackerImpl> byName = new ConcurrentHashMap<>();
  private final List<TrackerImpl> ordered = new java.util.concurrent.CopyOnWriteArrayList<>();

  private final List<Slo> slos;
  /** Gives a new tracker its history's shares; null without a history store. */
  private volatile java.util.function.Function<String, HourlyShares> hourly;

  Trackers(Clock clock, int max, Function<String, LatencyBudget> budgets, List<Slo> slos) {
    this.clock = clock;
    this.max = max;
    this.budgets = budgets;
    this.slos = List.copyOf(slos);
  }

  Tracker get(String name) {
    TrackerImpl t = byName.get(name);
    if (t != null) {
      return t;
    }
    ProbeSettings.checkName(name, "tracker");
    synchronized (this) {
      t = byName.get(name);
      if (t == null) {
        if (byName.size() >= max) {
          throw new IllegalStateException("cannot create tracker '" + name + "': the monitor already has "
              + max + " trackers (vitals.trackers.max); tracker names should be a small, fixed set such as"
              + " operation names, never user input");
        }
        // a loop, not a stream: a function creates its tracker in its cold start (start-up rules, package doc)
        List<Slo> mine = new ArrayList<>();
        for (Slo s : slos) {
          if (s.tracker.equals(name)) {
            mine.add(s);
          }
        }
        Slo[] own = mine.toArray(new Slo[0]);
        t = new TrackerImpl(name, clock, budgets.apply(name), new LatencyTracker(clock.nanoTime()), own);
        java.util.function.Function<String, HourlyShares> h = hourly;
        if (h != null) {
          t.hourly = h.apply(name);
        }
        byName.put(name, t);
        ordered.add(t);
      }
      return t;
    }
  }

  /** From now on every tracker gets its history's shares from this (and those that exist, now). */
  synchronized void hourly(java.util.function.Function<String, HourlyShares> shares) {
    this.hourly = shares;
    for (TrackerImpl t : ordered) {
      t.hourly = shares.apply(t.name());
    }
  }

  /** Every tracker, in the order they were created. */
  List<TrackerImpl> all() {
    return ordered;
  }

  void rotate(long nowNanos) {
    for (TrackerImpl t : ordered) {
      t.stats.rotate(nowNanos);
    }
  }

  List<TrackerReport> reports(long nowNanos, Baselines baselines) {
    List<TrackerReport> out = new ArrayList<>(ordered.size());
    for (TrackerImpl t : ordered) {
      out.add(t.report(nowNanos, baselines));
    }
    return out;
  }

  /** A tracker: records into its stats. */
  static final class TrackerImpl implements Tracker {
    private final String name;
    private final Clock clock;
    final LatencyBudget budget;
    final LatencyTracker stats;
    private final Slo[] slos;
    /** The 24 h / 7 d / 30 d success shares from history; null without a history store. */
    volatile HourlyShares hourly;

    TrackerImpl(String name, Clock clock, LatencyBudget budget, LatencyTracker stats, Slo[] slos) {
      this.name = name;
      this.clock = clock;
      this.budget = budget;
      this.stats = stats;
      this.slos = slos;
    }

    @Override
    public String name() {
      return name;
    }

    /** The objectives measured on this tracker. */
    Slo[] slos() {
      return slos;
    }

    @Override
    public void record(long durationNanos, boolean success) {
      stats.record(durationNanos, success);
      for (Slo s : slos) {
        s.record(durationNanos, success);
      }
    }

    @Override
    public void time(Runnable operation) {
      long t0 = clock.nanoTime();
      boolean ok = false;
      try {
        operation.run();
        ok = true;
      } finally {
        record(clock.nanoTime() - t0, ok);
      }
    }

    @Override
    public <T> T time(java.util.concurrent.Callable<T> operation) throws Exception {
      long t0 = clock.nanoTime();
      boolean ok = false;
      try {
        T value = operation.call();
        ok = true;
        return value;
      } finally {
        record(clock.nanoTime() - t0, ok);
      }
    }

    TrackerReport report(long nowNanos, Baselines baselines) {
      LatencySnapshot snapshot = stats.snapshot(nowNanos);
      List<WindowStats> windows = snapshot.windows();
      WindowStats summary = snapshot.fiveMinutes();
      WindowStats hour = snapshot.oneHour();
      double availability = hour.count() == 0 ? 1.0 : 1.0 - hour.errorRate();
      Map<String, Double> avail = new LinkedHashMap<>();
      avail.put("1h", availability);
      HourlyShares h = hourly;
      if (h != null) {
        avail.putAll(h.shares(Math.floorDiv(clock.instant().getEpochSecond(), 3600)));
      }
      // availability here is the share of successful operations: not scored again (see Scores.tracker)
      double score = Scores.tracker(summary.p95Nanos(), budget, summary.errorRate());
      String key = Baselines.trackerKey(name);
      return TrackerReport.builder(name).score(score).budget(budget).counts(snapshot.totalCount(), snapshot.totalErrors())
          .summary(summary).windows(windows).availability(avail).baseline(baselines.get(key))
          .regression(baselines.regressed(key, summary)).build();
    }

    @Override
    public String toString() {
      return "Tracker[" + name + "]";
    }
  }
}
