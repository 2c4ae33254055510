package dev.vitals.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vitals.api.Baseline;
import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.Incident;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.LatencyHistogram;
import dev.vitals.api.SloReport;
import dev.vitals.api.Status;
import dev.vitals.api.SubjectSummary;
import dev.vitals.api.Summary;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Daily and weekly summaries by e-mail, through GreenMail's real SMTP server: hand-built summaries. */
class SummaryMailTest {

  private static final ZoneId BERLIN = ZoneId.of("Europe/Berlin");
  private static final Instant FROM = Instant.parse("2026-12-01T23:00:00Z"); // Dec 2, 00:00 in Berlin
  private static final Instant TO = Instant.parse("2026-12-02T23:00:00Z");
  private static final Instant MADE_AT = Instant.parse("2026-12-03T07:00:00Z");

  private GreenMail greenMail;

  @BeforeEach
  void startServer() {
    greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    greenMail.start();
  }

  @AfterEach
  void stopServer() {
    greenMail.stop();
  }

  private Map<String, String> settings() {
    Map<String, String> s = new HashMap<>();
    s.put("type", "email");
    s.put("host", "127.0.0.1");
    s.put("port", Integer.toString(greenMail.getSmtp().getPort()));
    s.put("starttls", "none");
    s.put("from", "Vitals <vitals@example.com>");
    s.put("to", "ops@example.com");
    s.put("timeout", "5s");
    return s;
  }

  private static Notifier notifier(Map<String, String> settings) {
    return new EmailNotifierFactory().create(NotifierConfig.of("team-mail", settings));
  }

  private MimeMessage[] received(int count) {
    assertThat(greenMail.waitForIncomingEmail(5_000, count)).as("%d message(s) delivered", count).isTrue();
    return greenMail.getReceivedMessages();
  }

  /** The plain-text body with the line ends SMTP gave it (CRLF) as Java writes them. */
  private static String text(Received mail) {
    return mail.text.replace("\r\n", "\n");
  }

  private static LatencyHistogram latency(long count, long millis) {
    long[] dense = new long[LatencyHistogram.BUCKETS];
    dense[LatencyHistogram.bucketOf(Duration.ofMillis(millis).toNanos())] = count;
    return LatencyHistogram.ofDense(dense);
  }

  /** db: two incidents (one with a script in its message, one still open), 1 h not observed; api: p95 over budget. */
  static Summary troubledDay() {
    HistoryPeriod db = new HistoryPeriod(HistorySubject.probe("db"), FROM, TO, 8_280, 0, 82_200_000, 600_000,
        latency(8_280, 20));
    SubjectSummary dbSummary = new SubjectSummary(db, Optional.of(LatencyBudget.DATABASE), List.of(
        new Incident(Instant.parse("2026-12-02T12:00:00Z"), Optional.of(Instant.parse("2026-12-02T12:05:00Z")),
            Status.DOWN, "connection refused <script>alert(1)</script>"),
        new Incident(Instant.parse("2026-12-02T22:30:00Z"), Optional.empty(), Status.DEGRADED, "slow & steady")),
        Optional.empty(), false);
    HistoryPeriod api = new HistoryPeriod(HistorySubject.tracker("api"), FROM, TO, 1_000, 10, 0, 0,
        latency(1_000, 600));
    SubjectSummary apiSummary = new SubjectSummary(api, Optional.of(LatencyBudget.API), List.of(),
        Optional.of(new Baseline(100_000_000, 550_000_000, 700_000_000, Instant.parse("2026-11-01T00:00:00Z"))),
        false);
    SloReport slo = SloReport.builder("checkout-slo").tracker("api").objective(0.999).window(Duration.ofDays(30))
        .counts(1_000, 1).errorBudgetRemaining(0.4).build();
    return new Summary(Summary.Period.DAILY, LocalDate.parse("2026-12-02"), FROM, TO, BERLIN, Status.DEGRADED, 81.5,
        List.of(dbSummary, apiSummary), List.of(slo), MADE_AT);
  }

  static Summary quietDay() {
    HistoryPeriod db = new HistoryPeriod(HistorySubject.probe("db"), FROM, TO, 8_640, 0, 86_400_000, 0,
        latency(8_640, 2));
    return new Summary(Summary.Period.DAILY, LocalDate.parse("2026-12-02"), FROM, TO, BERLIN, Status.UP, 100,
        List.of(new SubjectSummary(db, Optional.of(LatencyBudget.DATABASE), List.of(), Optional.empty(), false)),
        List.of(), MADE_AT);
  }

  @Test
  void theSummaryArrivesAsTextAndHtmlToTheSummaryRecipientsWithItsProblemsInTheSubject() throws Exception {
    Map<String, String> s = settings();
    s.put("summary-to", "Team <team@example.com>, lead@example.org");
    try (Notifier n = notifier(s)) {
      assertThat(n.sendsSummaries()).isTrue();
      n.sendSummary(troubledDay());
    }

    MimeMessage[] messages = received(2);
    assertThat(Arrays.stream(messages[0].getRecipients(Message.RecipientType.TO)).map(Address::toString))
        .containsExactly("Team <team@example.com>", "lead@example.org");
    assertThat(greenMail.findReceivedMessages(u -> u.getEmail().equals("ops@example.com"), m -> true)).isEmpty();
    assertThat(greenMail.findReceivedMessages(u -> u.getEmail().equals("lead@example.org"), m -> true)).hasSize(1);
    assertThat(messages[0].getSubject()).isEqualTo("[vitals] Daily summary 2026-12-02: 2 incidents, api p95 over budget");
    assertThat(messages[0].getSentDate().toInstant()).isEqualTo(MADE_AT);
    assertThat(messages[0].getMessageID()).isEqualTo("<vitals.summary.daily.2026-12-02.team-mail@example.com>");
    Received mail = Received.of(messages[0]);
    assertThat(mail.text).isNotBlank();
    assertThat(mail.html).startsWith("<!DOCTYPE html>");
    assertThat(mail.header("Auto-Submitted")).isEqualTo("auto-generated");
    assertThat(mail.header("X-Vitals-Summary")).isEqualTo("daily 2026-12-02");
  }

  @Test
  void summariesGoToTheAlertRecipientsWhenNoSummaryRecipientsAreSet() throws Exception {
    try (Notifier n = notifier(settings())) {
      n.sendSummary(quietDay());
    }

    MimeMessage[] messages = received(1);
    assertThat(Arrays.stream(messages[0].getRecipients(Message.RecipientType.TO)).map(Address::toString))
        .containsExactly("ops@example.com");
  }

  @Test
  void aQuietDayIsSentAndSaysAllGood() throws Exception {
    try (Notifier n = notifier(settings())) {
      n.sendSummary(quietDay());
    }

    Received mail = Received.of(received(1)[0]);
    assertThat(mail.message.getSubject()).isEqualTo("[vitals] Daily summary 2026-12-02: all good");
    assertThat(mail.html).contains(">All good</p>");
    assertThat(text(mail)).startsWith("Daily summary 2026-12-02: all good\n")
        .contains("  Availability:  100 %\n")
        .contains("  Incidents:     none\n");
  }

  @Test
  void theTextShowsEachSubjectsAvailabilityLatencyErrorsIncidentsObjectivesAndBaseline() throws Exception {
    try (Notifier n = notifier(settings())) {
      n.sendSummary(troubledDay());
    }

    String text = text(Received.of(received(1)[0]));
    String dbP95 = AlertMail.number(latency(1, 20).percentileNanos(0.95) / 1e6);
    String apiP95 = AlertMail.number(latency(1, 600).percentileNanos(0.95) / 1e6);
    assertThat(text)
        .contains("From 2026-12-02 00:00 CET to 2026-12-03 00:00 CET (Europe/Berlin).")
        .contains("Service now: DEGRADED, score 81.5")
        .contains("db (probe)  [needs attention]\n")
        .contains("  Availability:  99.275 % (not observed for 1h)\n")
        .contains("  p95 latency:   " + dbP95 + " ms (budget 50 ms target / 100 ms acceptable: within target)\n")
        .contains("  Error rate:    0 % (0 of 8280)\n")
        .contains("  Incidents:     2\n")
        .contains("    - DOWN from 2026-12-02 13:00 CET to 2026-12-02 13:05 CET (5m): connection refused"
            + " <script>alert(1)</script>\n")
        .contains("    - DEGRADED since 2026-12-02 23:30 CET, still open (8h 30m so far): slow & steady\n")
        .contains("api (tracker)  [needs attention]\n")
        .contains("  Availability:  99 %\n")
        .contains("  p95 latency:   " + apiP95 + " ms (budget 200 ms target / 500 ms acceptable: OVER BUDGET)\n")
        .contains("  Error rate:    1 % (10 of 1000)\n")
        .contains("  SLO checkout-slo: 40 % of the error budget left (objective 99.9 % over 30d)\n")
        .contains("  Baseline:      p95 550 ms recorded 2026-11-01: no regression\n")
        .doesNotContain("Objectives");
  }

  @Test
  void everyValueIsEscapedInTheHtmlWhichUsesNoExternalAssetOrScript() throws Exception {
    try (Notifier n = notifier(settings())) {
      n.sendSummary(troubledDay());
    }

    String html = Received.of(received(1)[0]).html;
    assertThat(html)
        .contains("connection refused &lt;script&gt;alert(1)&lt;/script&gt;")
        .contains("slow &amp; steady")
        .doesNotContain("<script")
        .doesNotContain("src=")
        .doesNotContain("<link")
        .doesNotContain("url(")
        .doesNotContain("<style");
    assertThat(html).contains("2 incidents, api p95 over budget");
  }

  @Test
  void aRegressionAndASpentObjectiveAreNamed() throws Exception {
    Summary day = troubledDay();
    SubjectSummary api = day.subjects().get(1);
    SubjectSummary regressed = new SubjectSummary(api.figures(), api.budget(), List.of(),
        Optional.of(new Baseline(100_000_000, 400_000_000, 700_000_000, Instant.parse("2026-11-01T00:00:00Z"))), true);
    SloReport spent = SloReport.builder("orders-slo").tracker("orders").objective(0.99).window(Duration.ofDays(7))
        .counts(100, 5).errorBudgetRemaining(-4).build();
    Summary summary = new Summary(Summary.Period.DAILY, day.firstDay(), FROM, TO, BERLIN, Status.UP, 95,
        List.of(regressed), List.of(spent), MADE_AT);
    try (Notifier n = notifier(settings())) {
      n.sendSummary(summary);
    }

    Received mail = Received.of(received(1)[0]);
    assertThat(mail.message.getSubject()).isEqualTo(
        "[vitals] Daily summary 2026-12-02: api p95 over budget, api p95 regressed, orders-slo error budget spent");
    long p95 = latency(1, 600).percentileNanos(0.95);
    assertThat(text(mail))
        .contains("  Baseline:      p95 400 ms recorded 2026-11-01: REGRESSED (p95 +"
            + SummaryMail.percent(p95 / 400_000_000.0 - 1) + ")\n")
        .contains("Objectives\n  orders-slo (orders): error budget spent (objective 99 % over 7d)\n");
  }

  @Test
  void aWeeklySummaryNamesItsFirstAndLastDay() throws Exception {
    Summary q = quietDay();
    Instant weekFrom = Instant.parse("2026-11-29T23:00:00Z");
    Instant weekTo = Instant.parse("2026-12-06T23:00:00Z");
    HistoryPeriod db = new HistoryPeriod(HistorySubject.probe("db"), weekFrom, weekTo, 60_480, 0,
        Duration.ofDays(7).toMillis(), 0, latency(60_480, 2));
    Summary weekly = new Summary(Summary.Period.WEEKLY, LocalDate.parse("2026-11-30"), weekFrom, weekTo, BERLIN,
        Status.UP, 100, List.of(new SubjectSummary(db, Optional.empty(), List.of(), Optional.empty(), false)),
        List.of(), q.madeAt());
    try (Notifier n = notifier(settings())) {
      n.sendSummary(weekly);
    }

    MimeMessage m = received(1)[0];
    assertThat(m.getSubject()).isEqualTo("[vitals] Weekly summary 2026-11-30 to 2026-12-06: all good");
    assertThat(m.getHeader("X-Vitals-Summary", ",")).isEqualTo("weekly 2026-11-30");
  }

  @Test
  void aSummaryThatCannotBeDeliveredFailsWithAMessageNamingItAndTheServer() {
    Map<String, String> s = settings();
    int port = greenMail.getSmtp().getPort();
    greenMail.stop();
    try (Notifier n = notifier(s)) {
      assertThatThrownBy(() -> n.sendSummary(quietDay()))
          .isInstanceOf(IOException.class)
          .hasMessageStartingWith("e-mail notifier 'team-mail' could not send the daily summary of 2026-12-02"
              + " through 127.0.0.1:" + port + ": ");
    }
    greenMail.start();
  }

  @Test
  void summaryToIsAKeyCheckedLikeTo() {
    assertThat(new EmailNotifierFactory().keys()).contains("summary-to");
    Map<String, String> s = settings();
    s.put("summary-to", "team@example.com, lead");
    assertThatThrownBy(() -> notifier(s))
        .isInstanceOf(ConfigException.class)
        .hasMessage("vitals.notifiers.team-mail.summary-to = 'team@example.com, lead' is not allowed: expected a"
            + " comma-separated list of e-mail addresses such as ops@example.com, oncall@example.com");
  }
}
