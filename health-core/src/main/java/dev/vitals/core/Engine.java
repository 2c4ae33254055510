package dev.vitals.core;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthListener;
import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Regression;
import dev.vitals.api.Status;
import dev.vitals.api.StatusChange;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.spi.ProbeObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The running state of a monitor: probe runners, trackers, the current report, listeners.
 * Status state changes under {@link #lock}; the report is published through a volatile field.
 */
final class Engine {

  /** The logger, created on first use so that SLF4J initialises only when something is logged. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(Engine.class);

    private Log() {}
  }
  /** How often tracker windows rotate and tracker figures reach the report. */
  static final Duration ROTATION = Duration.ofSeconds(10);

  final Object lock = new Object();
  final Clock clock;
  final ScheduledExecutorService scheduler;
  final ExecutorService workers;
  final List<ProbeObserver> observers = new CopyOnWriteArrayList<>();
  private final List<HealthListener> listeners = new CopyOnWriteArrayList<>();
  private final List<ProbeRunner> runners = new ArrayList<>();
  private final Trackers trackers;
  private final double jitter;
  private final DoubleSupplier random;
  private final Instant startedAt;
  private final List<String> problems;
  private final boolean autoReady;
  final Baselines baselines;
  /** Null when no maintenance window is configured. */
  private final Maintenance maintenance;
  private final List<Slo> slos;
  /** Null until notifiers are set: no notifier, no stats. */
  private volatile java.util.function.Supplier<List<dev.vitals.api.NotifierStats>> notifierStats;
  /** Baseline keys of the probes and trackers regressed at the last report; guarded by lock. */
  private final java.util.Set<String> regressed = new java.util.HashSet<>();
  private volatile HealthReport report;
  private volatile boolean closed;
  private Duration coldStart;
  private ScheduledFuture<?> rotation;

  Engine(Clock clock, ScheduledExecutorService scheduler, ExecutorService workers, double jitter,
      DoubleSupplier random, Instant startedAt, List<String> problems, boolean autoReady, Trackers trackers,
      Baselines baselines, Maintenance maintenance, List<Slo> slos) {
    this.slos = List.copyOf(slos);
    this.baselines = baselines;
    this.maintenance = maintenance;
    this.clock = clock;
    this.scheduler = scheduler;
    this.workers = workers;
    this.jitter = jitter;
    this.random = random;
    this.startedAt = startedAt;
    this.problems = List.copyOf(problems);
    this.autoReady = autoReady;
    this.trackers = trackers;
  }

  void add(ProbeRunner runner) {
    runners.add(runner);
  }

  List<ProbeRunner> runners() {
    return runners;
  }

  void notifierStats(java.util.function.Supplier<List<dev.vitals.api.NotifierStats>> stats) {
    this.notifierStats = stats;
  }

  private List<dev.vitals.api.NotifierStats> notifierStats() {
    java.util.function.Supplier<List<dev.vitals.api.NotifierStats>> s = notifierStats;
    return s == null ? List.of() : s.get();
  }

  void addListener(HealthListener listener) {
    listeners.add(listener);
  }

  boolean isClosed() {
    return closed;
  }

  HealthReport report() {
    return report;
  }

  /**
   * Publishes the first report and schedules every probe's first run and the rotation tick. (Each
   * probe's circuit breaker is built after its first result: see {@code ProbeRunner.guards()}.)
   */
  void start() {
    synchronized (lock) {
      publish(List.of());
    }
    for (ProbeRunner r : runners) {
      r.schedule(scheduler, firstDelayNanos(r.settings.interval.toNanos()));
    }
    Runnable rotate = new Runnable() {
      @Override
      public void run() {
        rotate();
      }
    };
    rotation = scheduler.scheduleAtFixedRate(rotate, ROTATION.toNanos(), ROTATION.toNanos(), TimeUnit.NANOSECONDS);
  }


  private long firstDelayNanos(long intervalNanos) {
    // spread first runs a little (at most 5 % of the interval, at most 100 ms) so they do not all start at once
    return (long) (Math.min(intervalNanos * 0.05, 100_000_000L) * jitter * random.getAsDouble());
  }

  /** The delay until a probe's next run: its interval, shortened by up to {@code jitter} of it. */
  long nextDelayNanos(long intervalNanos) {
    return intervalNanos - (long) (intervalNanos * jitter * random.getAsDouble());
  }

  private void rotate() {
    try {
      long now = clock.nanoTime();
      for (ProbeRunner r : runners) {
        r.stats.rotate(now);
      }
      trackers.rotate(now);
      synchronized (lock) {
        publish(List.of());
      }
    } catch (RuntimeException e) {
      Log.LOG.error("Vitals could not rotate its windows", e);
    }
  }

  /** A result arrived (from a worker, a timeout, or a tick that did not run the probe). */
  void accept(ProbeRunner runner, ProbeResult result, boolean measured) {
    if (closed) {
      return;
    }
    synchronized (lock) {
      long now = clock.nanoTime();
      StatusChange change = runner.apply(result, measured, now);
      runner.scheduleStaleCheck(runner.lastResultNanos());
      publish(change == null ? List.of() : List.of(change));
    }
  }

  void checkStale(ProbeRunner runner, long resultNanos) {
    if (closed) {
      return;
    }
    synchronized (lock) {
      StatusChange change = runner.markStaleIfNoResultSince(resultNanos, clock.nanoTime());
      if (change != null) {
        Log.LOG.warn("Vitals probe {} is stale: {}", runner.name(), change.result().message().orElse(""));
        publish(List.of(change));
      }
    }
  }

  void markReady() {
    synchronized (lock) {
      if (coldStart == null) {
        coldStart = durationSinceStart();
        publish(List.of());
      }
    }
  }

  private Duration durationSinceStart() {
    Duration d = Duration.between(startedAt, clock.instant());
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** Rebuilds the report and tells listeners; under the lock. */
  void publish(List<StatusChange> changes) {
    long now = clock.nanoTime();
    List<ProbeReport> probes = new ArrayList<>(runners.size());
    if (maintenance != null && !maintenance.isEmpty()) {
      Instant wall = clock.instant();
      for (ProbeRunner r : runners) {
        r.excludeFromAvailability(maintenance.excludedFromAvailability(r.name(), wall), now);
      }
    }
    for (ProbeRunner r : runners) {
      probes.add(r.report(now, baselines));
    }
    List<TrackerReport> trackerReports = trackers.reports(now, baselines);
    List<dev.vitals.api.SloReport> sloReports = new ArrayList<>(slos.size());
    for (Slo s : slos) {
      long total = 0;
      for (TrackerReport t : trackerReports) {
        if (t.name().equals(s.tracker)) {
          total = t.count();
        }
      }
      s.update(total, now);
      sloReports.add(s.report(now));
    }
    Map<ProbeKind, Status> groups = new EnumMap<>(ProbeKind.class);
    for (ProbeKind k : ProbeKind.values()) {
      groups.put(k, Status.UP);
    }
    Status service = Status.UP;
    double weighted = 0;
    double weights = 0;
    for (ProbeReport p : probes) {
      Status contribution = contribution(p);
      service = service.worse(contribution);
      for (ProbeKind k : p.kinds()) {
        groups.put(k, groups.get(k).worse(contribution));
      }
      if (p.status() != Status.UNKNOWN) {
        double w = p.critical() ? Scores.CRITICAL_WEIGHT : Scores.NON_CRITICAL_WEIGHT;
        weighted += w * p.score();
        weights += w;
      }
    }
    for (TrackerReport t : trackerReports) {
      if (t.count() > 0) {
        weighted += Scores.TRACKER_WEIGHT * t.score();
        weights += Scores.TRACKER_WEIGHT;
      }
    }
    double score = weights == 0 ? 100.0 : Scores.round1(weighted / weights);
    if (autoReady && coldStart == null && !runners.isEmpty() && groups.get(ProbeKind.READINESS).isAvailable()
        && anyReadinessResult(probes)) {
      coldStart = durationSinceStart();
    }
    List<Regression> regressions = new ArrayList<>();
    for (ProbeReport p : probes) {
      regression(true, p.name(), p.regression(), p.baseline(), p.summary(), regressions);
    }
    for (TrackerReport t : trackerReports) {
      regression(false, t.name(), t.regression(), t.baseline(), t.summary(), regressions);
    }
    HealthReport next = new HealthReport(service, score, clock.instant(), startedAt, Optional.ofNullable(coldStart),
        probes, trackerReports, groups, problems, sloReports, notifierStats(),
        maintenance == null || maintenance.isEmpty() ? List.of() : maintenance.open(clock.instant()));
    report = next;
    for (StatusChange c : changes) {
      for (HealthListener l : listeners) {
        try {
          l.onStatusChange(c);
        } catch (RuntimeException e) {
          Log.LOG.warn("Vitals listener {} failed on a status change", l, e);
        }
      }
    }
    for (Regression g : regressions) {
      Log.LOG.warn("Vitals regression: {} p95 {} ms is {}% above its baseline of {} ms", g.subject(),
          g.p95Nanos() / 1_000_000.0, Math.round(g.increase() * 100), g.baseline().p95Nanos() / 1_000_000.0);
      for (HealthListener l : listeners) {
        try {
          l.onRegression(g);
        } catch (RuntimeException e) {
          Log.LOG.warn("Vitals listener {} failed on a regression", l, e);
        }
      }
    }
    for (HealthListener l : listeners) {
      try {
        l.onReport(next);
      } catch (RuntimeException e) {
        Log.LOG.warn("Vitals listener {} failed on a report", l, e);
      }
    }
  }

  private static boolean anyReadinessResult(List<ProbeReport> probes) {
    for (ProbeReport p : probes) {
      if (p.is(ProbeKind.READINESS) && p.status() != Status.UNKNOWN) {
        return true;
      }
    }
    return false;
  }

  private void regression(boolean probe, String name, boolean now, Optional<dev.vitals.api.Baseline> baseline,
      dev.vitals.api.WindowStats summary, List<Regression> out) {
    if (!now && regressed.isEmpty()) {
      return; // the usual case: nothing regressed, nothing to build a key for
    }
    String key = probe ? Baselines.probeKey(name) : Baselines.trackerKey(name);
    if (!now) {
      regressed.remove(key);
    } else if (regressed.add(key)) {
      out.add(new Regression(name, baseline.orElseThrow(), summary.p95Nanos(), clock.instant()));
    }
  }

  /** What a probe contributes to its groups and the service: a non-critical probe at most DEGRADED. */
  static Status contribution(ProbeReport p) {
    if (!p.critical() && p.status() == Status.DOWN) {
      return Status.DEGRADED;
    }
    return p.status();
  }

  void close() {
    closed = true;
    if (rotation != null) {
      rotation.cancel(false);
    }
    for (ProbeRunner r : runners) {
      r.cancel();
    }
  }
}
