package dev.vitals.spring.boot.web;

import dev.vitals.api.Clock;
import java.util.function.Supplier;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/** {@link RequestRecorder} for Spring MVC (servlet) requests. */
final class ServletRequestRecorder extends RequestRecorder<ServerRequestObservationContext> {

  ServletRequestRecorder(Supplier<Target> targets, Clock clock) {
    super(ServerRequestObservationContext.class, targets, clock);
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
