package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Fixtures.probe;
import static dev.vitals.exporter.http.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.Status;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.test.ManualClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** HealthServlet in a real servlet container (embedded Jetty 12, Servlet 6.0), next to the JDK endpoint. */
class HealthServletTest {

  private static final String TOKEN = "servlet-token";
  private static final HealthReport REPORT = report(
      probe("db").build(),
      probe("cache").type("redis").status(Status.DOWN).critical(false).build(),
      probe("self").type("custom").kinds(ProbeKind.LIVENESS).build(),
      probe("warmup").type("custom").kinds(ProbeKind.STARTUP).noResultYet().build());

  private static final ManualClock CLOCK = new ManualClock(Fixtures.NOW);

  private static Server jetty;
  private static URI mounted;   // servlet on /vitals/* in context /app
  private static URI atRoot;    // servlet as the default servlet of context /root
  private static HttpEndpoint endpoint;

  @BeforeAll
  static void start() throws Exception {
    jetty = new Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    // one clock that stands still, so both render the same uptime
    HealthServlet.Options options = HealthServlet.Options.builder().details(Details.AUTHORIZED).token(TOKEN)
        .clock(CLOCK).build();
    ServletContextHandler app = new ServletContextHandler("/app");
    app.addServlet(new ServletHolder(new HealthServlet(() -> REPORT, options)), "/vitals/*");
    ServletContextHandler root = new ServletContextHandler("/root");
    root.addServlet(new ServletHolder(new HealthServlet(() -> REPORT)), "/");
    jetty.setHandler(new Handler.Sequence(app, root));
    jetty.start();
    int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    mounted = URI.create("http://127.0.0.1:" + port + "/app/vitals/");
    atRoot = URI.create("http://127.0.0.1:" + port + "/root/");
    endpoint = HttpEndpoint.builder(() -> REPORT).port(0).details(Details.AUTHORIZED).token(TOKEN).clock(CLOCK)
        .start();
  }

  @AfterAll
  static void stop() throws Exception {
    endpoint.close();
    jetty.stop();
  }

  private static final List<String> PATHS = List.of("/health", "/health/live", "/health/ready",
      "/health/started", "/health/db", "/health/cache", "/health/warmup", "/health/nope", "/metrics", "/status",
      "/elsewhere");

  @Test
  void servesTheSameStatusesHeadersAndBytesAsTheEndpoint() {
    for (String path : PATHS) {
      for (String[] headers : List.of(new String[0], new String[] {"Authorization", "Bearer " + TOKEN},
          new String[] {"Accept", "application/health+json"},
          new String[] {"Accept", "application/health+json", "Authorization", "Bearer " + TOKEN})) {
        HttpResponse<String> expected = Http.get(endpoint.uri(), path, headers);
        HttpResponse<String> actual = Http.get(mounted, path, headers);
        String what = path + " " + String.join(" ", headers);
        assertThat(actual.statusCode()).as(what).isEqualTo(expected.statusCode());
        assertThat(actual.body()).as(what).isEqualTo(expected.body());
        assertThat(actual.headers().firstValue("Content-Type").map(HealthServletTest::mediaType))
            .as(what).isEqualTo(expected.headers().firstValue("Content-Type").map(HealthServletTest::mediaType));
        assertThat(actual.headers().allValues("Cache-Control")).as(what).containsExactly("no-store");
      }
    }
  }

  private static String mediaType(String contentType) {
    return contentType.replace(" ", "").toLowerCase();
  }

  private static String statusLine(URI base, String path) {
    String target = base.getRawPath() + path.substring(1);
    String answer = Http.raw(base.getPort(), "GET " + target + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n");
    return answer.substring(0, answer.indexOf("\r\n"));
  }

  @Test
  void percentEncodedPathsAre404AndReachNothingEvenWhenTheyDecodeToAPath() {
    for (String path : List.of("/st%61tus", "/%73tatus", "/%68ealth", "/health/re%61dy", "/health/d%62",
        "/metric%73")) {
      for (URI base : List.of(endpoint.uri(), mounted, atRoot)) {
        assertThat(statusLine(base, path)).as(base + " " + path).isEqualTo("HTTP/1.1 404 Not Found");
      }
    }
    // an encoded '/' is ambiguous: Jetty refuses it itself, before the servlet
    assertThat(statusLine(endpoint.uri(), "/health%2Fready")).isEqualTo("HTTP/1.1 404 Not Found");
    assertThat(statusLine(mounted, "/health%2Fready")).isEqualTo("HTTP/1.1 400 Bad Request");
    // the control: the same paths unencoded are served
    assertThat(statusLine(endpoint.uri(), "/status")).isEqualTo("HTTP/1.1 200 OK");
    assertThat(statusLine(mounted, "/status")).isEqualTo("HTTP/1.1 200 OK");
    assertThat(statusLine(endpoint.uri(), "/health/db")).isEqualTo("HTTP/1.1 200 OK");
    assertThat(statusLine(mounted, "/health/db")).isEqualTo("HTTP/1.1 200 OK");
  }

  @Test
  void anEncodedMountDoesNotHideThePathBelowIt() {
    URI encodedMount = URI.create(mounted.toString().replace("/vitals/", "/vit%61ls/"));
    assertThat(statusLine(encodedMount, "/health/db")).isEqualTo("HTTP/1.1 200 OK");
    assertThat(statusLine(encodedMount, "/st%61tus")).isEqualTo("HTTP/1.1 404 Not Found");
  }

  @Test
  void statusCodesFollowTheContract() {
    assertThat(Http.get(mounted, "/health").statusCode()).isEqualTo(503); // warmup has no result yet
    assertThat(Http.get(mounted, "/health/live").statusCode()).isEqualTo(200);
    assertThat(Http.get(mounted, "/health/ready").statusCode()).isEqualTo(200); // cache is not critical
    assertThat(Http.get(mounted, "/health/started").statusCode()).isEqualTo(503);
    assertThat(Http.get(mounted, "/health/db").statusCode()).isEqualTo(200);
    assertThat(Http.get(mounted, "/health/cache").statusCode()).isEqualTo(503);
    assertThat(Http.get(mounted, "/health/nope").statusCode()).isEqualTo(404);
  }

  @Test
  void headHasNoBody() {
    HttpResponse<String> head = Http.send(mounted, "HEAD", "/health/ready");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValueAsLong("Content-Length"))
        .hasValue(Http.get(mounted, "/health/ready").body().length());
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "OPTIONS", "PATCH"})
  void otherMethodsGet405WithAllow(String method) {
    HttpResponse<String> r = Http.send(mounted, method, "/health");
    assertThat(r.statusCode()).isEqualTo(405);
    assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
  }

  @Test
  void detailsNeedTheToken() {
    assertThat(Http.get(mounted, "/health/db").body()).isEqualTo("{\"name\":\"db\",\"status\":\"UP\"}");
    assertThat(Http.get(mounted, "/health/db", "Authorization", "Bearer wrong").body())
        .isEqualTo("{\"name\":\"db\",\"status\":\"UP\"}");
    assertThat(Http.get(mounted, "/health/db", "Authorization", "Bearer " + TOKEN).body()).contains("\"latencyMs\"");
  }

  @Test
  void asTheDefaultServletItAnswersTheContextsPaths() {
    assertThat(Http.get(atRoot, "/health/live").statusCode()).isEqualTo(200);
    assertThat(Http.get(atRoot, "/health/db").body()).isEqualTo("{\"name\":\"db\",\"status\":\"UP\"}");
    assertThat(Http.get(atRoot, "/status").statusCode()).isEqualTo(200); // default options: the reduced page
    assertThat(Http.get(atRoot, "/other").statusCode()).isEqualTo(404);
  }

  @Test
  void optionsComeFromTheMonitorsConfiguration() {
    assertThat(HealthServlet.Options.from(Config.of(Map.of())).details()).isEqualTo(Details.NEVER);
    assertThat(HealthServlet.Options.from(Config.of(Map.of("vitals.http.details", "ALWAYS"))).details())
        .isEqualTo(Details.ALWAYS);
    HealthServlet.Options authorized = HealthServlet.Options.from(Config.of(Map.of(
        "vitals.http.details", "authorized", "vitals.http.token", "abc123")));
    assertThat(authorized.details()).isEqualTo(Details.AUTHORIZED);
    assertThat(authorized.toString()).doesNotContain("abc123");
    assertThatThrownBy(() -> HealthServlet.Options.from(Config.of(Map.of("vitals.http.details", "authorized"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("vitals.http.token");
    assertThatThrownBy(() -> HealthServlet.Options.from(Config.of(Map.of("vitals.http.details", "sometimes"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vitals.http.details = 'sometimes'").hasMessageContaining("never, always or authorized");
  }

  @Test
  void optionsBuilderChecksAtOnce() {
    assertThatThrownBy(() -> HealthServlet.Options.builder().details(Details.AUTHORIZED).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("token");
    assertThatThrownBy(() -> HealthServlet.Options.builder().token(" "))
        .isInstanceOf(IllegalArgumentException.class);
    assertThatThrownBy(() -> HealthServlet.Options.builder().details(Details.NEVER).details(Details.ALWAYS))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("already set");
  }
}
