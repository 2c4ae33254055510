package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Fixtures.probe;
import static dev.vitals.exporter.http.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
import dev.vitals.api.Status;
import dev.vitals.api.spi.Exporter;
import dev.vitals.test.ManualClock;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jetty.ee10.servlet.ServletContextHandler;
import org.eclipse.jetty.ee10.servlet.ServletHolder;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The history paths ({@code /history/{name}}, {@code /badge}, the status page's bars) through HealthServlet in
 * embedded Jetty answer as the JDK endpoint does, and an endpoint the factory starts uses its context's history.
 */
class HistoryServletTest {

  private static final String TOKEN = "servlet-token";
  private static final Instant TODAY = Instant.parse("2026-11-27T00:00:00Z");
  private static final HealthReport REPORT = report(List.of(probe("db").build()), List.of(Fixtures.tracker("api")));
  private static final MemoryHistory HISTORY = new MemoryHistory()
      .upDays("db", TODAY.minus(Duration.ofDays(5)), 5)
      .probe("db", TODAY, Duration.ofMinutes(600), 100, 1, Duration.ofMinutes(590), Duration.ofMinutes(10), 800)
      .transition("db", Status.UP, Status.DOWN, Instant.parse("2026-11-27T09:00:00Z"), "refused <x>")
      .transition("db", Status.DOWN, Status.UP, Instant.parse("2026-11-27T09:10:00Z"), "")
      .tracker("api", TODAY, Duration.ofHours(1), 500, 2);
  private static final ManualClock CLOCK = new ManualClock(Fixtures.NOW);

  private static Server jetty;
  private static URI mounted;
  private static URI withoutHistory;
  private static HttpEndpoint endpoint;

  @BeforeAll
  static void start() throws Exception {
    jetty = new Server(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
    HealthServlet.Options options = HealthServlet.Options.builder().details(Details.AUTHORIZED).token(TOKEN)
        .clock(CLOCK).history(HISTORY).build();
    ServletContextHandler app = new ServletContextHandler("/app");
    app.addServlet(new ServletHolder(new HealthServlet(() -> REPORT, options)), "/vitals/*");
    ServletContextHandler plain = new ServletContextHandler("/plain");
    plain.addServlet(new ServletHolder(new HealthServlet(() -> REPORT)), "/vitals/*");
    jetty.setHandler(new Handler.Sequence(app, plain));
    jetty.start();
    int port = ((ServerConnector) jetty.getConnectors()[0]).getLocalPort();
    mounted = URI.create("http://127.0.0.1:" + port + "/app/vitals/");
    withoutHistory = URI.create("http://127.0.0.1:" + port + "/plain/vitals/");
    endpoint = HttpEndpoint.builder(() -> REPORT).port(0).details(Details.AUTHORIZED).token(TOKEN).clock(CLOCK)
        .history(HISTORY).start();
  }

  @AfterAll
  static void stop() throws Exception {
    endpoint.close();
    jetty.stop();
  }

  @Test
  void servesTheSameHistoryAnswersAsTheEndpoint() {
    for (String path : List.of("/history/db?from=2026-11-27T08:00:00Z&to=2026-11-27T10:00:00Z&step=15m",
        "/history/db", "/history/api?kind=tracker", "/history/db?step=30s", "/history/db?from=2026-11-27T08:00:00+01:00",
        "/history/nope", "/badge", "/badge/db", "/badge/api", "/badge/nope", "/status")) {
      for (String[] headers : List.of(new String[0], new String[] {"Authorization", "Bearer " + TOKEN})) {
        HttpResponse<String> expected = Http.get(endpoint.uri(), path, headers);
        HttpResponse<String> actual = Http.get(mounted, path, headers);
        String what = path + " " + String.join(" ", headers);
        assertThat(actual.statusCode()).as(what).isEqualTo(expected.statusCode());
        assertThat(actual.body()).as(what).isEqualTo(expected.body());
        assertThat(actual.headers().allValues("Cache-Control")).as(what)
            .isEqualTo(expected.headers().allValues("Cache-Control"));
      }
    }
    assertThat(Http.get(mounted, "/history/db", "Authorization", "Bearer " + TOKEN).body())
        .contains("\"message\":\"refused \\u003cx\\u003e\"");
    assertThat(Http.get(mounted, "/history/db").body()).doesNotContain("refused");
    assertThat(Http.get(mounted, "/badge/db").headers().allValues("Cache-Control"))
        .containsExactly("max-age=60, no-cache");
    assertThat(Http.get(mounted, "/status").body()).contains("class=\"days days-90\"");
  }

  @Test
  void withoutAHistoryTheServletSaysSo() {
    HttpResponse<String> r = Http.get(withoutHistory, "/history/db");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("Not Found: no history store is configured (vitals.history.dir)\n");
    assertThat(Http.get(withoutHistory, "/status").body()).doesNotContain("days-30");
  }

  @Test
  void anEndpointStartedByTheFactoryUsesItsContextsHistory() throws Exception {
    Optional<Exporter> e = new HttpExporterFactory().create(new TestContext(Map.of("vitals.http.port", "0",
        "vitals.http.details", "always"), () -> REPORT, Optional.of(HISTORY)));
    try (HttpEndpoint started = (HttpEndpoint) e.orElseThrow()) {
      // the context's clock is the system's: the range is given
      HttpResponse<String> r = Http.get(started.uri(), "/history/db?from=2026-11-27T00:00:00Z&to=2026-11-28T00:00:00Z");
      assertThat(r.statusCode()).isEqualTo(200);
      assertThat(r.body()).startsWith("{\"name\":\"db\",\"kind\":\"probe\",").contains("refused");
    }
    Optional<Exporter> plain = new HttpExporterFactory().create(new TestContext(Map.of("vitals.http.port", "0"),
        () -> REPORT));
    try (HttpEndpoint started = (HttpEndpoint) plain.orElseThrow()) {
      assertThat(Http.get(started.uri(), "/history/db").statusCode()).isEqualTo(404);
    }
  }
}
