package dev.vitals.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.Alert;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class AlertMailTest {

  @Test
  void subjectIsPrefixStateSeveritySubjectAndRule() {
    assertThat(AlertMail.subject(Alerts.firing(), "[vitals]")).isEqualTo("[vitals] FIRING critical: db probe-down");
    assertThat(AlertMail.subject(Alerts.resolved(), "[vitals]")).isEqualTo("[vitals] RESOLVED critical: db probe-down");
    assertThat(AlertMail.subject(Alerts.latency(), "[vitals]")).isEqualTo("[vitals] FIRING warning: api latency");
  }

  @Test
  void lineBreaksInASubjectNameCannotInjectHeaders() {
    Alert a = new Alert("probe-down", "db\r\nBcc: everyone@example.com", Alert.State.FIRING,
        Alert.Severity.CRITICAL, "down", 1, 1, "status", Alerts.STARTS_AT, Alerts.STARTS_AT, false,
        Optional.empty(), Map.of());

    assertThat(AlertMail.subject(a, "[vitals]")).doesNotContain("\r", "\n")
        .isEqualTo("[vitals] FIRING critical: db Bcc: everyone@example.com probe-down");
  }

  @Test
  void threadIdComesFromTheDedupKeyAndTheStartOfTheIncident() {
    assertThat(AlertMail.threadId(Alerts.firing(), "example.com"))
        .isEqualTo("<vitals.probe-down%3Adb.1795773600000@example.com>");
    assertThat(AlertMail.threadId(Alerts.resolved(), "example.com"))
        .isEqualTo(AlertMail.threadId(Alerts.firing(), "example.com"));
    assertThat(AlertMail.messageId(Alerts.firing(), "example.com"))
        .isEqualTo(AlertMail.threadId(Alerts.firing(), "example.com"));
  }

  @Test
  void messageIdsAreValidDotAtomsForAnySubjectName() {
    Alert odd = new Alert("latency", "api v2.café <x>", Alert.State.FIRING, Alert.Severity.WARNING, "slow", 1, 1,
        "ms", Alerts.STARTS_AT, Alerts.STARTS_AT, true, Optional.empty(), Map.of());

    assertThat(AlertMail.messageId(odd, "example.com"))
        .matches("<[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+(\\.[A-Za-z0-9!#$%&'*+/=?^_`{|}~-]+)*@example\\.com>")
        .contains("api%20v2%2Ecaf%C3%A9%20%3Cx%3E");
  }

  @Test
  void escapesHtmlSpecialCharacters() {
    assertThat(AlertMail.escape("<a href=\"x\">Tom & Jerry's</a>"))
        .isEqualTo("&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&#39;s&lt;/a&gt;");
  }

  @Test
  void numbersAreReadable() {
    assertThat(AlertMail.number(240)).isEqualTo("240");
    assertThat(AlertMail.number(240.123456)).isEqualTo("240.1");
    assertThat(AlertMail.number(0.0512345)).isEqualTo("0.05123");
    assertThat(AlertMail.number(1234.5)).isEqualTo("1234.5");
    assertThat(AlertMail.number(98765.4321)).isEqualTo("98765.4");
    assertThat(AlertMail.number(Double.NaN)).isEqualTo("NaN");
  }

  @Test
  void ratiosAreShownAsPercentages() {
    assertThat(AlertMail.value(Alerts.withSummary("x"))).isEqualTo("7.12 % (threshold 5 %)");
    assertThat(AlertMail.value(Alerts.latency())).isEqualTo("1234.5 ms (threshold 400 ms)");
  }

  @Test
  void durationsAreShort() {
    assertThat(AlertMail.duration(Duration.ZERO)).isEqualTo("0s");
    assertThat(AlertMail.duration(Duration.ofSeconds(90))).isEqualTo("1m 30s");
    assertThat(AlertMail.duration(Duration.ofSeconds(5 * 3600 + 12 * 60 + 5))).isEqualTo("5h 12m");
    assertThat(AlertMail.duration(Duration.ofDays(2).plusHours(3).plusMinutes(4))).isEqualTo("2d 3h");
  }
}
