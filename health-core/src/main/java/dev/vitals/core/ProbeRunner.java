package dev.vitals.core;

import dev.vitals.api.Clock;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.StatusChange;
import dev.vitals.api.HistoryEntry;
import dev.vitals.api.WindowStats;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ProbeObserver;
import dev.vitals.core.internal.tracking.AvailabilityTracker;
import dev.vitals.core.internal.tracking.LatencySnapshot;
import dev.vitals.core.internal.tracking.LatencyTracker;
import dev.vitals.core.internal.tracking.StatusHistory;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one probe on its schedule, under its timeout and circuit breaker, and keeps its state.
 *
 * <p>The timeout is the engine's own: a task on the scheduler, started when the run starts on a
 * worker, that completes the run with a timeout and interrupts the probe's thread.
 *
 * <p>The circuit breaker protects a dependency that stays down without hiding a recovery. It opens
 * when the probe goes {@code DOWN} (failure-threshold consecutive failures); while it is open the
 * dependency is not called, each tick reports {@code DOWN} with the time of the next trial, and a
 * trial run is made at the latest a quarter of the outage so far after the last failure, never
 * sooner than one interval and never later than {@code circuit-breaker.max-wait}. A successful run
 * closes it. So an outage of up to four intervals is retried at every interval, and a recovery is
 * seen within the success threshold's runs plus at most a quarter of the outage (see
 * {@link #trialWaitNanos(long)}).
 *
 * <p>Scheduling state ({@link #inFlight}) is touched by the scheduler and worker threads; status and
 * breaker state are guarded by the engine's lock (every {@code apply...} method runs under it).
 */
final class ProbeRunner {

  /** The logger, created on first use so that SLF4J initialises only when something is logged. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(ProbeRunner.class);

    private Log() {}
  }
  static final int RECENT_SIZE = 60;
  /** A trial comes at the latest this fraction of the outage so far after the last failure. */
  static final int OUTAGE_DIVISOR = 4;
  /** {@link #nextTrialNanos} of a closed breaker. */
  private static final long CLOSED = Long.MIN_VALUE;

  final Probe probe;
  final ProbeSettings settings;
  private final Engine engine;
  private final Clock clock;
  final LatencyTracker stats;
  final AvailabilityTracker uptime;
  private final StatusHistory history = new StatusHistory();
  private boolean excludedFromAvailability;

  private final AtomicBoolean inFlight = new AtomicBoolean();
  private volatile long runStartedNanos;
  private volatile boolean timedOut;
  private volatile ScheduledFuture<?> nextTick;
  /** When the next tick is due (monotonic nanos); written by the scheduling thread before scheduling. */
  private volatile long tickDueNanos;
  /** What the scheduler runs at each tick (a class, not a method reference: none spun at start-up). */
  private final Runnable tick = new Runnable() {
    @Override
    public void run() {
      tick();
    }
  };
  private volatile ScheduledFuture<?> staleCheck;

  // guarded by the engine lock
  private Status status = Status.UNKNOWN;
  private Instant since;
  private ProbeResult last;
  private long lastResultNanos = NO_RESULT;
  private int consecutiveFailures;
  private int consecutiveSuccesses;
  private boolean stale;
  private final long[] recent = new long[RECENT_SIZE];
  private int recentCount;
  private long measuredRuns;
  private String lastFailure = "";
  private int recentNext;
  /** The recent latencies as an immutable list, or null until asked for since the last result. */
  private List<Long> recentList;
  /** When the current run of failures began (the first failed run's start), or -1 without failures. */
  private long outageStartNanos = -1;
  /** When the open breaker allows the next trial, or {@link #CLOSED}. */
  private long nextTrialNanos = CLOSED;
  /** Runs the open breaker has spared the dependency since it opened. */
  private long sparedRuns;
  /** The report built at the last publish, reused until something changes it; null when dirty. */
  private ProbeReport cached;

  ProbeRunner(Probe probe, ProbeSettings settings, Engine engine) {
    this.probe = probe;
    this.settings = settings;
    this.engine = engine;
    this.clock = engine.clock;
    this.since = clock.instant();
    this.stats = new LatencyTracker(clock.nanoTime(), 1); // one stripe: a probe records once per run
    this.uptime = new AvailabilityTracker(clock.nanoTime(), HistoryKeeper.PAST_NANOS); // room for stored history
  }

  /** Puts stored transitions (older than every live one) before the live ones; then the report is rebuilt. */
  void seedHistory(List<HistoryEntry> earlier) {
    history.prepend(earlier);
    cached = null;
  }

  String name() {
    return probe.name();
  }

  /** Whether the breaker is open (for tests); under the engine lock. */
  boolean breakerOpen() {
    synchronized (engine.lock) {
      return nextTrialNanos != CLOSED;
    }
  }

  void schedule(ScheduledExecutorService scheduler, long delayNanos) {
    if (engine.isClosed()) {
      return;
    }
    try {
      tickDueNanos = clock.nanoTime() + delayNanos;
      nextTick = scheduler.schedule(tick, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      if (!engine.isClosed()) {
        Log.LOG.error("Vitals scheduler rejected probe {}; it will not run again", name(), e);
      }
    }
  }

  void cancel() {
    ScheduledFuture<?> t = nextTick;
    if (t != null) {
      t.cancel(false);
    }
    ScheduledFuture<?> s = staleCheck;
    if (s != null) {
      s.cancel(false);
    }
  }

  /**
   * One scheduled tick: start a run unless one is in flight or the open breaker waits for its trial;
   * then reschedule (sooner than an interval when the trial falls due before).
   */
  private void tick() {
    long due = tickDueNanos;
    long now = clock.nanoTime();
    long trialAt = CLOSED;
    try {
      if (inFlight.get()) {
        if (timedOut) {
          long stuck = now - runStartedNanos;
          engine.accept(this, ProbeResult.down("previous run has not returned " + millis(stuck)
              + " ms after it started and ignores interruption; not starting another")
              .withTiming(0, clock.instant()), false);
        }
        // else: the run is queued or within its timeout; the timeout or the schedule lag will tell
      } else {
        ProbeResult open = null;
        synchronized (engine.lock) {
          trialAt = nextTrialNanos;
          if (trialAt != CLOSED && now - trialAt < 0) {
            sparedRuns++;
            open = circuitOpen(now, trialAt);
          }
        }
        if (open != null) {
          engine.accept(this, open, false, false);
        } else {
          trialAt = CLOSED;
          startRun(due);
        }
      }
    } catch (RuntimeException e) {
      if (!engine.isClosed()) { // a monitor closed while a tick was starting: nothing to report
        Log.LOG.error("Vitals could not run probe {}", name(), e);
      }
    } finally {
      long delay = engine.nextDelayNanos(settings.interval.toNanos());
      if (trialAt != CLOSED && trialAt - now < delay) {
        delay = Math.max(0, trialAt - now);
      }
      schedule(engine.scheduler, delay);
    }
  }

  /** The result a tick reports while the breaker is open; under the engine lock. */
  private ProbeResult circuitOpen(long nowNanos, long trialAt) {
    Instant next = clock.instant().plusNanos(trialAt - nowNanos);
    return ProbeResult.builder(Status.DOWN)
        .message("circuit open after " + consecutiveFailures + " consecutive failures"
            + (lastFailure.isEmpty() ? "" : " (last: " + lastFailure + ")")
            + "; not calling the dependency until the next trial at " + next.truncatedTo(ChronoUnit.SECONDS)
            + " (in " + Config.formatDuration(Duration.ofMillis(Math.max(1, millis(trialAt - nowNanos)))) + ")")
        .detail("circuitBreaker", "open")
        .detail("nextTrial", next.truncatedTo(ChronoUnit.MILLIS).toString())
        .build()
        .withTiming(0, clock.instant());
  }

  /**
   * How long the open breaker waits from the start of a failed run to the next trial: a quarter of the
   * outage so far, at least one interval and at most {@code circuit-breaker.max-wait}; under the engine
   * lock.
   *
   * @param nowNanos the failed run's start
   * @return the wait in nanoseconds
   */
  long trialWaitNanos(long nowNanos) {
    long outage = outageStartNanos < 0 ? 0 : nowNanos - outageStartNanos;
    long wait = outage / OUTAGE_DIVISOR;
    long interval = settings.interval.toNanos();
    long max = settings.breakerMaxWait.toNanos();
    return Math.min(max, Math.max(interval, wait));
  }

  /** Starts a run on a worker; {@code dueNanos} is when its tick was due, for the schedule lag. */
  private void startRun(long dueNanos) {
    inFlight.set(true);
    timedOut = false;
    CompletableFuture<ProbeResult> outcome = new CompletableFuture<>();
    // RUNNING, then DONE (the worker returned) or STUCK (timed out first: the worker counts as stuck
    // until it returns); whoever moves it from RUNNING decides, so stuck() and unstuck() pair exactly
    AtomicInteger runState = new AtomicInteger(RUNNING);
    List<ProbeObserver.Run> runs = new ArrayList<>();
    FutureTask<Void> task = new FutureTask<>(() -> {
      ProbeResult r;
      try {
        long t0 = clock.nanoTime();
        runStartedNanos = t0;
        engine.recordLag(t0 - dueNanos, settings.interval.toNanos());
        // the timeout starts with the run: a run waiting for a worker is late (schedule lag), not slow
        ScheduledFuture<?> timer = engine.scheduler.schedule(new TimeoutTask(outcome), settings.timeout.toNanos(),
            TimeUnit.NANOSECONDS);
        outcome.whenComplete(new CancelTimer(timer));
        for (ProbeObserver o : engine.observers) {
          try {
            runs.add(o.start(name(), settings.type));
          } catch (RuntimeException e) {
            Log.LOG.warn("Vitals probe observer {} failed", o, e);
          }
        }
        t0 = clock.nanoTime();
        r = invoke();
        if (settings.secrets != null) {
          r = settings.secrets.scrub(r); // configured secret values never leave the run
        }
        r = r.withTiming(Math.max(0, clock.nanoTime() - t0), clock.instant());
      } finally {
        // cleared before the result is published, so whoever sees the result may start the next run
        inFlight.set(false);
        if (!runState.compareAndSet(RUNNING, DONE)) {
          engine.workers.unstuck();
        }
      }
      outcome.complete(r);
      return null;
    });
    // registered before the task is handed over, so that the result is applied on the thread that
    // completes the run (a worker, or the scheduler at a timeout) and never on this one: a run that
    // ended before the registration would otherwise be published from the tick, holding the scheduler
    engine.runStarted();
    outcome.whenComplete((result, error) -> {
      try {
        applyOutcome(result, error, runState, task, runs);
      } finally {
        engine.runEnded();
      }
    });
    try {
      engine.workers.execute(task);
    } catch (RejectedExecutionException e) {
      inFlight.set(false);
      outcome.completeExceptionally(e);
    }
  }

  /** Applies a run's outcome on the thread that completed it: its result, its timeout or a rejection. */
  private void applyOutcome(ProbeResult result, Throwable error, AtomicInteger runState, FutureTask<Void> task,
      List<ProbeObserver.Run> runs) {
    if (error instanceof RejectedExecutionException) {
      engine.accept(this, ProbeResult.down("no worker thread available to run the probe")
          .withTiming(0, clock.instant()), false);
      return;
    }
    ProbeResult r = result;
    if (r == null) {
      timedOut = true;
      if (runState.compareAndSet(RUNNING, STUCK)) {
        engine.workers.stuck(); // another thread runs the others while this one is held
      }
      task.cancel(true);
      String reason = error instanceof TimeoutException || (error != null && error.getCause() instanceof TimeoutException)
          ? "timed out after " + Config.formatDuration(settings.timeout)
          : "failed: " + error;
      r = ProbeResult.builder(Status.DOWN).message(reason).detail("timeout", true).build()
          .withTiming(settings.timeout.toNanos(), clock.instant());
    }
    for (ProbeObserver.Run run : runs) {
      try {
        run.end(r);
      } catch (RuntimeException e) {
        Log.LOG.warn("Vitals probe observer failed at the end of a run of {}", name(), e);
      }
    }
    engine.accept(this, r, true);
  }

  private static final int RUNNING = 0;
  private static final int DONE = 1;
  private static final int STUCK = 2;

  private ProbeResult invoke() {
    try {
      ProbeResult r = probe.check();
      return r != null ? r : ProbeResult.down("check() returned null");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ProbeResult.builder(Status.DOWN).message("interrupted").error(e).build();
    } catch (Exception | LinkageError | AssertionError | StackOverflowError e) {
      return ProbeResult.down(e);
    }
  }

  /**
   * Applies a result: budget, thresholds, breaker, history. Runs under the engine lock.
   *
   * <p>A run that had to connect (the probe's first run, or one whose result says it reconnected) and
   * succeeded stays out of the latency figures (windows, percentiles, score, latency alert, the recent
   * latencies) and is not judged against the budget: its time is connection set-up and class loading,
   * not the dependency's speed. A failed run always counts, as an error.
   *
   * @param result the result, stamped with its latency and time
   * @param measured true for a run of the probe, false for a result the engine made without one (the
   *     breaker is open, a previous run is stuck, no worker was free)
   * @param evidence false for a result that tells nothing new about the dependency (the breaker's
   *     open-circuit result): it neither counts as a failure nor moves the breaker
   * @param nowNanos the engine clock's time
   * @return the status change, or null when the status did not change
   */
  StatusChange apply(ProbeResult result, boolean measured, boolean evidence, long nowNanos) {
    ProbeResult r = result;
    cached = null;
    boolean setUp = measured && (measuredRuns++ == 0 || r.connectTime().isPresent());
    boolean failed = r.status() == Status.DOWN;
    if (measured && !setUp && !failed && r.latencyNanos() >= 0 && settings.budget.exceeds(r.latencyNanos())) {
      r = r.withStatus(Status.DEGRADED, "slower than its acceptable budget: " + millis(r.latencyNanos())
          + " ms > " + settings.budget.acceptable().toMillis() + " ms" + r.message().map(m -> "; " + m).orElse(""));
    }
    if (measured && (failed || !setUp)) {
      stats.record(Math.max(0, r.latencyNanos()), !failed);
      recent[recentNext] = Math.max(0, r.latencyNanos());
      recentNext = (recentNext + 1) % RECENT_SIZE;
      recentCount = Math.min(RECENT_SIZE, recentCount + 1);
      recentList = null;
    }
    if (measured && failed) {
      lastFailure = r.message().orElse("");
    }
    last = r;
    lastResultNanos = nowNanos;
    stale = false;
    Status next = status;
    if (failed) {
      if (evidence) {
        if (consecutiveFailures == 0) {
          outageStartNanos = nowNanos - Math.max(0, r.latencyNanos());
        }
        consecutiveFailures++;
        consecutiveSuccesses = 0;
      }
      if (status != Status.DOWN && consecutiveFailures >= settings.failureThreshold) {
        next = Status.DOWN;
      }
      if (evidence && consecutiveFailures >= settings.failureThreshold) {
        if (nextTrialNanos == CLOSED) {
          sparedRuns = 0;
        }
        // counted from the failed run's start, as ticks are: the first trial comes one interval after it
        long runStart = nowNanos - Math.max(0, r.latencyNanos());
        nextTrialNanos = runStart + trialWaitNanos(runStart);
      }
    } else {
      consecutiveSuccesses++;
      consecutiveFailures = 0;
      outageStartNanos = -1;
      nextTrialNanos = CLOSED;
      if (status == Status.DOWN) {
        if (consecutiveSuccesses >= settings.successThreshold) {
          next = r.status();
        }
      } else {
        next = r.status();
      }
    }
    return transition(next, r, nowNanos);
  }

  /** How many runs the open breaker has spared the dependency since it last opened (for tests). */
  long sparedRuns() {
    synchronized (engine.lock) {
      return sparedRuns;
    }
  }

  /**
   * Marks the probe stale when no result came since {@code resultNanos}; under the engine lock. A probe
   * that has a result turns {@code UNKNOWN}; one that never had a result stays {@code UNKNOWN} and is
   * flagged stale (it has not run within two intervals of the start: the engine is behind).
   *
   * @return the status change, or null when the status did not change
   */
  StatusChange markStaleIfNoResultSince(long resultNanos, long nowNanos) {
    if (lastResultNanos != resultNanos || stale) {
      return null;
    }
    stale = true;
    cached = null;
    if (last == null) {
      return null;
    }
    long age = nowNanos - lastResultNanos;
    ProbeResult r = ProbeResult.down("stale: no result for " + millis(age) + " ms (interval "
        + Config.formatDuration(settings.interval) + ")");
    return transition(Status.UNKNOWN, r.withTiming(0, clock.instant()), nowNanos);
  }

  /** Whether the next report must be built anew; under the engine lock. */
  boolean dirty() {
    return cached == null;
  }

  /** Drops the cached report: windows and availability moved with time; under the engine lock. */
  void invalidate() {
    cached = null;
  }

  long lastResultNanos() {
    return lastResultNanos;
  }

  /**
   * Schedules the check that marks the probe stale when no result follows the one taken at
   * {@code resultNanos} within two intervals (for the first result: two intervals and a timeout).
   */
  void scheduleStaleCheck(long resultNanos) {
    if (engine.isOnDemand()) {
      return; // nothing runs between two calls: a probe unobserved meanwhile is not stale
    }
    long delay = 2 * settings.interval.toNanos() + 1_000_000L
        + (resultNanos == NO_RESULT ? settings.timeout.toNanos() : 0);
    try {
      ScheduledFuture<?> previous = staleCheck;
      if (previous != null) {
        previous.cancel(false);
      }
      staleCheck = engine.scheduler.schedule(new StaleCheck(resultNanos), delay, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closing
    }
  }

  /** {@link #lastResultNanos} before the first result. */
  static final long NO_RESULT = Long.MIN_VALUE;

  /** The stale check of one result (a class, not a lambda: none spun at start-up). */
  private final class StaleCheck implements Runnable {
    private final long resultNanos;

    StaleCheck(long resultNanos) {
      this.resultNanos = resultNanos;
    }

    @Override
    public void run() {
      engine.checkStale(ProbeRunner.this, resultNanos);
    }
  }

  private StatusChange transition(Status next, ProbeResult cause, long nowNanos) {
    if (next == status) {
      return null;
    }
    Status previous = status;
    status = next;
    Instant at = clock.instant();
    since = at;
    history.add(new HistoryEntry(previous, next, at, cause.message().orElse("")));
    if (!excludedFromAvailability) {
      uptime.transition(next, nowNanos);
    }
    return new StatusChange(name(), previous, next, cause, at);
  }

  /**
   * Leaves the time from now on out of availability (a maintenance window that says so), or counts
   * it again; under the engine lock.
   */
  void excludeFromAvailability(boolean exclude, long nowNanos) {
    if (exclude != excludedFromAvailability) {
      excludedFromAvailability = exclude;
      cached = null;
      uptime.transition(exclude ? Status.UNKNOWN : status, nowNanos);
    }
  }

  /** The report: the one built at the last publish unless something changed since; under the engine lock. */
  ProbeReport report(long nowNanos, Baselines baselines) {
    ProbeReport c = cached;
    if (c != null) {
      return c;
    }
    LatencySnapshot snapshot = stats.snapshot(nowNanos);
    List<WindowStats> windows = snapshot.windows();
    WindowStats summary = snapshot.fiveMinutes();
    java.util.Map<String, Double> availability = uptime.shares(nowNanos);
    double score = Scores.probe(status, summary.p95Nanos(), settings.budget, summary.errorRate(),
        availability.getOrDefault("1h", 1.0));
    if (recentList == null) {
      // boxed once per result, not once per report: reports of an unchanged probe share the list
      Long[] copy = new Long[recentCount];
      for (int i = 0; i < recentCount; i++) {
        copy[i] = recent[(recentNext - recentCount + i + RECENT_SIZE) % RECENT_SIZE];
      }
      recentList = List.of(copy);
    }
    String key = Baselines.probeKey(name());
    c = ProbeReport.builder(name()).type(settings.type).status(status).score(score).critical(settings.critical)
        .kinds(settings.kinds).budget(settings.budget).interval(settings.interval).timeout(settings.timeout)
        .lastResult(Optional.ofNullable(last)).since(since).stale(stale).consecutiveFailures(consecutiveFailures)
        .summary(summary).windows(windows).availability(availability).history(history.transitions())
        .recentLatenciesNanos(recentList).baseline(baselines.get(key)).regression(baselines.regressed(key, summary))
        .build();
    cached = c;
    return c;
  }

  Status status() {
    return status;
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  /** Completes a run's outcome with a {@link TimeoutException} when the run outlives its timeout. */
  private static final class TimeoutTask implements Runnable {
    private final CompletableFuture<ProbeResult> outcome;

    TimeoutTask(CompletableFuture<ProbeResult> outcome) {
      this.outcome = outcome;
    }

    @Override
    public void run() {
      outcome.completeExceptionally(new TimeoutException());
    }
  }

  /** Cancels a run's timeout when the run ends first. */
  private static final class CancelTimer implements java.util.function.BiConsumer<ProbeResult, Throwable> {
    private final ScheduledFuture<?> timer;

    CancelTimer(ScheduledFuture<?> timer) {
      this.timer = timer;
    }

    @Override
    public void accept(ProbeResult result, Throwable error) {
      timer.cancel(false);
    }
  }
}
