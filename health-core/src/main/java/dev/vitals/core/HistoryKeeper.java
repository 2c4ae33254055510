package dev.vitals.core;

import dev.vitals.api.Clock;
import dev.vitals.api.History;
import dev.vitals.api.HistoryEntry;
import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistoryStats;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.Incident;
import dev.vitals.api.LatencyHistogram;
import dev.vitals.api.Redaction;
import dev.vitals.api.StatusChange;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.HistoryStore;
import dev.vitals.api.spi.HistoryTransition;
import dev.vitals.core.internal.tracking.LatencyTracker;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps a monitor's history in its {@link HistoryStore} and reads it back.
 *
 * <p><b>Writing.</b> At every window rotation (every 10 s, on the scheduler thread) the minutes that
 * closed since are taken from each probe's and tracker's windows (latency histogram, count, errors;
 * for a probe also its up and down time) and queued with the status transitions since; the monitor's
 * history thread ({@code vitals-history}) writes the queue in one {@link HistoryStore#append} per
 * turn. A store that fails (disk full, database down, slow) never blocks probes, {@code record()} or
 * {@code /health}: its minutes wait in memory, at most {@link #MAX_PENDING_PER_SUBJECT} per subject
 * (the oldest are dropped beyond, and counted), the failure is a problem in the report and a metric,
 * and the next turn tries again.
 *
 * <p><b>Loading.</b> When the monitor starts, the history thread opens the store and reads the last
 * 30 days: each probe's stored up and down time goes into its availability windows (24 h, 7 d,
 * 30 d), each tracker's minutes into its SLOs' error budgets, each probe's latest stored transitions
 * before its live ones. Time without a stored minute (the process was not running) is not observed:
 * left out of availability, unless {@code vitals.history.not-observed = down}.
 *
 * <p><b>Reading</b> ({@link History}): the store's minutes and the queued ones, one per subject and
 * minute (a minute written twice by a retried batch counts once).
 *
 * <p>Thread-safe.
 */
final class HistoryKeeper implements History {

  /** The logger, created on first use. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(HistoryKeeper.class);

    private Log() {}
  }

  /** How far back availability and SLO windows can hold stored history: 31 days (a whole number of hours). */
  static final long PAST_NANOS = Duration.ofDays(31).toNanos();
  /** Minutes kept in memory per subject while the store fails: 4 hours. */
  static final int MAX_PENDING_PER_SUBJECT = 240;
  /** Transitions kept in memory while the store fails. */
  static final int MAX_PENDING_TRANSITIONS = 10_000;
  /** Minutes per append, at most. */
  static final int MAX_BATCH = 20_000;
  /** How long {@code start()} waits for the store to open and the history to load; then it goes on. */
  static final Duration LOAD_WAIT = Duration.ofSeconds(2);
  /** The longest message stored with a transition. */
  static final int MAX_MESSAGE = 500;
  private static final long MINUTE_NANOS = 60_000_000_000L;
  /** A minute is collected once it ended this long ago (its windows have all moved past it). */
  private static final long SETTLE_NANOS = 1_000_000L;
  private static final int MAX_PERIODS = 100_000;

  private final HistorySettings settings;
  private final Clock clock;
  private final ExecutorService thread;
  /** When the keeper was made: the monitor's start. */
  private final Instant startedAt;
  /** Wall time (epoch nanoseconds) minus monotonic time, fixed when the keeper is made. */
  private final long wallOffsetNanos;
  private volatile Engine engine;
  private volatile HistoryStore store;
  private volatile String description;
  /** Ticked once a minute on the history thread (the summaries), or null. */
  private volatile Runnable minuteTask;
  private volatile boolean loaded;

  // guarded by this: the queue and the collection state
  private final ArrayDeque<HistoryPeriod> pending = new ArrayDeque<>();
  private final ArrayDeque<HistoryTransition> pendingTransitions = new ArrayDeque<>();
  private final Map<String, Long> nextMinute = new HashMap<>();
  private final Map<String, Long> nextTrackerMinute = new HashMap<>();
  /** Each tracker's hourly operations and errors, for its long availability windows. */
  private final java.util.concurrent.ConcurrentHashMap<String, HourlyShares> hourly = new java.util.concurrent.ConcurrentHashMap<>();

  private final AtomicLong written = new AtomicLong();
  private final AtomicLong failures = new AtomicLong();
  private final AtomicLong dropped = new AtomicLong();
  private final AtomicBoolean flushQueued = new AtomicBoolean();
  private volatile Instant lastWrite;
  private volatile String problem;
  private volatile Instant since;
  /** Whether {@code history.since} is in the store (written with the first batch of a new history). */
  private volatile boolean sinceStored;
  private volatile long lastPruneNanos = Long.MIN_VALUE;
  private volatile long lastTickMinute = Long.MIN_VALUE;
  private volatile boolean closed;

  HistoryKeeper(HistorySettings settings, Clock clock) {
    this.settings = settings;
    this.clock = clock;
    this.description = settings.description;
    Instant now = clock.instant();
    this.startedAt = now;
    this.wallOffsetNanos = now.getEpochSecond() * 1_000_000_000L + now.getNano() - clock.nanoTime();
    ThreadPoolExecutor t = new ThreadPoolExecutor(1, 1, 0, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
      Thread th = new Thread(r, "vitals-history");
      th.setDaemon(true);
      return th;
    });
    this.thread = t;
  }

  /** A task to run once a minute on the history thread once the store is open (the summaries). */
  void everyMinute(Runnable task) {
    this.minuteTask = task;
  }

  /**
   * Opens the store and loads the history into the engine's windows, on the history thread; waits up
   * to {@link #LOAD_WAIT} for it (a slow store then loads in the background).
   */
  void start(Engine e) {
    this.engine = e;
    Future<?> f = thread.submit(this::turn);
    try {
      f.get(LOAD_WAIT.toNanos(), TimeUnit.NANOSECONDS);
    } catch (java.util.concurrent.TimeoutException ex) {
      problem = "the history store " + description + " is still opening after " + LOAD_WAIT.toSeconds()
          + " s; history loads in the background";
    } catch (InterruptedException ex) {
      Thread.currentThread().interrupt();
    } catch (java.util.concurrent.ExecutionException ex) {
      Log.LOG.warn("Vitals could not load its history", ex.getCause());
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Loading

  /** Opens the store and loads the history once; false while either fails (tried again next turn). */
  private boolean openAndLoad() {
    if (loaded) {
      return true;
    }
    if (!open()) {
      return false;
    }
    try {
      load();
      loaded = true;
      clearProblem();
      return true;
    } catch (Exception ex) {
      fail("could not load history from", ex);
      return false;
    }
  }

  /** Opens the store if it is not open; false (with the problem set) when it cannot. */
  private boolean open() {
    if (store != null) {
      return true;
    }
    try {
      HistoryStore s = settings.opener.call();
      description = s.describe();
      store = s;
      clearProblem();
      return true;
    } catch (ConfigException ex) {
      fail("has bad settings:", ex);
    } catch (Exception ex) {
      fail("cannot be opened:", ex);
    }
    return false;
  }

  private void fail(String what, Exception ex) {
    failures.incrementAndGet();
    String message = Redaction.redact(String.valueOf(ex.getMessage()));
    String p = "history store " + description + " " + what + " " + ex.getClass().getSimpleName() + ": " + message
        + pendingNote();
    boolean first = problem == null;
    problem = p;
    if (first) {
      Log.LOG.warn("Vitals {}", p);
      republish();
    }
  }

  private void clearProblem() {
    if (problem != null) {
      Log.LOG.info("Vitals history store {} works again", description);
      problem = null;
      republish();
    }
  }

  /** The report shows the store's state as soon as it changes. */
  private void republish() {
    Engine e = engine;
    if (e != null) {
      e.republish();
    }
  }

  private synchronized String pendingNote() {
    return pending.isEmpty() ? "" : "; " + pending.size() + " minutes wait in memory, retried every 10 s";
  }

  /** Reads the last 30 days into availability, SLOs and transitions. On the history thread. */
  private void load() throws Exception {
    Engine e = engine;
    HistoryStore s = store;
    long nowNanos = clock.nanoTime();
    Instant now = clock.instant();
    Duration window = settings.retention.compareTo(Duration.ofDays(30)) < 0 ? settings.retention : Duration.ofDays(30);
    Instant from = now.minus(window).truncatedTo(ChronoUnit.MINUTES);
    Instant to = now.truncatedTo(ChronoUnit.MINUTES).plus(1, ChronoUnit.MINUTES);
    int minutes = (int) Duration.between(from, to).toMinutes();
    Map<String, ProbeRunner> probes = new HashMap<>();
    for (ProbeRunner r : e.runners()) {
      probes.put(r.name(), r);
    }
    Map<String, Slo[]> sloTrackers = new HashMap<>();
    for (Slo slo : e.slos()) {
      sloTrackers.computeIfAbsent(slo.tracker, k -> new Slo[0]);
      Slo[] old = sloTrackers.get(slo.tracker);
      Slo[] grown = java.util.Arrays.copyOf(old, old.length + 1);
      grown[old.length] = slo;
      sloTrackers.put(slo.tracker, grown);
    }
    Map<String, BitSet> seen = new HashMap<>();
    List<long[]> sloSeeds = new ArrayList<>();
    List<Slo> sloSeedTargets = new ArrayList<>();
    Instant[] oldest = {null};
    s.readMinutes(null, from, to, p -> {
      int index = (int) Duration.between(from, p.start()).toMinutes();
      if (index < 0 || index >= minutes) {
        return;
      }
      BitSet b = seen.computeIfAbsent(p.subject().key(), k -> new BitSet(minutes));
      if (b.get(index)) {
        return; // one per subject and minute
      }
      b.set(index);
      if (oldest[0] == null || p.start().isBefore(oldest[0])) {
        oldest[0] = p.start();
      }
      long at = monotonic(p.start(), now, nowNanos);
      if (p.subject().kind() == HistorySubject.Kind.PROBE) {
        ProbeRunner r = probes.get(p.subject().name());
        if (r != null) {
          r.uptime.seed(at, p.upMillis() * 1_000_000L, p.downMillis() * 1_000_000L);
        }
      } else {
        shares(p.subject().name()).add(Math.floorDiv(p.start().getEpochSecond(), 3600), p.count(), p.errors());
        Slo[] own = sloTrackers.get(p.subject().name());
        if (own != null) {
          for (Slo slo : own) {
            long bad = p.errors() + (slo.latencyThresholdNanos == Long.MAX_VALUE ? 0 : p.latency().countAbove(slo.latencyThresholdNanos));
            sloSeeds.add(new long[] {at, p.count(), Math.min(bad, p.count())});
            sloSeedTargets.add(slo);
          }
        }
      }
    });
    if (settings.notObservedIsDown) {
      for (ProbeRunner r : probes.values()) {
        BitSet b = seen.get(HistorySubject.probe(r.name()).key());
        if (b == null || b.isEmpty()) {
          continue;
        }
        // from the first stored minute to now, every minute without a record counts as down
        int first = b.nextSetBit(0);
        int last = (int) Duration.between(from, now).toMinutes();
        for (int i = b.nextClearBit(first); i < last; i = b.nextClearBit(i + 1)) {
          r.uptime.seed(monotonic(from.plus(i, ChronoUnit.MINUTES), now, nowNanos), 0, MINUTE_NANOS);
        }
      }
    }
    Map<String, List<HistoryEntry>> transitions = new HashMap<>();
    for (HistoryTransition t : s.transitions(null, from, to)) {
      if (t.subject().kind() == HistorySubject.Kind.PROBE && probes.containsKey(t.subject().name())) {
        transitions.computeIfAbsent(t.subject().name(), k -> new ArrayList<>()).add(t.change());
      }
    }
    Optional<String> storedSince = s.value("history.since");
    Instant first = oldest[0] != null ? oldest[0] : startedAt.truncatedTo(ChronoUnit.MINUTES); // a new history begins now
    if (storedSince.isPresent()) {
      sinceStored = true;
      try {
        first = Instant.parse(storedSince.get());
      } catch (RuntimeException ex) {
        Log.LOG.warn("Vitals history store value history.since = '{}' is not an instant; using {}",
            Redaction.redact(storedSince.get()), first);
      }
    }
    since = first;
    e.trackers().hourly(this::shares);
    synchronized (e.lock) {
      for (int i = 0; i < sloSeeds.size(); i++) {
        long[] v = sloSeeds.get(i);
        sloSeedTargets.get(i).seed(v[0], v[1], v[2]);
      }
      for (Map.Entry<String, List<HistoryEntry>> t : transitions.entrySet()) {
        probes.get(t.getKey()).seedHistory(t.getValue());
      }
      for (ProbeRunner r : e.runners()) {
        r.invalidate();
      }
      if (!e.isClosed()) {
        e.publish();
      }
    }
  }

  /** A tracker's hourly shares, made on first use. */
  private HourlyShares shares(String tracker) {
    return hourly.computeIfAbsent(tracker, k -> new HourlyShares());
  }

  /** The monotonic time of a wall-clock instant, by the current offset between the clocks. */
  private static long monotonic(Instant at, Instant now, long nowNanos) {
    return nowNanos - Duration.between(at, now).toNanos();
  }

  // ---------------------------------------------------------------------------------------------
  // Collecting and writing

  /** A probe changed status: queued for the store. Called under the engine lock; cheap. */
  void transition(StatusChange c) {
    String message = c.result().message().orElse("");
    if (message.length() > MAX_MESSAGE) {
      message = message.substring(0, MAX_MESSAGE - 1) + "\u2026";
    }
    HistoryTransition t = new HistoryTransition(HistorySubject.probe(c.probe()),
        new HistoryEntry(c.previous(), c.current(), c.time(), message));
    synchronized (this) {
      pendingTransitions.add(t);
      while (pendingTransitions.size() > MAX_PENDING_TRANSITIONS) {
        pendingTransitions.poll();
      }
    }
  }

  /**
   * Takes the minutes that closed since the last call from every probe and tracker, queues them, and
   * asks the history thread to write. On the scheduler thread, after each rotation.
   */
  void collect(Engine e, long nowNanos) {
    if (closed) {
      return;
    }
    synchronized (nextMinute) {
      collectLocked(e, nowNanos);
    }
    requestFlush();
  }

  private void collectLocked(Engine e, long nowNanos) {
    long[] coarse = new long[LatencyHistogram.BUCKETS];
    long[] countErrors = new long[2];
    List<HistoryPeriod> out = new ArrayList<>();
    for (ProbeRunner r : e.runners()) {
      HistorySubject subject = HistorySubject.probe(r.name());
      collect(subject, r.stats, r, nowNanos, nextMinute, coarse, countErrors, out);
    }
    for (Trackers.TrackerImpl t : e.trackers().all()) {
      collect(HistorySubject.tracker(t.name()), t.stats, null, nowNanos, nextTrackerMinute, coarse, countErrors, out);
    }
    int subjects = e.runners().size() + e.trackers().all().size();
    synchronized (this) {
      pending.addAll(out);
      int max = Math.max(1, subjects) * MAX_PENDING_PER_SUBJECT;
      while (pending.size() > max) {
        pending.poll();
        dropped.incrementAndGet();
      }
    }
  }

  private void collect(HistorySubject subject, LatencyTracker stats, ProbeRunner probe, long nowNanos,
      Map<String, Long> next, long[] coarse, long[] countErrors, List<HistoryPeriod> out) {
    long closed = stats.closedMinutes();
    Long n = next.get(subject.name());
    long first = n == null ? 0 : n;
    long m = Math.max(first, closed - 5);
    for (; m < closed; m++) {
      if (stats.minuteStartNanos(m + 1) + SETTLE_NANOS > nowNanos) {
        break; // the availability window's minute may end a moment later: next rotation
      }
      if (!stats.closedMinute(m, coarse, countErrors)) {
        continue;
      }
      long startNanos = stats.minuteStartNanos(m);
      long up = 0;
      long down = 0;
      if (probe != null) {
        long[] a = probe.uptime.minute(startNanos + MINUTE_NANOS / 2, nowNanos);
        up = (a[0] + 500_000L) / 1_000_000L; // rounded so that up + down is the counted time, to the millisecond
        down = (a[1] + 500_000L) / 1_000_000L - up;
      }
      if (countErrors[0] == 0 && up == 0 && down == 0) {
        continue; // nothing observed: not stored
      }
      Instant start = wallMinute(startNanos);
      if (probe == null) {
        shares(subject.name()).add(Math.floorDiv(start.getEpochSecond(), 3600), countErrors[0], countErrors[1]);
      }
      out.add(new HistoryPeriod(subject, start, start.plus(1, ChronoUnit.MINUTES), countErrors[0], countErrors[1],
          Math.min(up, 60_000), Math.min(down, 60_000 - Math.min(up, 60_000)), LatencyHistogram.ofDense(coarse)));
    }
    next.put(subject.name(), m);
  }

  /** The UTC minute nearest to a monotonic minute start. */
  private Instant wallMinute(long startNanos) {
    long epochNanos = startNanos + wallOffsetNanos + MINUTE_NANOS / 2;
    long minute = Math.floorDiv(epochNanos, MINUTE_NANOS);
    return Instant.ofEpochSecond(minute * 60);
  }

  private void requestFlush() {
    if (flushQueued.compareAndSet(false, true)) {
      try {
        thread.execute(this::turn);
      } catch (java.util.concurrent.RejectedExecutionException ex) {
        flushQueued.set(false);
      }
    }
  }

  /**
   * One turn of the history thread: open (and load) if needed, then the once-a-minute task (the
   * summaries: before the write, so that a report showing this turn's write comes after it), write,
   * and prune about once an hour.
   */
  private void turn() {
    flushQueued.set(false);
    if (!openAndLoad()) {
      return;
    }
    long nowNanos = clock.nanoTime();
    Runnable task = minuteTask;
    long minute = Math.floorDiv(clock.instant().getEpochSecond(), 60); // a wall-clock minute: summaries are due at HH:mm
    if (task != null && minute != lastTickMinute) {
      lastTickMinute = minute;
      try {
        task.run();
      } catch (RuntimeException ex) {
        Log.LOG.warn("Vitals summaries failed", ex);
      }
    }
    flush();
    if (lastPruneNanos == Long.MIN_VALUE || nowNanos - lastPruneNanos >= 3_600_000_000_000L) {
      lastPruneNanos = nowNanos;
      try {
        store.prune(clock.instant().minus(settings.retention));
      } catch (Exception ex) {
        Log.LOG.warn("Vitals could not prune its history store {}: {}", description, Redaction.redact(String.valueOf(ex.getMessage())));
      }
    }
  }

  /** Writes the queue, batch by batch, until it is empty or a write fails. On the history thread. */
  private void flush() {
    while (true) {
      List<HistoryPeriod> batch;
      List<HistoryTransition> changes;
      synchronized (this) {
        if (pending.isEmpty() && pendingTransitions.isEmpty()) {
          return;
        }
        batch = new ArrayList<>(Math.min(pending.size(), MAX_BATCH));
        java.util.Iterator<HistoryPeriod> it = pending.iterator();
        while (it.hasNext() && batch.size() < MAX_BATCH) {
          batch.add(it.next());
        }
        changes = new ArrayList<>(pendingTransitions);
      }
      try {
        if (!sinceStored) {
          store.value("history.since", since.toString());
          sinceStored = true;
        }
        store.append(batch, changes);
      } catch (Exception ex) {
        fail("failed to write:", ex);
        return;
      }
      synchronized (this) {
        for (int i = 0; i < batch.size() && !pending.isEmpty(); i++) {
          if (pending.peek() == batch.get(i)) {
            pending.poll();
          }
        }
        for (int i = 0; i < changes.size() && !pendingTransitions.isEmpty(); i++) {
          if (pendingTransitions.peek() == changes.get(i)) {
            pendingTransitions.poll();
          }
        }
      }
      written.addAndGet(batch.size());
      lastWrite = clock.instant();
      if (problem != null) {
        clearProblem();
      } else {
        republish(); // the report's figures (minutes written, last write) follow at once
      }
    }
  }

  /**
   * Ends every probe's and tracker's current minute now, at close: from now on nothing is observed
   * (availability stops counting) and the minute's windows close, so that a graceful stop keeps the
   * part of its last minute it observed. Returns a time by which every such minute has ended.
   */
  private static long closeOpenMinutes(Engine e, long nowNanos) {
    long latest = nowNanos;
    for (ProbeRunner r : e.runners()) {
      r.uptime.transition(dev.vitals.api.Status.UNKNOWN, nowNanos);
      latest = Math.max(latest, endMinute(r.stats));
    }
    for (Trackers.TrackerImpl t : e.trackers().all()) {
      latest = Math.max(latest, endMinute(t.stats));
    }
    return latest + SETTLE_NANOS;
  }

  /** Closes a tracker's current minute; returns when it ends. */
  private static long endMinute(LatencyTracker stats) {
    long end = stats.minuteStartNanos(stats.closedMinutes() + 1);
    stats.rotate(end);
    return end;
  }

  /** The report's figures. */
  HistoryStats stats() {
    int p;
    synchronized (this) {
      p = pending.size();
    }
    return new HistoryStats(description, written.get(), failures.get(), p, dropped.get(), Optional.ofNullable(lastWrite),
        Optional.ofNullable(problem));
  }

  /** The report's problem while the store fails, or null. */
  String problem() {
    return problem;
  }

  /**
   * Collects and writes what closed, then stops the history thread (waiting up to {@code wait}) and
   * closes the store.
   */
  void close(Duration wait) {
    Engine e = engine;
    if (e != null && !closed) {
      collect(e, closeOpenMinutes(e, clock.nanoTime()));
    }
    closed = true;
    thread.shutdown();
    try {
      if (!thread.awaitTermination(wait.toNanos(), TimeUnit.NANOSECONDS)) {
        thread.shutdownNow();
      }
    } catch (InterruptedException ex) {
      thread.shutdownNow();
      Thread.currentThread().interrupt();
    }
    HistoryStore s = store;
    if (s != null) {
      try {
        s.close();
      } catch (Exception ex) {
        Log.LOG.warn("Vitals could not close its history store {}: {}", description, Redaction.redact(String.valueOf(ex.getMessage())));
      }
    }
  }

  /**
   * The store as the summaries see it: the store once it is open; before, every call fails (the
   * summaries try again at their next tick, which comes only once the store is open anyway).
   */
  HistoryStore values() {
    return new OpenStore();
  }

  /** Delegates to the store once it is open. */
  private final class OpenStore implements HistoryStore {
    private HistoryStore open() {
      HistoryStore s = store;
      if (s == null) {
        throw new IllegalStateException("the history store " + description + " is not open");
      }
      return s;
    }

    @Override
    public void append(List<HistoryPeriod> minutes, List<HistoryTransition> transitions) throws Exception {
      open().append(minutes, transitions);
    }

    @Override
    public void readMinutes(HistorySubject subject, Instant from, Instant to, java.util.function.Consumer<HistoryPeriod> sink)
        throws Exception {
      open().readMinutes(subject, from, to, sink);
    }

    @Override
    public List<HistoryTransition> transitions(HistorySubject subject, Instant from, Instant to) throws Exception {
      return open().transitions(subject, from, to);
    }

    @Override
    public Optional<String> value(String key) throws Exception {
      return open().value(key);
    }

    @Override
    public void value(String key, String value) throws Exception {
      open().value(key, value);
    }

    @Override
    public void prune(Instant before) throws Exception {
      open().prune(before);
    }

    @Override
    public String describe() {
      return description;
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading (History)

  @Override
  public List<HistorySubject> subjects() {
    Engine e = engine;
    List<HistorySubject> out = new ArrayList<>();
    if (e != null) {
      for (ProbeRunner r : e.runners()) {
        out.add(HistorySubject.probe(r.name()));
      }
      for (Trackers.TrackerImpl t : e.trackers().all()) {
        out.add(HistorySubject.tracker(t.name()));
      }
    }
    return out;
  }

  @Override
  public Optional<HistorySubject> find(String name) {
    for (HistorySubject s : subjects()) {
      if (s.name().equals(name)) {
        return Optional.of(s);
      }
    }
    return Optional.empty();
  }

  @Override
  public List<HistoryPeriod> periods(HistorySubject subject, Instant from, Instant to, Duration step) {
    if (!to.isAfter(from)) {
      throw new IllegalArgumentException("the range is empty: from " + from + " is not before to " + to);
    }
    if (step.compareTo(Duration.ofMinutes(1)) < 0) {
      throw new IllegalArgumentException("the step must be a minute or more, was " + step);
    }
    long stepNanos = step.toNanos();
    long rangeNanos = Duration.between(from, to).toNanos();
    long count = (rangeNanos + stepNanos - 1) / stepNanos;
    if (count > MAX_PERIODS) {
      throw new IllegalArgumentException("from " + from + " to " + to + " in steps of " + step + " makes " + count
          + " periods; at most " + MAX_PERIODS);
    }
    int n = (int) count;
    long[] counts = new long[n];
    long[] errors = new long[n];
    long[] up = new long[n];
    long[] down = new long[n];
    LatencyHistogram[] latency = new LatencyHistogram[n];
    java.util.Arrays.fill(latency, LatencyHistogram.EMPTY);
    Instant firstMinute = from.truncatedTo(ChronoUnit.MINUTES);
    java.util.Set<Instant> seen = new java.util.HashSet<>();
    java.util.function.Consumer<HistoryPeriod> add = p -> {
      if (!p.subject().equals(subject) || p.start().isBefore(from) || !p.start().isBefore(to) || !seen.add(p.start())) {
        return;
      }
      int i = (int) (Duration.between(from, p.start()).toNanos() / stepNanos);
      counts[i] += p.count();
      errors[i] += p.errors();
      up[i] += p.upMillis();
      down[i] += p.downMillis();
      latency[i] = latency[i].merge(p.latency());
    };
    for (HistoryPeriod p : pendingSnapshot()) {
      add.accept(p);
    }
    HistoryStore s = store;
    if (s != null) {
      try {
        s.readMinutes(subject, firstMinute, to, add);
      } catch (Exception ex) {
        throw new IllegalStateException("cannot read the history store " + description + ": "
            + Redaction.redact(String.valueOf(ex.getMessage())), ex);
      }
    }
    List<HistoryPeriod> out = new ArrayList<>(n);
    for (int i = 0; i < n; i++) {
      Instant start = from.plusNanos(i * stepNanos);
      Instant end = i == n - 1 ? to : start.plusNanos(stepNanos);
      long length = Duration.between(start, end).toMillis();
      long u = Math.min(up[i], length);
      out.add(new HistoryPeriod(subject, start, end, counts[i], Math.min(errors[i], counts[i]), u,
          Math.min(down[i], length - u), latency[i]));
    }
    return out;
  }

  private synchronized List<HistoryPeriod> pendingSnapshot() {
    return new ArrayList<>(pending);
  }

  @Override
  public List<HistoryEntry> transitions(HistorySubject subject, Instant from, Instant to) {
    List<HistoryEntry> out = new ArrayList<>();
    java.util.Set<HistoryEntry> seen = new java.util.HashSet<>();
    HistoryStore s = store;
    if (s != null) {
      try {
        for (HistoryTransition t : s.transitions(subject, from, to)) {
          if (seen.add(t.change())) {
            out.add(t.change());
          }
        }
      } catch (Exception ex) {
        throw new IllegalStateException("cannot read the history store " + description + ": "
            + Redaction.redact(String.valueOf(ex.getMessage())), ex);
      }
    }
    List<HistoryTransition> queued;
    synchronized (this) {
      queued = new ArrayList<>(pendingTransitions);
    }
    for (HistoryTransition t : queued) {
      Instant at = t.change().at();
      if (t.subject().equals(subject) && !at.isBefore(from) && at.isBefore(to) && seen.add(t.change())) {
        out.add(t.change());
      }
    }
    out.sort(java.util.Comparator.comparing(HistoryEntry::at));
    return out;
  }

  @Override
  public List<Incident> incidents(HistorySubject subject, Instant from, Instant to) {
    Instant start = clock.instant().minus(settings.retention);
    if (from.isBefore(start)) {
      start = from;
    }
    List<Incident> out = new ArrayList<>();
    for (Incident i : Incident.of(transitions(subject, start, to))) {
      if (i.start().isBefore(to) && (i.end().isEmpty() || i.end().get().isAfter(from))) {
        out.add(i);
      }
    }
    return out;
  }

  @Override
  public Optional<Instant> since() {
    return Optional.ofNullable(since);
  }
}
