package dev.vitals.spring.boot.web;

import dev.vitals.api.Clock;
import dev.vitals.api.Tracker;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import java.util.Objects;

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
 * <p>Thread-safe: {@code onStart} and {@code onStop} of one request may run on different threads.
 *
 * @param <C> the context type
 */
abstract class RequestRecorder<C extends Observation.Context> implements ObservationHandler<Observation.Context> {

  private final Class<C> type;
  private final Tracker service;
  private final RouteTrackers routes;
  private final boolean clientErrorsFail;
  private final Clock clock;

  RequestRecorder(Class<C> type, Tracker service, RouteTrackers routes, boolean clientErrorsFail, Clock clock) {
    this.type = Objects.requireNonNull(type, "type");
    this.service = Objects.requireNonNull(service, "service");
    this.routes = routes;
    this.clientErrorsFail = clientErrorsFail;
    this.clock = Objects.requireNonNull(clock, "clock");
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
    C c = type.cast(context);
    int status = status(c);
    boolean success = context.getError() == null && status < 500 && (!clientErrorsFail || status < 400);
    service.record(nanos, success);
    if (routes != null) {
      String route = status == 404 ? null : route(c);
      routes.tracker(method(c), route).record(nanos, success);
    }
  }

  /** The response status, 0 when unknown. */
  abstract int status(C context);

  /** The request method as sent. */
  abstract String method(C context);

  /** The matched route template, or null. */
  abstract String route(C context);

  /** When a request started, in the clock's nanoseconds. */
  static final class Start {
    final long nanos;

    Start(long nanos) {
      this.nanos = nanos;
    }
  }
}
