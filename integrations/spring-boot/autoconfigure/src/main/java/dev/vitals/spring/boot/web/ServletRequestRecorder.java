package dev.vitals.spring.boot.web;

import dev.vitals.api.Clock;
import dev.vitals.api.Tracker;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/** {@link RequestRecorder} for Spring MVC (servlet) requests. */
final class ServletRequestRecorder extends RequestRecorder<ServerRequestObservationContext> {

  ServletRequestRecorder(Tracker service, RouteTrackers routes, boolean clientErrorsFail, Clock clock) {
    super(ServerRequestObservationContext.class, service, routes, clientErrorsFail, clock);
  }

  @Override
  int status(ServerRequestObservationContext context) {
    HttpServletResponse response = context.getResponse();
    return response == null ? 0 : response.getStatus();
  }

  @Override
  String method(ServerRequestObservationContext context) {
    HttpServletRequest request = context.getCarrier();
    return request == null ? null : request.getMethod();
  }

  @Override
  String route(ServerRequestObservationContext context) {
    return context.getPathPattern();
  }
}
