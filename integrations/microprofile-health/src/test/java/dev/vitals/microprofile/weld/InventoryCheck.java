package dev.vitals.microprofile.weld;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** An ordinary readiness check; its response's name gives the probe's: {@code Inventory-check}. */
@Readiness
@ApplicationScoped
public class InventoryCheck implements HealthCheck {

  static final Set<String> CALLERS = ConcurrentHashMap.newKeySet();

  @Override
  public HealthCheckResponse call() {
    CALLERS.add(Thread.currentThread().getName());
    return HealthCheckResponse.named("Inventory check").up().withData("items", 42L).build();
  }
}
