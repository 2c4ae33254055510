package dev.vitals.microprofile.internal;

import dev.vitals.api.ProbeKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** Vitals' own liveness probes (not the adapted checks) in MicroProfile Health, from the latest report. */
@Liveness
@ApplicationScoped
public class VitalsLivenessCheck implements HealthCheck {

  @Inject
  VitalsHealth vitals;

  @Override
  public HealthCheckResponse call() {
    return vitals.group(ProbeKind.LIVENESS);
  }
}
