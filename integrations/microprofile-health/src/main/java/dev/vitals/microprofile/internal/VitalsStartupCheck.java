package dev.vitals.microprofile.internal;

import dev.vitals.api.ProbeKind;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Startup;

/** Vitals' own startup probes (not the adapted checks) in MicroProfile Health, from the latest report. */
@Startup
@ApplicationScoped
public class VitalsStartupCheck implements HealthCheck {

  @Inject
  VitalsHealth vitals;

  @Override
  public HealthCheckResponse call() {
    return vitals.group(ProbeKind.STARTUP);
  }
}
