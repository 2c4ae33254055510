package dev.vitals.example.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * An ordinary MicroProfile readiness check, written as for any Quarkus application. With
 * vitals-microprofile-health it runs as the Vitals probe {@code inventory}.
 */
@Readiness
@ApplicationScoped
public class InventoryCheck implements HealthCheck {

  /** The threads this check was called on (the test shows they are Vitals' own). */
  static final Set<String> CALLERS = ConcurrentHashMap.newKeySet();
  /** How often this check was called. */
  static final AtomicInteger CALLS = new AtomicInteger();

  @Override
  public HealthCheckResponse call() {
    CALLERS.add(Thread.currentThread().getName());
    CALLS.incrementAndGet();
    return HealthCheckResponse.named("inventory").up().withData("items", 42L).withData("warehouse", "north").build();
  }
}
