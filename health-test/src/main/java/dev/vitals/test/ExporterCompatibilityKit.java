package dev.vitals.test;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assertions.fail;

import dev.vitals.api.HealthListener;
import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Regression;
import dev.vitals.api.Status;
import dev.vitals.api.StatusChange;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.ExporterFactory;
import dev.vitals.api.spi.ProbeObserver;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
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
  private final HealthReport report = KitReport.of(clock.instant());

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
    String printed = OutputCapture.capture(() -> {
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
    String printed = OutputCapture.capture(() -> thrown.add(expectConfigException(context)));
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
   * The metrics-writer kit under its former name.
   *
   * @deprecated extend {@link MetricsWriterCompatibilityKit}, which has the same methods and checks
   */
  @Deprecated
  public abstract static class MetricsWriterKit extends MetricsWriterCompatibilityKit {

    /** For subclasses. */
    protected MetricsWriterKit() {
    }
  }
}
