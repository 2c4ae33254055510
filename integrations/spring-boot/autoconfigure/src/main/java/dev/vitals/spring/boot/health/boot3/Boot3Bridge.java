package dev.vitals.spring.boot.health.boot3;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeKind;
import dev.vitals.core.HealthMonitor;
import dev.vitals.spring.boot.internal.HealthBridge;
import dev.vitals.spring.boot.internal.SpringHealth;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.boot.actuate.availability.LivenessStateHealthIndicator;
import org.springframework.boot.actuate.availability.ReadinessStateHealthIndicator;
import org.springframework.boot.actuate.health.CompositeHealthContributor;
import org.springframework.boot.actuate.health.CompositeReactiveHealthContributor;
import org.springframework.boot.actuate.health.Health;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthIndicator;
import org.springframework.boot.actuate.health.PingHealthIndicator;
import org.springframework.boot.actuate.health.ReactiveHealthContributor;
import org.springframework.boot.actuate.health.ReactiveHealthIndicator;
import org.springframework.boot.actuate.health.Status;

/** Boot 3.5's health types to and from Vitals: probes from contributors, report-backed contributors. */
final class Boot3Bridge {

  private Boot3Bridge() {}

  /** Whether a contributor stays as it is: in-memory ones with nothing to gain from running in the background. */
  static boolean keptAsIs(Object contributor) {
    return contributor instanceof PingHealthIndicator || contributor instanceof LivenessStateHealthIndicator
        || contributor instanceof ReadinessStateHealthIndicator;
  }

  static SpringHealth neutral(Health h) {
    return h == null ? null : new SpringHealth(h.getStatus().getCode(), h.getDetails());
  }

  static Health toHealth(SpringHealth h) {
    return Health.status(status(h.code())).withDetails(h.details()).build();
  }

  static Status status(String code) {
    switch (code) {
      case "UP": return Status.UP;
      case "DOWN": return Status.DOWN;
      case "UNKNOWN": return Status.UNKNOWN;
      case "OUT_OF_SERVICE": return Status.OUT_OF_SERVICE;
      default: return new Status(code);
    }
  }

  /** The probes of a contributor: one for an indicator, one per leaf of a composite ({@code parent-child}). */
  static void probes(String probeName, HealthContributor c, List<Probe> out) {
    if (c instanceof HealthIndicator indicator) {
      out.add(HealthBridge.probe(probeName, () -> neutral(indicator.health())));
    } else if (c instanceof CompositeHealthContributor composite) {
      composite.forEach(e -> probes(HealthBridge.childName(probeName, e.getName()), e.getContributor(), out));
    }
  }

  static void reactiveProbes(String probeName, ReactiveHealthContributor c, List<Probe> out) {
    if (c instanceof ReactiveHealthIndicator indicator) {
      out.add(HealthBridge.probe(probeName, () -> neutral(indicator.health().block())));
    } else if (c instanceof CompositeReactiveHealthContributor composite) {
      composite.forEach(e -> reactiveProbes(HealthBridge.childName(probeName, e.getName()), e.getContributor(), out));
    }
  }

  /** The report-backed contributor with the same shape as the original. */
  static HealthContributor backed(HealthMonitor monitor, String probeName, Object original) {
    if (original instanceof CompositeHealthContributor composite) {
      Map<String, HealthContributor> children = new LinkedHashMap<>();
      composite.forEach(e -> children.put(e.getName(),
          backed(monitor, HealthBridge.childName(probeName, e.getName()), e.getContributor())));
      return CompositeHealthContributor.fromMap(children);
    }
    if (original instanceof CompositeReactiveHealthContributor composite) {
      Map<String, HealthContributor> children = new LinkedHashMap<>();
      composite.forEach(e -> children.put(e.getName(),
          backed(monitor, HealthBridge.childName(probeName, e.getName()), e.getContributor())));
      return CompositeHealthContributor.fromMap(children);
    }
    return new ReportIndicator(monitor, probeName);
  }

  /** A contributor that answers from the monitor's latest report, never calling the dependency. */
  static final class ReportIndicator implements HealthIndicator {
    private final HealthMonitor monitor;
    private final String probe;

    ReportIndicator(HealthMonitor monitor, String probe) {
      this.monitor = monitor;
      this.probe = probe;
    }

    @Override
    public Health health() {
      return toHealth(HealthBridge.probeHealth(monitor, probe));
    }
  }

  /** Spring's liveness or readiness state together with Vitals' group of the same kind. */
  static final class AvailabilityIndicator implements HealthIndicator {
    private final HealthIndicator spring;
    private final HealthMonitor monitor;
    private final ProbeKind kind;

    AvailabilityIndicator(HealthIndicator spring, HealthMonitor monitor, ProbeKind kind) {
      this.spring = spring;
      this.monitor = monitor;
      this.kind = kind;
    }

    @Override
    public Health health() {
      return toHealth(HealthBridge.groupHealth(monitor, kind, neutral(spring.health())));
    }
  }

  static HealthContributor availability(HealthMonitor monitor, Object original) {
    if (original instanceof ReadinessStateHealthIndicator r) {
      return new AvailabilityIndicator(r, monitor, ProbeKind.READINESS);
    }
    return new AvailabilityIndicator((LivenessStateHealthIndicator) original, monitor, ProbeKind.LIVENESS);
  }
}
