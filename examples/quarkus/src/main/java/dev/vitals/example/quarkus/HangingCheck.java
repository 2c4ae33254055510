package dev.vitals.example.quarkus;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/**
 * A readiness check whose dependency never answers: it blocks forever. Without Vitals it would hold
 * {@code /q/health/ready}; with vitals-microprofile-health it is the probe {@code hanging-check} (it never
 * answers, so it is named after its class), {@code DOWN} after its 250 ms timeout.
 */
@Readiness
@ApplicationScoped
public class HangingCheck implements HealthCheck {

  /** The threads this check was called on (the test shows they are Vitals' own). */
  static final Set<String> CALLERS = ConcurrentHashMap.newKeySet();

  private final CountDownLatch never = new CountDownLatch(1);

  @Override
  public HealthCheckResponse call() {
    CALLERS.add(Thread.currentThread().getName());
    try {
      never.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return HealthCheckResponse.down("hanging");
  }
}
