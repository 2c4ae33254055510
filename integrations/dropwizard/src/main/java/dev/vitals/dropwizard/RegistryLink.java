package dev.vitals.dropwizard;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.codahale.metrics.health.HealthCheckRegistryListener;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What {@link DropwizardProbes#register} made of a registry, kept up to date by listening to it: which
 * checks became probes (check name to probe name), which were unregistered since (their probes stop
 * calling them) and which were registered since (not monitored: logged once).
 */
final class RegistryLink implements HealthCheckRegistryListener {

  private static final Logger LOG = LoggerFactory.getLogger(DropwizardProbes.class);

  private final HealthCheckRegistry registry;
  /** Check name to probe name, in registration order; written before the listener is added. */
  private final Map<String, String> probes = new LinkedHashMap<>();
  /** Probe names whose check was unregistered since. */
  private final Set<String> removed = ConcurrentHashMap.newKeySet();
  /** Checks registered since, not monitored. */
  private final Set<String> late = ConcurrentHashMap.newKeySet();

  RegistryLink(HealthCheckRegistry registry) {
    this.registry = registry;
  }

  DropwizardProbe probe(String probeName, String checkName, HealthCheck check) {
    probes.put(checkName, probeName);
    return new DropwizardProbe(probeName, checkName, check, () -> removed.contains(probeName));
  }

  /** The probe names, in the registry's order. */
  List<String> probeNames() {
    return Collections.unmodifiableList(new ArrayList<>(probes.values()));
  }

  /** Check name to probe name, in the registry's order. */
  Map<String, String> checks() {
    return Collections.unmodifiableMap(probes);
  }

  /** Checks registered after the probes were made, and still registered. */
  boolean isLate(String checkName) {
    return late.contains(checkName);
  }

  HealthCheckRegistry registry() {
    return registry;
  }

  @Override
  public void onHealthCheckAdded(String name, HealthCheck healthCheck) {
    if (healthCheck instanceof ReportHealthCheck) {
      return;
    }
    String probe = probes.get(name);
    if (probe != null && removed.remove(probe)) {
      // the same name again: its probe still calls the check it was built with
      LOG.warn("Dropwizard health check '{}' was registered again after its checks were taken for a Vitals monitor: Vitals"
          + " probe '{}' keeps checking the instance it was built with; rebuild the monitor to check the new"
          + " one", name, probe);
      return;
    }
    if (probe == null && late.add(name)) {
      LOG.warn("Dropwizard health check '{}' was registered after its registry's checks were taken for a Vitals"
          + " monitor and is not monitored by Vitals: register health checks before the monitor is built (in a"
          + " Dropwizard application, in Application.run)", name);
    }
  }

  @Override
  public void onHealthCheckRemoved(String name, HealthCheck healthCheck) {
    String probe = probes.get(name);
    if (probe != null) {
      removed.add(probe);
    }
    late.remove(name);
  }
}
