package dev.vitals.microprofile.internal;

import dev.vitals.api.ProbeKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Vitals' own readiness probes (not the adapted checks) in MicroProfile Health, from the latest report. */
@Readiness
@ApplicationScoped
public class VitalsReadinessCheck implements HealthCheck {

  @Inject
  VitalsHealth vitals;

  @Override
  public HealthCheckResponse call() {
    return vitals.group(ProbeKind.READINESS);
  }
}
