package dev.vitals.dropwizard;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.codahale.metrics.health.HealthCheckRegistryListener;
import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeReport;
import dev.vitals.core.HealthMonitor;
import dev.vitals.exporter.http.HealthServlet;
import io.dropwizard.core.ConfiguredBundle;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import io.dropwizard.metrics.servlets.HealthCheckServlet;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletResponse;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * Vitals in a Dropwizard application: one monitor built from the application's {@code vitals} configuration
 * and its health checks, the admin {@code /healthcheck} answered from Vitals' report, and the monitor's
 * lifecycle managed by the application's.
 *
 * <pre>{@code
 * public void initialize(Bootstrap<OrdersConfiguration> bootstrap) {
 *   bootstrap.addBundle(VitalsBundle.of(OrdersConfiguration::getVitals));
 * }
 * }</pre>
 *
 * <p>What it does:
 * <ul>
 *   <li>When the application's lifecycle starts (after {@code Application.run}, before the server accepts
 *       connections) it builds the monitor: the {@link VitalsConfiguration}'s settings and properties file
 *       (plus environment variables, as always), what {@link #customize} adds, and one probe per check of
 *       {@code environment.healthChecks()} ({@link DropwizardProbes}); then starts it. A configuration
 *       mistake fails the application's start with Vitals' message. When the lifecycle stops it closes
 *       the monitor.</li>
 *   <li>Unless {@link VitalsConfiguration#adminHealthCheck()} is false (or Dropwizard's own {@code
 *       admin.healthChecks.servletEnabled} is), the admin {@code /healthcheck} is
 *       served by Dropwizard's own {@code HealthCheckServlet} over a registry of report-backed checks
 *       ({@link VitalsHealthChecks}): the same JSON and status codes as before, each check under its
 *       Dropwizard name, plus every other Vitals probe (configured ones, such as a {@code jdbc} probe)
 *       under its own name. A request never runs a check, so a hung check no longer hangs the admin
 *       endpoint: after its probe's timeout it shows unhealthy ({@code timed out after 2s}). {@code
 *       environment.healthChecks()} itself is left as it is.</li>
 *   <li>A check registered in {@code environment.healthChecks()} after the monitor was built is not
 *       monitored (the engine's probes are fixed when it is built): the admin page shows it unhealthy with
 *       a message saying so, and a WARN is logged once.</li>
 *   <li>With {@link VitalsConfiguration#endpoint()}, Vitals' own endpoint ({@code HealthServlet}: {@code
 *       /health}, {@code /health/live|ready|started}, {@code /metrics} with {@code exporter-prometheus},
 *       {@code /status}) is served under the admin context at {@code /vitals/*}, with the monitor's {@code
 *       vitals.http.details} and {@code vitals.http.token} (from any source: YAML, properties file, {@code
 *       VITALS_*} variables, {@code ${NAME}} references).</li>
 * </ul>
 *
 * <p>Immutable; one bundle belongs to one application. {@link #monitor()} is thread-safe.
 *
 * @param <T> the application's configuration type
 */
public final class VitalsBundle<T> implements ConfiguredBundle<T> {

  /** Where the endpoint is mounted in the admin context. */
  public static final String ENDPOINT_MAPPING = "/vitals/*";

  /** The message of a check registered after the monitor was built. */
  static final String NOT_MONITORED = "registered after the Vitals monitor was built: not monitored;"
      + " register health checks in Application.run";

  private final Function<? super T, VitalsConfiguration> configuration;
  private final Consumer<HealthMonitor.Builder> customizer;
  private volatile HealthMonitor monitor;

  private VitalsBundle(Function<? super T, VitalsConfiguration> configuration,
      Consumer<HealthMonitor.Builder> customizer) {
    this.configuration = configuration;
    this.customizer = customizer;
  }

  /**
   * A bundle that reads its settings from the application's configuration.
   *
   * @param <T> the application's configuration type
   * @param configuration gives the {@code vitals} section, such as {@code OrdersConfiguration::getVitals};
   *     it may return null, meaning {@link VitalsConfiguration#defaults()}
   * @return the bundle
   */
  public static <T> VitalsBundle<T> of(Function<? super T, VitalsConfiguration> configuration) {
    return new VitalsBundle<>(Objects.requireNonNull(configuration, "configuration"), b -> { });
  }

  /**
   * A bundle with the default configuration: the application's checks as probes, plus {@code VITALS_*}
   * environment variables.
   *
   * @param <T> the application's configuration type
   * @return the bundle
   */
  public static <T> VitalsBundle<T> withDefaults() {
    return of(c -> VitalsConfiguration.defaults());
  }

  /**
   * A bundle that also hands the monitor's builder to {@code customizer} before it is built: probes written
   * in code, listeners, a clock.
   *
   * @param customizer called once, on the thread that starts the application, before the application's
   *     checks are added
   * @return a new bundle
   */
  public VitalsBundle<T> customize(Consumer<HealthMonitor.Builder> customizer) {
    Objects.requireNonNull(customizer, "customizer");
    Consumer<HealthMonitor.Builder> before = this.customizer;
    return new VitalsBundle<>(configuration, b -> {
      before.accept(b);
      customizer.accept(b);
    });
  }

  /**
   * The monitor, once the application's lifecycle has started it.
   *
   * @return the running monitor; empty before the start and after the stop
   */
  public Optional<HealthMonitor> monitor() {
    return Optional.ofNullable(monitor);
  }

  private HealthReport report() {
    HealthMonitor m = monitor;
    if (m == null) {
      throw new IllegalStateException("the Vitals monitor is not running (the application has not started, or"
          + " has stopped)");
    }
    return m.report();
  }

  @Override
  public void run(T appConfiguration, Environment environment) {
    VitalsConfiguration vc = configuration.apply(appConfiguration);
    VitalsConfiguration settings = vc == null ? VitalsConfiguration.defaults() : vc;
    HealthCheckRegistry admin = new HealthCheckRegistry();
    if (settings.adminHealthCheck() && environment.admin().isHealthCheckServletEnabled()) {
      // an exact mapping wins over the admin servlet's /*: Dropwizard's own servlet, over report-backed checks
      environment.admin().addServlet("vitals-healthcheck", new HealthCheckServlet(admin)).addMapping("/healthcheck");
    }
    Endpoint endpoint = null;
    if (settings.endpoint()) {
      // mounted now, created when the monitor is built: its options come from the monitor's resolved
      // configuration (properties file, VITALS_* variables, ${NAME} references applied)
      endpoint = new Endpoint();
      environment.admin().addServlet("vitals", endpoint).addMapping(ENDPOINT_MAPPING);
    }
    environment.lifecycle().manage(new Lifecycle(settings, environment.healthChecks(), admin, endpoint));
  }

  /** Builds, starts and closes the monitor with the application. */
  private final class Lifecycle implements Managed {
    private final VitalsConfiguration settings;
    private final HealthCheckRegistry checks;
    private final HealthCheckRegistry admin;
    /** Null without the endpoint. */
    private final Endpoint endpoint;
    private RegistryLink link;
    private HealthCheckRegistryListener lateChecks;

    Lifecycle(VitalsConfiguration settings, HealthCheckRegistry checks, HealthCheckRegistry admin, Endpoint endpoint) {
      this.settings = settings;
      this.checks = checks;
      this.admin = admin;
      this.endpoint = endpoint;
    }

    @Override
    public void start() {
      HealthMonitor.Builder builder = HealthMonitor.builder().config(settings.settings());
      settings.propertiesFile().ifPresent(builder::propertiesFile);
      customizer.accept(builder);
      link = DropwizardProbes.link(builder, checks);
      HealthMonitor m;
      try {
        m = builder.build().start();
      } catch (RuntimeException e) {
        checks.removeListener(link);                 // a configuration mistake: the application does not start
        link = null;
        throw e;
      }
      monitor = m;
      if (endpoint != null) {
        endpoint.target = new HealthServlet(VitalsBundle.this::report, HealthServlet.Options.from(m.config()));
      }
      // the admin page: each converted check under its Dropwizard name, every other probe under its own
      Map<String, String> names = new LinkedHashMap<>();
      link.checks().forEach((check, probe) -> names.put(probe, check));
      for (ProbeReport p : m.report().probes()) {
        if (!names.containsKey(p.name()) && !names.containsValue(p.name())) {
          names.put(p.name(), p.name());
        }
      }
      VitalsHealthChecks.registerAll(admin, VitalsBundle.this::report, names);
      lateChecks = new LateChecks(link, admin, VitalsBundle.this::report);
      checks.addListener(lateChecks);
    }

    @Override
    public void stop() {
      if (lateChecks != null) {
        checks.removeListener(lateChecks);
      }
      if (link != null) {
        checks.removeListener(link);
      }
      for (String name : admin.getNames()) {
        admin.unregister(name);
      }
      if (endpoint != null) {
        endpoint.target = null;
      }
      HealthMonitor m = monitor;
      monitor = null;
      if (m != null) {
        m.close();
      }
    }
  }

  /** Keeps the admin page in step with checks registered or removed after the monitor was built. */
  private static final class LateChecks implements HealthCheckRegistryListener {
    private final RegistryLink link;
    private final HealthCheckRegistry admin;
    private final java.util.function.Supplier<HealthReport> reports;

    LateChecks(RegistryLink link, HealthCheckRegistry admin, java.util.function.Supplier<HealthReport> reports) {
      this.link = link;
      this.admin = admin;
      this.reports = reports;
    }

    @Override
    public void onHealthCheckAdded(String name, HealthCheck healthCheck) {
      if (admin.getNames().contains(name) || healthCheck instanceof ReportHealthCheck) {
        return;
      }
      String probe = link.checks().get(name);
      if (probe != null) {
        admin.register(name, new ReportHealthCheck(reports, probe));   // registered again: its probe runs again
      } else if (link.isLate(name)) {
        admin.register(name, new NotMonitored());
      }
    }

    @Override
    public void onHealthCheckRemoved(String name, HealthCheck healthCheck) {
      if (admin.getHealthCheck(name) instanceof NotMonitored || link.checks().containsKey(name)) {
        admin.unregister(name);
      }
    }
  }

  /** Vitals' HealthServlet, mounted before the monitor exists and created with it. */
  private static final class Endpoint extends HttpServlet {
    private static final long serialVersionUID = 1L;
    private transient volatile HealthServlet target;

    @Override
    public void service(ServletRequest request, ServletResponse response) throws ServletException, IOException {
      HealthServlet t = target;
      if (t == null) {
        ((HttpServletResponse) response).sendError(503, "the Vitals monitor is not running");
        return;
      }
      t.service(request, response);
    }
  }

  /** What the admin page shows for a check Vitals does not monitor. */
  private static final class NotMonitored extends HealthCheck {
    @Override
    protected Result check() {
      return Result.unhealthy(NOT_MONITORED);
    }
  }
}
