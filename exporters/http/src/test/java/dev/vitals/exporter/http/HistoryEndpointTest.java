package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Fixtures.probe;
import static dev.vitals.exporter.http.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
import dev.vitals.api.LatencyHistogram;
import dev.vitals.api.Status;
import dev.vitals.test.ManualClock;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** {@code GET /history/{name}} on a real JDK server, through a real HTTP client. */
class HistoryEndpointTest {

  private static final String TOKEN = "history-token";
  private static final Instant NOW = Fixtures.NOW; // 2026-11-27T10:41:07Z
  private static final Instant EIGHT = Instant.parse("2026-11-27T08:00:00Z");
  private static final String RANGE = "from=2026-11-27T08:00:00Z&to=2026-11-27T10:00:00Z&step=1h";

  private final ManualClock clock = new ManualClock(NOW);
  private final HealthReport report = report(List.of(probe("db").build()), List.of(Fixtures.tracker("api")));
  private final MemoryHistory history = new MemoryHistory()
      .probe("db", EIGHT, Duration.ofHours(1), 360, 2, Duration.ofMinutes(58), Duration.ofMinutes(2), 1000, 2000, 3000)
      .probe("db", EIGHT.plus(Duration.ofHours(1)), Duration.ofMinutes(30), 180, 0, Duration.ofMinutes(30),
          Duration.ZERO)
      .transition("db", Status.UP, Status.DOWN, Instant.parse("2026-11-27T08:10:00Z"), "connection refused <b>")
      .transition("db", Status.DOWN, Status.UP, Instant.parse("2026-11-27T08:12:00Z"), "")
      .tracker("api", EIGHT, Duration.ofHours(1), 200, 1, 5000, 7000);
  private final List<HttpEndpoint> endpoints = new ArrayList<>();

  @AfterEach
  void close() {
    endpoints.forEach(HttpEndpoint::close);
  }

  private URI start(Details details, boolean withHistory) throws IOException {
    HttpEndpoint.Builder b = HttpEndpoint.builder(() -> report).port(0).details(details).clock(clock);
    if (details == Details.AUTHORIZED) {
      b.token(TOKEN);
    }
    if (withHistory) {
      b.history(history);
    }
    HttpEndpoint e = b.start();
    endpoints.add(e);
    return e.uri();
  }

  private static String ms(long nanos) {
    StringBuilder sb = new StringBuilder();
    JsonOut.appendFixed(sb, nanos / 1e6, 3);
    return sb.toString();
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void answersPeriodsTransitionsAndIncidentsAsJson() throws IOException {
    URI uri = start(Details.ALWAYS, true);
    HttpResponse<String> r = Http.get(uri, "/history/db?" + RANGE);

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(r.headers().allValues("Cache-Control")).containsExactly("no-store");
    LatencyHistogram l = MemoryHistory.histogram(1000, 2000, 3000);
    assertThat(r.body()).isEqualTo("{\"name\":\"db\",\"kind\":\"probe\",\"from\":\"2026-11-27T08:00:00Z\","
        + "\"to\":\"2026-11-27T10:00:00Z\",\"step\":\"PT1H\",\"periods\":["
        + "{\"start\":\"2026-11-27T08:00:00Z\",\"end\":\"2026-11-27T09:00:00Z\",\"count\":360,\"errors\":2,"
        + "\"availability\":96.6667,\"upSeconds\":3480.0,\"downSeconds\":120.0,\"notObservedSeconds\":0.0,"
        + "\"latencyMs\":{\"p50\":" + ms(l.percentileNanos(0.5)) + ",\"p95\":" + ms(l.percentileNanos(0.95))
        + ",\"p99\":" + ms(l.percentileNanos(0.99)) + "}},"
        + "{\"start\":\"2026-11-27T09:00:00Z\",\"end\":\"2026-11-27T10:00:00Z\",\"count\":180,\"errors\":0,"
        + "\"availability\":100.0,\"upSeconds\":1800.0,\"downSeconds\":0.0,\"notObservedSeconds\":1800.0,"
        + "\"latencyMs\":null}],"
        + "\"transitions\":[{\"at\":\"2026-11-27T08:10:00Z\",\"from\":\"UP\",\"to\":\"DOWN\","
        + "\"message\":\"connection refused \\u003cb\\u003e\"},"
        + "{\"at\":\"2026-11-27T08:12:00Z\",\"from\":\"DOWN\",\"to\":\"UP\",\"message\":\"\"}],"
        + "\"incidents\":[{\"start\":\"2026-11-27T08:10:00Z\",\"end\":\"2026-11-27T08:12:00Z\","
        + "\"durationSeconds\":120.0,\"worst\":\"DOWN\",\"message\":\"connection refused \\u003cb\\u003e\"}]}");
    assertThat(ms(l.percentileNanos(0.5))).isNotEqualTo(ms(l.percentileNanos(0.99)));
  }

  @Test
  void aTrackerHasOperationsAndNoTransitions() throws IOException {
    URI uri = start(Details.ALWAYS, true);
    String body = Http.get(uri, "/history/api?" + RANGE).body();
    assertThat(body).startsWith("{\"name\":\"api\",\"kind\":\"tracker\",")
        .contains("{\"start\":\"2026-11-27T08:00:00Z\",\"end\":\"2026-11-27T09:00:00Z\",\"count\":200,\"errors\":1,"
            + "\"availability\":99.5,\"upSeconds\":0.0,\"downSeconds\":0.0,\"notObservedSeconds\":0.0,")
        .contains("{\"start\":\"2026-11-27T09:00:00Z\",\"end\":\"2026-11-27T10:00:00Z\",\"count\":0,\"errors\":0,"
            + "\"availability\":null,\"upSeconds\":0.0,\"downSeconds\":0.0,\"notObservedSeconds\":3600.0,"
            + "\"latencyMs\":null}")
        .endsWith("\"transitions\":[],\"incidents\":[]}");
  }

  @Test
  void byDefaultTheLast24HoursByTheHour() throws IOException {
    URI uri = start(Details.ALWAYS, true);
    String body = Http.get(uri, "/history/db").body();
    assertThat(body).startsWith("{\"name\":\"db\",\"kind\":\"probe\",\"from\":\"2026-11-26T10:41:07Z\","
        + "\"to\":\"2026-11-27T10:41:07Z\",\"step\":\"PT1H\",\"periods\":[");
    assertThat(occurrences(body, "{\"start\"")).isEqualTo(24 + 1); // 24 periods and one incident
  }

  @Test
  void stepsAreWrittenAsConfigurationOrIso() throws IOException {
    URI uri = start(Details.ALWAYS, true);
    assertThat(Http.get(uri, "/history/db?from=2026-11-27T08:00:00Z&to=2026-11-27T10:00:00Z&step=15m").body())
        .contains("\"step\":\"PT15M\"");
    assertThat(Http.get(uri, "/history/db?from=2026-11-27T08:00:00%2B01:00&to=2026-11-27T10:00:00Z&step=PT30M")
        .body()).contains("\"from\":\"2026-11-27T07:00:00Z\"", "\"step\":\"PT30M\"");
    // an offset's '+' sent as it is stays a '+'
    assertThat(Http.get(uri, "/history/db?from=2026-11-27T08:00:00+01:00&to=2026-11-27T10:00:00Z").body())
        .contains("\"from\":\"2026-11-27T07:00:00Z\"");
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "step=30s | step=30s is not allowed: a whole number of minutes, 1m or more, such as 1m, 15m, 1h or 1d",
      "step=90s | step=90s is not allowed: a whole number of minutes",
      "step=often | step=often is not allowed",
      "from=2026-10-27T00:00:00Z&to=2026-11-27T00:00:00Z&step=1m | step=1m gives 44640 periods from "
          + "2026-10-27T00:00:00Z to 2026-11-27T00:00:00Z; at most 10000 per answer are allowed",
      "from=yesterday | from=yesterday is not allowed: an ISO-8601 instant such as 2026-12-01T00:00:00Z",
      "to=2026-13-01T00:00:00Z | to=2026-13-01T00:00:00Z is not allowed: an ISO-8601 instant",
      "from=2026-11-27T10:00:00Z&to=2026-11-27T09:00:00Z | from=2026-11-27T10:00:00Z must be before "
          + "to=2026-11-27T09:00:00Z",
      "form=2026-11-27T10:00:00Z | unknown parameter 'form': the parameters are from, to, step and kind",
      "step=1h&step=1d | the parameter step is given twice",
      "kind=probes | kind=probes is not allowed: probe or tracker",
      "from=%3Cscript%3E | from=?script? is not allowed",
  })
  void aBadParameterIs400NamingItsValueAndWhatIsAllowed(String query, String message) throws IOException {
    URI uri = start(Details.NEVER, true);
    HttpResponse<String> r = Http.get(uri, "/history/db?" + query);
    assertThat(r.statusCode()).isEqualTo(400);
    assertThat(r.body()).startsWith("Bad Request: ").contains(message).doesNotContain("<");
    assertThat(r.headers().allValues("Cache-Control")).containsExactly("no-store");
  }

  @Test
  void tenThousandPeriodsAreAllowed() throws IOException {
    URI uri = start(Details.NEVER, true);
    // 10,000 minutes exactly
    HttpResponse<String> r = Http.get(uri, "/history/db?from=2026-11-20T08:00:00Z&to=2026-11-27T06:40:00Z&step=1m");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(occurrences(r.body(), "{\"start\"")).isEqualTo(10_000); // no incident before 06:40
  }

  @Test
  void unknownNamesAre404() throws IOException {
    URI uri = start(Details.ALWAYS, true);
    HttpResponse<String> r = Http.get(uri, "/history/nope");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.body()).isEqualTo("Not Found: no probe or tracker with that name\n");
    assertThat(Http.get(uri, "/history/db?kind=tracker").statusCode()).isEqualTo(404);
    assertThat(Http.get(uri, "/history/api?kind=tracker").statusCode()).isEqualTo(200);
    assertThat(Http.get(uri, "/history/d%62").statusCode()).isEqualTo(404);
    assertThat(Http.get(uri, "/history/").statusCode()).isEqualTo(404);
  }

  @Test
  void withoutAHistoryStoreItIs404SayingSo() throws IOException {
    URI uri = start(Details.ALWAYS, false);
    for (String path : List.of("/history/db", "/history/nope", "/history/db?step=nonsense")) {
      HttpResponse<String> r = Http.get(uri, path);
      assertThat(r.statusCode()).as(path).isEqualTo(404);
      assertThat(r.body()).as(path).isEqualTo("Not Found: no history store is configured (vitals.history.dir)\n");
    }
  }

  @Test
  void headGivesTheStatusAndLengthWithoutABody() throws IOException {
    URI uri = start(Details.ALWAYS, true);
    HttpResponse<String> get = Http.get(uri, "/history/db?" + RANGE);
    HttpResponse<String> head = Http.send(uri, "HEAD", "/history/db?" + RANGE);
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValueAsLong("Content-Length"))
        .hasValue(get.body().getBytes(java.nio.charset.StandardCharsets.UTF_8).length);
    assertThat(Http.send(uri, "HEAD", "/history/nope").statusCode()).isEqualTo(404);
    assertThat(Http.send(uri, "HEAD", "/history/db?step=0m").statusCode()).isEqualTo(400);
    assertThat(Http.send(uri, "POST", "/history/db").statusCode()).isEqualTo(405);
  }

  @Test
  void withoutDetailsTransitionsAndIncidentsCarryNoMessage() throws IOException {
    URI never = start(Details.NEVER, true);
    String body = Http.get(never, "/history/db?" + RANGE).body();
    assertThat(body).doesNotContain("message").doesNotContain("connection refused")
        .contains("{\"at\":\"2026-11-27T08:10:00Z\",\"from\":\"UP\",\"to\":\"DOWN\"}")
        .contains("\"durationSeconds\":120.0,\"worst\":\"DOWN\"}");

    URI authorized = start(Details.AUTHORIZED, true);
    assertThat(Http.get(authorized, "/history/db?" + RANGE).body()).doesNotContain("connection refused");
    assertThat(Http.get(authorized, "/history/db?" + RANGE, "Authorization", "Bearer " + TOKEN).body())
        .contains("connection refused");
  }

  @Test
  void anOngoingIncidentHasNoEndAndLastsUntilNow() throws IOException {
    history.transition("db", Status.UP, Status.DOWN, Instant.parse("2026-11-27T10:40:00Z"), "timeout");
    URI uri = start(Details.ALWAYS, true);
    assertThat(Http.get(uri, "/history/db").body()).contains("{\"start\":\"2026-11-27T10:40:00Z\",\"end\":null,"
        + "\"durationSeconds\":67.0,\"worst\":\"DOWN\",\"message\":\"timeout\"}");
  }

  @Test
  void aStoreThatCannotBeReadIs503WithItsReasonOnlyWithDetails() throws IOException {
    history.failWith(new UncheckedIOException(new IOException("disk on fire, password=hunter2")));
    URI never = start(Details.NEVER, true);
    HttpResponse<String> r = Http.get(never, "/history/db");
    assertThat(r.statusCode()).isEqualTo(503);
    assertThat(r.body()).isEqualTo("Service Unavailable: the history store cannot be read\n");
    URI always = start(Details.ALWAYS, true);
    assertThat(Http.get(always, "/history/db").body()).contains("disk on fire").doesNotContain("hunter2");
  }

  @Test
  void slowHistoryReadsNeitherHoldUpHealthNorPileUp() throws Exception {
    URI uri = start(Details.NEVER, true);
    CountDownLatch gate = history.block();
    CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> Http.get(uri, "/history/db"));
    CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> Http.get(uri, "/history/db"));
    try {
      assertThat(history.entered.await(10, TimeUnit.SECONDS)).as("both reads reached the store").isTrue();

      // two requests are stuck in the store: /health is answered all the same, a third history request at once
      assertThat(Http.get(uri, "/health").statusCode()).isEqualTo(200);
      HttpResponse<String> third = Http.get(uri, "/history/db");
      assertThat(third.statusCode()).isEqualTo(503);
      assertThat(third.body()).startsWith("Service Unavailable: 2 history requests are reading the store already");
      assertThat(first).isNotDone();
    } finally {
      gate.countDown();
    }
    assertThat(first.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(second.get(10, TimeUnit.SECONDS).statusCode()).isEqualTo(200);
    assertThat(Http.get(uri, "/history/db").statusCode()).isEqualTo(200);
  }
}
