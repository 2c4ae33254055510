package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Fixtures.probe;
import static dev.vitals.exporter.http.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.test.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** {@code GET /badge} and {@code /badge/{name}}: SVG badges on a real JDK server. */
class BadgeTest {

  private static final Instant NOW = Fixtures.NOW;
  private static final Instant TODAY = Instant.parse("2026-11-27T00:00:00Z");

  private final ManualClock clock = new ManualClock(NOW);
  private final AtomicReference<HealthReport> current = new AtomicReference<>(report(
      List.of(probe("db").availability(Map.of("24h", 0.995, "30d", 0.9871)).build(),
          probe("cache").type("redis").critical(false).availability(Map.of("24h", 0.5)).build()),
      List.of(Fixtures.tracker("api"))));
  /** db: 29 days up, then today 10 minutes down in 10 h 41 min observed; cache: 30 days up; api: 1 in 2000 failed. */
  private final MemoryHistory history = new MemoryHistory()
      .upDays("db", TODAY.minus(Duration.ofDays(29)), 29)
      .probe("db", TODAY, Duration.ofMinutes(641), 100, 10, Duration.ofMinutes(631), Duration.ofMinutes(10))
      .upDays("cache", TODAY.minus(Duration.ofDays(29)), 30)
      .tracker("api", TODAY, Duration.ofHours(1), 2000, 1);
  private final List<HttpEndpoint> endpoints = new ArrayList<>();

  @AfterEach
  void close() {
    endpoints.forEach(HttpEndpoint::close);
  }

  private URI start(boolean withHistory) throws IOException {
    HttpEndpoint.Builder b = HttpEndpoint.builder(current::get).port(0).clock(clock);
    if (withHistory) {
      b.history(history);
    }
    HttpEndpoint e = b.start();
    endpoints.add(e);
    return e.uri();
  }

  static Document parse(String svg) throws Exception {
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setNamespaceAware(true);
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    return f.newDocumentBuilder().parse(new ByteArrayInputStream(svg.getBytes(StandardCharsets.UTF_8)));
  }

  /** The texts drawn (not the shadows), in order. */
  static List<String> texts(Document d) {
    List<String> out = new ArrayList<>();
    NodeList texts = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "text");
    for (int i = 0; i < texts.getLength(); i++) {
      Element t = (Element) texts.item(i);
      if (!t.hasAttribute("aria-hidden")) {
        out.add(t.getTextContent());
      }
    }
    return out;
  }

  /** The fill of the value's box: the second rect in the clipped group. */
  static String valueColour(Document d) {
    NodeList rects = d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect");
    return ((Element) rects.item(2)).getAttribute("fill");
  }

  @Test
  void aProbesBadgeShowsItsStatusAnd30DayUptimeFromHistory() throws Exception {
    URI uri = start(true);
    HttpResponse<String> r = Http.get(uri, "/badge/db");

    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    assertThat(r.headers().allValues("Cache-Control")).containsExactly("max-age=60, no-cache");
    Document d = parse(r.body());
    assertThat(d.getDocumentElement().getLocalName()).isEqualTo("svg");
    // 29 days up and 10 minutes down in 10 h 41 min: 10 / (29 * 1440 + 641) down
    double down = 10.0 / (29 * 1440 + 641);
    String pct = String.format(java.util.Locale.ROOT, "%.2f", 100 * (1 - down));
    assertThat(texts(d)).containsExactly("db", "UP \u00b7 " + pct + "%");
    assertThat(pct).isEqualTo("99.98");
    assertThat(valueColour(d)).isEqualTo(Badge.GREEN);
    assertThat(d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "title").item(0).getTextContent())
        .isEqualTo("db: UP, 99.98% available over the last 30 days");
  }

  @ParameterizedTest
  @CsvSource({"UP,#4c1", "DEGRADED,#fe7d37", "DOWN,#e05d44", "UNKNOWN,#9f9f9f"})
  void theValueIsColouredByStatus(Status status, String colour) throws Exception {
    current.set(report(status == Status.UNKNOWN ? probe("db").noResultYet().build()
        : probe("db").status(status).last(status == Status.UP ? ProbeResult.up() : ProbeResult.down("x"), 1).build()));
    URI uri = start(true);
    Document d = parse(Http.get(uri, "/badge/db").body());
    assertThat(texts(d).get(1)).startsWith(status.name() + " \u00b7 ");
    assertThat(valueColour(d)).isEqualTo(colour);
    assertThat(((Element) d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "rect").item(1)).getAttribute("fill"))
        .as("the label's box").isEqualTo("#555");
  }

  @Test
  void withoutHistoryTheReportsAvailabilityIsShown30DaysFirst() throws Exception {
    URI uri = start(false);
    assertThat(texts(parse(Http.get(uri, "/badge/db").body()))).containsExactly("db", "UP \u00b7 98.71%");
    assertThat(texts(parse(Http.get(uri, "/badge/cache").body()))).containsExactly("cache", "UP \u00b7 50% 24h");
  }

  @Test
  void theServiceBadgeShowsItsStatusAndTheLowestUptimeOfItsCriticalProbes() throws Exception {
    URI uri = start(false);
    // cache (50 %) is not critical: db's 98.71 % is the service's
    HttpResponse<String> r = Http.get(uri, "/badge");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(texts(parse(r.body()))).containsExactly("health", "UP \u00b7 98.71%");

    current.set(report(probe("db").status(Status.DOWN).last(ProbeResult.down("refused"), 1)
        .availability(Map.of("30d", 0.9)).build()));
    Document d = parse(Http.get(uri, "/badge").body());
    assertThat(texts(d)).containsExactly("health", "DOWN \u00b7 90%");
    assertThat(valueColour(d)).isEqualTo(Badge.RED);
  }

  @Test
  void aTrackersBadgeShowsItsUptimeColouredByIt() throws Exception {
    URI uri = start(true);
    Document d = parse(Http.get(uri, "/badge/api").body());
    assertThat(texts(d)).containsExactly("api", "99.95%");
    assertThat(valueColour(d)).isEqualTo(Badge.GREEN);
  }

  @Test
  void anUnknownNameIs404WithAGreyUnknownBadge() throws Exception {
    URI uri = start(true);
    HttpResponse<String> r = Http.get(uri, "/badge/nope");
    assertThat(r.statusCode()).isEqualTo(404);
    assertThat(r.headers().firstValue("Content-Type")).hasValue("image/svg+xml");
    Document d = parse(r.body());
    assertThat(texts(d)).containsExactly("vitals", "unknown");
    assertThat(valueColour(d)).isEqualTo(Badge.GREY);
    assertThat(Http.get(uri, "/badge/").statusCode()).isEqualTo(404);
    assertThat(Http.get(uri, "/badge/d%62").statusCode()).isEqualTo(404);
  }

  @Test
  void headGivesTheBadgesLengthWithoutABody() throws IOException {
    URI uri = start(true);
    HttpResponse<String> head = Http.send(uri, "HEAD", "/badge/db");
    assertThat(head.statusCode()).isEqualTo(200);
    assertThat(head.body()).isEmpty();
    assertThat(head.headers().firstValueAsLong("Content-Length"))
        .hasValue(Http.get(uri, "/badge/db").body().getBytes(StandardCharsets.UTF_8).length);
  }

  @Test
  void textIsXmlEscapedAndTheBoxesGrowWithIt() throws Exception {
    String hostile = "<script>alert('x')</script> & \"q\"";
    String svg = Badge.svg(hostile, "UP", Badge.GREEN, hostile);
    assertThat(svg).doesNotContain("<script");
    Document d = parse(svg);
    assertThat(texts(d)).containsExactly(hostile, "UP");
    assertThat(d.getElementsByTagNameNS("http://www.w3.org/2000/svg", "script").getLength()).isZero();

    int shortWidth = Integer.parseInt(parse(Badge.svg("db", "UP", Badge.GREEN, "t")).getDocumentElement()
        .getAttribute("width"));
    int longWidth = Integer.parseInt(parse(Badge.svg("a-much-longer-probe-name", "DEGRADED \u00b7 99.95%",
        Badge.ORANGE, "t")).getDocumentElement().getAttribute("width"));
    assertThat(longWidth).isGreaterThan(shortWidth * 3);
    // each box is 10 px wider than its text, and the text is drawn to that length
    assertThat(svg).contains("textLength=\"" + Badge.width(hostile) + "\"", "textLength=\"" + Badge.width("UP") + "\"");
  }

  @Test
  void aStoreThatCannotBeReadFallsBackToTheReport() throws Exception {
    history.failWith(new IllegalStateException("database down"));
    URI uri = start(true);
    HttpResponse<String> r = Http.get(uri, "/badge/db");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(texts(parse(r.body()))).containsExactly("db", "UP \u00b7 98.71%");
  }
}
