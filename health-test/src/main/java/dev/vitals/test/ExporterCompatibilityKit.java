package dev.vitals.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vitals.api.Baseline;
import dev.vitals.api.Clock;
import dev.vitals.api.HealthListener;
import dev.vitals.api.HealthReport;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Regression;
import dev.vitals.api.Status;
import dev.vitals.api.StatusChange;
import dev.vitals.api.StatusTransition;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.ExporterContext;
import dev.vitals.api.spi.ExporterFactory;
import dev.vitals.api.spi.MetricsWriter;
import dev.vitals.api.spi.ProbeObserver;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every exporter module must have. An exporter module extends this class in its
 * tests, names its exporter and gives the settings that turn it on; the kit builds a context of its
 * own (a fixed report, a {@link ManualClock}, the configuration, and lists that record every
 * listener and probe observer the exporter registers) and checks that:
 * <ul>
 *   <li>the module's {@link ExporterFactory} is registered for {@link ServiceLoader} under
 *       {@link #exporterName()}, once;</li>
 *   <li>without settings of its own the factory declines (and leaves nothing behind: no thread, no
 *       listener) or, when {@link #enabledByDefault()}, creates the exporter;</li>
 *   <li>with {@link #enablingConfig()} it creates an exporter whose {@link Exporter#name()} is
 *       {@link #exporterName()};</li>
 *   <li>{@link Exporter#close()} is idempotent and never throws, and events delivered to its
 *       listeners and observers after close are taken without an exception;</li>
 *   <li>after close no thread that the exporter started is alive (waited for, up to
 *       {@link #threadStopTimeout()});</li>
 *   <li>a bad value under its keys ({@link #badConfig()}) is a {@link ConfigException} naming the key
 *       ({@link #badConfigKey()}), and leaves no thread and no listener behind;</li>
 *   <li>no secret given in the configuration ({@link #secretConfig()}, and a password the kit puts
 *       under another plugin's keys) is printed to {@code System.out}, {@code System.err} or
 *       {@code java.util.logging} (where {@code System.Logger} goes by default) while the exporter is
 *       created, used and closed, nor shown by its {@code toString()} or by a
 *       {@link ConfigException}.</li>
 * </ul>
 *
 * <p>"Used" means: the kit delivers a report, a status change and a regression to every listener
 * the exporter registered, a run to every probe observer, then calls {@link #exercise} so that a
 * module can do what starts its lazy threads (an HTTP request, for an endpoint). Logs written
 * through SLF4J are seen only when the test's SLF4J backend writes to {@code System.out} or
 * {@code System.err}.
 *
 * <p>The kit swaps {@code System.out} and {@code System.err} while it captures them, so its tests
 * must not run in parallel with other tests of the same JVM (JUnit runs them one at a time unless
 * told otherwise). A subclass may add tests of its own; {@link #context(Map)} builds a context like
 * the kit's.
 */
public abstract class ExporterCompatibilityKit {

  /**
   * A key of another plugin that the kit puts in every configuration it gives an exporter, with a
   * password as its value; an exporter must never print it.
   */
  protected static final String FOREIGN_SECRET_KEY = "vitals.probes.kit-db.password";

  /** The password under {@link #FOREIGN_SECRET_KEY}. */
  protected static final String FOREIGN_SECRET = "kit-foreign-password-5e21c9";

  /** A key of another plugin whose value, a URL, carries a password. */
  protected static final String FOREIGN_URL_KEY = "vitals.probes.kit-db.url";

  /** The password inside the URL under {@link #FOREIGN_URL_KEY}. */
  protected static final String FOREIGN_URL_PASSWORD = "kit-url-password-77d0";

  /** The threads of the JDK's shared pool: used by many, started and stopped by none. */
  private static final String COMMON_POOL_PREFIX = "ForkJoinPool.commonPool-worker-";

  private final ManualClock clock = new ManualClock();
  private final HealthReport report = kitReport(clock.instant());

  /** For subclasses. */
  protected ExporterCompatibilityKit() {
  }

  /**
   * The exporter's name: the name its factory and its exporter give, as in
   * {@code vitals.<name>.enabled}.
   *
   * @return for example {@code http}
   */
  protected abstract String exporterName();

  /**
   * Settings that turn the exporter on, with full keys (for example {@code vitals.http.port=0}).
   * They must not bind fixed ports: the kit creates the exporter several times.
   *
   * @return the settings, not null
   */
  protected abstract Map<String, String> enablingConfig();

  /**
   * Whether the factory creates the exporter when no setting of its own is given.
   *
   * @return false unless overridden
   */
  protected boolean enabledByDefault() {
    return false;
  }

  /**
   * A bad value under the exporter's keys, added to {@link #enablingConfig()} (replacing a value
   * under the same key).
   *
   * @return by default {@code vitals.<name>.enabled = maybe}
   */
  protected Map<String, String> badConfig() {
    return Map.of("vitals." + exporterName() + ".enabled", "maybe");
  }

  /**
   * The key the {@link ConfigException} for {@link #badConfig()} must name.
   *
   * @return by default {@code vitals.<name>.enabled}
   */
  protected String badConfigKey() {
    return "vitals." + exporterName() + ".enabled";
  }

  /**
   * Settings of the exporter's own that carry secrets (a token ...), added to
   * {@link #enablingConfig()} when the kit checks that nothing secret is printed.
   *
   * @return the settings; none by default
   */
  protected Map<String, String> secretConfig() {
    return Map.of();
  }

  /**
   * The secret strings inside {@link #secretConfig()}. The kit also checks its own
   * {@link #FOREIGN_SECRET} and {@link #FOREIGN_URL_PASSWORD}.
   *
   * @return the secrets; by default every value of {@link #secretConfig()}
   */
  protected List<String> secrets() {
    return List.copyOf(secretConfig().values());
  }

  /**
   * Uses a freshly created exporter the way its users would, so that threads it starts lazily are
   * started before the kit closes it (an endpoint starts its workers on the first request). Runs
   * after the kit delivered its events. Must itself leave no thread running (use a plain socket
   * rather than an HTTP client that keeps a thread of its own).
   *
   * @param exporter the exporter, created with the kit's context
   * @param context the context it was created with
   * @throws Exception when using it fails: the test fails
   */
  protected void exercise(Exporter exporter, RecordingContext context) throws Exception {
    // nothing by default
  }

  /**
   * How long the kit waits for the exporter's threads to end after close.
   *
   * @return 10 seconds unless overridden
   */
  protected Duration threadStopTimeout() {
    return Duration.ofSeconds(10);
  }

  /**
   * The kit's clock, given to every context it builds.
   *
   * @return the clock
   */
  protected final ManualClock clock() {
    return clock;
  }

  /**
   * The fixed report every context of the kit answers with: probes {@code kit-up} (UP, liveness and
   * readiness, critical), {@code kit-degraded} (DEGRADED, readiness, not critical), {@code kit-down}
   * (DOWN, readiness, critical, regressed against its baseline) and {@code kit-unknown} (UNKNOWN, no
   * result yet, startup), a tracker {@code kit-api}, a cold start of 212 ms and one start-up problem.
   *
   * @return the report
   */
  protected final HealthReport report() {
    return report;
  }

  /**
   * A context like the kit's: its clock and report, the given settings, and lists that record every
   * listener and observer registered.
   *
   * @param settings full keys and values, not null
   * @return a new context
   */
  protected final RecordingContext context(Map<String, String> settings) {
    return new RecordingContext(settings, report, clock);
  }

  /**
   * The module's factory, found with {@link ServiceLoader} as the monitor finds it.
   *
   * @return the factory named {@link #exporterName()}
   */
  protected final ExporterFactory factory() {
    List<ExporterFactory> matching = new ArrayList<>();
    List<String> seen = new ArrayList<>();
    List<String> broken = new ArrayList<>();
    Iterator<ExporterFactory> it = ServiceLoader.load(ExporterFactory.class).iterator();
    while (true) {
      try {
        if (!it.hasNext()) {
          break;
        }
        ExporterFactory f = it.next();
        seen.add(f.name());
        if (exporterName().equals(f.name())) {
          matching.add(f);
        }
      } catch (ServiceConfigurationError e) {
        broken.add(String.valueOf(e.getMessage()));
      }
    }
    if (matching.isEmpty()) {
      return fail("no ExporterFactory named '" + exporterName()
          + "' registered in META-INF/services/dev.vitals.api.spi.ExporterFactory; found " + seen
          + (broken.isEmpty() ? "" : ", and providers that failed to load: " + broken));
    }
    assertEquals(1, matching.size(), "ExporterFactory '" + exporterName() + "' is registered more than once: "
        + matching.stream().map(f -> f.getClass().getName()).toList());
    return matching.get(0);
  }

  @Test
  void factoryIsRegisteredForServiceLoaderUnderItsName() {
    ExporterFactory f = factory();
    assertEquals(exporterName(), f.name());
    assertEquals(f.name().toLowerCase(java.util.Locale.ROOT), f.name(), "an exporter's name is lower-case");
  }

  @Test
  void withoutSettingsOfItsOwnTheFactoryDeclinesOrCreatesAsDeclared() throws Exception {
    Set<Thread> before = liveThreads();
    RecordingContext context = context(Map.of());
    Optional<Exporter> created = create(context);
    if (enabledByDefault()) {
      assertTrue(created.isPresent(), "'" + exporterName() + "' is declared enabled by default, but the factory "
          + "declined an empty configuration");
      try (Exporter e = created.get()) {
        assertEquals(exporterName(), e.name());
      }
    } else {
      created.ifPresent(Exporter::close);
      assertFalse(created.isPresent(), "'" + exporterName() + "' is declared off by default, but the factory "
          + "created an exporter from an empty configuration");
      assertTrue(context.listeners().isEmpty() && context.observers().isEmpty(),
          "a factory that declines registers no listener and no observer; registered " + context.listeners()
              + " and " + context.observers());
    }
    assertNoNewThreadsAlive(before, "after an empty configuration");
  }

  @Test
  void enablingSettingsCreateAnExporterNamedAsItsFactory() throws Exception {
    RecordingContext context = context(withForeignSecrets(enablingConfig()));
    Exporter e = createOrFail(context);
    try {
      assertNotNull(e.name(), "Exporter.name()");
      assertEquals(exporterName(), e.name());
    } finally {
      e.close();
    }
  }

  @Test
  void closeIsIdempotentAndNeverThrows() throws Exception {
    RecordingContext context = context(withForeignSecrets(enablingConfig()));
    Exporter e = createOrFail(context);
    deliverEvents(context);
    exercise(e, context);
    for (int i = 1; i <= 3; i++) {
      try {
        e.close();
      } catch (RuntimeException | Error thrown) {
        fail("close() call " + i + " threw " + thrown, thrown);
      }
    }
  }

  @Test
  void eventsAfterCloseAreTakenWithoutAnException() throws Exception {
    RecordingContext context = context(withForeignSecrets(enablingConfig()));
    Exporter e = createOrFail(context);
    deliverEvents(context);
    e.close();
    try {
      deliverEvents(context);
    } catch (RuntimeException thrown) {
      fail("a listener or observer of a closed exporter threw " + thrown
          + " (listeners cannot be removed: a closed exporter must ignore what still arrives)", thrown);
    }
  }

  @Test
  void afterCloseNoThreadTheExporterStartedIsAlive() throws Exception {
    Set<Thread> before = liveThreads();
    RecordingContext context = context(withForeignSecrets(enablingConfig()));
    Exporter e = createOrFail(context);
    try {
      deliverEvents(context);
      exercise(e, context);
    } finally {
      e.close();
    }
    assertNoNewThreadsAlive(before, "after close()");
  }

  @Test
  void aBadValueIsAConfigExceptionNamingTheKeyAndLeavesNothingRunning() {
    Set<Thread> before = liveThreads();
    Map<String, String> settings = new LinkedHashMap<>(withForeignSecrets(enablingConfig()));
    settings.putAll(badConfig());
    RecordingContext context = context(settings);
    ConfigException thrown = expectConfigException(context);
    assertTrue(thrown.getMessage().contains(badConfigKey()),
        "the ConfigException names the key " + badConfigKey() + ": " + thrown.getMessage());
    assertTrue(context.listeners().isEmpty() && context.observers().isEmpty(),
        "a refused configuration registers no listener and no observer; registered " + context.listeners()
            + " and " + context.observers());
    assertNoNewThreadsAlive(before, "after a refused configuration");
  }

  @Test
  void nothingSecretInTheConfigurationIsPrinted() throws Exception {
    Map<String, String> settings = new LinkedHashMap<>(withForeignSecrets(enablingConfig()));
    settings.putAll(secretConfig());
    RecordingContext context = context(settings);
    StringBuilder shown = new StringBuilder();
    String printed = captureOutput(() -> {
      Exporter e = createOrFail(context);
      try {
        shown.append(e).append('\n').append(e.name()).append('\n');
        deliverEvents(context);
        exercise(e, context);
      } finally {
        e.close();
      }
    });
    assertNoSecrets("printed while the exporter was created, used and closed", printed);
    assertNoSecrets("shown by the exporter's toString()", shown.toString());
  }

  @Test
  void aRefusedConfigurationDoesNotShowItsSecrets() throws Exception {
    Map<String, String> settings = new LinkedHashMap<>(withForeignSecrets(enablingConfig()));
    settings.putAll(secretConfig());
    settings.putAll(badConfig());
    RecordingContext context = context(settings);
    List<ConfigException> thrown = new ArrayList<>();
    String printed = captureOutput(() -> thrown.add(expectConfigException(context)));
    assertNoSecrets("printed while the configuration was refused", printed);
    assertNoSecrets("in the ConfigException's message", thrown.get(0).getMessage());
  }

  /**
   * Delivers what a monitor would to every listener and observer the exporter registered: a report,
   * a status change (kit-down, UP to DOWN), a regression (kit-down's p95 against its baseline) and a
   * probe run (kit-up). Advances the kit's clock by one second first.
   *
   * @param context the context the exporter was created with
   */
  protected final void deliverEvents(RecordingContext context) {
    clock.advance(Duration.ofSeconds(1));
    Instant now = clock.instant();
    ProbeReport down = report.probe("kit-down").orElseThrow();
    StatusChange change = new StatusChange("kit-down", Status.UP, Status.DOWN,
        down.lastResult().orElseThrow(), now);
    Regression regression = new Regression("kit-down", down.baseline().orElseThrow(),
        down.summary().p95Nanos(), now);
    for (HealthListener l : context.listeners()) {
      l.onReport(report);
      l.onStatusChange(change);
      l.onRegression(regression);
    }
    for (ProbeObserver o : context.observers()) {
      ProbeObserver.Run run = o.start("kit-up", "kit");
      assertNotNull(run, "ProbeObserver.start returned null");
      run.end(ProbeResult.up().withTiming(1_200_000, now));
    }
  }

  private Map<String, String> withForeignSecrets(Map<String, String> settings) {
    Map<String, String> all = new LinkedHashMap<>();
    all.put(FOREIGN_SECRET_KEY, FOREIGN_SECRET);
    all.put(FOREIGN_URL_KEY, "jdbc:postgresql://kit:" + FOREIGN_URL_PASSWORD + "@db.invalid:5432/kit");
    all.putAll(Objects.requireNonNull(settings, "settings"));
    return all;
  }

  private Optional<Exporter> create(RecordingContext context) throws Exception {
    Optional<Exporter> created = factory().create(context);
    assertNotNull(created, "ExporterFactory.create returned null instead of Optional.empty()");
    return created;
  }

  private Exporter createOrFail(RecordingContext context) throws Exception {
    return create(context).orElseGet(() -> fail("the factory declined " + enablingConfig().keySet()
        + ", the settings that enablingConfig() says turn it on"));
  }

  private ConfigException expectConfigException(RecordingContext context) {
    Optional<Exporter> created;
    try {
      created = factory().create(context);
    } catch (ConfigException e) {
      return e;
    } catch (Exception e) {
      return fail("expected a ConfigException naming " + badConfigKey() + " for " + badConfig() + ", got " + e, e);
    }
    created.ifPresent(Exporter::close);
    return fail("expected a ConfigException naming " + badConfigKey() + " for " + badConfig()
        + ", but the factory " + (created.isPresent() ? "created an exporter" : "declined quietly"));
  }

  private void assertNoSecrets(String where, String text) {
    List<String> all = new ArrayList<>(secrets());
    all.add(FOREIGN_SECRET);
    all.add(FOREIGN_URL_PASSWORD);
    for (String secret : all) {
      if (!secret.isEmpty() && text.contains(secret)) {
        fail("a secret was " + where + ":\n" + text.replace(secret, "<the secret>"));
      }
    }
  }

  /** Work that may throw, for {@link #captureOutput}. */
  private interface Work {
    void run() throws Exception;
  }

  /**
   * Runs work while capturing {@code System.out}, {@code System.err} and every
   * {@code java.util.logging} record, whatever its level.
   */
  private static String captureOutput(Work work) throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    PrintStream capture = new PrintStream(captured, true, StandardCharsets.UTF_8);
    ByteArrayOutputStream logged = new ByteArrayOutputStream();
    JulCapture jul = JulCapture.start(logged);
    System.setOut(capture);
    System.setErr(capture);
    try {
      work.run();
    } finally {
      System.setOut(out);
      System.setErr(err);
      jul.close();
    }
    return captured.toString(StandardCharsets.UTF_8) + logged.toString(StandardCharsets.UTF_8);
  }

  /**
   * Records every {@code java.util.logging} record (where {@code System.Logger} goes by default) in a
   * stream, at every level, with the root logger's own handlers muted meanwhile. Written with
   * reflection because this module does not read {@code java.logging}; when that module is not in the
   * runtime, there is nothing to capture and this does nothing.
   */
  private static final class JulCapture implements AutoCloseable {
    private final Object root;
    private final Object handler;
    private final Object previousLevel;
    private final Map<Object, Object> mutedHandlers;
    private final Class<?> loggerType;
    private final Class<?> handlerType;
    private final Class<?> levelType;

    private JulCapture(Object root, Object handler, Object previousLevel, Map<Object, Object> mutedHandlers,
        Class<?> loggerType, Class<?> handlerType, Class<?> levelType) {
      this.root = root;
      this.handler = handler;
      this.previousLevel = previousLevel;
      this.mutedHandlers = mutedHandlers;
      this.loggerType = loggerType;
      this.handlerType = handlerType;
      this.levelType = levelType;
    }

    static JulCapture start(java.io.OutputStream sink) {
      Class<?> loggerType;
      try {
        loggerType = Class.forName("java.util.logging.Logger");
      } catch (ClassNotFoundException absent) {
        return new JulCapture(null, null, null, Map.of(), null, null, null);
      }
      try {
        Class<?> handlerType = Class.forName("java.util.logging.Handler");
        Class<?> levelType = Class.forName("java.util.logging.Level");
        Class<?> formatterType = Class.forName("java.util.logging.Formatter");
        Object all = levelType.getField("ALL").get(null);
        Object off = levelType.getField("OFF").get(null);
        Object formatter = Class.forName("java.util.logging.SimpleFormatter").getConstructor().newInstance();
        Object handler = Class.forName("java.util.logging.StreamHandler")
            .getConstructor(java.io.OutputStream.class, formatterType).newInstance(sink, formatter);
        handlerType.getMethod("setEncoding", String.class).invoke(handler, "UTF-8");
        handlerType.getMethod("setLevel", levelType).invoke(handler, all);
        Object root = loggerType.getMethod("getLogger", String.class).invoke(null, "");
        Map<Object, Object> muted = new LinkedHashMap<>();
        for (Object h : (Object[]) loggerType.getMethod("getHandlers").invoke(root)) {
          muted.put(h, handlerType.getMethod("getLevel").invoke(h));
          handlerType.getMethod("setLevel", levelType).invoke(h, off);
        }
        Object previous = loggerType.getMethod("getLevel").invoke(root);
        loggerType.getMethod("addHandler", handlerType).invoke(root, handler);
        loggerType.getMethod("setLevel", levelType).invoke(root, all);
        return new JulCapture(root, handler, previous, muted, loggerType, handlerType, levelType);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot capture java.util.logging: " + e, e);
      }
    }

    @Override
    public void close() {
      if (root == null) {
        return;
      }
      try {
        handlerType.getMethod("flush").invoke(handler);
        loggerType.getMethod("removeHandler", handlerType).invoke(root, handler);
        loggerType.getMethod("setLevel", levelType).invoke(root, previousLevel);
        for (Map.Entry<Object, Object> e : mutedHandlers.entrySet()) {
          handlerType.getMethod("setLevel", levelType).invoke(e.getKey(), e.getValue());
        }
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("cannot restore java.util.logging: " + e, e);
      }
    }
  }

  private static Set<Thread> liveThreads() {
    return new HashSet<>(Thread.getAllStackTraces().keySet());
  }

  private void assertNoNewThreadsAlive(Set<Thread> before, String when) {
    long deadline = System.nanoTime() + threadStopTimeout().toNanos();
    List<Thread> alive = new ArrayList<>();
    for (Thread t : liveThreads()) {
      if (before.contains(t) || t == Thread.currentThread() || t.getName().startsWith(COMMON_POOL_PREFIX)) {
        continue;
      }
      try {
        t.join(Math.max(1, (deadline - System.nanoTime()) / 1_000_000L));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        fail("interrupted while waiting for thread " + t.getName());
      }
      if (t.isAlive()) {
        alive.add(t);
      }
    }
    if (!alive.isEmpty()) {
      StringBuilder sb = new StringBuilder();
      for (Thread t : alive) {
        sb.append("\n  ").append(t.getName()).append(" (").append(t.getState())
            .append(t.isDaemon() ? ", daemon" : "").append(')');
        StackTraceElement[] stack = t.getStackTrace();
        for (int i = 0; i < Math.min(6, stack.length); i++) {
          sb.append("\n      at ").append(stack[i]);
        }
      }
      fail("threads started by the exporter are still alive " + threadStopTimeout() + " " + when + ":" + sb);
    }
  }

  /**
   * The report of the kit: every status, a tracker, a cold start and a start-up problem.
   */
  private static HealthReport kitReport(Instant now) {
    Duration fiveMinutes = Duration.ofMinutes(5);
    WindowStats busy = new WindowStats(fiveMinutes, 30, 6, 1_500_000, 25_000_000, 90_000_000, 120_000_000);
    WindowStats quiet = new WindowStats(fiveMinutes, 30, 0, 1_000_000, 1_200_000, 1_500_000, 2_000_000);
    Map<String, Double> availability = new LinkedHashMap<>();
    availability.put("1h", 0.98);
    availability.put("24h", 0.995);
    availability.put("7d", 0.999);
    availability.put("30d", 0.9995);
    List<ProbeReport> probes = List.of(
        probe("kit-up", Status.UP, 100, true, EnumSet.of(ProbeKind.LIVENESS, ProbeKind.READINESS),
            Optional.of(ProbeResult.up().withTiming(1_200_000, now.minusSeconds(2))), quiet, availability,
            Optional.empty(), false, now),
        probe("kit-degraded", Status.DEGRADED, 61.5, false, EnumSet.of(ProbeKind.READINESS),
            Optional.of(ProbeResult.degraded("pool waiting: 3 threads").withTiming(150_000_000, now.minusSeconds(3))),
            quiet, availability, Optional.empty(), false, now),
        probe("kit-down", Status.DOWN, 12.5, true, EnumSet.of(ProbeKind.READINESS),
            Optional.of(ProbeResult.down("connection refused").withTiming(2_000_000_000L, now.minusSeconds(4))),
            busy, availability, Optional.of(new Baseline(1_000_000, 10_000_000, 20_000_000, now.minusSeconds(3600))),
            true, now),
        probe("kit-unknown", Status.UNKNOWN, 0, true, EnumSet.of(ProbeKind.STARTUP), Optional.empty(),
            WindowStats.empty(fiveMinutes), Map.of(), Optional.empty(), false, now));
    TrackerReport api = new TrackerReport("kit-api", 87.5, LatencyBudget.API, 1_234, 17,
        new WindowStats(fiveMinutes, 200, 4, 40_000_000, 120_000_000, 300_000_000, 410_000_000),
        List.of(new WindowStats(fiveMinutes, 200, 4, 40_000_000, 120_000_000, 300_000_000, 410_000_000)),
        Map.of("1h", 0.98), Optional.empty(), false);
    Map<ProbeKind, Status> groups = new EnumMap<>(ProbeKind.class);
    groups.put(ProbeKind.LIVENESS, Status.UP);
    groups.put(ProbeKind.READINESS, Status.DOWN);
    groups.put(ProbeKind.STARTUP, Status.UNKNOWN);
    return new HealthReport(Status.DOWN, 48.0, now, now.minusSeconds(3600), Optional.of(Duration.ofMillis(212)),
        probes, List.of(api), groups, List.of("exporter 'kit-broken' failed to load: ClassNotFoundException"));
  }

  private static ProbeReport probe(String name, Status status, double score, boolean critical, Set<ProbeKind> kinds,
      Optional<ProbeResult> result, WindowStats summary, Map<String, Double> availability,
      Optional<Baseline> baseline, boolean regression, Instant now) {
    List<StatusTransition> history = status == Status.UNKNOWN ? List.of()
        : List.of(new StatusTransition(Status.UNKNOWN, status, now.minusSeconds(60), status.id()));
    return new ProbeReport(name, "kit", status, score, critical, kinds, LatencyBudget.DATABASE,
        Duration.ofSeconds(10), Duration.ofSeconds(2), result, now.minusSeconds(60), false,
        status == Status.DOWN ? 3 : 0, summary, List.of(summary), availability, history,
        result.isPresent() ? List.of(1_000_000L, result.get().latencyNanos()) : List.of(), baseline, regression);
  }

  /**
   * The part of the kit for a module that provides a {@link MetricsWriter} (what the HTTP endpoint
   * serves {@code /metrics} with) rather than an {@link ExporterFactory}. A subclass names its writer
   * class; the kit checks that:
   * <ul>
   *   <li>the writer is registered for {@link ServiceLoader};</li>
   *   <li>it chooses a content type for any {@code Accept} header, a missing or malformed one
   *       included, and writes the kit's report in each without closing the stream;</li>
   *   <li>what it writes names every probe and tracker of the report;</li>
   *   <li>it is stateless: the same report and time give the same bytes, from two threads at
   *       once as well.</li>
   * </ul>
   */
  public abstract static class MetricsWriterKit {

    private final HealthReport report = kitReport(Instant.parse("2026-11-27T10:41:07Z"));

    /** For subclasses. */
    protected MetricsWriterKit() {
    }

    /**
     * The module's writer class.
     *
     * @return the class named in {@code META-INF/services/dev.vitals.api.spi.MetricsWriter}
     */
    protected abstract Class<? extends MetricsWriter> writerType();

    /**
     * {@code Accept} headers the kit tries, besides a missing one.
     *
     * @return by default {@code *}{@code /*}, {@code text/plain}, an OpenMetrics request as
     *     Prometheus sends it, {@code application/json} and a malformed header
     */
    protected List<String> acceptHeaders() {
      return List.of("*/*", "text/plain", "application/openmetrics-text;version=1.0.0;q=0.9,text/plain;q=0.5",
          "application/json", ";;q=abc,");
    }

    /**
     * The report the kit writes: the same probes and tracker as {@link ExporterCompatibilityKit#report()}.
     *
     * @return the report
     */
    protected final HealthReport report() {
      return report;
    }

    /**
     * The module's writer, found with {@link ServiceLoader} as the HTTP endpoint finds it.
     *
     * @return a new instance
     */
    protected final MetricsWriter writer() {
      List<String> seen = new ArrayList<>();
      try {
        for (ServiceLoader.Provider<MetricsWriter> p : ServiceLoader.load(MetricsWriter.class).stream().toList()) {
          if (p.type() == writerType()) {
            return p.get();
          }
          seen.add(p.type().getName());
        }
      } catch (ServiceConfigurationError e) {
        return fail("a MetricsWriter provider failed to load: " + e, e);
      }
      return fail(writerType().getName() + " is not registered in META-INF/services/dev.vitals.api.spi.MetricsWriter;"
          + " found " + seen);
    }

    /**
     * Writes the kit's report as a string.
     *
     * @param writer the writer
     * @param contentType a content type it chose
     * @return the text written
     * @throws java.io.IOException when writing fails
     */
    protected final String write(MetricsWriter writer, String contentType) throws java.io.IOException {
      CloseRecordingStream out = new CloseRecordingStream();
      writer.write(report, report.time(), contentType, out);
      assertFalse(out.closed, "MetricsWriter.write closed the stream it was given");
      return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void writerIsRegisteredForServiceLoader() {
      assertEquals(writerType(), writer().getClass());
    }

    @Test
    void everyAcceptHeaderGetsAContentTypeAndTheReportWithEveryProbeAndTracker() throws Exception {
      MetricsWriter writer = writer();
      List<String> accepts = new ArrayList<>();
      accepts.add(null);
      accepts.addAll(acceptHeaders());
      for (String accept : accepts) {
        String type = writer.contentType(accept);
        assertNotNull(type, "contentType(" + accept + ")");
        assertFalse(type.isBlank(), "contentType(" + accept + ") is blank");
        String text = write(writer, type);
        for (ProbeReport p : report.probes()) {
          assertTrue(text.contains(p.name()), "the " + type + " output names probe " + p.name() + ":\n" + text);
        }
        for (TrackerReport t : report.trackers()) {
          assertTrue(text.contains(t.name()), "the " + type + " output names tracker " + t.name() + ":\n" + text);
        }
      }
    }

    @Test
    void theSameReportGivesTheSameBytesFromTwoThreadsAtOnce() throws Exception {
      MetricsWriter writer = writer();
      String type = writer.contentType(null);
      String expected = write(writer, type);
      java.util.concurrent.ExecutorService two = java.util.concurrent.Executors.newFixedThreadPool(2);
      try {
        List<java.util.concurrent.Future<String>> results = new ArrayList<>();
        for (int i = 0; i < 200; i++) {
          results.add(two.submit(() -> write(writer, type)));
        }
        for (java.util.concurrent.Future<String> f : results) {
          assertEquals(expected, f.get(30, java.util.concurrent.TimeUnit.SECONDS));
        }
      } finally {
        two.shutdownNow();
      }
    }
  }

  /** A byte sink that remembers whether it was closed. */
  private static final class CloseRecordingStream extends ByteArrayOutputStream {
    volatile boolean closed;

    @Override
    public void close() {
      closed = true;
    }
  }

  /**
   * The kit's {@link ExporterContext}: fixed settings, the kit's report and clock, and lists that
   * record what the exporter registers. Tests of an exporter outside the kit make one with
   * {@link #of(Map, Supplier, Clock)}. Thread-safe.
   */
  public static final class RecordingContext implements ExporterContext {
    private final Config config;
    private final Supplier<HealthReport> reports;
    private final Clock clock;
    private final List<HealthListener> listeners = new CopyOnWriteArrayList<>();
    private final List<ProbeObserver> observers = new CopyOnWriteArrayList<>();

    RecordingContext(Map<String, String> settings, HealthReport report, Clock clock) {
      this(settings, () -> report, clock);
    }

    private RecordingContext(Map<String, String> settings, Supplier<HealthReport> reports, Clock clock) {
      this.config = Config.of(settings);
      this.reports = reports;
      this.clock = clock;
    }

    /**
     * A context for testing an exporter outside the kit: what a monitor would give it, with lists
     * that record the listeners and observers it registers.
     *
     * @param settings the whole configuration, such as {@code vitals.logging.enabled = true}; copied;
     *     not null
     * @param reports gives {@link #report()} its answer, called on each call; not null, and it must
     *     not return null
     * @param clock the clock the exporter is given, such as a {@link ManualClock} or
     *     {@link Clock#system()}; not null
     * @return a new context
     * @throws NullPointerException if an argument, or a key of the settings, is null
     */
    public static RecordingContext of(Map<String, String> settings, Supplier<HealthReport> reports, Clock clock) {
      return new RecordingContext(Objects.requireNonNull(settings, "settings"),
          Objects.requireNonNull(reports, "reports"), Objects.requireNonNull(clock, "clock"));
    }

    /**
     * The settings.
     *
     * @return the configuration given to the kit
     */
    @Override
    public Config config() {
      return config;
    }

    /**
     * The latest report.
     *
     * @return in the kit, always the kit's report; otherwise what the supplier given to
     *     {@link #of(Map, Supplier, Clock)} returns
     */
    @Override
    public HealthReport report() {
      return reports.get();
    }

    /**
     * The kit's manual clock.
     *
     * @return the clock
     */
    @Override
    public Clock clock() {
      return clock;
    }

    /**
     * Records a listener.
     *
     * @param listener the listener, not null
     * @throws NullPointerException if it is null
     */
    @Override
    public void addListener(HealthListener listener) {
      listeners.add(Objects.requireNonNull(listener, "listener"));
    }

    /**
     * Records an observer.
     *
     * @param observer the observer, not null
     * @throws NullPointerException if it is null
     */
    @Override
    public void addProbeObserver(ProbeObserver observer) {
      observers.add(Objects.requireNonNull(observer, "observer"));
    }

    /**
     * The listeners registered so far.
     *
     * @return an unmodifiable snapshot, in registration order
     */
    public List<HealthListener> listeners() {
      return Collections.unmodifiableList(new ArrayList<>(listeners));
    }

    /**
     * The observers registered so far.
     *
     * @return an unmodifiable snapshot, in registration order
     */
    public List<ProbeObserver> observers() {
      return Collections.unmodifiableList(new ArrayList<>(observers));
    }
  }
}
