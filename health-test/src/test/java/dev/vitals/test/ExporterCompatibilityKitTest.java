package dev.vitals.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.HealthListener;
import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.ExporterContext;
import dev.vitals.api.spi.ExporterFactory;
import dev.vitals.api.spi.MetricsWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the kit's checks against exporters written for the purpose: one that does everything right
 * passes them all, and each that breaks one rule fails the check for that rule. The exporters are
 * registered for {@link java.util.ServiceLoader} through a class loader over a services file written
 * to a temporary directory, set as the thread's context class loader (where ServiceLoader looks).
 */
class ExporterCompatibilityKitTest {

  static final String TOKEN = "kit-test-token-31b7";

  /** Holds the threads of the leaky exporter until the test ends. */
  static volatile CountDownLatch leak = new CountDownLatch(1);

  @TempDir
  Path dir;

  private ClassLoader previous;
  private URLClassLoader loader;

  @BeforeEach
  void registerTheTestExporters() throws IOException {
    Path services = dir.resolve("META-INF/services");
    Files.createDirectories(services);
    StringBuilder lines = new StringBuilder();
    for (Class<?> c : List.of(GoodFactory.class, LeakyFactory.class, ThrowingCloseFactory.class,
        PrintingFactory.class, LoggingSecretFactory.class, MisnamedFactory.class, LaxFactory.class,
        EagerFactory.class, ListeningWhenOffFactory.class)) {
      lines.append(c.getName()).append('\n');
    }
    Files.writeString(services.resolve(ExporterFactory.class.getName()), lines, StandardCharsets.UTF_8);
    Files.writeString(services.resolve(MetricsWriter.class.getName()),
        GoodWriter.class.getName() + "\n" + ClosingWriter.class.getName() + "\n" + ForgetfulWriter.class.getName()
            + "\n", StandardCharsets.UTF_8);
    previous = Thread.currentThread().getContextClassLoader();
    loader = new URLClassLoader(new URL[] {dir.toUri().toURL()}, getClass().getClassLoader());
    Thread.currentThread().setContextClassLoader(loader);
  }

  @AfterEach
  void restore() throws IOException {
    Thread.currentThread().setContextClassLoader(previous);
    loader.close();
    leak.countDown();
    leak = new CountDownLatch(1);
  }

  @Test
  void aConformingExporterPassesEveryCheck() throws Exception {
    Kit kit = new Kit("kitgood");
    kit.factoryIsRegisteredForServiceLoaderUnderItsName();
    kit.withoutSettingsOfItsOwnTheFactoryDeclinesOrCreatesAsDeclared();
    kit.enablingSettingsCreateAnExporterNamedAsItsFactory();
    kit.closeIsIdempotentAndNeverThrows();
    kit.eventsAfterCloseAreTakenWithoutAnException();
    kit.afterCloseNoThreadTheExporterStartedIsAlive();
    kit.aBadValueIsAConfigExceptionNamingTheKeyAndLeavesNothingRunning();
    kit.nothingSecretInTheConfigurationIsPrinted();
    kit.aRefusedConfigurationDoesNotShowItsSecrets();
    assertThat(GoodFactory.events.get()).as("events the kit delivered to the listener").isPositive();
  }

  @Test
  void anUnregisteredExporterFailsTheServiceLoaderCheck() {
    assertThatThrownBy(() -> new Kit("kitmissing").factoryIsRegisteredForServiceLoaderUnderItsName())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("no ExporterFactory named 'kitmissing'")
        .hasMessageContaining("kitgood");
  }

  @Test
  void aThreadLeftRunningAfterCloseFailsTheKit() {
    assertThatThrownBy(() -> new Kit("kitleaky").afterCloseNoThreadTheExporterStartedIsAlive())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("kitleaky-worker");
  }

  @Test
  void aCloseThatThrowsTheSecondTimeFailsTheKit() {
    assertThatThrownBy(() -> new Kit("kitthrowing").closeIsIdempotentAndNeverThrows())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("close() call 2 threw");
  }

  @Test
  void aListenerThatThrowsAfterCloseFailsTheKit() {
    assertThatThrownBy(() -> new Kit("kitthrowing").eventsAfterCloseAreTakenWithoutAnException())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("closed exporter");
  }

  @Test
  void aTokenPrintedToSystemErrFailsTheKitWithoutShowingIt() {
    assertThatThrownBy(() -> new Kit("kitprinting").nothingSecretInTheConfigurationIsPrinted())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("a secret was printed")
        .hasMessageContaining("token is <the secret>")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(TOKEN));
  }

  @Test
  void aForeignPasswordLoggedThroughSystemLoggerAtDebugFailsTheKit() {
    assertThatThrownBy(() -> new Kit("kitlogging").nothingSecretInTheConfigurationIsPrinted())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("a secret was printed")
        .hasMessageContaining("settings: ");
  }

  @Test
  void aSecretInAConfigExceptionFailsTheKit() {
    assertThatThrownBy(() -> new Kit("kitprinting").aRefusedConfigurationDoesNotShowItsSecrets())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("in the ConfigException's message");
  }

  @Test
  void anExporterNamedOtherwiseThanItsFactoryFailsTheKit() {
    assertThatThrownBy(() -> new Kit("kitmisnamed").enablingSettingsCreateAnExporterNamedAsItsFactory())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected: <kitmisnamed> but was: <something-else>");
  }

  @Test
  void aBadValueThatIsIgnoredFailsTheKit() {
    assertThatThrownBy(() -> new Kit("kitlax").aBadValueIsAConfigExceptionNamingTheKeyAndLeavesNothingRunning())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("expected a ConfigException naming vitals.kitlax.enabled")
        .hasMessageContaining("created an exporter");
  }

  @Test
  void anExporterOnByDefaultFailsWhenDeclaredOffAndPassesWhenDeclaredOn() {
    assertThatThrownBy(() -> new Kit("kiteager").withoutSettingsOfItsOwnTheFactoryDeclinesOrCreatesAsDeclared())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("declared off by default, but the factory created an exporter");
    Kit onByDefault = new Kit("kiteager") {
      @Override
      protected boolean enabledByDefault() {
        return true;
      }
    };
    assertThatCode(onByDefault::withoutSettingsOfItsOwnTheFactoryDeclinesOrCreatesAsDeclared).doesNotThrowAnyException();
    assertThatThrownBy(() -> new Kit("kitgood") {
      @Override
      protected boolean enabledByDefault() {
        return true;
      }
    }.withoutSettingsOfItsOwnTheFactoryDeclinesOrCreatesAsDeclared())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("declared enabled by default, but the factory declined");
  }

  @Test
  void aFactoryThatRegistersAListenerAndThenDeclinesFailsTheKit() {
    assertThatThrownBy(() -> new Kit("kitlistening").withoutSettingsOfItsOwnTheFactoryDeclinesOrCreatesAsDeclared())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("a factory that declines registers no listener");
  }

  @Test
  void theKitsReportHasEveryStatusATrackerAndAColdStart() {
    HealthReport report = new Kit("kitgood").report();
    assertThat(report.probes()).extracting(ProbeReport::status).map(Enum::name)
        .containsExactly("UP", "DEGRADED", "DOWN", "UNKNOWN");
    assertThat(report.trackers()).extracting(TrackerReport::name).containsExactly("kit-api");
    assertThat(report.coldStart()).contains(Duration.ofMillis(212));
    assertThat(report.probe("kit-unknown").orElseThrow().lastResult()).isEmpty();
  }

  @Test
  void aConformingMetricsWriterPassesTheWriterChecks() throws Exception {
    WriterKit kit = new WriterKit(GoodWriter.class);
    kit.writerIsRegisteredForServiceLoader();
    kit.everyAcceptHeaderGetsAContentTypeAndTheReportWithEveryProbeAndTracker();
    kit.theSameReportGivesTheSameBytesFromTwoThreadsAtOnce();
  }

  @Test
  void aMetricsWriterThatClosesTheStreamFailsTheWriterChecks() {
    assertThatThrownBy(() -> new WriterKit(ClosingWriter.class)
        .everyAcceptHeaderGetsAContentTypeAndTheReportWithEveryProbeAndTracker())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("closed the stream");
  }

  @Test
  void aMetricsWriterThatLeavesOutAProbeFailsTheWriterChecks() {
    assertThatThrownBy(() -> new WriterKit(ForgetfulWriter.class)
        .everyAcceptHeaderGetsAContentTypeAndTheReportWithEveryProbeAndTracker())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("names probe kit-unknown");
  }

  @Test
  void anUnregisteredMetricsWriterFailsTheWriterChecks() {
    assertThatThrownBy(() -> new WriterKit(UnregisteredWriter.class).writerIsRegisteredForServiceLoader())
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("is not registered");
  }

  /** The kit for one of the test exporters: enabled by {@code vitals.<name>.enabled=true}. */
  static class Kit extends ExporterCompatibilityKit {
    private final String name;

    Kit(String name) {
      this.name = name;
    }

    @Override
    protected String exporterName() {
      return name;
    }

    @Override
    protected Map<String, String> enablingConfig() {
      return Map.of("vitals." + name + ".enabled", "true");
    }

    @Override
    protected Map<String, String> secretConfig() {
      return Map.of("vitals." + name + ".token", TOKEN);
    }

    @Override
    protected Duration threadStopTimeout() {
      return Duration.ofMillis(500);
    }
  }

  /** The writer part of the kit for one of the test writers. */
  static final class WriterKit extends MetricsWriterCompatibilityKit {
    private final Class<? extends MetricsWriter> type;

    WriterKit(Class<? extends MetricsWriter> type) {
      this.type = type;
    }

    @Override
    protected Class<? extends MetricsWriter> writerType() {
      return type;
    }
  }

  /**
   * Does everything right: validates its setting, starts a worker thread and registers a listener
   * when enabled, stops the thread on close, prints a line that names no secret.
   */
  public static class GoodFactory implements ExporterFactory {
    static final AtomicInteger events = new AtomicInteger();

    @Override
    public String name() {
      return getClass().getSimpleName().startsWith("Good") ? "kitgood" : nameOf(this);
    }

    @Override
    public Optional<Exporter> create(ExporterContext context) {
      if (!context.config().bool("vitals." + name() + ".enabled", false)) {
        return Optional.empty();
      }
      Worker worker = new Worker(name(), context.config());
      context.addListener(worker);
      worker.start();
      System.out.println(name() + " started with " + context.config().keys().size() + " settings");
      return Optional.of(worker);
    }
  }

  private static String nameOf(ExporterFactory f) {
    String simple = f.getClass().getSimpleName();
    return "kit" + simple.substring(0, simple.length() - "Factory".length()).toLowerCase(java.util.Locale.ROOT)
        .replace("throwingclose", "throwing").replace("listeningwhenoff", "listening");
  }

  /** A well-behaved exporter: a thread that ends on close, a listener that ignores events after close. */
  static class Worker implements Exporter, HealthListener {
    final String name;
    final Config config;
    final Thread thread;
    final CountDownLatch stop = new CountDownLatch(1);
    volatile boolean closed;

    Worker(String name, Config config) {
      this.name = name;
      this.config = config;
      this.thread = new Thread(this::work, name + "-worker");
      thread.setDaemon(true);
    }

    void start() {
      thread.start();
    }

    void work() {
      try {
        stop.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public void onReport(HealthReport report) {
      if (!closed) {
        GoodFactory.events.incrementAndGet();
      }
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public void close() {
      closed = true;
      stop.countDown();
      try {
        thread.join(5_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }

    @Override
    public String toString() {
      return "Worker{" + name + "}";
    }
  }

  /** Leaves its thread running after close. */
  public static class LeakyFactory extends GoodFactory {
    @Override
    public Optional<Exporter> create(ExporterContext context) {
      if (!context.config().bool("vitals.kitleaky.enabled", false)) {
        return Optional.empty();
      }
      return Optional.of(new Worker("kitleaky", context.config()) {
        {
          start();
        }

        @Override
        public void close() {
          closed = true;
        }

        @Override
        void work() {
          try {
            leak.await();
          } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
          }
        }
      });
    }
  }

  /** Throws on a second close, and from its listener after close. */
  public static class ThrowingCloseFactory extends GoodFactory {
    @Override
    public Optional<Exporter> create(ExporterContext context) {
      if (!context.config().bool("vitals.kitthrowing.enabled", false)) {
        return Optional.empty();
      }
      Worker w = new Worker("kitthrowing", context.config()) {
        @Override
        public void onReport(HealthReport report) {
          if (closed) {
            throw new IllegalStateException("closed");
          }
        }

        @Override
        public void close() {
          if (closed) {
            throw new IllegalStateException("already closed");
          }
          super.close();
        }
      };
      context.addListener(w);
      return Optional.of(w);
    }
  }

  /** Prints its token to System.err, and puts it in its ConfigException. */
  public static class PrintingFactory extends GoodFactory {
    @Override
    public Optional<Exporter> create(ExporterContext context) {
      String token = context.config().string("vitals.kitprinting.token", "");
      String enabled = context.config().string("vitals.kitprinting.enabled", "false");
      if (!enabled.equals("true") && !enabled.equals("false")) {
        throw new dev.vitals.api.spi.ConfigException(List.of(
            "vitals.kitprinting.enabled = '" + enabled + "' is wrong (token " + token + ")"));
      }
      if (!enabled.equals("true")) {
        return Optional.empty();
      }
      System.err.println("kitprinting: token is " + token);
      return Optional.of(new Worker("kitprinting", context.config()));
    }
  }

  /** Logs every setting, another plugin's password included, through System.Logger at DEBUG. */
  public static class LoggingSecretFactory extends GoodFactory {
    @Override
    public Optional<Exporter> create(ExporterContext context) {
      if (!context.config().bool("vitals.kitlogging.enabled", false)) {
        return Optional.empty();
      }
      StringBuilder all = new StringBuilder("settings: ");
      for (String key : context.config().keys()) {
        all.append(key).append('=').append(context.config().get(key).orElse("")).append(' ');
      }
      System.getLogger("kit.test").log(System.Logger.Level.DEBUG, all.toString());
      return Optional.of(new Worker("kitlogging", context.config()));
    }

    @Override
    public String name() {
      return "kitlogging";
    }
  }

  /** Creates an exporter with another name. */
  public static class MisnamedFactory extends GoodFactory {
    @Override
    public Optional<Exporter> create(ExporterContext context) {
      return Optional.of(new Worker("something-else", context.config()));
    }
  }

  /** Ignores a bad value of its setting and creates anyway. */
  public static class LaxFactory extends GoodFactory {
    @Override
    public Optional<Exporter> create(ExporterContext context) {
      if (context.config().get("vitals.kitlax.enabled").isEmpty()) {
        return Optional.empty();
      }
      return Optional.of(new Worker("kitlax", context.config()));
    }
  }

  /** On unless {@code vitals.kiteager.enabled=false}. */
  public static class EagerFactory extends GoodFactory {
    @Override
    public Optional<Exporter> create(ExporterContext context) {
      if (!context.config().bool("vitals.kiteager.enabled", true)) {
        return Optional.empty();
      }
      return Optional.of(new Worker("kiteager", context.config()));
    }
  }

  /** Registers a listener before finding out that it is off. */
  public static class ListeningWhenOffFactory extends GoodFactory {
    @Override
    public Optional<Exporter> create(ExporterContext context) {
      Worker w = new Worker("kitlistening", context.config());
      context.addListener(w);
      if (!context.config().bool("vitals.kitlistening.enabled", false)) {
        return Optional.empty();
      }
      return Optional.of(w);
    }
  }

  /** Writes one line per probe and tracker; stateless. */
  public static class GoodWriter implements MetricsWriter {
    @Override
    public String contentType(String accept) {
      return "text/plain; charset=utf-8";
    }

    @Override
    public void write(HealthReport report, Instant now, String contentType, OutputStream out) throws IOException {
      StringBuilder sb = new StringBuilder();
      for (ProbeReport p : included(report)) {
        sb.append("probe ").append(p.name()).append(' ').append(p.score()).append('\n');
      }
      for (TrackerReport t : report.trackers()) {
        sb.append("tracker ").append(t.name()).append(' ').append(t.count()).append('\n');
      }
      sb.append("uptime ").append(report.uptime(now).toMillis()).append('\n');
      out.write(sb.toString().getBytes(StandardCharsets.UTF_8));
    }

    List<ProbeReport> included(HealthReport report) {
      return report.probes();
    }
  }

  /** Closes the stream it is given. */
  public static class ClosingWriter extends GoodWriter {
    @Override
    public void write(HealthReport report, Instant now, String contentType, OutputStream out) throws IOException {
      super.write(report, now, contentType, out);
      out.close();
    }
  }

  /** Leaves out probes without a result. */
  public static class ForgetfulWriter extends GoodWriter {
    @Override
    List<ProbeReport> included(HealthReport report) {
      return report.probes().stream().filter(p -> p.lastResult().isPresent()).toList();
    }
  }

  /** Not in the services file. */
  public static class UnregisteredWriter extends GoodWriter {
  }
}
