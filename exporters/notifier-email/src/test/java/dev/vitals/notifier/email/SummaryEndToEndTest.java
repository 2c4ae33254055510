package dev.vitals.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.core.HealthMonitor;
import dev.vitals.test.ManualClock;
import jakarta.mail.internet.MimeMessage;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The daily summary end to end: a real monitor on its file history store, this notifier, GreenMail's
 * real SMTP server. The summary arrives at the configured minute (not a minute before), and a restart
 * on the same history directory does not send it again.
 */
class SummaryEndToEndTest {

  @TempDir
  Path dir;

  private GreenMail greenMail;
  /** 07:58:00 in Berlin (UTC+1 in March). */
  private final ManualClock clock = new ManualClock(Instant.parse("2026-03-10T06:58:00Z"));

  @BeforeEach
  void startServer() {
    greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort());
    greenMail.start();
  }

  @AfterEach
  void stopServer() {
    greenMail.stop();
  }

  private HealthMonitor monitor() {
    Map<String, String> c = new HashMap<>();
    c.put("vitals.history.dir", dir.toString());
    c.put("vitals.notifiers.team-mail.type", "email");
    c.put("vitals.notifiers.team-mail.host", "127.0.0.1");
    c.put("vitals.notifiers.team-mail.port", Integer.toString(greenMail.getSmtp().getPort()));
    c.put("vitals.notifiers.team-mail.starttls", "none");
    c.put("vitals.notifiers.team-mail.from", "Vitals <vitals@example.com>");
    c.put("vitals.notifiers.team-mail.to", "oncall@example.com");
    c.put("vitals.notifiers.team-mail.summary-to", "team@example.com");
    c.put("vitals.summary.time", "08:00");
    c.put("vitals.summary.zone", "Europe/Berlin");
    c.put("vitals.summary.notifiers", "team-mail");
    return HealthMonitor.builder().clock(clock).scheduler(clock.scheduler()).executor(clock.executor())
        .environment(Map.of()).jitter(0).discoverExporters(false).notifierFactory(new EmailNotifierFactory())
        .probe(Probe.of("db", ProbeResult::up)).config(c).build().start();
  }

  /** Moves the clock in 10-second steps (the monitor's rotation), as far as {@code d}. */
  private void advance(Duration d) {
    for (long s = 0; s < d.toSeconds(); s += 10) {
      clock.advance(Duration.ofSeconds(10));
      clock.runDue();
    }
  }

  /**
   * Waits until the history thread has written at the current time: that turn ran the summaries first
   * (the clock does not move meanwhile), so what it sends has been sent.
   */
  private void awaitTurn(HealthMonitor m) {
    Instant now = clock.instant();
    await().atMost(Duration.ofSeconds(20)).until(() -> m.report().history().orElseThrow().lastWrite()
        .filter(now::equals).isPresent());
  }

  @Test
  void theDailySummaryArrivesAtTheConfiguredMinuteAndOnlyOnceAcrossARestart() throws Exception {
    try (HealthMonitor m = monitor()) {
      clock.runDue();
      advance(Duration.ofSeconds(70)); // 07:59:10: the first minute is written, the summaries ran: nothing due
      awaitTurn(m);
      assertThat(greenMail.getReceivedMessages()).isEmpty();
      advance(Duration.ofSeconds(60)); // 08:00:10
      awaitTurn(m);
      assertThat(greenMail.getReceivedMessages()).hasSize(1);
      MimeMessage mail = greenMail.getReceivedMessages()[0];
      assertThat(mail.getSubject()).startsWith("[vitals] Daily summary 2026-03-09");
      assertThat(mail.getAllRecipients()).extracting(Object::toString).containsExactly("team@example.com");
      assertThat(mail.getContentType()).startsWith("multipart/alternative");
    }
    // the process restarts five minutes later on the same history: the summary of the 9th is not sent again
    clock.advance(Duration.ofMinutes(5));
    try (HealthMonitor m = monitor()) {
      clock.runDue();
      advance(Duration.ofSeconds(70));
      awaitTurn(m);
      assertThat(greenMail.getReceivedMessages()).hasSize(1);
    }
  }
}
