package dev.vitals.spring.boot.web;

import dev.vitals.api.Clock;
import java.util.function.Supplier;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.server.reactive.ServerHttpRequest;
import org.springframework.http.server.reactive.ServerHttpResponse;
import org.springframework.http.server.reactive.observation.ServerRequestObservationContext;

/** {@link RequestRecorder} for Spring WebFlux requests. */
final class ReactiveRequestRecorder extends RequestRecorder<ServerRequestObservationContext> {

  ReactiveRequestRecorder(Supplier<Target> targets, Clock clock) {
    super(ServerRequestObservationContext.class, targets, clock);
  }

  @Override
  int status(ServerRequestObservationContext context) {
    ServerHttpResponse response = context.getResponse();
    HttpStatusCode code = response == null ? null : response.getStatusCode();
    return code == null ? 0 : code.value();
  }

  @Override
  String method(ServerRequestObservationContext context) {
    ServerHttpRequest request = context.getCarrier();
    return request == null ? null : request.getMethod().name();
  }

  @Override
  String route(ServerRequestObservationContext context) {
    return context.getPathPattern();
  }
}
