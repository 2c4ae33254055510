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
  /** A report's {@code nextReportBy}: three rotations after it (each rotation publishes one). */
  static final Duration STALL_AFTER = ROTATION.multipliedBy(3);

  final Object lock = new Object();
  final Clock clock;
  final ScheduledExecutorService scheduler;
  final Workers workers;
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
  /** Null without a history store. */
  private volatile HistoryKeeper history;
  private volatile boolean closed;
  private Duration coldStart;
  private ScheduledFuture<?> rotation;
  /**
   * The scheduler of a monitor built {@code onDemand}, or null: then first runs start at once, and
   * neither staleness nor schedule lag is judged (nothing runs between two calls of {@code runDue}).
   */
  private OnDemandScheduler onDemand;

  /** Up to this many probes a result publishes a report at once; beyond, results are coalesced. */
  static final int INLINE_PUBLISH_MAX = 200;
  /** Beyond {@link #INLINE_PUBLISH_MAX} probes, publishes are at least this far apart per probe. */
  static final long PUBLISH_SPACING_NANOS_PER_PROBE = 1_000L;
  /** Status changes applied but not yet published; guarded by lock. */
  private final List<StatusChange> pendingChanges = new ArrayList<>();
  /** How a drained report's problem starts ({@link #drain(String)}). */
  static final String DRAINING = "draining, readiness and startup are DOWN: ";
  /** Why readiness and startup are held DOWN ({@link #drain(String)}), or null; guarded by lock. */
  private String drained;
  /** Whether a coalesced publish is scheduled; guarded by lock. */
  private boolean publishScheduled;
  /** When the last report was published (engine clock); guarded by lock. */
  private long lastPublishNanos;
  private final Runnable publishTask = new Runnable() {
    @Override
    public void run() {
      synchronized (lock) {
        publishScheduled = false;
        if (!closed) {
          publish();
        }
      }
    }
  };
  /** The longest schedule lag of the runs started in this rotation period, and whether one was late by more than its interval. */
  private final java.util.concurrent.atomic.AtomicLong lagNow = new java.util.concurrent.atomic.AtomicLong();
  private volatile boolean behindNow;
  /** The same for the previous rotation period. */
  private volatile long lagPrevious;
  private volatile boolean behindPrevious;
  /** The problem shown while the monitor is behind its schedule. */
  static final String BEHIND = "the monitor is behind its schedule: probe runs start more than one interval late"
      + " (see scheduleLag), so results come less often than configured; add worker threads"
      + " (vitals.engine.threads), lengthen intervals or monitor fewer probes";

  Engine(Clock clock, ScheduledExecutorService scheduler, Workers workers, double jitter,
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

  /** Makes this an on-demand engine; before {@link #start()}. */
  void onDemand(OnDemandScheduler scheduler) {
    this.onDemand = scheduler;
  }

  /** Whether probes run only when asked (see {@link #onDemand}). */
  boolean isOnDemand() {
    return onDemand != null;
  }

  /** A probe run was handed to a worker. */
  void runStarted() {
    OnDemandScheduler s = onDemand;
    if (s != null) {
      s.runStarted();
    }
  }

  /** A probe run's result (or its timeout) was applied. */
  void runEnded() {
    OnDemandScheduler s = onDemand;
    if (s != null) {
      s.runEnded();
    }
  }

  List<ProbeRunner> runners() {
    return runners;
  }

  Trackers trackers() {
    return trackers;
  }

  List<Slo> slos() {
    return slos;
  }

  /** Keeps history in a store; before {@link #start()}. */
  void history(HistoryKeeper keeper) {
    this.history = keeper;
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
   * Publishes the first report and schedules every probe's first run, its first stale check and the
   * rotation tick.
   */
  void start() {
    synchronized (lock) {
      publish();
    }
    for (ProbeRunner r : runners) {
      r.schedule(scheduler, firstDelayNanos(r.settings.interval.toNanos()));
      r.scheduleStaleCheck(ProbeRunner.NO_RESULT); // a probe that never gets to run is flagged too
    }
    Runnable rotate = new Runnable() {
      @Override
      public void run() {
        rotate();
      }
    };
    rotation = scheduler.scheduleAtFixedRate(rotate, ROTATION.toNanos(), ROTATION.toNanos(), TimeUnit.NANOSECONDS);
  }


  /**
   * When a probe's first run starts: spread a little (at most 5 % of the interval, at most 100 ms) so
   * that first runs do not all start at once (times the jitter); beyond {@link #INLINE_PUBLISH_MAX}
   * probes, with any jitter, over {@link #FIRST_RUN_SPREAD_NANOS_PER_PROBE} per probe (1 s at 10,000
   * probes), at most half the interval, so that a large monitor's runs do not stay in one burst.
   */
  private long firstDelayNanos(long intervalNanos) {
    if (onDemand != null) {
      return 0; // the first call of runDue runs every probe
    }
    if (jitter > 0 && runners.size() > INLINE_PUBLISH_MAX) { // without jitter (tests) runs start at once
      double spread = Math.min(intervalNanos / 2.0, runners.size() * (double) FIRST_RUN_SPREAD_NANOS_PER_PROBE);
      return (long) (spread * random.getAsDouble());
    }
    return (long) (Math.min(intervalNanos * 0.05, 100_000_000L) * jitter * random.getAsDouble());
  }

  /** Beyond {@link #INLINE_PUBLISH_MAX} probes, first runs are spread over this much time per probe. */
  static final long FIRST_RUN_SPREAD_NANOS_PER_PROBE = 100_000L;

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
      lagPrevious = lagNow.getAndSet(0);
      behindPrevious = behindNow;
      behindNow = false;
      synchronized (lock) {
        for (ProbeRunner r : runners) {
          r.invalidate(); // windows and availability moved
        }
        publish();
      }
      HistoryKeeper h = history;
      if (h != null) {
        h.collect(this, now);
      }
    } catch (RuntimeException e) {
      Log.LOG.error("Vitals could not rotate its windows", e);
    }
  }

  /** A result arrived (from a worker, a timeout, or a tick that did not run the probe). */
  void accept(ProbeRunner runner, ProbeResult result, boolean measured) {
    accept(runner, result, measured, true);
  }

  /**
   * A result arrived; {@code evidence} false for one that tells nothing new about the dependency (see
   * {@link ProbeRunner#apply}).
   */
  void accept(ProbeRunner runner, ProbeResult result, boolean measured, boolean evidence) {
    if (closed) {
      return;
    }
    synchronized (lock) {
      long now = clock.nanoTime();
      StatusChange change = runner.apply(result, measured, evidence, now);
      runner.scheduleStaleCheck(runner.lastResultNanos());
      if (change != null) {
        pendingChanges.add(change);
      }
      requestPublish(now);
    }
  }

  /**
   * Publishes at once for a small monitor; for a large one, coalesces the results of a short spell
   * (one microsecond per probe: 10 ms at 10,000 probes) into one report, so that publishing stays a
   * small share of the work whatever the number of probes. Under the lock.
   */
  private void requestPublish(long now) {
    if (runners.size() <= INLINE_PUBLISH_MAX) {
      publish();
      return;
    }
    if (publishScheduled) {
      return;
    }
    long spacing = runners.size() * PUBLISH_SPACING_NANOS_PER_PROBE;
    long delay = Math.max(0, lastPublishNanos + spacing - now);
    try {
      scheduler.schedule(publishTask, delay, TimeUnit.NANOSECONDS);
      publishScheduled = true;
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  /**
   * A run started {@code lagNanos} after it was due.
   *
   * @param lagNanos the lag; negative counts as 0
   * @param intervalNanos the probe's interval
   */
  void recordLag(long lagNanos, long intervalNanos) {
    if (onDemand != null) {
      return; // due runs wait for the next call by design: that is no lag
    }
    long lag = Math.max(0, lagNanos);
    lagNow.accumulateAndGet(lag, Math::max);
    if (lag > intervalNanos) {
      behindNow = true;
    }
  }

  /** How far behind its schedule the monitor ran in this and the previous rotation period. */
  Duration scheduleLag() {
    return Duration.ofNanos(Math.max(lagNow.get(), lagPrevious));
  }

  void checkStale(ProbeRunner runner, long resultNanos) {
    if (closed) {
      return;
    }
    synchronized (lock) {
      long now = clock.nanoTime();
      StatusChange change = runner.markStaleIfNoResultSince(resultNanos, now);
      if (change != null) {
        Log.LOG.warn("Vitals probe {} is stale: {}", runner.name(), change.result().message().orElse(""));
        pendingChanges.add(change);
      }
      if (runner.dirty()) {
        requestPublish(now);
      }
    }
  }

  /**
   * Makes the readiness and startup groups {@code DOWN} in every report from now on, with the reason among
   * the report's problems, while probes keep running (a service that is shutting down). Later calls do nothing.
   */
  void drain(String reason) {
    synchronized (lock) {
      if (drained == null) {
        drained = reason;
        if (!closed) {
          publish();
        }
      }
    }
  }

  /** Publishes a report now (something outside the probes changed, such as the history store's state). */
  void republish() {
    synchronized (lock) {
      if (!closed) {
        publish();
      }
    }
  }

  void markReady() {
    synchronized (lock) {
      if (coldStart == null) {
        coldStart = durationSinceStart();
        publish();
      }
    }
  }

  private Duration durationSinceStart() {
    Duration d = Duration.between(startedAt, clock.instant());
    return d.isNegative() ? Duration.ZERO : d;
  }

  /** Rebuilds the report (reusing the probe reports nothing changed) and tells listeners; under the lock. */
  void publish() {
    long now = clock.nanoTime();
    lastPublishNanos = now;
    List<StatusChange> changes = List.of();
    if (!pendingChanges.isEmpty()) {
      changes = new ArrayList<>(pendingChanges);
      pendingChanges.clear();
    }
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
    for (ProbeReport p : probes) {
      Status contribution = contribution(p);
      service = service.worse(contribution);
      for (ProbeKind k : p.kinds()) {
        groups.put(k, groups.get(k).worse(contribution));
      }
    }
    if (drained != null) {
      groups.put(ProbeKind.READINESS, Status.DOWN);
      groups.put(ProbeKind.STARTUP, Status.DOWN);
    }
    double score = Scores.service(probes, trackerReports);
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
    List<String> shown = problems;
    if (behindNow || behindPrevious || anyNeverRan(probes)) {
      shown = new ArrayList<>(problems);
      shown.add(BEHIND);
    }
    if (drained != null) {
      shown = new ArrayList<>(shown);
      shown.add(DRAINING + drained);
    }
    HistoryKeeper h = history;
    if (h != null && h.problem() != null) {
      shown = new ArrayList<>(shown);
      shown.add(h.problem());
    }
    Instant at = clock.instant();
    HealthReport next = HealthReport.builder().status(service).score(score).time(at)
        // the heartbeat readers judge: rotation publishes every ROTATION, so three missed mean a stalled scheduler
        .nextReportBy(onDemand != null ? null : at.plus(STALL_AFTER))
        .startedAt(startedAt).coldStart(coldStart).probes(probes).trackers(trackerReports).groups(groups)
        .problems(shown).slos(sloReports).notifiers(notifierStats())
        .maintenance(maintenance == null || maintenance.isEmpty() ? List.of() : maintenance.open(clock.instant()))
        .scheduleLag(scheduleLag())
        .history(h == null ? null : h.stats())
        .build();
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

  /** Whether a probe has not run within two intervals of the start (it is stale without a result). */
  private static boolean anyNeverRan(List<ProbeReport> probes) {
    for (ProbeReport p : probes) {
      if (p.stale() && p.lastResult().isEmpty()) {
        return true;
      }
    }
    return false;
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
