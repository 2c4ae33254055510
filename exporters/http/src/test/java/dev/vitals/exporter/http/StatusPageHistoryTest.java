package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Fixtures.probe;
import static dev.vitals.exporter.http.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
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
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;

/** The status page's 30- and 90-day bars and incident list, from a history, on a real JDK server. */
class StatusPageHistoryTest {

  private static final Instant NOW = Fixtures.NOW; // 2026-11-27T10:41:07Z
  private static final Instant TODAY = Instant.parse("2026-11-27T00:00:00Z");

  private final ManualClock clock = new ManualClock(NOW);
  private final HealthReport report = report(List.of(probe("db").build()), List.of(Fixtures.tracker("api")));
  /**
   * db: first observed 9 days ago; up all day for 7 days; on the 25th 10 minutes down; the 26th observed
   * for half the day, all up; today down since 10:00 (ongoing). api: 20 of 1000 calls failed today.
   */
  private final MemoryHistory history = new MemoryHistory()
      .upDays("db", TODAY.minus(Duration.ofDays(9)), 7)
      .probe("db", TODAY.minus(Duration.ofDays(2)), Duration.ofDays(1), 8640, 60, Duration.ofMinutes(1430),
          Duration.ofMinutes(10))
      .probe("db", TODAY.minus(Duration.ofDays(1)), Duration.ofHours(12), 4320, 0, Duration.ofHours(12), Duration.ZERO)
      .probe("db", TODAY, Duration.ofMinutes(641), 3846, 246, Duration.ofMinutes(600), Duration.ofMinutes(41))
      .transition("db", Status.UP, Status.DOWN, Instant.parse("2026-11-25T12:00:00Z"), "<script>alert(1)</script>")
      .transition("db", Status.DOWN, Status.UP, Instant.parse("2026-11-25T12:10:00Z"), "")
      .transition("db", Status.UP, Status.DOWN, Instant.parse("2026-11-27T10:00:00Z"), "timeout")
      .tracker("api", TODAY, Duration.ofHours(1), 1000, 20);
  private final List<HttpEndpoint> endpoints = new ArrayList<>();

  @AfterEach
  void close() {
    endpoints.forEach(HttpEndpoint::close);
  }

  private URI start(Details details, boolean withHistory) throws IOException {
    HttpEndpoint.Builder b = HttpEndpoint.builder(() -> report).port(0).details(details).clock(clock);
    if (withHistory) {
      b.history(history);
    }
    HttpEndpoint e = b.start();
    endpoints.add(e);
    return e.uri();
  }

  private static String page(URI uri) {
    HttpResponse<String> r = Http.get(uri, "/status");
    assertThat(r.statusCode()).isEqualTo(200);
    return r.body();
  }

  /** The text from the first {@code start} after {@code from} to the next {@code end}, inclusive. */
  private static String between(String text, String from, String start, String end) {
    int i = text.indexOf(start, text.indexOf(from));
    assertThat(i).as(start + " after " + from).isNotNegative();
    return text.substring(i, text.indexOf(end, i) + end.length());
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + 1)) {
      n++;
    }
    return n;
  }

  @Test
  void everyProbeAndTrackerHas30And90DayBarsOfOneMarkPerDay() throws IOException {
    String html = page(start(Details.ALWAYS, true));
    for (String key : List.of("probe.db", "tracker.api")) {
      String bar30 = between(html, "data-history=\"" + key + "\"", "<svg class=\"days days-30\"", "</svg>");
      String bar90 = between(html, "data-history=\"" + key + "\"", "<svg class=\"days days-90\"", "</svg>");
      assertThat(count(bar30, "<rect class=\"day ")).as(key).isEqualTo(30);
      assertThat(count(bar90, "<rect class=\"day ")).as(key).isEqualTo(90);
      assertThat(count(bar30, "<title>")).as(key).isEqualTo(30);
      assertThat(bar30).contains("<title>2026-10-29 (UTC)\n").contains("<title>2026-11-27 (UTC)\n");
      assertThat(bar90).contains("<title>2026-08-30 (UTC)\n").contains("<title>2026-11-27 (UTC)\n");
    }
    // the 24-hour bar of today's page stays
    assertThat(html).contains("Last 24 hours").contains("<svg class=\"uptime\"");
  }

  @Test
  void daysAreColouredByAvailabilityAndDaysNotObservedAreHatchedNotDown() throws IOException {
    String bar = between(page(start(Details.ALWAYS, true)), "data-history=\"probe.db\"", "<svg class=\"days days-30\"",
        "</svg>");
    assertThat(bar).contains("<rect class=\"day day-good\" x=\"240\" y=\"0\" width=\"10\" height=\"28\"><title>"
        + "2026-11-18 (UTC)\n100 % available</title></rect>");
    assertThat(bar).contains("<rect class=\"day day-warn\" x=\"324\" y=\"0\" width=\"10\" height=\"28\"><title>"
        + "2026-11-25 (UTC)\n99.31 % available\nDOWN 2026-11-25 12:00\u201312:10 UTC (10m 0s): "
        + "&lt;script&gt;alert(1)&lt;/script&gt;</title></rect>");
    // half of the 26th observed: its availability over that half, and the share not observed
    assertThat(bar).contains("<rect class=\"day day-good\" x=\"336\" y=\"0\" width=\"10\" height=\"28\"><title>"
        + "2026-11-26 (UTC)\n100 % available of the time observed\nnot observed: 50 % (12h 0m)</title></rect>");
    assertThat(bar).contains("<rect class=\"day day-bad\" x=\"348\"")
        .contains("DOWN 2026-11-27 10:00\u201310:41 UTC, ongoing (41m 7s): timeout</title>");
    // before the history began: not observed, hatched, never red
    assertThat(bar).contains("<rect class=\"day day-none\" x=\"0\" y=\"0\" width=\"10\" height=\"28\" "
        + "fill=\"url(#vh-hatch)\"><title>2026-10-29 (UTC)\nnot observed</title></rect>");
    assertThat(count(bar, "day-none")).isEqualTo(20);
    assertThat(count(bar, "day-bad")).isEqualTo(1);

    String tracker = between(page(start(Details.ALWAYS, true)), "data-history=\"tracker.api\"",
        "<svg class=\"days days-30\"", "</svg>");
    assertThat(tracker).contains("<rect class=\"day day-bad\" x=\"348\" y=\"0\" width=\"10\" height=\"28\"><title>"
        + "2026-11-27 (UTC)\n98 % available (20 of 1000 calls failed)</title></rect>")
        .contains("<title>2026-11-26 (UTC)\nno operations</title>");
  }

  @Test
  void theIncidentListShowsStartEndDurationProbeAndMessageNewestFirst() throws IOException {
    String html = page(start(Details.ALWAYS, true));
    String list = between(html, "<h2 id=\"incidents\">", "<tbody>", "</tbody>");
    assertThat(list).isEqualTo("<tbody>\n"
        + "<tr class=\"incident s-down ongoing\" data-probe=\"db\"><td>2026-11-27 10:00:00 UTC</td>"
        + "<td><span class=\"bad\">ongoing</span></td><td class=\"r\">41m 7s</td><td class=\"pname\">db</td>"
        + "<td><span class=\"pill s-down\">DOWN</span></td><td class=\"msg\">timeout</td></tr>\n"
        + "<tr class=\"incident s-down\" data-probe=\"db\"><td>2026-11-25 12:00:00 UTC</td>"
        + "<td>2026-11-25 12:10:00 UTC</td><td class=\"r\">10m 0s</td><td class=\"pname\">db</td>"
        + "<td><span class=\"pill s-down\">DOWN</span></td><td class=\"msg\">&lt;script&gt;alert(1)&lt;/script&gt;</td>"
        + "</tr>\n</tbody>");
    assertThat(html).doesNotContainIgnoringCase("<script");
  }

  @Test
  void withoutDetailsNeitherTooltipsNorTheIncidentListCarryMessages() throws IOException {
    String html = page(start(Details.NEVER, true));
    assertThat(html).doesNotContain("timeout").doesNotContain("alert(1)").doesNotContain("<th scope=\"col\">Message");
    assertThat(html).contains("DOWN 2026-11-25 12:00\u201312:10 UTC (10m 0s)</title>")
        .contains("<td><span class=\"bad\">ongoing</span></td>");
  }

  @Test
  void theHistorySectionsAreWellFormed() throws Exception {
    String html = page(start(Details.ALWAYS, true));
    String sections = html.substring(html.indexOf("<section aria-labelledby=\"uptime-history\">"),
        html.indexOf("</section>", html.indexOf("<h2 id=\"incidents\">")) + "</section>".length());
    DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
    f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
    Document d = f.newDocumentBuilder().parse(new ByteArrayInputStream(("<div>" + sections + "</div>")
        .getBytes(StandardCharsets.UTF_8)));
    assertThat(d.getElementsByTagName("section").getLength()).isEqualTo(2);
    assertThat(d.getElementsByTagName("rect").getLength()).isEqualTo(2 * (30 + 90) + 1); // and the hatch's
    assertThat(d.getElementsByTagName("script").getLength()).isZero();
  }

  @Test
  void withoutAHistoryStoreThePageIsAsBefore() throws IOException {
    String html = page(start(Details.ALWAYS, false));
    assertThat(html).doesNotContain("uptime-history").doesNotContain("days-30").doesNotContain("id=\"incidents\"")
        .contains("Last 24 hours").contains("<svg class=\"uptime\"");
    assertThat(html).isEqualTo(StatusPage.render(report, NOW, true));
  }

  @Test
  void theHistoryIsReadAtMostOnceAMinute() throws IOException {
    URI uri = start(Details.ALWAYS, true);
    page(uri);
    assertThat(history.periodReads).hasValue(2); // db and api
    clock.advance(Duration.ofSeconds(20)); // a new second renders the page again, from the same read
    page(uri);
    assertThat(Http.get(uri, "/badge/db").statusCode()).isEqualTo(200);
    assertThat(history.periodReads).hasValue(2);

    clock.advance(Duration.ofSeconds(40)); // 10:42:07, another minute
    String html = page(uri);
    assertThat(history.periodReads).hasValue(4);
    assertThat(html).contains("DOWN 2026-11-27 10:00\u201310:42 UTC, ongoing (42m 7s): timeout</title>");
  }

  @Test
  void aStoreThatCannotBeReadLeavesThePageUpAndSaysSo() throws IOException {
    history.failWith(new IllegalStateException("database down, password=hunter2"));
    String reduced = page(start(Details.NEVER, true));
    assertThat(reduced).contains("<p class=\"empty history-failed\">The history could not be read. It is tried again "
        + "within a minute.</p>").doesNotContain("database down").contains("Last 24 hours");
    String full = page(start(Details.ALWAYS, true));
    assertThat(full).contains("The history could not be read: java.lang.IllegalStateException: database down")
        .doesNotContain("hunter2");
  }
}
