package dev.vitals.core;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthListener;
import dev.vitals.api.HealthReport;
import dev.vitals.api.Probe;
import dev.vitals.api.Tracker;
import dev.vitals.api.spi.AlertRuleSettings;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.ExporterFactory;
import dev.vitals.api.spi.NotifierFactory;
import dev.vitals.api.spi.ProbeFactory;
import dev.vitals.api.spi.ProbeObserver;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Monitors a service's dependencies and operations: runs probes on their schedules, keeps their
 * statuses, figures and scores, and publishes an immutable {@link HealthReport}.
 *
 * <pre>{@code
 * try (HealthMonitor monitor = HealthMonitor.builder()
 *     .probe(Probe.of("orders-api", () -> ProbeResult.up()))
 *     .propertiesFile(Path.of("vitals.properties"))     // optional: vitals.probes.<name>.* ...
 *     .build()) {
 *   monitor.start();
 *   Tracker checkout = monitor.tracker("checkout");
 *   checkout.record(elapsedNanos, ok);                 // on the request path
 *   HealthReport report = monitor.report();            // a volatile read
 * }
 * }</pre>
 *
 * <p><b>Threading.</b> All methods are thread-safe. Probes run on a bounded pool of daemon threads
 * (at most one thread per probe, since a probe never runs twice at once), scheduled by one daemon
 * scheduler thread; {@link #report()} never runs a probe and never blocks. {@link #close()} stops
 * every thread the monitor started (a thread stuck in a probe that ignores interruption is a daemon
 * thread and is abandoned).
 */
public final class HealthMonitor implements AutoCloseable {

  /** The logger, created on first use (see the package documentation, start-up rules). */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private Log() {}
  }

  /** The report's problem for a monitor without probes. */
  static final String NO_PROBES = ConfigResolution.NO_PROBES;

  /** A copy of the builder's settings: scheduler, executor, listeners, observers, jitter, start time. */
  private final Builder spec;
  private final Clock clock;
  private final Map<String, String> settings;
  private final Config config;
  private final List<Probe> probes;
  private final List<ProbeSettings> probeSettings;
  private final List<String> problems;
  private final Trackers trackers;
  private final AlertRuleSettings alertRules;
  /** Null when no maintenance window is configured. */
  private final Maintenance maintenance;
  private final List<Slo> slos;
  private final List<NotifierSpec> notifiers;
  private final List<ExporterFactory> exporterFactories;
  private final Baselines baselines;
  private final Path baselineFile;
  private final ExporterHost exporters = new ExporterHost();
  private final MonitorThreads threads = new MonitorThreads();
  private final Object stateLock = new Object();
  private Alerting alerting;
  /** Null without a history store. */
  private final HistorySettings historySettings;
  /** Null without summaries. */
  private final SummarySettings summarySettings;
  private HistoryKeeper history;
  private volatile Engine engine;
  private boolean started;
  private boolean closed;

  private HealthMonitor(Builder spec, ConfigResolution resolution) {
    this.spec = spec;
    this.clock = spec.clock;
    this.settings = Collections.unmodifiableMap(resolution.resolved);
    this.config = Config.of(settings);
    this.probes = List.copyOf(resolution.probes);
    this.probeSettings = List.copyOf(resolution.probeSettings);
    this.problems = resolution.reportProblems();
    this.alertRules = resolution.alertRules;
    this.maintenance = resolution.maintenance;
    this.slos = List.copyOf(resolution.slos);
    this.notifiers = List.copyOf(resolution.notifiers);
    this.exporterFactories = List.copyOf(resolution.exporters);
    this.historySettings = resolution.history;
    this.summarySettings = resolution.summaries;
    int max = config.integer("vitals.trackers.max", spec.maxTrackers, 1, 100_000);
    this.trackers = new Trackers(clock, max, new ConfigResolution.TrackerBudgets(config, resolution.nameBudgets), slos);
    this.baselines = new Baselines(config.number("vitals.baseline.tolerance", 0.2, 0.0, 10.0));
    Optional<String> file = config.get("vitals.baseline.file");
    if (file.isEmpty() && config.get("vitals.history.dir").isPresent()) {
      // with a history directory, baselines are kept beside the history
      file = Optional.of(Path.of(config.get("vitals.history.dir").get(), "baselines.properties").toString());
    }
    this.baselineFile = file.isPresent() ? Path.of(file.get()) : null;
    if (baselineFile != null) {
      baselines.load(baselineFile);
    }
  }

  /**
   * A builder.
   *
   * @return a new builder with the system clock, the process environment and no probes
   */
  public static Builder builder() {
    JvmStart.prefetch();
    return new Builder();
  }

  /**
   * Starts probes, exporters and the scheduler. Returns at once: probes run in the background and
   * report {@code UNKNOWN} until their first result.
   *
   * @return this monitor
   * @throws IllegalStateException if already started or closed
   */
  public HealthMonitor start() {
    synchronized (stateLock) {
      if (closed) {
        throw new IllegalStateException("this monitor is closed");
      }
      if (started) {
        throw new IllegalStateException("this monitor is already started");
      }
      started = true;
      threads.start(spec.onDemand ? new OnDemandScheduler(clock) : spec.scheduler, spec.onDemand, spec.executor,
          config, probeSettings);
      Instant startedAt = spec.startTime != null ? spec.startTime : jvmStart();
      double jitter = config.number("vitals.jitter", spec.jitter, 0.0, 0.5);
      Engine e = new Engine(clock, threads.scheduler(), threads.workers(), jitter, spec.random, startedAt, problems,
          spec.autoReady, trackers, baselines, maintenance, slos);
      if (spec.onDemand) {
        e.onDemand((OnDemandScheduler) threads.scheduler());
      }
      for (int i = 0; i < probes.size(); i++) {
        e.add(new ProbeRunner(probes.get(i), probeSettings.get(i), e));
      }
      for (HealthListener l : spec.listeners) {
        e.addListener(l);
      }
      e.observers.addAll(spec.probeObservers);
      engine = e;
      alerting = startAlerting(e);
      if (historySettings != null) {
        history = new HistoryKeeper(historySettings, clock);
        e.history(history);
        e.addListener(new HistoryListener(history));
        if (summarySettings != null) {
          Map<String, dev.vitals.api.spi.Notifier> byName = new java.util.LinkedHashMap<>();
          for (NotifierSpec n : notifiers) {
            byName.put(n.notifier.name(), n.notifier);
          }
          Summaries summaries = new Summaries(summarySettings, history, history.values(), e::report, byName, clock,
              config.number("vitals.baseline.tolerance", 0.2, 0.0, 10.0));
          history.everyMinute(summaries::tick);
        }
      }
      exporters.start(exporterFactories, new ExporterHost.Context(config, e, history), problems);
      e.start();
      if (history != null) {
        history.start(e);
      }
      return this;
    }
  }

  /** Alert evaluation as a listener of the engine, with one delivery per notifier. */
  private Alerting startAlerting(Engine e) {
    List<NotifierOutbox> outboxes = new ArrayList<>();
    for (NotifierSpec n : notifiers) {
      outboxes.add(new NotifierOutbox(n.notifier, n.routing, n.queue, n.retries, n.backoff, threads.scheduler()));
    }
    Alerting a = new Alerting(alertRules, outboxes, clock, maintenance);
    e.addListener(a);
    if (!outboxes.isEmpty()) {
      List<NotifierOutbox> os = List.copyOf(outboxes);
      e.notifierStats(() -> {
        List<dev.vitals.api.NotifierStats> out = new ArrayList<>(os.size());
        for (NotifierOutbox o : os) {
          out.add(new dev.vitals.api.NotifierStats(o.name(), o.sent(), o.dropped()));
        }
        return out;
      });
    }
    return a;
  }

  private Instant jvmStart() {
    Instant t = JvmStart.get();
    return t != null ? t : clock.instant();
  }

  /**
   * Runs what is due in a monitor built {@link Builder#onDemand(boolean) onDemand}: the probes whose
   * interval has passed since their last run (each on a worker thread, within its own timeout) and any
   * timed task that has fallen due (a timeout, tracker rotation, a notifier retry). Returns when every
   * run it started has its result or when {@code budget} is spent, whichever comes first; a probe whose
   * interval has not passed keeps its last result and is not run. A run still going when the budget
   * ends (a hung dependency) keeps its worker thread and reaches its timeout in a later call, which then
   * counts a failed run (a timeout, as with a scheduler): a hung dependency never holds the caller past its budget. Call it
   * from one thread at a time (a serverless handler's invocation).
   *
   * @param budget the longest this call may take; zero runs the due tasks without waiting for results
   * @return how many probe results were applied during the call
   * @throws IllegalStateException if the monitor is not started, is closed, or was not built onDemand
   * @throws InterruptedException if the calling thread is interrupted while it waits for results
   */
  public int runDue(Duration budget) throws InterruptedException {
    Objects.requireNonNull(budget, "budget");
    if (budget.isNegative()) {
      throw new IllegalArgumentException("budget must not be negative, was " + budget);
    }
    Engine e = running();
    if (!e.isOnDemand()) {
      throw new IllegalStateException("runDue() is for a monitor built with onDemand(true); this one runs its"
          + " probes on its own scheduler");
    }
    return ((OnDemandScheduler) threads.scheduler()).runDue(saturatedNanos(budget));
  }

  private static long saturatedNanos(Duration d) {
    return d.compareTo(Duration.ofDays(365)) > 0 ? Duration.ofDays(365).toNanos() : d.toNanos();
  }

  /**
   * The latest report. Never blocks and never runs a probe: a volatile read.
   *
   * @return the report; until a probe's first result, that probe is {@code UNKNOWN}
   * @throws IllegalStateException if the monitor is not started
   */
  public HealthReport report() {
    return running().report();
  }

  private Engine running() {
    Engine e = engine;
    if (e == null) {
      throw new IllegalStateException("the monitor is not started; call start() first");
    }
    return e;
  }

  /**
   * The tracker of one of the service's operations, created on first use.
   *
   * @param name the operation's name: 1 to 63 letters, digits, '_' or '-'
   * @return the tracker; the same instance for the same name
   * @throws IllegalArgumentException if the name is not allowed
   * @throws IllegalStateException if the maximum number of trackers ({@code vitals.trackers.max},
   *     1,000 by default) is reached; trackers are never evicted
   */
  public Tracker tracker(String name) {
    return trackers.get(name);
  }

  /**
   * Declares the service ready, which fixes its cold start (the time from process start to now).
   * Without a call, the first time the readiness group is available counts. Later calls do nothing.
   *
   * @throws IllegalStateException if the monitor is not started
   */
  public void markReady() {
    running().markReady();
  }

  /**
   * Takes the service out of rotation before it stops: from now on every report has its readiness and startup
   * groups {@code DOWN}, with the reason among its problems, while probes, trackers and liveness go on as
   * before (a load balancer or Kubernetes stops sending traffic; nothing restarts the process). A framework
   * calls it when shutdown begins, before {@link #close()}. Later calls do nothing; there is no way back.
   *
   * @param reason why, shown in the report's problems, such as {@code "the application is shutting down"}
   * @throws NullPointerException if {@code reason} is null
   * @throws IllegalStateException if the monitor is not started
   */
  public void drain(String reason) {
    Objects.requireNonNull(reason, "reason");
    running().drain(reason);
  }

  /**
   * The exporters that started.
   *
   * @return an unmodifiable list
   */
  public List<Exporter> exporters() {
    synchronized (stateLock) {
      return exporters.started();
    }
  }

  /**
   * The exporter of a type, if one started.
   *
   * @param <T> the type
   * @param type the exporter's class
   * @return the first exporter of that type
   */
  public <T extends Exporter> Optional<T> exporter(Class<T> type) {
    return exporters().stream().filter(type::isInstance).map(type::cast).findFirst();
  }

  /**
   * The resolved configuration: every {@code vitals.*} key with environment overrides and
   * {@code ${NAME}} references applied. Secrets are in it; do not print it.
   *
   * @return the configuration
   */
  public Config config() {
    return config;
  }

  /**
   * Records the current p50/p95/p99 (5-minute window) of every probe and tracker with data as their
   * baselines, and writes them atomically to the file named by {@code vitals.baseline.file}. At the
   * next start the monitor loads that file, and a p95 more than {@code vitals.baseline.tolerance}
   * (20 % by default) above its baseline is reported as a regression.
   *
   * @throws IllegalStateException if {@code vitals.baseline.file} is not set or the monitor is not started
   * @throws UncheckedIOException if the file cannot be written
   */
  public void saveBaseline() {
    if (baselineFile == null) {
      throw new IllegalStateException("vitals.baseline.file is not set; use saveBaseline(Path)");
    }
    saveBaseline(baselineFile);
  }

  /**
   * Records the current p50/p95/p99 of every probe and tracker with data as their baselines and
   * writes them atomically to a file.
   *
   * @param file where to write; its directory is created if needed
   * @throws IllegalStateException if the monitor is not started
   * @throws UncheckedIOException if the file cannot be written
   */
  public void saveBaseline(Path file) {
    baselines.save(report(), Objects.requireNonNull(file, "file"));
  }

  /**
   * Stops probes, exporters and the threads the monitor started, and closes every probe that is
   * {@link AutoCloseable} (to release its connections). Idempotent.
   */
  @Override
  public void close() {
    synchronized (stateLock) {
      if (closed) {
        return;
      }
      closed = true;
      if (engine != null) {
        engine.close();
      }
      if (history != null) {
        history.close(HistoryKeeper.LOAD_WAIT);
      }
      if (alerting != null) {
        alerting.close();
      } else {
        for (NotifierSpec n : notifiers) {
          n.notifier.close();
        }
      }
      exporters.close();
      threads.shutdown();
      for (Probe p : probes) {
        if (p instanceof AutoCloseable) {
          try {
            ((AutoCloseable) p).close();
          } catch (Exception e) {
            Log.LOG.warn("Vitals probe {} failed to close", p.name(), e);
          }
        }
      }
    }
  }

  /**
   * The monitor's history across restarts: per-period figures, transitions and incidents of every
   * probe and tracker, from its history store and the minutes not yet written.
   *
   * @return the history, or empty when no history store is configured or the monitor is not started
   */
  public Optional<dev.vitals.api.History> history() {
    synchronized (stateLock) {
      return Optional.ofNullable(history);
    }
  }

  /** Passes status changes to the history (a class, not a lambda: start-up rules, package doc). */
  private static final class HistoryListener implements HealthListener {
    private final HistoryKeeper keeper;

    HistoryListener(HistoryKeeper keeper) {
      this.keeper = keeper;
    }

    @Override
    public void onStatusChange(dev.vitals.api.StatusChange change) {
      keeper.transition(change);
    }
  }

  /** The default jitter source (a class, not a lambda: start-up rules, package doc). */
  private static final class ThreadLocalDoubles implements DoubleSupplier {
    static final ThreadLocalDoubles INSTANCE = new ThreadLocalDoubles();

    @Override
    public double getAsDouble() {
      return ThreadLocalRandom.current().nextDouble();
    }
  }

  /**
   * Builds a {@link HealthMonitor}. Each setting may be given once (a second call throws); probes,
   * listeners and factories accumulate. {@link #build()} validates everything and may be called more
   * than once. Not thread-safe.
   */
  public static final class Builder {
    // package-private: ConfigResolution reads them (fields are no part of the API)
    Clock clock = Clock.system();
    ScheduledExecutorService scheduler;
    ExecutorService executor;
    final Map<String, String> config = new LinkedHashMap<>();
    Map<String, String> environment;
    final List<Probe> probes = new ArrayList<>();
    final List<HealthListener> listeners = new ArrayList<>();
    final List<ProbeFactory> probeFactories = new ArrayList<>();
    final List<ExporterFactory> exporterFactories = new ArrayList<>();
    final List<NotifierFactory> notifierFactories = new ArrayList<>();
    dev.vitals.api.spi.HistoryStore historyStore;
    final List<ProbeObserver> probeObservers = new ArrayList<>();
    double jitter = 0.1;
    DoubleSupplier random = ThreadLocalDoubles.INSTANCE;
    int maxTrackers = 1000;
    Instant startTime;
    boolean autoReady = true;
    boolean onDemand;
    boolean discovery = true;
    ClassLoader classLoader = HealthMonitor.class.getClassLoader();
    private final Set<String> given = new java.util.HashSet<>();
    /** The keys each properties file gave, checked by ConfigResolution. */
    final Map<Path, Set<String>> files = new LinkedHashMap<>();

    private Builder() {}

    private void once(String setting) {
      if (!given.add(setting)) {
        throw new IllegalStateException(setting + " was already set on this builder");
      }
    }

    /**
     * The clock for durations and timestamps.
     *
     * @param clock not null; {@link Clock#system()} by default
     * @return this builder
     */
    public Builder clock(Clock clock) {
      once("clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The scheduler that times probe runs, timeouts, window rotation and the waits between a
     * notifier's attempts. The monitor does not shut down a scheduler it was given. Tests pass
     * {@code ManualClock.scheduler()}.
     *
     * @param scheduler not null; by default the monitor starts one daemon thread
     * @return this builder
     */
    public Builder scheduler(ScheduledExecutorService scheduler) {
      once("scheduler");
      this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
      return this;
    }

    /**
     * The executor that runs checks. The monitor does not shut down an executor it was given; it
     * should have at least one thread per probe that may hang.
     *
     * @param executor not null; by default a pool of at most one daemon thread per probe
     * @return this builder
     */
    public Builder executor(ExecutorService executor) {
      once("executor");
      this.executor = Objects.requireNonNull(executor, "executor");
      return this;
    }

    /**
     * Registers a probe written in code. Settings under {@code vitals.probes.<name>.*} in the
     * configuration override its defaults.
     *
     * @param probe not null, with a unique name
     * @return this builder
     * @throws IllegalArgumentException if the name is not allowed or already registered
     */
    public Builder probe(Probe probe) {
      Objects.requireNonNull(probe, "probe");
      ProbeSettings.checkName(probe.name(), "probe");
      for (Probe p : probes) {
        if (p.name().equals(probe.name())) {
          throw new IllegalArgumentException("a probe named '" + probe.name() + "' is already registered");
        }
      }
      probes.add(probe);
      return this;
    }

    /**
     * Adds configuration keys ({@code vitals.probes.db.type = jdbc} ...). A key given twice keeps
     * the last value.
     *
     * @param settings keys and values, not null
     * @return this builder
     */
    public Builder config(Map<String, String> settings) {
      for (Map.Entry<String, String> e : Objects.requireNonNull(settings, "settings").entrySet()) {
        String k = Objects.requireNonNull(e.getKey(), "key");
        config.put(k, Objects.requireNonNull(e.getValue(), "value of " + k)); // a loop, not a lambda: start-up rules
      }
      return this;
    }

    /**
     * Adds configuration from properties.
     *
     * @param properties not null
     * @return this builder
     */
    public Builder properties(Properties properties) {
      for (String k : properties.stringPropertyNames()) {
        config.put(k, properties.getProperty(k));
      }
      return this;
    }

    /**
     * Adds configuration from a properties file.
     *
     * @param file a readable properties file (ISO-8859-1 escapes or UTF-8 text)
     * @return this builder
     * @throws UncheckedIOException naming the file when it cannot be read
     */
    public Builder propertiesFile(Path file) {
      Properties p = new Properties();
      try (InputStream in = Files.newInputStream(file)) {
        p.load(new java.io.InputStreamReader(in, java.nio.charset.StandardCharsets.UTF_8));
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read Vitals configuration " + file + ": " + e.getMessage(), e);
      }
      files.put(file, Set.copyOf(p.stringPropertyNames()));
      return properties(p);
    }

    /**
     * The environment for overrides and {@code ${NAME}} references.
     *
     * @param environment not null; {@link System#getenv()} by default
     * @return this builder
     */
    public Builder environment(Map<String, String> environment) {
      once("environment");
      this.environment = Map.copyOf(environment);
      return this;
    }

    /**
     * Adds a listener.
     *
     * @param listener not null
     * @return this builder
     */
    public Builder listener(HealthListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
      return this;
    }

    /**
     * Adds an observer of every probe run (for example Micrometer's {@code VitalsObservations}, which
     * makes each run an {@code Observation}, so a service with tracing gets a span per probe run).
     *
     * @param observer not null
     * @return this builder
     */
    public Builder probeObserver(ProbeObserver observer) {
      probeObservers.add(Objects.requireNonNull(observer, "observer"));
      return this;
    }

    /**
     * Registers a probe type in code, beside those found with {@link java.util.ServiceLoader}.
     *
     * @param factory not null
     * @return this builder
     */
    public Builder probeFactory(ProbeFactory factory) {
      probeFactories.add(Objects.requireNonNull(factory, "factory"));
      return this;
    }

    /**
     * Registers an exporter in code, beside those found with {@link java.util.ServiceLoader}.
     *
     * @param factory not null
     * @return this builder
     */
    public Builder exporterFactory(ExporterFactory factory) {
      exporterFactories.add(Objects.requireNonNull(factory, "factory"));
      return this;
    }

    /**
     * Registers a notifier type in code, beside those found with {@link java.util.ServiceLoader}.
     *
     * @param factory not null
     * @return this builder
     */
    public Builder notifierFactory(NotifierFactory factory) {
      notifierFactories.add(Objects.requireNonNull(factory, "factory"));
      return this;
    }

    /**
     * Keeps the monitor's history in this store instead of one configured with {@code vitals.history.*}
     * (for a store that needs an object, such as a JDBC store over the application's pool). The
     * monitor closes it when it closes. {@code vitals.history.retention}, {@code .instance} and
     * {@code .not-observed} still apply.
     *
     * @param store the store, not null
     * @return this builder
     */
    public Builder historyStore(dev.vitals.api.spi.HistoryStore store) {
      once("historyStore");
      this.historyStore = Objects.requireNonNull(store, "store");
      return this;
    }

    /**
     * How much earlier than its interval a probe may run, as a share of the interval, so probes
     * spread out ({@code vitals.jitter} in configuration).
     *
     * @param jitter from 0 to 0.5; 0.1 by default
     * @return this builder
     * @throws IllegalArgumentException if out of range
     */
    public Builder jitter(double jitter) {
      once("jitter");
      if (!(jitter >= 0 && jitter <= 0.5)) {
        throw new IllegalArgumentException("jitter must be from 0 to 0.5, was " + jitter);
      }
      this.jitter = jitter;
      return this;
    }

    /**
     * The most trackers the monitor will create ({@code vitals.trackers.max} in configuration).
     *
     * @param max at least 1; 1,000 by default
     * @return this builder
     * @throws IllegalArgumentException if below 1
     */
    public Builder maxTrackers(int max) {
      once("maxTrackers");
      if (max < 1) {
        throw new IllegalArgumentException("maxTrackers must be at least 1, was " + max);
      }
      this.maxTrackers = max;
      return this;
    }

    /**
     * When the process started, for uptime and cold start.
     *
     * @param startTime not null; by default the process's start (on Linux from {@code /proc}, to
     *     within 10 ms; elsewhere the JVM's start time, see docs/tracking.md)
     * @return this builder
     */
    public Builder startTime(Instant startTime) {
      once("startTime");
      this.startTime = Objects.requireNonNull(startTime, "startTime");
      return this;
    }

    /**
     * Whether the first available readiness group fixes the cold start. With false, only
     * {@link HealthMonitor#markReady()} does.
     *
     * @param autoReady true by default
     * @return this builder
     */
    public Builder autoReady(boolean autoReady) {
      once("autoReady");
      this.autoReady = autoReady;
      return this;
    }

    /**
     * Whether exporters are found with {@link java.util.ServiceLoader} (when the monitor is built: their
     * keys are checked with every other key). Probe types always are, when a key under
     * {@code vitals.probes.} (or a {@code VITALS_PROBES_} variable) needs them. With discovery off, a key
     * that only a discovered exporter would read is refused.
     *
     * @param discovery true by default
     * @return this builder
     */
    public Builder discoverExporters(boolean discovery) {
      once("discoverExporters");
      this.discovery = discovery;
      return this;
    }

    /**
     * The class loader for {@link java.util.ServiceLoader}.
     *
     * @param classLoader not null; this class's loader by default
     * @return this builder
     */
    public Builder classLoader(ClassLoader classLoader) {
      once("classLoader");
      this.classLoader = Objects.requireNonNull(classLoader, "classLoader");
      return this;
    }

    /**
     * Whether probes run only when {@link HealthMonitor#runDue(Duration)} is called, never in the
     * background: for a serverless function, whose runtime freezes the process between invocations. No
     * scheduler thread is started; a due probe runs on a worker thread (started when first needed, idle
     * between calls) within its own timeout, and every other timed task (tracker rotation, notifier
     * retries) runs in a later call once due. First runs are due at once. Staleness and schedule lag are
     * not judged: nothing is observed between two calls, by design.
     *
     * @param onDemand false by default
     * @return this builder
     */
    public Builder onDemand(boolean onDemand) {
      once("onDemand");
      this.onDemand = onDemand;
      return this;
    }

    Builder random(DoubleSupplier random) {
      this.random = Objects.requireNonNull(random, "random");
      return this;
    }

    /**
     * Validates the configuration, builds configured probes and returns a monitor ready to
     * {@link HealthMonitor#start()}. No probe I/O happens here.
     *
     * @return a new monitor
     * @throws ConfigException listing every bad key with its value and what is allowed
     */
    public HealthMonitor build() {
      if (onDemand && scheduler != null) {
        throw new IllegalStateException("onDemand(true) runs timed tasks on the monitor's own queue, in runDue():"
            + " do not also give a scheduler(...)");
      }
      ConfigResolution resolution = ConfigResolution.resolve(this);
      return new HealthMonitor(copy(), resolution);
    }

    /** What the monitor keeps of this builder, so that later calls on it change nothing. */
    private Builder copy() {
      Builder b = new Builder();
      b.clock = clock;
      b.scheduler = scheduler;
      b.executor = executor;
      b.listeners.addAll(listeners);
      b.probeObservers.addAll(probeObservers);
      b.jitter = jitter;
      b.random = random;
      b.maxTrackers = maxTrackers;
      b.startTime = startTime;
      b.autoReady = autoReady;
      b.onDemand = onDemand;
      return b;
    }
  }
}
