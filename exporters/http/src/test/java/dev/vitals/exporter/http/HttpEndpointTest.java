package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Fixtures.probe;
import static dev.vitals.exporter.http.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.test.ManualClock;
import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/** The endpoint on a real JDK server, through a real HTTP client. */
class HttpEndpointTest {

  private static final String TOKEN = "s3cr3t-t0ken";

  private final AtomicReference<HealthReport> current = new AtomicReference<>(report(
      probe("db").build(),
      probe("self").type("custom").kinds(ProbeKind.LIVENESS, ProbeKind.STARTUP).build()));
  private final List<HttpEndpoint> endpoints = new ArrayList<>();

  @AfterEach
  void closeEndpoints() {
    endpoints.forEach(HttpEndpoint::close);
  }

  private URI start(Details details) throws IOException {
    HttpEndpoint.Builder b = HttpEndpoint.builder(current::get).port(0).details(details);
    if (details == Details.AUTHORIZED) {
      b.token(TOKEN);
    }
    return start(b);
  }

  private URI start(HttpEndpoint.Builder b) throws IOException {
    HttpEndpoint e = b.start();
    endpoints.add(e);
    return e.uri();
  }

  @ParameterizedTest
  @CsvSource({"UP,200", "DEGRADED,200", "DOWN,503", "UNKNOWN,503"})
  void wholeServiceIsAvailableWhenUpOrDegraded(Status status, int code) throws IOException {
    current.set(status == Status.UNKNOWN ? report(probe("db").noResultYet().build())
        : report(probe("db").status(status).build()));
    URI uri = start(Details.NEVER);
    HttpResponse<String> r = Http.get(uri, "/health");
    assertThat(r.statusCode()).isEqualTo(code);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.body()).isEqualTo("{\"status\":\"" + status + "\",\"checks\":[{\"name\":\"db\",\"status\":\""
        + status + "\"}]}");
  }

  @Test
  void groupsListOnlyTheirProbes() throws IOException {
    current.set(report(probe("db").build(), probe("cache").type("redis").build(),
        probe("self").type("custom").kinds(ProbeKind.LIVENESS).build(),
        probe("warmup").type("custom").kinds(ProbeKind.STARTUP).build()));
    URI uri = start(Details.NEVER);
    assertThat(Http.get(uri, "/health/live").body())
        .isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":\"self\",\"status\":\"UP\"}]}");
    assertThat(Http.get(uri, "/health/ready").body()).isEqualTo("{\"status\":\"UP\",\"checks\":["
        + "{\"name\":\"db\",\"status\":\"UP\"},{\"name\":\"cache\",\"status\":\"UP\"}]}");
    assertThat(Http.get(uri, "/health/started").body())
        .isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":\"warmup\",\"status\":\"UP\"}]}");
  }

  @Test
  void beforeTheFirstResultReadinessAndStartupFailButLivenessPasses() throws IOException {
    current.set(report(probe("db").noResultYet().kinds(ProbeKind.READINESS).build(),
        probe("self").noResultYet().type("custom").kinds(ProbeKind.LIVENESS).build(),
        probe("warmup").noResultYet().type("custom").kinds(ProbeKind.STARTUP).build()));
    URI uri = start(Details.NEVER);
    assertThat(Http.get(uri, "/health/ready").statusCode()).isEqualTo(503);
    assertThat(Http.get(uri, "/health/started").statusCode()).isEqualTo(503);
    HttpResponse<String> live = Http.get(uri, "/health/live");
    assertThat(live.statusCode()).isEqualTo(200);
    assertThat(live.body()).isEqualTo("{\"status\":\"UNKNOWN\",\"checks\":[{\"name\":\"self\",\"status\":\"UNKNOWN\"}]}");
    assertThat(Http.get(uri, "/health").statusCode()).isEqualTo(503);
  }

  @Test
  void livenessFailsWhenALivenessProbeIsDownButNotForAReadinessProbe() throws IOException {
    current.set(report(probe("db").status(Status.DOWN).build(),
        probe("self").type("custom").kinds(ProbeKind.LIVENESS).build()));
    URI uri = start(Details.NEVER);
    assertThat(Http.get(uri, "/health/live").statusCode()).isEqualTo(200);
    assertThat(Http.get(uri, "/health/ready").statusCode()).isEqualTo(503);

    current.set(report(probe("db").build(),
        probe("self").type("custom").status(Status.DOWN).kinds(ProbeKind.LIVENESS).build()));
    assertThat(Http.get(uri, "/health/live").statusCode()).isEqualTo(503);
    assertThat(Http.get(uri, "/health/ready").statusCode()).isEqualTo(200);
  }

  @Test
  void oneProbeByName() throws IOException {
    current.set(report(probe("db").build(), probe("cache").type("redis").status(Status.DOWN)
        .last(ProbeResult.down("connection refused"), 2).build(),
        probe("new").noResultYet().build()));
    URI uri = start(Details.ALWAYS);
    HttpResponse<String> db = Http.get(uri, "/health/db");
    assertThat(db.statusCode()).isEqualTo(200);
    assertThat(db.body()).startsWith("{\"name\":\"db\",\"type\":\"jdbc\",\"status\":\"UP\",");
    assertThat(Http.get(uri, "/health/cache").statusCode()).isEqualTo(503);
    assertThat(Http.get(uri, "/health/new").statusCode()).isEqualTo(503);
    HttpResponse<String> missing = Http.get(uri, "/health/nope");
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.body()).contains("no probe with that name");
  }

  @Test
  void pathsAreMatchedAsSentSoAnEncodedOneIsNotFound() throws IOException {
    // no probe name needs encoding (dev.vitals.api.Names), so no encoded path names one
    current.set(report(probe("orders-db").build()));
    URI uri = start(Details.NEVER);
    assertThat(Http.get(uri, "/health/orders-db").body()).isEqualTo("{\"name\":\"orders-db\",\"status\":\"UP\"}");
    for (String encoded : new String[] {"/health/orders%2Ddb", "/health/orders%2ddb", "/st%61tus", "/%68ealth",
        "/health/re%61dy", "/metric%73"}) {
      HttpResponse<String> r = Http.get(uri, encoded);
      assertThat(r.statusCode()).as(encoded).isEqualTo(404);
    }
  }

  @ParameterizedTest
  @ValueSource(strings = {"/", "/health/", "/healthz", "/health/db/extra", "/metrics/x", "/status/", "/HEALTH"})
  void anyOtherPathIsNotFound(String path) throws IOException {
    URI uri = start(Details.NEVER);
    HttpResponse<String> r = Http.get(uri, path);
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
  }

  @Test
  void theQueryStringIsIgnored() throws IOException {
    URI uri = start(Details.NEVER);
    assertThat(Http.get(uri, "/health?verbose=true").statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "BREW", "get"})
  void otherMethodsAreNotAllowed(String method) throws IOException {
    URI uri = start(Details.NEVER);
    for (String path : List.of("/health", "/health/ready", "/health/db", "/metrics", "/status")) {
      HttpResponse<String> r = Http.send(uri, method, path);
      assertThat(r.statusCode()).as(method + " " + path).isEqualTo(405);
      assertThat(r.headers().firstValue("Allow")).hasValue("GET, HEAD");
      assertThat(r.headers().firstValue("Cache-Control")).hasValue("no-store");
    }
    assertThat(Http.send(uri, method, "/elsewhere").statusCode()).isEqualTo(404);
  }

  @Test
  void headGivesTheStatusCodeAndHeadersWithoutABody() throws IOException {
    current.set(report(probe("db").status(Status.DOWN).build()));
    URI uri = start(Details.ALWAYS);
    HttpResponse<String> get = Http.get(uri, "/health");
    HttpResponse<String> head = Http.send(uri, "HEAD", "/health");
    assertThat(head.statusCode()).isEqualTo(503).isEqualTo(get.statusCode());
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(head.headers().firstValue("Cache-Control")).hasValue("no-store");
    assertThat(head.headers().firstValueAsLong("Content-Length")).hasValue(get.body().length());
  }

  @Test
  void headSendsNoBodyBytesOnTheWire() throws IOException {
    URI uri = start(Details.ALWAYS);
    String raw = Http.raw(uri.getPort(), "HEAD /health HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
    assertThat(raw).startsWith("HTTP/1.1 200 ");
    assertThat(raw).endsWith("\r\n\r\n"); // the headers and nothing after them
    assertThat(raw.toLowerCase()).contains("cache-control: no-store");
  }

  @Test
  void everyAnswerCarriesCacheControlNoStore() throws IOException {
    current.set(report(probe("db").status(Status.DOWN).build()));
    URI uri = start(Details.AUTHORIZED);
    for (String path : List.of("/health", "/health/live", "/health/ready", "/health/started", "/health/db",
        "/health/none", "/metrics", "/status", "/other")) {
      HttpResponse<String> r = Http.get(uri, path);
      assertThat(r.headers().allValues("Cache-Control")).as(path + " (" + r.statusCode() + ")")
          .containsExactly("no-store");
    }
    assertThat(Http.get(uri, "/status", "Authorization", "Bearer " + TOKEN).headers()
        .allValues("Cache-Control")).containsExactly("no-store");
  }

  @Test
  void detailsNeverShowsNamesAndStatusesOnly() throws IOException {
    URI uri = start(Details.NEVER);
    HttpResponse<String> r = Http.get(uri, "/health", "Authorization", "Bearer " + TOKEN);
    assertThat(r.body()).isEqualTo("{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"status\":\"UP\"},"
        + "{\"name\":\"self\",\"status\":\"UP\"}]}");
  }

  @Test
  void detailsAlwaysShowsEverything() throws IOException {
    URI uri = start(Details.ALWAYS);
    String body = Http.get(uri, "/health").body();
    assertThat(body).contains("\"score\":97.5", "\"latencyMs\":{\"last\":1.2", "\"availability\":{\"1h\":100.0",
        "\"data\":{\"version\":\"16.4\"}", "\"trackers\":[]", "\"uptimeSeconds\":", "\"coldStartMs\":142.0");
  }

  @Test
  void detailsAuthorizedNeedTheRightBearerToken() throws IOException {
    URI uri = start(Details.AUTHORIZED);
    String summary = "{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"status\":\"UP\"},"
        + "{\"name\":\"self\",\"status\":\"UP\"}]}";
    assertThat(Http.get(uri, "/health").body()).as("no token").isEqualTo(summary);
    assertThat(Http.get(uri, "/health", "Authorization", "Bearer wrong").body()).as("wrong").isEqualTo(summary);
    assertThat(Http.get(uri, "/health", "Authorization", "Bearer " + TOKEN + "x").body()).as("longer")
        .isEqualTo(summary);
    assertThat(Http.get(uri, "/health", "Authorization", "Bearer " + TOKEN.substring(1)).body()).as("shorter")
        .isEqualTo(summary);
    assertThat(Http.get(uri, "/health", "Authorization", "Basic " + TOKEN).body()).as("other scheme")
        .isEqualTo(summary);
    assertThat(Http.get(uri, "/health", "Authorization", TOKEN).body()).as("no scheme").isEqualTo(summary);
    assertThat(Http.get(uri, "/health", "Authorization", "Bearer " + TOKEN).body()).as("right")
        .contains("\"score\":97.5", "\"latencyMs\"");
    assertThat(Http.get(uri, "/health", "Authorization", "bearer " + TOKEN).body()).as("scheme ignores case")
        .contains("\"score\":97.5");
    assertThat(Http.get(uri, "/health/db", "Authorization", "Bearer " + TOKEN).body()).contains("\"latencyMs\"");
    assertThat(Http.get(uri, "/health/db").body()).isEqualTo("{\"name\":\"db\",\"status\":\"UP\"}");
  }

  @Test
  void theStatusCodeDoesNotDependOnTheToken() throws IOException {
    current.set(report(probe("db").status(Status.DOWN).build()));
    URI uri = start(Details.AUTHORIZED);
    assertThat(Http.get(uri, "/health").statusCode()).isEqualTo(503);
    assertThat(Http.get(uri, "/health", "Authorization", "Bearer " + TOKEN).statusCode()).isEqualTo(503);
  }

  @Test
  void healthJsonInAcceptGivesTheIetfDraftFormat() throws IOException {
    current.set(report(probe("db").build(), probe("cache").type("redis").status(Status.DOWN).build()));
    URI uri = start(Details.NEVER);
    HttpResponse<String> r = Http.get(uri, "/health", "Accept", "application/health+json, application/json;q=0.5");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/health+json");
    assertThat(r.body()).isEqualTo("{\"status\":\"fail\",\"checks\":{\"db:responseTime\":[{\"status\":\"pass\"}],"
        + "\"cache:responseTime\":[{\"status\":\"fail\"}]}}");
    HttpResponse<String> ready = Http.get(uri, "/health/ready", "Accept", "APPLICATION/HEALTH+JSON");
    assertThat(ready.headers().firstValue("Content-Type")).hasValue("application/health+json");
    HttpResponse<String> one = Http.get(uri, "/health/db", "Accept", "application/health+json");
    assertThat(one.statusCode()).isEqualTo(200);
    assertThat(one.body()).isEqualTo("{\"status\":\"pass\",\"checks\":{\"db:responseTime\":[{\"status\":\"pass\"}]}}");
    assertThat(Http.get(uri, "/health", "Accept", "application/json").headers().firstValue("Content-Type"))
        .hasValue("application/json");
  }

  @Test
  void metricsAreWrittenByTheMetricsWriterFoundOnTheClassPath() throws IOException {
    URI uri = start(Details.NEVER); // default lookup: finds TestMetricsWriter through META-INF/services
    HttpResponse<String> r = Http.get(uri, "/metrics");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue(TestMetricsWriter.TEXT);
    assertThat(r.body()).startsWith("vitals_service_score 97.5\n");
    HttpResponse<String> open = Http.get(uri, "/metrics", "Accept", "application/openmetrics-text; version=1.0.0");
    assertThat(open.headers().firstValue("Content-Type")).hasValue(TestMetricsWriter.OPEN_METRICS);
    assertThat(open.body()).endsWith("# EOF\n");
    assertThat(Http.send(uri, "HEAD", "/metrics").statusCode()).isEqualTo(200);
  }

  @Test
  void metricsWithoutAWriterAnswer404NamingThePrometheusModule() throws IOException {
    URI uri = start(HttpEndpoint.builder(current::get).port(0).metricsLookup(Optional::empty));
    HttpResponse<String> r = Http.get(uri, "/metrics");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).contains("exporter-prometheus");
  }

  @Test
  void aWriterThatFailsToLoadAnswers500WithItsReasonNot404() throws Exception {
    java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("refusing-writer");
    java.nio.file.Path services = dir.resolve("META-INF/services/dev.vitals.api.spi.MetricsWriter");
    java.nio.file.Files.createDirectories(services.getParent());
    java.nio.file.Files.writeString(services, RefusingMetricsWriter.class.getName() + "\n");
    try (java.net.URLClassLoader loader = new java.net.URLClassLoader(new java.net.URL[] {dir.toUri().toURL()}, null) {
      @Override
      protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
        return HttpEndpointTest.class.getClassLoader().loadClass(name);
      }
    }) {
      URI uri = start(HttpEndpoint.builder(current::get).port(0).metricsLookup(() -> Responder.findMetricsWriter(loader)));
      HttpResponse<String> r = Http.get(uri, "/metrics");
      assertThat(r.statusCode()).isEqualTo(500);
      assertThat(r.body()).contains("failed to load").contains("found prometheus-metrics-model 1.2.1; supported: 1.3.0 up to 2.0")
          .doesNotContain("no metrics writer on the class path");
    }
  }

  @Test
  void theDefaultLookupSeesNoWriterWhereNoneIsRegistered() {
    ClassLoader empty = new java.net.URLClassLoader(new java.net.URL[0], ClassLoader.getPlatformClassLoader());
    assertThat(Responder.findMetricsWriter(empty)).isEmpty();
    assertThat(Responder.findMetricsWriter(getClass().getClassLoader())).containsInstanceOf(TestMetricsWriter.class);
  }

  @Test
  void aWriterThatFailsToLoadIsLoggedWithItsCausesReason() {
    java.util.ServiceConfigurationError e = new java.util.ServiceConfigurationError(
        "dev.vitals.api.spi.MetricsWriter: Provider x.Writer could not be instantiated",
        new IllegalStateException("found prometheus-metrics-model 1.2.1; supported: 1.3.0 up to 2.0"));

    assertThat(Responder.loadFailure(e))
        .isEqualTo("dev.vitals.api.spi.MetricsWriter: Provider x.Writer could not be instantiated: "
            + "found prometheus-metrics-model 1.2.1; supported: 1.3.0 up to 2.0");
  }

  @Test
  void statusPageIsHtmlWhenDetailsAreOn() throws IOException {
    URI uri = start(Details.ALWAYS);
    HttpResponse<String> r = Http.get(uri, "/status");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("text/html; charset=utf-8");
    assertThat(r.headers().firstValue("Content-Security-Policy")).hasValueSatisfying(
        csp -> assertThat(csp).startsWith("default-src 'none'"));
    assertThat(r.body()).startsWith("<!DOCTYPE html>").contains("db");
  }

  @Test
  void statusPageWithoutDetailsShowsStatusesButNoMessagesUnlessAuthorized() throws IOException {
    current.set(report(probe("db").status(Status.DOWN).last(ProbeResult.down("connection refused"), 2).build()));
    URI never = start(Details.NEVER);
    HttpResponse<String> reduced = Http.get(never, "/status");
    assertThat(reduced.statusCode()).isEqualTo(200);
    assertThat(reduced.body()).contains("db").contains("DOWN").doesNotContain("connection refused");
    URI authorized = start(Details.AUTHORIZED);
    assertThat(Http.get(authorized, "/status", "Authorization", "Bearer nope").body())
        .contains("DOWN").doesNotContain("connection refused");
    assertThat(Http.get(authorized, "/status", "Authorization", "Bearer " + TOKEN).body())
        .contains("connection refused");
  }

  @Test
  void answersFollowTheLatestReport() throws IOException {
    URI uri = start(Details.NEVER);
    assertThat(Http.get(uri, "/health").statusCode()).isEqualTo(200);
    current.set(report(probe("db").status(Status.DOWN).build()));
    HttpResponse<String> r = Http.get(uri, "/health");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).contains("\"DOWN\"");
  }

  @Test
  void uptimeIsRenderedToTheSecondFromTheClock() throws IOException {
    ManualClock clock = new ManualClock(Fixtures.NOW);
    URI uri = start(HttpEndpoint.builder(current::get).port(0).details(Details.ALWAYS).clock(clock));
    assertThat(Http.get(uri, "/health").body()).contains("\"uptimeSeconds\":2467,");
    clock.advance(Duration.ofMillis(999));
    assertThat(Http.get(uri, "/health").body()).contains("\"uptimeSeconds\":2467,");
    clock.advance(Duration.ofMillis(1));
    assertThat(Http.get(uri, "/health").body()).contains("\"uptimeSeconds\":2468,");
  }

  @Test
  void reportsAfterTheSupplierFailsAnswer500() throws IOException {
    URI uri = start(HttpEndpoint.builder(() -> {
      throw new IllegalStateException("boom");
    }).port(0));
    assertThat(Http.get(uri, "/health").statusCode()).isEqualTo(500);
    assertThat(Http.get(uri, "/nowhere").statusCode()).isEqualTo(404);
  }

  @Test
  void reportsNotYetAvailableAnswer503() throws IOException {
    URI uri = start(HttpEndpoint.builder(() -> null).port(0));
    assertThat(Http.get(uri, "/health").statusCode()).isEqualTo(503);
  }

  @Test
  void bindsLoopbackByDefaultAndReportsItsPortAndUri() throws IOException {
    HttpEndpoint e = HttpEndpoint.builder(current::get).port(0).start();
    endpoints.add(e);
    assertThat(e.address().getAddress().isLoopbackAddress()).isTrue();
    assertThat(e.uri()).isEqualTo(URI.create("http://127.0.0.1:" + e.port() + "/"));
    assertThat(e.name()).isEqualTo("http");
    assertThat(System.getProperty("sun.net.httpserver.nodelay")).isEqualTo("true");
  }

  @Test
  void closeReleasesThePortAndIsIdempotent() throws IOException {
    HttpEndpoint e = HttpEndpoint.builder(current::get).port(0).start();
    int port = e.port();
    e.close();
    e.close();
    try (ServerSocket again = new ServerSocket(port, 50, java.net.InetAddress.getLoopbackAddress())) {
      assertThat(again.getLocalPort()).isEqualTo(port);
    }
    assertThatThrownBy(e::start).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void aPortInUseFailsToStart() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 50, java.net.InetAddress.getLoopbackAddress())) {
      assertThatThrownBy(() -> HttpEndpoint.builder(current::get).port(taken.getLocalPort()).start())
          .isInstanceOf(java.net.BindException.class);
    }
  }

  @Test
  void notStartedHasNoPort() {
    HttpEndpoint e = HttpEndpoint.builder(current::get).port(0).build();
    assertThatThrownBy(e::port).isInstanceOf(IllegalStateException.class);
    e.close();
  }
}
