package dev.vitals.microprofile.weld;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Named;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Liveness;

/** A liveness check named by {@code @Named}: its probe is {@code ping}, and start-up need not call it. */
@Liveness
@Named("ping")
@ApplicationScoped
public class PingCheck implements HealthCheck {

  static final Set<String> CALLERS = ConcurrentHashMap.newKeySet();

  @Override
  public HealthCheckResponse call() {
    CALLERS.add(Thread.currentThread().getName());
    return HealthCheckResponse.up("Ping");
  }
}
