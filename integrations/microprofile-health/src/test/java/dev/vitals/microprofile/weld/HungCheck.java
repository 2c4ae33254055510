package dev.vitals.microprofile.weld;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** A readiness check that blocks until the test ends: never answers, so its probe is named {@code hung-check}. */
@Readiness
@ApplicationScoped
public class HungCheck implements HealthCheck {

  static final Set<String> CALLERS = ConcurrentHashMap.newKeySet();
  static final CountDownLatch RELEASE = new CountDownLatch(1);

  @Override
  public HealthCheckResponse call() {
    CALLERS.add(Thread.currentThread().getName());
    try {
      RELEASE.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return HealthCheckResponse.down("hung");
  }
}
