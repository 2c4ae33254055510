package dev.vitals.dropwizard;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import dev.vitals.api.Names;
import dev.vitals.api.Probe;
import dev.vitals.core.HealthMonitor;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * Dropwizard Metrics {@link HealthCheck}s as Vitals probes: each check runs on the monitor's schedule,
 * under its timeout, circuit breaker, thresholds and budget, and gets a score, figures and alerts.
 *
 * <pre>{@code
 * HealthCheckRegistry checks = environment.healthChecks();      // or any registry
 * HealthMonitor.Builder builder = HealthMonitor.builder();
 * DropwizardProbes.register(builder, checks);                   // one probe per check
 * HealthMonitor monitor = builder.build().start();
 * }</pre>
 *
 * <p><b>Results.</b> A healthy result is {@code UP}, an unhealthy one {@code DOWN}; the result's
 * message and details become the probe result's message and data, and an exception its error, each
 * passed through {@link dev.vitals.api.Redaction} (and the monitor's scrubber of configured secrets); a
 * detail whose name says it is secret ({@code password}, {@code token}, {@code api-key} ...) is masked whatever
 * its value.
 * A detail value that is not a {@code String}, {@code Boolean} or JDK number is shown as its {@code
 * toString()}. The probe's type is {@code dropwizard}.
 *
 * <p><b>Names.</b> A check's name becomes the probe's name under {@link Names#RULE}: every run of other
 * characters becomes one {@code -} ({@code db.primary} gives {@code db-primary}), leading and trailing ones are
 * dropped, the name is cut to {@value Names#MAX_LENGTH} characters, and a name taken by an earlier check
 * (in the registry's order) gets {@code -2}, {@code -3} ... When the name changed, the result carries the
 * check's own name as the detail {@value #CHECK_DETAIL}. Configure a probe under its Vitals name: {@code
 * vitals.probes.db-primary.interval = 5s}.
 *
 * <p><b>Kinds.</b> Dropwizard's {@code ThreadDeadlockHealthCheck} is a {@code liveness} probe; every
 * other check is {@code readiness} (the engine's default), unless configuration says otherwise.
 *
 * <p><b>Asynchronous checks</b> ({@code @Async}). The registry already runs them on its own scheduler and
 * keeps their latest result, which turns unhealthy when it is older than the annotation's {@code
 * healthyTtl}. Their probe reads that result at the annotation's period (its default interval) and never
 * calls the check a second time, so the dependency sees the load the application chose. Reading a kept
 * result cannot hang, so the probe's timeout and latency say nothing about the dependency for these; the
 * result carries the detail {@code async = true}.
 *
 * <p><b>Later changes.</b> A monitor's probes are fixed when it is built (see the package
 * documentation): a check registered after {@link #register} is not monitored (logged once, WARN), and a
 * check unregistered afterwards is no longer called: its probe answers {@code UP} with the message
 * {@code removed from the HealthCheckRegistry; not checked} until the monitor is rebuilt.
 *
 * <p><b>Cycles.</b> Checks that answer from a Vitals report ({@link VitalsHealthChecks}) are never turned
 * into probes, so a probe never reads its own report.
 *
 * <p>Stateless and thread-safe.
 */
public final class DropwizardProbes {

  /** The probe type of a Dropwizard health check. */
  public static final String TYPE = "dropwizard";

  /** The detail holding a check's own name when its probe's name differs. */
  public static final String CHECK_DETAIL = "check";

  private DropwizardProbes() {}

  /**
   * One probe per check in a registry now, in the registry's (name) order. Checks that answer from a
   * Vitals report ({@link VitalsHealthChecks}) are left out.
   *
   * @param registry the registry, not null
   * @return an unmodifiable list of probes
   */
  public static List<Probe> from(HealthCheckRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    List<Probe> out = new ArrayList<>();
    for (Map.Entry<String, String> e : probeNames(registry).entrySet()) {
      HealthCheck check = registry.getHealthCheck(e.getKey());
      if (check != null) {
        out.add(new DropwizardProbe(e.getValue(), e.getKey(), check, null));
      }
    }
    return Collections.unmodifiableList(out);
  }

  /**
   * One probe for one check.
   *
   * @param name the check's name; made to follow {@link Names#RULE} as described above
   * @param check the check, not null; not one that answers from a Vitals report
   * @return the probe
   * @throws IllegalArgumentException if {@code check} answers from a Vitals report (it would read its own
   *     result)
   */
  public static Probe of(String name, HealthCheck check) {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(check, "check");
    if (check instanceof ReportHealthCheck) {
      throw new IllegalArgumentException("health check '" + name + "' answers from a Vitals report;"
          + " a probe of it would read its own result");
    }
    return new DropwizardProbe(probeName(name, Set.of()), name, check, null);
  }

  /**
   * Adds one probe per check in a registry to a monitor's builder, and listens to the registry: a check
   * registered later is logged (WARN) as not monitored, and a check unregistered later is no longer
   * called (see the class documentation). Checks that answer from a Vitals report are left out.
   *
   * @param builder the monitor's builder, not null
   * @param registry the registry, not null
   * @return the names of the probes added, in the registry's order
   * @throws IllegalArgumentException if the builder already has a probe of one of those names
   */
  public static List<String> register(HealthMonitor.Builder builder, HealthCheckRegistry registry) {
    Objects.requireNonNull(builder, "builder");
    return link(builder, registry).probeNames();
  }

  /** {@link #register} for the bundle, which needs the link's view of the registry. */
  static RegistryLink link(HealthMonitor.Builder builder, HealthCheckRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    RegistryLink link = new RegistryLink(registry);
    for (Map.Entry<String, String> e : probeNames(registry).entrySet()) {
      HealthCheck check = registry.getHealthCheck(e.getKey());
      if (check != null) {
        builder.probe(link.probe(e.getValue(), e.getKey(), check));
      }
    }
    registry.addListener(link);
    return link;
  }

  /**
   * The probe name of every check of a registry that becomes a probe, by the check's name, in the
   * registry's order: the same names {@link #from} gives.
   */
  static Map<String, String> probeNames(HealthCheckRegistry registry) {
    Map<String, String> out = new LinkedHashMap<>();
    Set<String> taken = new HashSet<>();
    for (String name : registry.getNames()) {
      HealthCheck check = registry.getHealthCheck(name);
      if (check == null || check instanceof ReportHealthCheck) {
        continue;
      }
      String probe = probeName(name, taken);
      taken.add(probe);
      out.put(name, probe);
    }
    return out;
  }

  /**
   * A name that follows {@link Names#RULE}, made from a Dropwizard check's name, and not in {@code taken}.
   *
   * @param checkName the check's name
   * @param taken names already used
   * @return the probe's name
   */
  static String probeName(String checkName, Set<String> taken) {
    StringBuilder sb = new StringBuilder(Math.min(checkName.length(), Names.MAX_LENGTH));
    boolean replaced = false;
    for (int i = 0; i < checkName.length(); i++) {
      char c = checkName.charAt(i);
      boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
      if (alnum || (c == '_' || c == '-') && sb.length() > 0) {
        sb.append(c);
        replaced = false;
      } else if (sb.length() > 0 && !replaced) {
        sb.append('-');
        replaced = true;
      }
    }
    if (replaced) {
      sb.setLength(sb.length() - 1);                 // "db." gives "db", not "db-"
    }
    String base = sb.length() == 0 ? "check" : sb.toString();
    if (base.length() > Names.MAX_LENGTH) {
      base = base.substring(0, Names.MAX_LENGTH);
    }
    String name = base;
    for (int n = 2; taken.contains(name); n++) {
      String suffix = "-" + n;
      name = (base.length() + suffix.length() > Names.MAX_LENGTH
          ? base.substring(0, Names.MAX_LENGTH - suffix.length()) : base) + suffix;
    }
    return name;
  }
}
