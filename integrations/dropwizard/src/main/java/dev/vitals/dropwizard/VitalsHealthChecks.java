package dev.vitals.dropwizard;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import dev.vitals.api.HealthReport;
import dev.vitals.api.Names;
import dev.vitals.api.ProbeReport;
import dev.vitals.core.HealthMonitor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.function.Supplier;

/**
 * Vitals' report as Dropwizard health checks, so that Dropwizard's admin {@code /healthcheck}, its
 * {@code HealthCheckServlet} and any tool that reads a {@link HealthCheckRegistry} show Vitals' probes.
 *
 * <pre>{@code
 * VitalsHealthChecks.registerAll(environment.healthChecks(), monitor);
 * }</pre>
 *
 * <p>Each check answers from {@code monitor.report()}, never by calling the dependency: it returns within
 * microseconds, whatever the dependency does. A probe that is {@code UP} or {@code DEGRADED} is healthy,
 * one that is {@code DOWN} or {@code UNKNOWN} (no result yet, or a stale one) unhealthy. The message is the
 * latest result's message; the details are {@code status}, {@code score}, {@code type}, {@code since},
 * {@code time}, {@code latencyMs}, {@code error} and {@code stale} (when true), then the latest result's own
 * data; text is passed through {@link dev.vitals.api.Redaction}. A name that is no longer in the report is
 * unhealthy ({@code no probe named 'x' in the Vitals report}).
 *
 * <p><b>No cycles.</b> A check that answers from a report is never made into a probe by {@link
 * DropwizardProbes}; and {@link #registerAll} leaves out every probe that {@link DropwizardProbes} makes of
 * a check of the same registry (that check stays registered as itself), and every name the registry
 * already holds.
 *
 * <p>Stateless and thread-safe.
 */
public final class VitalsHealthChecks {

  private VitalsHealthChecks() {}

  /**
   * A check that answers from the monitor's report for one probe.
   *
   * @param monitor a started monitor, not null
   * @param probe the probe's name (see {@link Names#RULE})
   * @return the check
   * @throws IllegalArgumentException if {@code probe} does not follow {@link Names#RULE}
   */
  public static HealthCheck of(HealthMonitor monitor, String probe) {
    Objects.requireNonNull(monitor, "monitor");
    return of(monitor::report, probe);
  }

  /**
   * A check that answers from the latest report a supplier gives for one probe.
   *
   * @param reports gives the latest report, quickly and without blocking (such as {@code monitor::report})
   * @param probe the probe's name (see {@link Names#RULE})
   * @return the check
   * @throws IllegalArgumentException if {@code probe} does not follow {@link Names#RULE}
   */
  public static HealthCheck of(Supplier<HealthReport> reports, String probe) {
    Objects.requireNonNull(reports, "reports");
    Names.check(probe, "probe");
    return new ReportHealthCheck(reports, probe);
  }

  /**
   * Registers one report-backed check per probe in the monitor's current report, named as the probe,
   * except for probes made from this registry's own checks and names the registry already holds.
   *
   * @param registry the registry, not null
   * @param monitor a started monitor, not null
   * @return the names registered, in the report's order
   * @throws IllegalStateException if the monitor is not started
   */
  public static List<String> registerAll(HealthCheckRegistry registry, HealthMonitor monitor) {
    Objects.requireNonNull(registry, "registry");
    Objects.requireNonNull(monitor, "monitor");
    HealthReport report = monitor.report();
    Set<String> own = Set.copyOf(DropwizardProbes.probeNames(registry).values());
    List<String> out = new ArrayList<>();
    for (ProbeReport p : report.probes()) {
      if (DropwizardProbes.TYPE.equals(p.type()) && own.contains(p.name())) {
        continue;                                    // made from this registry's check: not its own report
      }
      if (registry.getNames().contains(p.name())) {
        continue;
      }
      registry.register(p.name(), new ReportHealthCheck(monitor::report, p.name()));
      out.add(p.name());
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * Registers report-backed checks under given names: probe name to check name, for the bundle, which
   * shows converted checks under their Dropwizard names.
   */
  static void registerAll(HealthCheckRegistry registry, Supplier<HealthReport> reports, Map<String, String> names) {
    names.forEach((probe, check) -> registry.register(check, new ReportHealthCheck(reports, probe)));
  }
}
