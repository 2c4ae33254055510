package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.StatusPageFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.exporter.http.Timeline.Segment;
import dev.vitals.exporter.http.StatusPageFixtures.Probe;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

class StatusPageTest {

  private static final Instant DAY_AGO = NOW.minus(Duration.ofHours(24));

  @Test
  void escapesScriptTagsQuotesAndAmpersandsInEveryValueFromAProbe() {
    ProbeReport hostile = new Probe("a\"b<c>&d'e").type("<typ>")
        .status(Status.DOWN, 0)
        .result(ProbeResult.builder(Status.DOWN).message("<script>alert(1)</script> & \"x\" 'y'")
            .detail("<key>", "<val onmouseover=\"steal()\">").error(new IOException("<err>")).build(),
            5_000_000, NOW.minusSeconds(1))
        .transition(Status.UP, Status.DOWN, NOW.minusSeconds(30), "<script>transition()</script>")
        .build();
    HealthReport report = StatusPageFixtures.report(Status.DOWN, 10, List.of(hostile),
        List.of(StatusPageFixtures.tracker("<trk onclick=x>", 10, 1, 1, 2, 3, 90)),
        List.of("<script>problem()</script> & more"));

    String html = StatusPage.render(report, NOW);

    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContain("<typ>").doesNotContain("<key>")
        .doesNotContain("<val").doesNotContain("<err>").doesNotContain("<trk").doesNotContain("a\"b<c>");
    assertThat(html)
        .contains("&lt;script&gt;alert(1)&lt;/script&gt; &amp; &quot;x&quot; &#39;y&#39;")
        .contains("data-probe=\"a&quot;b&lt;c&gt;&amp;d&#39;e\"")
        .contains("<div class=\"pname\">a&quot;b&lt;c&gt;&amp;d&#39;e</div>")
        .contains("&lt;typ&gt;")
        .contains("<dt>&lt;key&gt;</dt><dd>&lt;val onmouseover=&quot;steal()&quot;&gt;</dd>")
        .contains("java.io.IOException: &lt;err&gt;")
        .contains("&lt;script&gt;transition()&lt;/script&gt;")
        .contains("data-tracker=\"&lt;trk onclick=x&gt;\"")
        .contains("&lt;script&gt;problem()&lt;/script&gt; &amp; more");
  }

  @Test
  void emptyReportSaysThereIsNothingMonitored() {
    String html = StatusPage.render(StatusPageFixtures.empty(), NOW);

    assertThat(html).startsWith("<!DOCTYPE html>").endsWith("</html>\n")
        .contains("<title>UP · Vitals status</title>")
        .contains("All systems operational")
        .contains("No probes registered.")
        .contains("No operations tracked.")
        .contains("not yet ready")
        .doesNotContain("<table");
  }

  @Test
  void unknownProbeWithoutResultShowsUnknownAnEmptyBarAndNoSparkline() {
    ProbeReport fresh = new Probe("ledger").status(Status.UNKNOWN, 0).noResult().since(NOW.minusSeconds(2)).build();
    HealthReport report = StatusPageFixtures.report(Status.UNKNOWN, 0, List.of(fresh), List.of(), List.of());

    String html = StatusPage.render(report, NOW);

    assertThat(html).contains("<title>UNKNOWN · Vitals status</title>")
        .contains("Waiting for first results")
        .contains("<span class=\"pill s-unknown\"><span aria-hidden=\"true\">?</span> UNKNOWN</span>")
        .contains("no result yet")
        .contains("no runs yet")
        .doesNotContain("class=\"sparkline\"");
    assertThat(count(html, "<rect class=\"seg-")).as("nothing observed, nothing drawn").isZero();
    assertThat(html).contains("aria-label=\"No results from ledger yet\"></svg>")
        .contains("<div class=\"axis\"><span>no results yet</span><span>now</span></div>");
  }

  @Test
  void everyProbeHasAnUptimeBarAndEveryProbeWithRunsALatencySparkline() {
    HealthReport report = StatusPageFixtures.realistic();

    String html = StatusPage.render(report, NOW);

    assertThat(count(html, "<svg class=\"uptime\"")).isEqualTo(report.probes().size());
    assertThat(count(html, "<svg class=\"sparkline\"")).isEqualTo(report.probes().size() - 1);
    Matcher m = Pattern.compile("<polyline class=\"line\" points=\"([^\"]*)\"").matcher(html);
    assertThat(m.find()).isTrue();
    assertThat(m.group(1).split(" ")).hasSize(report.probes().get(0).recentLatenciesNanos().size());
    assertThat(html).contains("aria-label=\"Last 24 hours of orders-db: 97.92 % available\"")
        .contains("<rect class=\"seg-down\"");
  }

  @Test
  void sparklineDrawsTheBudgetLineWhenLatenciesReachIt() {
    HealthReport report = StatusPageFixtures.realistic();

    String html = StatusPage.render(report, NOW);

    String payments = html.substring(html.indexOf("data-probe=\"payments-api\""));
    payments = payments.substring(0, payments.indexOf("</tr>"));
    String db = html.substring(html.indexOf("data-probe=\"orders-db\""));
    db = db.substring(0, db.indexOf("</tr>"));
    assertThat(payments).contains("<line class=\"budget\"").contains("last 2.00 s");
    assertThat(db).doesNotContain("<line class=\"budget\"");
  }

  @Test
  void timelineIsUnknownBeforeTheFirstKnownTransition() {
    ProbeReport p = new Probe("db").status(Status.DOWN, 0).since(NOW.minus(Duration.ofHours(2)))
        .transition(Status.UNKNOWN, Status.UP, NOW.minus(Duration.ofHours(6)), "")
        .transition(Status.UP, Status.DOWN, NOW.minus(Duration.ofHours(2)), "refused")
        .build();

    List<Segment> segments = Timeline.of(p, DAY_AGO, NOW);

    assertThat(segments).extracting(s -> s.status).containsExactly(Status.UNKNOWN, Status.UP, Status.DOWN);
    assertThat(segments).extracting(s -> s.start)
        .containsExactly(DAY_AGO, NOW.minus(Duration.ofHours(6)), NOW.minus(Duration.ofHours(2)));
    assertThat(segments.get(2).end).isEqualTo(NOW);
    assertThat(segments.get(2).message).isEqualTo("refused");
  }

  @Test
  void timelineWithoutHistoryStartsAtSince() {
    ProbeReport p = new Probe("db").status(Status.DEGRADED, 70).since(NOW.minus(Duration.ofHours(3))).build();

    List<Segment> segments = Timeline.of(p, DAY_AGO, NOW);

    assertThat(segments).extracting(s -> s.status).containsExactly(Status.UNKNOWN, Status.DEGRADED);
    assertThat(segments.get(1).start).isEqualTo(NOW.minus(Duration.ofHours(3)));
  }

  @Test
  void timelineCarriesTheStatusOfTransitionsOlderThanTheWindow() {
    ProbeReport p = new Probe("db").status(Status.UP, 100).since(NOW.minus(Duration.ofHours(1)))
        .transition(Status.UNKNOWN, Status.UP, NOW.minus(Duration.ofHours(40)), "")
        .transition(Status.UP, Status.DOWN, NOW.minus(Duration.ofHours(2)), "")
        .transition(Status.DOWN, Status.UP, NOW.minus(Duration.ofHours(1)), "")
        .build();

    List<Segment> segments = Timeline.of(p, DAY_AGO, NOW);

    assertThat(segments).extracting(s -> s.status).containsExactly(Status.UP, Status.DOWN, Status.UP);
    assertThat(segments.get(0).start).isEqualTo(DAY_AGO);
  }

  @Test
  void timelineEndsInTheCurrentStatusEvenWhenHistoryMissedTheLastChange() {
    ProbeReport p = new Probe("db").status(Status.DOWN, 0).since(NOW.minus(Duration.ofMinutes(5)))
        .transition(Status.UNKNOWN, Status.UP, NOW.minus(Duration.ofHours(5)), "")
        .build();

    List<Segment> segments = Timeline.of(p, DAY_AGO, NOW);

    assertThat(segments).extracting(s -> s.status).containsExactly(Status.UNKNOWN, Status.UP, Status.DOWN);
    assertThat(segments.get(2).start).isEqualTo(NOW.minus(Duration.ofMinutes(5)));
  }

  @Test
  void aOneMinuteOutageStaysVisibleInTheBar() {
    ProbeReport p = new Probe("db").since(NOW.minus(Duration.ofHours(3)))
        .transition(Status.UNKNOWN, Status.UP, NOW.minus(Duration.ofHours(30)), "")
        .transition(Status.UP, Status.DOWN, NOW.minus(Duration.ofHours(3).plusMinutes(1)), "blip")
        .transition(Status.DOWN, Status.UP, NOW.minus(Duration.ofHours(3)), "")
        .build();
    HealthReport report = StatusPageFixtures.report(Status.UP, 100, List.of(p), List.of(), List.of());

    String html = StatusPage.render(report, NOW);

    assertThat(html).containsPattern("<rect class=\"seg-down\" x=\"[0-9.]+\" y=\"0\" width=\"4.00\"")
        .contains(": blip</title>");
  }

  @Test
  void theBarOfAOneMinuteOldProbeDrawsItsMinuteAndNoGreyForTheUnobservedDay() {
    Instant first = NOW.minus(Duration.ofMinutes(1));
    ProbeReport p = new Probe("api").since(first).transition(Status.UNKNOWN, Status.UP, first, "")
        .availability(1.0, 1.0, 1.0, 1.0).build();
    HealthReport report = StatusPageFixtures.report(Status.UP, 100, List.of(p), List.of(), List.of());

    String html = StatusPage.render(report, NOW);

    assertThat(html).doesNotContain("seg-unknown\"").doesNotContain("24 h ago");
    assertThat(count(html, "<rect class=\"seg-")).isEqualTo(1);
    assertThat(html).contains("<rect class=\"seg-up\" x=\"0.00\" y=\"0\" width=\"1000.00\" height=\"24\">"
            + "<title>UP 2026-11-27 10:40\u201310:41 UTC (1m 0s, until now)</title></rect>")
        .contains("aria-label=\"Last 1m 0s of api (observed since 2026-11-27 10:40:07 UTC): 100 % available\"")
        .contains("<span title=\"observed since 2026-11-27 10:40:07 UTC\">1m 0s ago</span>");
  }

  @Test
  void theBarOfAProbeObservedForPartOfTheDaySpansFromItsFirstResult() {
    ProbeReport p = new Probe("db").since(NOW.minus(Duration.ofHours(1)))
        .transition(Status.UNKNOWN, Status.UP, NOW.minus(Duration.ofHours(4)), "")
        .transition(Status.UP, Status.DOWN, NOW.minus(Duration.ofHours(2)), "refused")
        .transition(Status.DOWN, Status.UP, NOW.minus(Duration.ofHours(1)), "")
        .build();
    HealthReport report = StatusPageFixtures.report(Status.UP, 100, List.of(p), List.of(), List.of());

    String html = StatusPage.render(report, NOW);

    assertThat(html).doesNotContain("seg-unknown\"")
        .contains("<rect class=\"seg-up\" x=\"0.00\" y=\"0\" width=\"500.00\"")
        .contains("<rect class=\"seg-up\" x=\"750.00\" y=\"0\" width=\"250.00\"")
        .contains("<rect class=\"seg-down\" x=\"500.00\" y=\"0\" width=\"250.00\"")
        .contains(">4h 0m ago</span>");
  }

  @Test
  void barTooltipsAreDatedAndReadForwardAcrossMidnight() {
    String html = StatusPage.render(StatusPageFixtures.realistic(), NOW);

    String db = html.substring(html.indexOf("data-probe=\"orders-db\""));
    db = db.substring(0, db.indexOf("</tr>"));
    assertThat(db).contains("<title>UP 2026-11-26 10:41 \u2013 2026-11-27 03:31 UTC (16h 50m)</title>")
        .contains("<title>DOWN 2026-11-27 03:31\u201304:01 UTC (30m 0s): Connection refused: orders-db:5432</title>")
        .contains("<title>UP 2026-11-27 04:01\u201310:41 UTC (6h 40m, until now)</title>")
        .contains("<span>24 h ago</span>");
    Matcher m = Pattern.compile("<title>[A-Z]+ (\\d{4}-\\d\\d-\\d\\d) (\\d\\d:\\d\\d(?::\\d\\d)?)"
        + "(?:\u2013| \u2013 (\\d{4}-\\d\\d-\\d\\d) )(\\d\\d:\\d\\d(?::\\d\\d)?) UTC").matcher(html);
    int tooltips = 0;
    while (m.find()) {
      String startDate = m.group(1);
      String endDate = m.group(3) == null ? startDate : m.group(3);
      assertThat(endDate + " " + m.group(4)).as(m.group()).isGreaterThanOrEqualTo(startDate + " " + m.group(2));
      tooltips++;
    }
    assertThat(tooltips).as("every segment of the realistic page has a dated tooltip")
        .isEqualTo(count(html, "<rect class=\"seg-"));
  }

  @Test
  void theObservedTimelineLeavesOutTheUnknownStretchBeforeTheFirstResult() {
    ProbeReport p = new Probe("db").status(Status.DOWN, 0).since(NOW.minus(Duration.ofHours(2)))
        .transition(Status.UNKNOWN, Status.UP, NOW.minus(Duration.ofHours(6)), "")
        .transition(Status.UP, Status.DOWN, NOW.minus(Duration.ofHours(2)), "refused")
        .build();

    List<Segment> segments = Timeline.observed(Timeline.of(p, DAY_AGO, NOW));

    assertThat(segments).extracting(s -> s.status).containsExactly(Status.UP, Status.DOWN);
    assertThat(segments.get(0).start).isEqualTo(NOW.minus(Duration.ofHours(6)));
  }

  @Test
  void staleProbeIsMarkedStale() {
    ProbeReport p = new Probe("search").stale().result(ProbeResult.up(), 1_000_000, NOW.minus(Duration.ofMinutes(3)))
        .build();
    HealthReport report = StatusPageFixtures.report(Status.UP, 100, List.of(p), List.of(), List.of());

    String html = StatusPage.render(report, NOW);

    assertThat(html).contains("<tr class=\"probe s-up stale\"")
        .contains(">STALE</span>")
        .contains("<span class=\"stale-text\" title=\"latest result at 2026-11-27 10:38:07 UTC\">checked 3m 0s ago")
        .contains("(1 stale)");
  }

  @Test
  void pageRefreshesItselfAndLoadsNothingFromOutside() {
    String html = StatusPage.render(StatusPageFixtures.realistic(), NOW);

    assertThat(html).contains("<meta http-equiv=\"refresh\" content=\"10\">")
        .contains("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none';")
        .doesNotContain("http://").doesNotContain("https://").doesNotContain("src=\"")
        .doesNotContain("url(").doesNotContain("@import").doesNotContain("<link")
        .doesNotContain("@font-face");
  }

  @Test
  void headerShowsServiceStatusScoreUptimeColdStartAndGroups() {
    String html = StatusPage.render(StatusPageFixtures.realistic(), NOW);

    assertThat(html).contains("<title>DOWN · Vitals status</title>")
        .contains("<header class=\"hero s-down\">")
        .contains("Service down")
        .contains("<dt>Health score</dt><dd><span class=\"num bad\">66.1</span>")
        .contains("<dt>Uptime</dt><dd>3d 4h</dd>")
        .contains("<dt>Cold start</dt><dd><span class=\"\">212 ms</span></dd>")
        .contains("(1 down, 1 degraded, 1 unknown, 1 stale)")
        .contains("<span class=\"group-name\">Readiness</span> <span class=\"pill s-down\">");
  }

  @Test
  void statusesAreShownAsColourAndText() {
    String html = StatusPage.render(StatusPageFixtures.realistic(), NOW);

    assertThat(html)
        .contains("<span class=\"pill s-up\"><span aria-hidden=\"true\">\u2713</span> UP</span>")
        .contains("<span class=\"pill s-degraded\"><span aria-hidden=\"true\">!</span> DEGRADED</span>")
        .contains("<span class=\"pill s-down\"><span aria-hidden=\"true\">\u2715</span> DOWN</span>")
        .contains("<span class=\"pill s-unknown\"><span aria-hidden=\"true\">?</span> UNKNOWN</span>");
  }

  @Test
  void probeRowShowsScoreP95AndErrorRate() {
    String html = StatusPage.render(StatusPageFixtures.realistic(), NOW);

    String payments = html.substring(html.indexOf("data-probe=\"payments-api\""));
    payments = payments.substring(0, payments.indexOf("</tr>"));
    assertThat(payments).contains("<span class=\"num bad\">0.0</span>")
        .contains("<span class=\"bad\">2.00 s</span>")
        .contains("<span class=\"bad\">36.67 %</span>")
        .contains("11 of 30");
  }

  @Test
  void trackersTableShowsScoreCountErrorRateAndPercentiles() {
    String html = StatusPage.render(StatusPageFixtures.realistic(), NOW);

    String api = html.substring(html.indexOf("data-tracker=\"api\""));
    api = api.substring(0, api.indexOf("</tr>"));
    assertThat(api).contains("<span class=\"num good\">99.0</span>")
        .contains("184,233").contains("412 failed")
        .contains(">38.0 ms<").contains(">142 ms<").contains(">388 ms<");
    assertThat(html).contains("<th scope=\"col\" class=\"r\">p50</th>").contains("<th scope=\"col\" class=\"r\">p99</th>");
  }

  @Test
  void withoutDetailsThePageLeavesOutMessagesDetailsAndTransitionMessages() {
    String html = StatusPage.render(StatusPageFixtures.realistic(), NOW, false);

    assertThat(html).doesNotContain("pwned").doesNotContain("PostgreSQL 16.4").doesNotContain("pool.active")
        .doesNotContain("Connection refused").doesNotContain("used_memory")
        .contains("orders-db").contains("payments-api").contains(" DOWN</span>");
  }

  @Test
  void theHeadlineNeverSaysAllSystemsOperationalAboveAScoreInRed() {
    HealthReport report = StatusPageFixtures.report(Status.UP, 83.0, List.of(new Probe("db").build()),
        List.of(StatusPageFixtures.tracker("api", 2_000, 70, 40_000_000, 190_000_000, 300_000_000, 54.8)),
        List.of());

    String html = StatusPage.render(report, NOW);

    assertThat(html).doesNotContain("All systems operational")
        .contains("<h1>Operational, with problems: api</h1>");
    assertThat(row(html, "data-tracker=\"api\"")).contains("<span class=\"num bad\">54.8</span>");
  }

  @Test
  void theHeadlineNamesWhatNeedsAttentionWhenNoScoreIsRed() {
    ProbeReport slow = new Probe("db").status(Status.UP, 85.0).build();
    ProbeReport stale = new Probe("search").stale().build();
    HealthReport report = StatusPageFixtures.report(Status.UP, 85.0, List.of(slow, stale),
        List.of(StatusPageFixtures.tracker("api", 2_000, 0, 40_000_000, 150_000_000, 190_000_000, 100)), List.of());

    String html = StatusPage.render(report, NOW);

    assertThat(html).doesNotContain("All systems operational")
        .contains("<h1>Operational, needs attention: db, search</h1>");
    assertThat(row(html, "data-probe=\"db\"")).contains("<span class=\"num warn\">85.0</span>");
  }

  @Test
  void theHeadlineSaysAllSystemsOperationalOnlyWhenEveryScoreShownIsGreen() {
    ProbeReport fresh = new Probe("ledger").status(Status.UNKNOWN, 0).noResult().build();
    HealthReport report = StatusPageFixtures.report(Status.UP, 96.4, List.of(new Probe("db").build(), fresh),
        List.of(StatusPageFixtures.tracker("api", 2_000, 4, 40_000_000, 150_000_000, 190_000_000, 96.4),
            StatusPageFixtures.tracker("idle", 0, 0, 0, 0, 0, 100)),
        List.of());

    String html = StatusPage.render(report, NOW);

    assertThat(html).contains("<h1>All systems operational</h1>")
        .doesNotContain("class=\"num warn\"").doesNotContain("class=\"num bad\"");
  }

  @Test
  void theHeadlineNamesThreeSubjectsEscapedAndCountsTheRest() {
    List<ProbeReport> probes = List.of(new Probe("a<b").status(Status.UP, 10).build(),
        new Probe("b").status(Status.UP, 20).build(), new Probe("c").status(Status.UP, 30).build(),
        new Probe("d").status(Status.UP, 40).build(), new Probe("e").status(Status.UP, 50).build());
    HealthReport report = StatusPageFixtures.report(Status.UP, 10, probes, List.of(), List.of());

    assertThat(StatusPage.headline(report)).isEqualTo("Operational, with problems: a&lt;b, b, c and 2 more");
  }

  @Test
  void theHeadlineFollowsTheStatusWhenTheServiceIsNotUp() {
    ProbeReport down = new Probe("db").status(Status.DOWN, 0).build();
    ProbeReport degraded = new Probe("db").status(Status.DEGRADED, 70).build();
    ProbeReport fresh = new Probe("db").status(Status.UNKNOWN, 0).noResult().build();

    assertThat(StatusPage.headline(StatusPageFixtures.report(Status.DOWN, 0, List.of(down), List.of(), List.of())))
        .isEqualTo("Service down");
    assertThat(StatusPage.headline(StatusPageFixtures.report(Status.DEGRADED, 70, List.of(degraded), List.of(),
        List.of()))).isEqualTo("Degraded: working, with problems");
    assertThat(StatusPage.headline(StatusPageFixtures.report(Status.UNKNOWN, 100, List.of(fresh), List.of(),
        List.of()))).isEqualTo("Waiting for first results");
  }

  @Test
  void scoresAreColouredByTheBandsOfScoreBand() {
    HealthReport report = StatusPageFixtures.report(Status.UP, 90.0, List.of(), List.of(
        StatusPageFixtures.tracker("t90", 10, 0, 1, 2, 3, 90.0), StatusPageFixtures.tracker("t89", 10, 0, 1, 2, 3, 89.9),
        StatusPageFixtures.tracker("t70", 10, 0, 1, 2, 3, 70.0), StatusPageFixtures.tracker("t69", 10, 0, 1, 2, 3, 69.9)),
        List.of());

    String html = StatusPage.render(report, NOW);

    assertThat(html).contains("<dt>Health score</dt><dd><span class=\"num good\">90.0</span>");
    assertThat(row(html, "data-tracker=\"t90\"")).contains("<span class=\"num good\">90.0</span>");
    assertThat(row(html, "data-tracker=\"t89\"")).contains("<span class=\"num warn\">89.9</span>");
    assertThat(row(html, "data-tracker=\"t70\"")).contains("<span class=\"num warn\">70.0</span>");
    assertThat(row(html, "data-tracker=\"t69\"")).contains("<span class=\"num bad\">69.9</span>");
  }

  @Test
  void coldStartAboveItsBudgetIsFlagged() {
    HealthReport slow = StatusPageFixtures.empty().toBuilder().coldStart(Duration.ofMillis(640)).build();

    assertThat(StatusPage.render(slow, NOW)).contains("<dt>Cold start</dt><dd><span class=\"bad\">640 ms</span>");
  }

  /** The table row that carries {@code marker}, up to its end. */
  private static String row(String html, String marker) {
    String row = html.substring(html.indexOf(marker));
    return row.substring(0, row.indexOf("</tr>"));
  }

  private static int count(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }

  @Test
  void objectivesShowTargetComplianceBudgetBarAndBurnRates() {
    HealthReport report = StatusPageFixtures.withObjectives(StatusPageFixtures.realistic(),
        List.of(StatusPageFixtures.checkoutFast(), StatusPageFixtures.apiOk()));

    String html = StatusPage.render(report, NOW);
    String section = html.substring(html.indexOf("<h2 id=\"objectives\">Objectives</h2>"), html.indexOf("<footer"));

    assertThat(section).contains("<tr data-slo=\"checkout-fast\">", "<div class=\"pname\">checkout-fast</div>",
        "<div class=\"meta\">checkout \u00b7 within 300 ms \u00b7 30d</div>", "<span class=\"num\">99.9 %</span>",
        "<span class=\"\">99.96 %</span>", "40 bad of 100,000",
        "aria-label=\"Error budget of checkout-fast: 60 % left\"",
        "<rect class=\"budget-fill good\" x=\"0\" y=\"0\" width=\"60.00\" height=\"10\"/>",
        "<dt>1h</dt><dd class=\"bad\">15.0\u00d7</dd>", "<dt>6h</dt><dd class=\"warn\">7.00\u00d7</dd>",
        "<dt>3d</dt><dd class=\"\">0.40\u00d7</dd>");
    assertThat(section).contains("<div class=\"meta\">api \u00b7 7d</div>", "<span class=\"num\">99 %</span>",
        "<span class=\"bad\">98.50 %</span>", "75 bad of 5,000",
        "<rect class=\"budget-fill bad\" x=\"0\" y=\"0\" width=\"0.00\" height=\"10\"/>",
        "<span class=\"bad\">overspent (-50 %)</span>", "<dt>1h</dt><dd class=\"\">1.00\u00d7</dd>",
        "<dt>2h</dt><dd class=\"warn\">1.50\u00d7</dd>");
    assertThat(html.indexOf("id=\"trackers\"")).as("objectives follow the operations they are measured on")
        .isLessThan(html.indexOf("id=\"objectives\""));
  }

  @Test
  void thereIsNoObjectivesSectionWithoutObjectives() {
    assertThat(StatusPage.render(StatusPageFixtures.realistic(), NOW)).doesNotContain("Objectives", "data-slo");
    assertThat(StatusPage.render(StatusPageFixtures.empty(), NOW)).doesNotContain("Objectives");
  }

  @Test
  void objectiveAndTrackerNamesAreEscaped() {
    String html = StatusPage.render(StatusPageFixtures.realisticWithObjectives(), NOW);

    assertThat(html).doesNotContainIgnoringCase("<script").doesNotContainIgnoringCase("<img");
    assertThat(html).contains("<tr data-slo=\"&lt;script&gt;document.title=&#39;pwned&#39;&lt;/script&gt;\">")
        .contains("&lt;img src=x onerror=&quot;document.title=&#39;pwned-img&#39;&quot;&gt; \u00b7 1h</div>")
        .contains("aria-label=\"Error budget of &lt;script&gt;");
  }
}
