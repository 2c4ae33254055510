package dev.vitals.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

/** A service's own routes share the endpoint's server and port. */
class ExtraHandlerTest {

  @Test
  void aServicesOwnRoutesAreServedBesideTheHealthRoutes() throws IOException {
    HttpEndpoint endpoint = HttpEndpoint.builder(() -> Fixtures.report(Fixtures.probe("db").build()))
        .port(0)
        .handler("/api/", exchange -> {
          byte[] body = ("echo " + exchange.getRequestURI().getPath()).getBytes(StandardCharsets.UTF_8);
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        })
        .start();
    try {
      assertThat(Http.get(endpoint.uri(), "/api/ping").body()).isEqualTo("echo /api/ping");
      assertThat(Http.get(endpoint.uri(), "/health").statusCode()).isEqualTo(200);
      assertThat(Http.get(endpoint.uri(), "/apix").statusCode()).isEqualTo(404);
    } finally {
      endpoint.close();
    }
  }

  @Test
  void aHandlerCannotShadowTheHealthRoutes() {
    HttpEndpoint.Builder b = HttpEndpoint.builder(() -> Fixtures.report(Fixtures.probe("db").build()));
    assertThatThrownBy(() -> b.handler("/health/x", e -> { })).hasMessageContaining("overlaps the endpoint's own /health");
    assertThatThrownBy(() -> b.handler("/", e -> { })).hasMessageContaining("must start with / and not be /");
    assertThatThrownBy(() -> b.handler("/history/", e -> { })).hasMessageContaining("overlaps the endpoint's own /history");
    assertThatThrownBy(() -> b.handler("/badge", e -> { })).hasMessageContaining("overlaps the endpoint's own /badge");
    b.handler("/api/", e -> { });
    assertThatThrownBy(() -> b.handler("/api/", e -> { })).hasMessageContaining("already has a handler");
  }
}
