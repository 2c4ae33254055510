package dev.vitals.core;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthListener;
import dev.vitals.api.HealthReport;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.Probe;
import dev.vitals.api.Tracker;
import dev.vitals.api.spi.AlertRuleSettings;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.ExporterContext;
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
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
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

  /** The logger, created on first use so that SLF4J initialises only when something is logged. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(HealthMonitor.class);

    private Log() {}
  }

  private final Builder spec;
  private final Clock clock;
  private final Map<String, String> settings;
  private final List<Probe> probes;
  private final List<ProbeSettings> probeSettings;
  private final List<String> problems;
  private final Trackers trackers;
  private final AlertRuleSettings alertRules;
  /** Null when no maintenance window is configured. */
  private final Maintenance maintenance;
  private final List<Slo> slos;
  private final List<NotifierSpec> notifiers;
  private Alerting alerting;
  private final Baselines baselines;
  private final Path baselineFile;
  private final List<Exporter> exporters = new ArrayList<>();
  private final Object stateLock = new Object();
  private Engine engine;
  private ScheduledExecutorService ownScheduler;
  private ExecutorService ownWorkers;
  private boolean started;
  private boolean closed;

  private HealthMonitor(Builder spec, Map<String, String> settings, List<Probe> probes,
      List<ProbeSettings> probeSettings, List<String> problems, AlertRuleSettings alertRules, List<NotifierSpec> notifiers,
      Maintenance maintenance, List<Slo> slos) {
    this.slos = List.copyOf(slos);
    this.alertRules = alertRules;
    this.maintenance = maintenance;
    this.notifiers = List.copyOf(notifiers);
    this.spec = spec;
    this.clock = spec.clock;
    this.settings = Collections.unmodifiableMap(settings);
    this.probes = List.copyOf(probes);
    this.probeSettings = List.copyOf(probeSettings);
    this.problems = problems;
    Config config = Config.of(settings);
    int max = config.integer("vitals.trackers.max", spec.maxTrackers, 1, 100_000);
    this.trackers = new Trackers(clock, max, new TrackerBudgets(config), slos);
    this.baselines = new Baselines(config.number("vitals.baseline.tolerance", 0.2, 0.0, 10.0));
    Optional<String> file = config.get("vitals.baseline.file");
    this.baselineFile = file.isPresent() ? Path.of(file.get()) : null;
    if (baselineFile != null) {
      baselines.load(baselineFile);
    }
  }

  /** The sum over the probes of timeout / interval: the threads they hold on average when all hang. */
  private static double timeoutsPerInterval(List<ProbeSettings> settings) {
    double sum = 0;
    for (ProbeSettings s : settings) {
      sum += s.timeout.toNanos() / (double) Math.max(1, s.interval.toNanos());
    }
    return sum;
  }

  /** The report's problem for a monitor without probes (allowed in code: a service may only track operations). */
  static final String NO_PROBES = "no probes: none is registered in code (builder().probe(...)) or configured"
      + " (vitals.probes.<name>.type); the status covers trackers only";

  /** The largest {@code vitals.engine.threads}. */
  static final int MAX_THREADS = 10_000;

  /**
   * Checks {@code vitals.engine.threads}: a number from 1 to {@value #MAX_THREADS}, or {@code virtual}
   * on a Java that has virtual threads (21 or later).
   */
  private static void engineThreads(Config all, List<String> problems) {
    Optional<String> value = all.get("vitals.engine.threads");
    if (value.isEmpty()) {
      return;
    }
    if (value.get().equals(Workers.VIRTUAL)) {
      if (!Workers.virtualAvailable()) {
        problems.add("vitals.engine.threads = 'virtual' is not allowed on Java " + Runtime.version().feature()
            + ": virtual threads need Java " + Workers.VIRTUAL_SINCE + " or later; expected a number of threads from 1 to "
            + MAX_THREADS);
      }
      return;
    }
    try {
      all.integer("vitals.engine.threads", 1, 1, MAX_THREADS);
    } catch (ConfigException e) {
      problems.add("vitals.engine.threads = '" + value.get() + "' is not allowed: expected a number of threads from 1 to "
          + MAX_THREADS + ", or 'virtual' (Java " + Workers.VIRTUAL_SINCE + " or later)");
    }
  }

  private static LatencyBudget trackerBudget(Config config, String name) {
    List<String> problems = new ArrayList<>();
    LatencyBudget b = ProbeSettings.budget(config.scoped("vitals.trackers." + name + "."),
        ProbeSettings.defaultBudget(name, "tracker"), " of trackers", problems);
    Settings.check(problems);
    return b;
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
      ScheduledExecutorService scheduler = spec.scheduler;
      if (scheduler == null) {
        ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, threads("vitals-scheduler"));
        s.setRemoveOnCancelPolicy(true);
        s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
        scheduler = ownScheduler = s;
      }
      Workers workers;
      if (spec.executor != null) {
        workers = Workers.of(spec.executor);
      } else {
        // bounded: runs beyond the bound queue (and show as schedule lag); a run stuck past its timeout
        // gets its thread replaced while it is held, so stuck probes never starve the others
        // or, from Java 24 (or asked for from 21), a virtual thread per run: a run waiting on the network
        // then holds no platform thread
        Optional<String> asked = Config.of(settings).get("vitals.engine.threads");
        Workers virtual = null;
        if (asked.map(Workers.VIRTUAL::equals).orElse(Workers.virtualByDefault())) {
          virtual = Workers.virtual("vitals-probe");
        }
        if (virtual != null) {
          workers = virtual;
        } else {
          int threads = asked.isPresent() ? Config.of(settings).integer("vitals.engine.threads", 1, 1, MAX_THREADS)
              : Workers.defaultThreads(timeoutsPerInterval(probeSettings), probes.size());
          workers = Workers.own(threads, probes.size(), threads("vitals-probe"));
        }
        ownWorkers = workers.ownExecutor();
      }
      Instant startedAt = spec.startTime != null ? spec.startTime : jvmStart();
      double jitter = Config.of(settings).number("vitals.jitter", spec.jitter, 0.0, 0.5);
      engine = new Engine(clock, scheduler, workers, jitter, spec.random, startedAt, problems, spec.autoReady,
          trackers, baselines, maintenance, slos);
      for (int i = 0; i < probes.size(); i++) {
        engine.add(new ProbeRunner(probes.get(i), probeSettings.get(i), engine));
      }
      for (HealthListener l : spec.listeners) {
        engine.addListener(l);
      }
      engine.observers.addAll(spec.probeObservers);
      List<Delivery> deliveries = new ArrayList<>();
      for (NotifierSpec n : notifiers) {
        deliveries.add(new Delivery(n.notifier, n.routing, n.queue, n.retries, n.backoff));
      }
      alerting = new Alerting(alertRules, deliveries, clock, maintenance);
      engine.addListener(alerting);
      if (!deliveries.isEmpty()) {
        List<Delivery> ds = List.copyOf(deliveries);
        engine.notifierStats(() -> {
          List<dev.vitals.api.NotifierStats> out = new ArrayList<>(ds.size());
          for (Delivery d : ds) {
            out.add(new dev.vitals.api.NotifierStats(d.name(), d.sent(), d.dropped()));
          }
          return out;
        });
      }
      startExporters();
      engine.start();
      return this;
    }
  }

  private Instant jvmStart() {
    Instant t = JvmStart.get();
    return t != null ? t : clock.instant();
  }

  private void startExporters() {
    // found, named and checked by build(): each factory here has a unique name
    List<ExporterFactory> factories = new ArrayList<>(spec.exporterFactories);
    if (spec.discovery) {
      factories.addAll(Plugins.load(ExporterFactory.class, spec.classLoader, problems));
    }
    ExporterContext context = new Context();
    for (ExporterFactory f : factories) {
      String name = f.name();
      try {
        Optional<Exporter> e = f.create(context);
        if (e.isPresent()) {
          exporters.add(e.get());
        }
      } catch (ConfigException e) {
        throw e;
      } catch (Exception | LinkageError e) {
        String message = "exporter '" + name + "' failed to start: "
            + dev.vitals.api.Redaction.redact(String.valueOf(e.getMessage()));
        Log.LOG.warn("Vitals {}", message, e);
        problems.add(message);
      }
    }
  }

  /**
   * The latest report. Never blocks and never runs a probe: a volatile read.
   *
   * @return the report; until a probe's first result, that probe is {@code UNKNOWN}
   * @throws IllegalStateException if the monitor is not started
   */
  public HealthReport report() {
    Engine e = engine;
    if (e == null) {
      throw new IllegalStateException("the monitor is not started; call start() first");
    }
    return e.report();
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
    Engine e = engine;
    if (e == null) {
      throw new IllegalStateException("the monitor is not started; call start() first");
    }
    e.markReady();
  }

  /**
   * The exporters that started.
   *
   * @return an unmodifiable list
   */
  public List<Exporter> exporters() {
    synchronized (stateLock) {
      return List.copyOf(exporters);
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
    return Config.of(settings);
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
      if (alerting != null) {
        alerting.close();
      } else {
        for (NotifierSpec n : notifiers) {
          n.notifier.close();
        }
      }
      for (Exporter e : exporters) {
        try {
          e.close();
        } catch (RuntimeException ex) {
          Log.LOG.warn("Vitals exporter {} failed to close", e.name(), ex);
        }
      }
      shutdown(ownScheduler);
      shutdown(ownWorkers);
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

  private static void shutdown(ExecutorService executor) {
    if (executor == null) {
      return;
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static ThreadFactory threads(String prefix) {
    return new DaemonThreads(prefix);
  }

  /** Daemon threads named prefix-1, prefix-2, ... (a class, not a lambda: no class spun at start-up). */
  private static final class DaemonThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger n = new AtomicInteger();

    DaemonThreads(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }

  /** The default jitter source (a class, not a lambda: no class spun at start-up). */
  private static final class ThreadLocalDoubles implements DoubleSupplier {
    static final ThreadLocalDoubles INSTANCE = new ThreadLocalDoubles();

    @Override
    public double getAsDouble() {
      return ThreadLocalRandom.current().nextDouble();
    }
  }

  /** A tracker's latency budget from vitals.trackers.NAME.budget.* (a class, not a lambda). */
  private static final class TrackerBudgets implements java.util.function.Function<String, LatencyBudget> {
    private final Config config;

    TrackerBudgets(Config config) {
      this.config = config;
    }

    @Override
    public LatencyBudget apply(String name) {
      return trackerBudget(config, name);
    }
  }

  /** What exporters see of the monitor. */
  private final class Context implements ExporterContext {
    @Override
    public Config config() {
      return HealthMonitor.this.config();
    }

    @Override
    public HealthReport report() {
      return engine.report();
    }

    @Override
    public Clock clock() {
      return clock;
    }

    @Override
    public void addListener(HealthListener listener) {
      engine.addListener(Objects.requireNonNull(listener, "listener"));
    }

    @Override
    public void addProbeObserver(ProbeObserver observer) {
      engine.observers.add(Objects.requireNonNull(observer, "observer"));
    }
  }

  /**
   * Builds a {@link HealthMonitor}. Each setting may be given once (a second call throws); probes,
   * listeners and factories accumulate. {@link #build()} validates everything and may be called more
   * than once. Not thread-safe.
   */
  public static final class Builder {
    private Clock clock = Clock.system();
    private ScheduledExecutorService scheduler;
    private ExecutorService executor;
    private final Map<String, String> config = new LinkedHashMap<>();
    private Map<String, String> environment;
    private final List<Probe> probes = new ArrayList<>();
    private final List<HealthListener> listeners = new ArrayList<>();
    private final List<ProbeFactory> probeFactories = new ArrayList<>();
    private final List<ExporterFactory> exporterFactories = new ArrayList<>();
    private final List<NotifierFactory> notifierFactories = new ArrayList<>();
    private final List<ProbeObserver> probeObservers = new ArrayList<>();
    private double jitter = 0.1;
    private DoubleSupplier random = ThreadLocalDoubles.INSTANCE;
    private int maxTrackers = 1000;
    private Instant startTime;
    private boolean autoReady = true;
    private boolean discovery = true;
    private ClassLoader classLoader = HealthMonitor.class.getClassLoader();
    private final Set<String> given = new java.util.HashSet<>();
    /** The keys each properties file gave, checked by build(). */
    private final Map<Path, Set<String>> files = new LinkedHashMap<>();

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
     * The scheduler that times probe runs, timeouts and window rotation. The monitor does not shut
     * down a scheduler it was given. Tests pass {@code ManualClock.scheduler()}.
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
      Objects.requireNonNull(settings, "settings").forEach((k, v) ->
          config.put(Objects.requireNonNull(k, "key"), Objects.requireNonNull(v, "value of " + k)));
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
      List<String> problems = new ArrayList<>();
      List<String> loadProblems = new ArrayList<>();
      Map<String, ProbeFactory> factories = new TreeMap<>();
      for (ProbeFactory f : probeFactories) {
        factories.putIfAbsent(f.type(), f);
      }
      Map<String, String> env = environment != null ? environment : System.getenv();
      // Probe types matter only to keys under vitals.probes (or VITALS_PROBES_ variables): without any,
      // the ServiceLoader scan (and the loading of every provider on the class path) is skipped.
      if (anyKeyStartsWith(config.keySet(), "vitals.probes.") || anyKeyStartsWith(env.keySet(), "VITALS_PROBES_")) {
        for (ProbeFactory f : Plugins.load(ProbeFactory.class, classLoader, loadProblems)) {
          ProbeFactory previous = factories.putIfAbsent(f.type(), f);
          if (previous != null && previous.getClass() != f.getClass()) {
            loadProblems.add("two providers of probe type '" + f.type() + "': using "
                + previous.getClass().getName() + ", ignoring " + f.getClass().getName());
          }
        }
      }
      // the same for notifier types and vitals.notifiers
      Map<String, NotifierFactory> notifierTypes = anyKeyStartsWith(config.keySet(), "vitals.notifiers.")
          || anyKeyStartsWith(env.keySet(), "VITALS_NOTIFIERS_")
          ? ConfiguredPlugins.notifierFactories(notifierFactories, classLoader, loadProblems) : Map.of();
      List<ExporterFactory> exporters = exporterFactories(loadProblems);

      Set<String> codeNames = new LinkedHashSet<>();
      for (Probe p : probes) {
        codeNames.add(p.name());
      }
      Set<String> names = new LinkedHashSet<>(codeNames);
      names.addAll(Settings.names(config.keySet(), "vitals.probes."));
      names.addAll(Settings.declaredInEnvironment(env, "PROBES"));
      Set<String> notifierNames = new LinkedHashSet<>(Settings.names(config.keySet(), "vitals.notifiers."));
      notifierNames.addAll(Settings.declaredInEnvironment(env, "NOTIFIERS"));

      // every part declares what it reads: the engine its sections, probe and notifier types their keys,
      // exporters theirs; what nobody reads is refused below
      KnownKeys known = new KnownKeys();
      known.exporterDiscovery(discovery);
      Set<String> probeKeys = new java.util.TreeSet<>(ProbeSettings.COMMON_KEYS);
      for (ProbeFactory f : factories.values()) {
        probeKeys.addAll(f.keys());
      }
      known.section("probes", probeKeys);
      Set<String> notifierKeys = new java.util.TreeSet<>(NotifierSpec.COMMON_KEYS);
      for (NotifierFactory f : notifierTypes.values()) {
        notifierKeys.addAll(f.keys());
      }
      known.section("notifiers", notifierKeys);
      for (ExporterFactory f : exporters) {
        known.claim(exporterKeys(f, loadProblems));
      }
      for (String n : names) {
        known.entry("probes", n, codeNames.contains(n) ? ProbeSettings.COMMON_KEYS : probeKeys);
      }
      for (String n : notifierNames) {
        known.entry("notifiers", n, notifierKeys);
      }
      for (String section : List.of("slos", "maintenance", "trackers")) {
        for (String n : Settings.names(config.keySet(), "vitals." + section + ".")) {
          known.entry(section, n, null);
        }
      }
      // keys an environment variable may set although no file names them
      List<String> candidates = known.candidates();
      Map<String, String> resolved = Settings.resolve(config, env, candidates, problems);
      if (Settings.hasVitalsVariable(env)) {
        Set<String> used = new java.util.HashSet<>();
        for (String k : config.keySet()) {
          used.add(Settings.envName(k));
        }
        for (String k : candidates) {
          used.add(Settings.envName(k));
        }
        used.addAll(Settings.references(config.values()));
        known.checkEnvironment(env, used, problems);
      }

      // the entries as they really are, now that types are known
      for (String n : Settings.names(resolved.keySet(), "vitals.probes.")) {
        Set<String> keys = null; // a bad name or an unknown type is reported on its own, not its keys
        if (codeNames.contains(n)) {
          keys = ProbeSettings.COMMON_KEYS;
        } else if (ProbeSettings.validName(n)) {
          ProbeFactory f = factories.get(resolved.getOrDefault("vitals.probes." + n + ".type", ""));
          if (f != null) {
            keys = union(ProbeSettings.COMMON_KEYS, f.keys());
          }
        }
        known.entry("probes", n, keys);
      }
      for (String n : Settings.names(resolved.keySet(), "vitals.notifiers.")) {
        NotifierFactory f = ProbeSettings.validName(n)
            ? notifierTypes.get(resolved.getOrDefault("vitals.notifiers." + n + ".type", "")) : null;
        known.entry("notifiers", n, f == null ? null : union(NotifierSpec.COMMON_KEYS, f.keys()));
      }
      for (String n : Settings.names(resolved.keySet(), "vitals.slos.")) {
        known.entry("slos", n, ProbeSettings.validName(n) ? Slo.KEYS : null);
      }
      for (String n : Settings.names(resolved.keySet(), "vitals.maintenance.")) {
        known.entry("maintenance", n, Maintenance.KEYS);
      }
      Set<String> trackerNames = Settings.names(resolved.keySet(), "vitals.trackers.");
      for (String n : trackerNames) {
        known.entry("trackers", n, KnownKeys.TRACKER_KEYS);
      }
      Set<String> refused = known.check(resolved.keySet(), problems);
      for (Map.Entry<Path, Set<String>> f : files.entrySet()) {
        Settings.checkFile(f.getKey(), f.getValue(), known, problems);
      }
      Map<String, String> checked = new TreeMap<>(resolved);
      checked.keySet().removeAll(refused);
      Config all = Config.of(checked);

      Settings.integer(problems, all, "vitals.trackers.max", maxTrackers, 1, 100_000);
      Settings.number(problems, all, "vitals.jitter", jitter, 0.0, 0.5);
      engineThreads(all, problems);
      Settings.number(problems, all, "vitals.baseline.tolerance", 0.2, 0.0, 10.0);
      for (String n : trackerNames) {
        if (!ProbeSettings.validName(n)) {
          problems.add("vitals.trackers." + n + ": tracker name '" + n + "' is not allowed: expected "
              + ProbeSettings.NAME_RULE);
        } else {
          ProbeSettings.budget(all.scoped("vitals.trackers." + n + "."), ProbeSettings.defaultBudget(n, "tracker"),
              " of trackers", problems);
        }
      }

      Set<String> configuredNames = Settings.names(checked.keySet(), "vitals.probes.");
      List<Probe> built = new ArrayList<>();
      List<ProbeSettings> settings = new ArrayList<>();
      for (Probe p : probes) {
        Config scoped = all.scoped("vitals.probes." + p.name() + ".");
        if (scoped.get("type").isPresent()) {
          problems.add(ConfigException.describe(scoped.fullKey("type"), scoped.get("type").get(),
              "no type for a probe registered in code (it is '" + p.type() + "')"));
        }
        ProbeSettings.resolveInto(p, scoped, built, settings, problems);
      }
      Set<String> declared = new java.util.TreeSet<>(configuredNames);
      declared.removeAll(codeNames);
      if (!declared.isEmpty()) {
        ConfiguredPlugins.probes(all, declared, factories, built, settings, problems);
      }
      dev.vitals.api.Secrets secrets = dev.vitals.api.Secrets.of(all); // scrubbed from every result
      for (int i = 0; i < settings.size(); i++) {
        settings.set(i, settings.get(i).withSecrets(secrets));
      }
      AlertRuleSettings alertRules = AlertRuleSettings.from(all, problems);
      // without keys, no windows and no objectives: their classes are not even loaded (start-up time)
      Maintenance maintenance = anyKeyStartsWith(all.keys(), "vitals.maintenance.") ? Maintenance.from(all, problems)
          : null;
      List<Slo> slos = anyKeyStartsWith(all.keys(), "vitals.slos.") ? Slo.from(all, problems, clock.nanoTime())
          : List.of();
      List<NotifierSpec> notifierSpecs = anyKeyStartsWith(all.keys(), "vitals.notifiers.")
          ? ConfiguredPlugins.notifiers(all, notifierTypes, problems) : List.of();
      for (ExporterFactory f : exporters) {
        validate(f, all, problems, loadProblems);
      }
      if (!problems.isEmpty()) {
        for (NotifierSpec n : notifierSpecs) {
          n.notifier.close();
        }
      }
      Settings.check(problems);
      Builder copy = copy();
      copy.exporterFactories.clear();
      copy.exporterFactories.addAll(exporters);
      copy.discovery = false; // found above, once
      List<String> reportProblems = new ArrayList<>(loadProblems);
      if (built.isEmpty()) {
        reportProblems.add(declared.isEmpty() ? NO_PROBES : "no probes: every configured probe is disabled ("
            + declared.iterator().next() + (declared.size() > 1 ? " ..." : "") + "); the status covers trackers only");
      }
      return new HealthMonitor(copy, resolved, built, settings, new java.util.concurrent.CopyOnWriteArrayList<>(reportProblems),
          alertRules, notifierSpecs, maintenance, slos);
    }

    /**
     * The exporter factories: those registered in code, then those found with ServiceLoader (when
     * discovery is on), one per name. A factory whose name cannot be read, or whose name is taken, is
     * skipped and reported.
     */
    private List<ExporterFactory> exporterFactories(List<String> loadProblems) {
      List<ExporterFactory> all = new ArrayList<>(exporterFactories);
      if (discovery) {
        all.addAll(Plugins.load(ExporterFactory.class, classLoader, loadProblems));
      }
      Set<String> seen = new java.util.HashSet<>();
      List<ExporterFactory> out = new ArrayList<>();
      for (ExporterFactory f : all) {
        String name;
        try {
          name = f.name();
        } catch (RuntimeException e) {
          loadProblems.add("skipped exporter " + f.getClass().getName() + ": name() failed: " + e);
          continue;
        }
        if (!seen.add(name)) {
          String message = "skipped a second exporter named '" + name + "' (" + f.getClass().getName() + ")";
          Log.LOG.warn("Vitals {}", message);
          loadProblems.add(message);
          continue;
        }
        out.add(f);
      }
      return out;
    }

    /** What an exporter claims; its own prefix when keys() fails (a broken provider never stops start-up). */
    private static Set<String> exporterKeys(ExporterFactory f, List<String> loadProblems) {
      try {
        Set<String> keys = f.keys();
        if (keys != null) {
          return keys;
        }
        loadProblems.add("exporter '" + f.name() + "' declared no keys (null): it is taken to read vitals."
            + f.name() + ".*");
      } catch (RuntimeException e) {
        loadProblems.add("exporter '" + f.name() + "' failed to declare its keys: "
            + dev.vitals.api.Redaction.redact(String.valueOf(e.getMessage())) + "; it is taken to read vitals."
            + f.name() + ".*");
      }
      return Set.of("vitals." + f.name() + ".");
    }

    /** Runs an exporter's checks: bad values join every other problem; a broken check is reported and skipped. */
    private static void validate(ExporterFactory f, Config all, List<String> problems, List<String> loadProblems) {
      try {
        f.validate(all);
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      } catch (RuntimeException | LinkageError e) {
        String message = "exporter '" + f.name() + "' failed to check its settings: "
            + dev.vitals.api.Redaction.redact(String.valueOf(e.getMessage()));
        Log.LOG.warn("Vitals {}", message, e);
        loadProblems.add(message);
      }
    }

    private static Set<String> union(Set<String> a, Set<String> b) {
      Set<String> out = new java.util.HashSet<>(a);
      out.addAll(b);
      return out;
    }

    private static boolean anyKeyStartsWith(Set<String> keys, String prefix) {
      for (String k : keys) {
        if (k.startsWith(prefix)) {
          return true;
        }
      }
      return false;
    }

    private Builder copy() {
      Builder b = new Builder();
      b.clock = clock;
      b.scheduler = scheduler;
      b.executor = executor;
      b.listeners.addAll(listeners);
      b.probeObservers.addAll(probeObservers);
      b.exporterFactories.addAll(exporterFactories);
      b.jitter = jitter;
      b.random = random;
      b.maxTrackers = maxTrackers;
      b.startTime = startTime;
      b.autoReady = autoReady;
      b.discovery = discovery;
      b.classLoader = classLoader;
      return b;
    }
  }
}
