package dev.vitals.microprofile.weld;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** A Vitals probe bean, and a check made by a producer method (which CDI cannot decorate). */
@ApplicationScoped
public class OtherBeans {

  static final AtomicInteger LEGACY_CALLS = new AtomicInteger();

  @Produces
  @ApplicationScoped
  Probe disk() {
    return Probe.of("disk", () -> ProbeResult.builder(dev.vitals.api.Status.UP).detail("freeGb", 12L).build());
  }

  @Produces
  @Readiness
  HealthCheck legacy() {
    return () -> {
      LEGACY_CALLS.incrementAndGet();
      return HealthCheckResponse.up("legacy");
    };
  }
}
