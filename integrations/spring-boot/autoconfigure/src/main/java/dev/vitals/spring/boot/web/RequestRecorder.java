package dev.vitals.spring.boot.web;

import dev.vitals.api.Clock;
import dev.vitals.api.Tracker;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.Objects;
import java.util.function.Supplier;

/**
 * Records each HTTP server request into the service tracker (and, when on, its route's tracker), as an
 * {@link ObservationHandler} of Spring's {@code http.server.requests} observations. Subclasses read the
 * method, status and route template of one stack's context (MVC or WebFlux).
 *
 * <p><b>Outcome.</b> A request fails when it ended with an exception or a {@code 5xx} status; a
 * {@code 4xx} is a success unless {@code vitals.spring.web.client-errors-fail=true}.
 *
 * <p><b>Cost.</b> The start time is kept in the context as one small object (the observation's own map
 * is the only place that lives as long as the request); everything else is reads and the trackers'
 * lock-free, allocation-free {@link Tracker#record(long, boolean)}.
 *
 * <p><b>Late binding.</b> What it records into (the trackers, the settings) is resolved from the monitor
 * on the first request, not when the bean is made: Boot's {@code ObservationRegistry} creates its handlers
 * early, and a monitor made then would pull in the probes' beans (a Redis connection factory that is
 * itself observed), a cycle Spring refuses.
 *
 * <p>Thread-safe: {@code onStart} and {@code onStop} of one request may run on different threads.
 *
 * @param <C> the context type
 */
abstract class RequestRecorder<C extends Observation.Context> implements ObservationHandler<Observation.Context> {

  private final Class<C> type;
  private final Supplier<Target> targets;
  private final Clock clock;
  private volatile Target target;

  RequestRecorder(Class<C> type, Supplier<Target> targets, Clock clock) {
    this.type = Objects.requireNonNull(type, "type");
    this.targets = Objects.requireNonNull(targets, "targets");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** What requests are recorded into: resolved once, on the first request that ends. */
  private Target target() {
    Target t = target;
    if (t == null) {
      synchronized (this) {
        t = target;
        if (t == null) {
          t = Objects.requireNonNull(targets.get(), "target");
          target = t;
        }
      }
    }
    return t;
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return type.isInstance(context);
  }

  @Override
  public void onStart(Observation.Context context) {
    context.put(Start.class, new Start(clock.nanoTime()));
  }

  @Override
  public void onStop(Observation.Context context) {
    Start start = context.get(Start.class);
    if (start == null) {
      return;
    }
    long nanos = clock.nanoTime() - start.nanos;
    Target t = target();
    C c = type.cast(context);
    int status = status(c);
    boolean success = context.getError() == null && status < 500 && (!t.clientErrorsFail || status < 400);
    t.service.record(nanos, success);
    if (t.routes != null) {
      String route = status == 404 ? null : route(c);
      t.routes.tracker(method(c), route).record(nanos, success);
    }
  }

  /** The response status, 0 when unknown. */
  abstract int status(C context);

  /** The request method as sent. */
  abstract String method(C context);

  /** The matched route template, or null. */
  abstract String route(C context);

  /** The trackers requests go to and how an outcome is judged. */
  static final class Target {
    final Tracker service;
    /** Null when per-route trackers are off. */
    final RouteTrackers routes;
    final boolean clientErrorsFail;

    Target(Tracker service, RouteTrackers routes, boolean clientErrorsFail) {
      this.service = Objects.requireNonNull(service, "service");
      this.routes = routes;
      this.clientErrorsFail = clientErrorsFail;
    }
  }

  /** When a request started, in the clock's nanoseconds. */
  static final class Start {
    final long nanos;

    Start(long nanos) {
      this.nanos = nanos;
    }
  }
}
