package dev.vitals.microprofile.internal;

import jakarta.annotation.Priority;
import jakarta.decorator.Decorator;
import jakarta.decorator.Delegate;
import jakarta.enterprise.inject.Any;
import jakarta.enterprise.inject.Decorated;
import jakarta.enterprise.inject.spi.Bean;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Keeps a check that Vitals runs as a probe off MicroProfile Health's request thread: a call from Vitals
 * (its probe runs, marked by {@link ProbeCalls}) goes through to the check; every other call of an adapted
 * check (SmallRye Health serving {@code /q/health}) is answered from Vitals' latest report, so a hung
 * dependency never holds the endpoint and the check is not called twice. Checks Vitals did not adapt are
 * called as before.
 */
@Decorator
@Priority(1000) // Interceptor.Priority.LIBRARY_BEFORE: enabled in every bean archive, before the application's
public class ReportAnsweringDecorator implements HealthCheck {

  @Inject
  @Delegate
  @Any
  HealthCheck delegate;

  @Inject
  @Decorated
  Bean<HealthCheck> decorated;

  @Inject
  VitalsHealth vitals;

  @Override
  public HealthCheckResponse call() {
    if (ProbeCalls.active()) {
      return delegate.call();
    }
    HealthCheckResponse answer = vitals.answer(decorated.getBeanClass());
    return answer != null ? answer : delegate.call();
  }
}
