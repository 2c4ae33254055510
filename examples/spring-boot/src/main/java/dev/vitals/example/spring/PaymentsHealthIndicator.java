package dev.vitals.example.spring;

import java.util.concurrent.atomic.AtomicBoolean;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.stereotype.Component;

/**
 * An ordinary Spring Boot health indicator, as a service already has them. The starter runs it as a
 * Vitals probe named {@code payments} (in the background, with a timeout, thresholds and a score);
 * {@code /actuator/health} answers from Vitals' latest report and never calls it on a request.
 *
 * <p>{@code POST /api/payments/outage?on=true} makes it report DOWN, to watch the status change.
 */
@Component
class PaymentsHealthIndicator implements HealthIndicator {

  private final AtomicBoolean outage = new AtomicBoolean();

  @Override
  public Health health() {
    if (outage.get()) {
      return Health.down().withDetail("reason", "payments provider unreachable").build();
    }
    return Health.up().withDetail("provider", "example-payments").build();
  }

  void outage(boolean on) {
    outage.set(on);
  }
}
