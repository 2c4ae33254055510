package dev.vitals.core;

import dev.vitals.api.Clock;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.StatusChange;
import dev.vitals.api.StatusTransition;
import dev.vitals.api.WindowStats;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ProbeObserver;
import dev.vitals.core.internal.tracking.AvailabilityTracker;
import dev.vitals.core.internal.tracking.LatencySnapshot;
import dev.vitals.core.internal.tracking.LatencyTracker;
import dev.vitals.core.internal.tracking.StatusHistory;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import java.time.Instant;
import java.time.ZoneOffset;
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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one probe on its schedule, under its timeout and circuit breaker, and keeps its state.
 *
 * <p>The timeout is the engine's own: a task on the scheduler that completes the run with a timeout
 * and interrupts the probe's thread. The circuit breaker (Resilience4j) is built after the probe's
 * first result and fed that result: a fresh breaker permits every call, so the first run, on which
 * readiness waits, never waits for Resilience4j's (and, through its loggers, SLF4J's) class loading.
 *
 * <p>Scheduling state ({@link #inFlight}) is touched by the scheduler and worker threads; status state
 * is guarded by the engine's lock (every {@code apply...} method runs under it).
 */
final class ProbeRunner {

  /** The logger, created on first use so that SLF4J initialises only when something is logged. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(ProbeRunner.class);

    private Log() {}
  }
  static final int RECENT_SIZE = 60;

  final Probe probe;
  final ProbeSettings settings;
  private final Engine engine;
  private final Clock clock;
  /** The circuit breaker, built after the first result (off every start-up path); see {@link #guards()}. */
  private volatile Guards guards;
  /** Set when the first run starts: every later run asks the breaker for permission. */
  private volatile boolean firstRunStarted;
  /** The first run's outcome when it ends before the breaker exists; guarded by this. */
  private ProbeResult unrecorded;
  final LatencyTracker stats;
  final AvailabilityTracker uptime;
  private final StatusHistory history = new StatusHistory();
  private boolean excludedFromAvailability;

  private final AtomicBoolean inFlight = new AtomicBoolean();
  private volatile long runStartedNanos;
  private volatile boolean timedOut;
  private volatile ScheduledFuture<?> nextTick;
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
  private long lastResultNanos;
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

  ProbeRunner(Probe probe, ProbeSettings settings, Engine engine) {
    this.probe = probe;
    this.settings = settings;
    this.engine = engine;
    this.clock = engine.clock;
    this.since = clock.instant();
    this.stats = new LatencyTracker(clock.nanoTime(), 1); // one stripe: a probe records once per run
    this.uptime = new AvailabilityTracker(clock.nanoTime());
    if (settings.breakerWait.toMillis() < 1) {
      // checked here as Resilience4j would check it, so that a bad wait still fails start()
      throw new IllegalArgumentException("waitDurationInOpenState must be at least 1[ms]");
    }
  }

  /** The circuit breaker of one probe. */
  private static final class Guards {
    final CircuitBreaker breaker;

    Guards(CircuitBreaker breaker) {
      this.breaker = breaker;
    }
  }

  /**
   * The circuit breaker, created on first use: after the first result (which it is then fed), at the
   * second tick, or when its state is read. Building it loads and initialises some hundred
   * Resilience4j classes, which neither {@code start()} nor the first run waits for.
   */
  private Guards guards() {
    Guards g = guards;
    if (g == null) {
      synchronized (this) {
        g = guards;
        if (g == null) {
          g = newGuards();
          if (unrecorded != null) { // fed before it is published: outcomes reach it in order
            record(g, unrecorded);
            unrecorded = null;
          }
          guards = g;
        }
      }
    }
    return g;
  }

  /** Feeds a run's outcome to the breaker, or keeps it for the breaker still to be built. */
  private void recordOutcome(ProbeResult r) {
    Guards g = guards;
    if (g == null) {
      synchronized (this) {
        if (guards == null) {
          unrecorded = r;
          return;
        }
        g = guards;
      }
    }
    record(g, r);
  }

  private static void record(Guards g, ProbeResult r) {
    long latency = Math.max(0, r.latencyNanos());
    if (r.status() == Status.DOWN) {
      g.breaker.onError(latency, TimeUnit.NANOSECONDS, new ProbeFailure(r.message().orElse("down")));
    } else {
      g.breaker.onSuccess(latency, TimeUnit.NANOSECONDS);
    }
  }

  private Guards newGuards() {
    int window = settings.failureThreshold + 2;
    CircuitBreaker breaker = CircuitBreaker.of(probe.name(), CircuitBreakerConfig.custom()
        .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
        .slidingWindowSize(window)
        .minimumNumberOfCalls(window)
        .failureRateThreshold(100)
        .permittedNumberOfCallsInHalfOpenState(1)
        .waitDurationInOpenState(settings.breakerWait)
        .automaticTransitionFromOpenToHalfOpenEnabled(false)
        .recordException(e -> true)
        .clock(new JavaClock(clock))
        .build());
    return new Guards(breaker);
  }

  String name() {
    return probe.name();
  }

  CircuitBreaker.State breakerState() {
    return guards().breaker.getState();
  }

  void schedule(ScheduledExecutorService scheduler, long delayNanos) {
    if (engine.isClosed()) {
      return;
    }
    try {
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

  /** One scheduled tick: start a run unless one is in flight or the breaker is open; then reschedule. */
  private void tick() {
    try {
      if (inFlight.get()) {
        if (timedOut) {
          long stuck = clock.nanoTime() - runStartedNanos;
          engine.accept(this, ProbeResult.down("previous run has not returned " + millis(stuck)
              + " ms after it started and ignores interruption; not starting another")
              .withTiming(0, clock.instant()), false);
        }
        // else: the run is within its timeout; the timeout will report it
      } else if (!firstRunStarted) {
        startRun(null); // a fresh breaker permits every call: the first run does not wait for one
      } else {
        Guards g = guards();
        if (!g.breaker.tryAcquirePermission()) {
          engine.accept(this, circuitOpen(), false);
        } else {
          startRun(g);
        }
      }
    } catch (RuntimeException e) {
      if (!engine.isClosed()) { // a monitor closed while a tick was starting: nothing to report
        Log.LOG.error("Vitals could not run probe {}", name(), e);
      }
    } finally {
      schedule(engine.scheduler, engine.nextDelayNanos(settings.interval.toNanos()));
    }
  }

  private ProbeResult circuitOpen() {
    String lastMessage;
    synchronized (engine.lock) {
      lastMessage = lastFailure;
    }
    return ProbeResult.builder(Status.DOWN)
        .message("circuit open after " + (settings.failureThreshold + 2) + " consecutive failures"
            + (lastMessage.isEmpty() ? "" : " (last: " + lastMessage + ")")
            + "; not calling the dependency, next trial within " + Config.formatDuration(settings.breakerWait))
        .detail("circuitBreaker", "open")
        .build()
        .withTiming(0, clock.instant());
  }

  /** Starts a run on a worker, with the breaker's permission ({@code g}) or as the first run (null). */
  private void startRun(Guards g) {
    firstRunStarted = true;
    inFlight.set(true);
    timedOut = false;
    runStartedNanos = clock.nanoTime();
    CompletableFuture<ProbeResult> outcome = new CompletableFuture<>();
    List<ProbeObserver.Run> runs = new ArrayList<>();
    FutureTask<Void> task = new FutureTask<>(() -> {
      ProbeResult r;
      try {
        for (ProbeObserver o : engine.observers) {
          try {
            runs.add(o.start(name(), settings.type));
          } catch (RuntimeException e) {
            Log.LOG.warn("Vitals probe observer {} failed", o, e);
          }
        }
        long t0 = clock.nanoTime();
        r = invoke();
        r = r.withTiming(Math.max(0, clock.nanoTime() - t0), clock.instant());
      } finally {
        // cleared before the result is published, so whoever sees the result may start the next run
        inFlight.set(false);
      }
      outcome.complete(r);
      return null;
    });
    try {
      engine.workers.execute(task);
    } catch (RejectedExecutionException e) {
      inFlight.set(false);
      if (g != null) {
        g.breaker.releasePermission();
      }
      engine.accept(this, ProbeResult.down("no worker thread available to run the probe")
          .withTiming(0, clock.instant()), false);
      return;
    }
    // the timeout: complete the run as timed out unless it completed first (then the timer is cancelled)
    ScheduledFuture<?> timer = engine.scheduler.schedule(new TimeoutTask(outcome), settings.timeout.toNanos(),
        TimeUnit.NANOSECONDS);
    outcome.whenComplete((result, error) -> {
      timer.cancel(false);
      ProbeResult r = result;
      if (r == null) {
        task.cancel(true);
        timedOut = true;
        String reason = error instanceof TimeoutException || (error != null && error.getCause() instanceof TimeoutException)
            ? "timed out after " + Config.formatDuration(settings.timeout)
            : "failed: " + error;
        r = ProbeResult.builder(Status.DOWN).message(reason).detail("timeout", true).build()
            .withTiming(settings.timeout.toNanos(), clock.instant());
      }
      recordOutcome(r);
      for (ProbeObserver.Run run : runs) {
        try {
          run.end(r);
        } catch (RuntimeException e) {
          Log.LOG.warn("Vitals probe observer failed at the end of a run of {}", name(), e);
        }
      }
      engine.accept(this, r, true);
    });
  }

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
   * Applies a result: budget, thresholds, history. Runs under the engine lock.
   *
   * @return the status change, or null when the status did not change
   */
  StatusChange apply(ProbeResult result, boolean measured, long nowNanos) {
    ProbeResult r = result;
    // the first run pays for connecting and class loading: it is recorded, but not judged against the budget
    boolean judged = measured && measuredRuns++ > 0;
    if (judged && r.status() == Status.UP && r.latencyNanos() >= 0 && settings.budget.exceeds(r.latencyNanos())) {
      r = r.withStatus(Status.DEGRADED, "slower than its acceptable budget: " + millis(r.latencyNanos())
          + " ms > " + settings.budget.acceptable().toMillis() + " ms" + r.message().map(m -> "; " + m).orElse(""));
    }
    if (measured) {
      stats.record(Math.max(0, r.latencyNanos()), r.status() != Status.DOWN);
      recent[recentNext] = Math.max(0, r.latencyNanos());
      recentNext = (recentNext + 1) % RECENT_SIZE;
      recentCount = Math.min(RECENT_SIZE, recentCount + 1);
      recentList = null;
    }
    if (measured && r.status() == Status.DOWN) {
      lastFailure = r.message().orElse("");
    }
    last = r;
    lastResultNanos = nowNanos;
    stale = false;
    Status next = status;
    if (r.status() == Status.DOWN) {
      consecutiveFailures++;
      consecutiveSuccesses = 0;
      if (status != Status.DOWN && consecutiveFailures >= settings.failureThreshold) {
        next = Status.DOWN;
      }
    } else {
      consecutiveSuccesses++;
      consecutiveFailures = 0;
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

  /** Marks the probe stale when no result came since {@code resultNanos}; under the engine lock. */
  StatusChange markStaleIfNoResultSince(long resultNanos, long nowNanos) {
    if (lastResultNanos != resultNanos || stale || status == Status.UNKNOWN && last == null) {
      return null;
    }
    stale = true;
    long age = nowNanos - lastResultNanos;
    ProbeResult r = ProbeResult.down("stale: no result for " + millis(age) + " ms (interval "
        + Config.formatDuration(settings.interval) + ")");
    return transition(Status.UNKNOWN, r.withTiming(0, clock.instant()), nowNanos);
  }

  long lastResultNanos() {
    return lastResultNanos;
  }

  void scheduleStaleCheck(long resultNanos) {
    long delay = 2 * settings.interval.toNanos() + 1_000_000L;
    try {
      ScheduledFuture<?> previous = staleCheck;
      if (previous != null) {
        previous.cancel(false);
      }
      staleCheck = engine.scheduler.schedule(() -> engine.checkStale(this, resultNanos), delay, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // closing
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
    history.add(new StatusTransition(previous, next, at, cause.message().orElse("")));
    if (!excludedFromAvailability) {
      uptime.transition(next, nowNanos);
    }
    return new StatusChange(name(), previous, next, cause, at);
  }

  /** Builds the report; under the engine lock. */
  /**
   * Leaves the time from now on out of availability (a maintenance window that says so), or counts
   * it again; under the engine lock.
   */
  void excludeFromAvailability(boolean exclude, long nowNanos) {
    if (exclude != excludedFromAvailability) {
      excludedFromAvailability = exclude;
      uptime.transition(exclude ? Status.UNKNOWN : status, nowNanos);
    }
  }

  ProbeReport report(long nowNanos, Baselines baselines) {
    LatencySnapshot snapshot = stats.snapshot(nowNanos);
    List<WindowStats> windows = snapshot.windows();
    WindowStats summary = snapshot.fiveMinutes();
    java.util.Map<String, Double> availability = uptime.shares(nowNanos);
    double score;
    if (status == Status.DOWN || status == Status.UNKNOWN) {
      score = 0.0;
    } else {
      double avail = availability.getOrDefault("1h", 1.0);
      score = Scores.score(summary.p95Nanos(), settings.budget, summary.errorRate(), avail);
    }
    if (recentList == null) {
      // boxed once per result, not once per report: reports of an unchanged probe share the list
      Long[] copy = new Long[recentCount];
      for (int i = 0; i < recentCount; i++) {
        copy[i] = recent[(recentNext - recentCount + i + RECENT_SIZE) % RECENT_SIZE];
      }
      recentList = List.of(copy);
    }
    return new ProbeReport(name(), settings.type, status, score, settings.critical, settings.kinds,
        settings.budget, settings.interval, settings.timeout, Optional.ofNullable(last), since, stale,
        consecutiveFailures, summary, windows, availability, history.transitions(), recentList,
        baselines.get(Baselines.probeKey(name())), baselines.regressed(Baselines.probeKey(name()), summary));
  }

  Status status() {
    return status;
  }

  private static long millis(long nanos) {
    return TimeUnit.NANOSECONDS.toMillis(nanos);
  }

  /** A DOWN result, as the circuit breaker records it. */
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

  static final class ProbeFailure extends Exception {
    private static final long serialVersionUID = 1L;

    ProbeFailure(String message) {
      super(message, null, false, false);
    }
  }

  /** Our clock as a {@link java.time.Clock}, for the circuit breaker's open-state wait. */
  static final class JavaClock extends java.time.Clock {
    private final Clock clock;

    JavaClock(Clock clock) {
      this.clock = clock;
    }

    @Override
    public java.time.ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public java.time.Clock withZone(java.time.ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return clock.instant();
    }

    @Override
    public long millis() {
      return clock.wallTimeMillis();
    }
  }
}
