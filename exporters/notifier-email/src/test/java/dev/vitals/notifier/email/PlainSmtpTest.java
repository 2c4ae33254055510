package dev.vitals.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import jakarta.mail.Address;
import jakarta.mail.Message;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Against GreenMail's real SMTP server, in clear ({@code starttls=none}, or {@code optional}). */
class PlainSmtpTest {

  private static final String PASSWORD = "s3cr3t-Pa55w0rd";

  private GreenMail greenMail;

  @BeforeEach
  void startServer() {
    greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.com", "alerts", PASSWORD));
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
    s.put("to", "ops@example.com, oncall@example.org");
    s.put("timeout", "5s");
    return s;
  }

  private static Notifier notifier(Map<String, String> settings) {
    return new EmailNotifierFactory().create(NotifierConfig.of("ops", settings));
  }

  private MimeMessage[] received(int count) {
    assertThat(greenMail.waitForIncomingEmail(5_000, count)).as("%d message(s) delivered", count).isTrue();
    return greenMail.getReceivedMessages();
  }

  @Test
  void deliversOneMessageToEveryRecipient() throws Exception {
    try (Notifier n = notifier(settings())) {
      n.send(Alerts.firing());
    }

    MimeMessage[] messages = received(2);
    assertThat(messages).hasSize(2);
    assertThat(messages).extracting(m -> m.getHeader("Message-ID", null)).containsOnly(messages[0].getMessageID());
    assertThat(Arrays.stream(messages[0].getRecipients(Message.RecipientType.TO)).map(Address::toString))
        .containsExactly("ops@example.com", "oncall@example.org");
    assertThat(greenMail.findReceivedMessages(u -> u.getEmail().equals("ops@example.com"), m -> true)).hasSize(1);
    assertThat(greenMail.findReceivedMessages(u -> u.getEmail().equals("oncall@example.org"), m -> true)).hasSize(1);
  }

  @Test
  void subjectNamesStateSeverityProbeAndRule() throws Exception {
    try (Notifier n = notifier(settings())) {
      n.send(Alerts.firing());
      n.send(Alerts.resolved());
    }

    MimeMessage[] messages = received(4);
    assertThat(messages).extracting(MimeMessage::getSubject).containsOnly(
        "[vitals] FIRING critical: db probe-down", "[vitals] RESOLVED critical: db probe-down");
    assertThat(messages[0].getSubject()).isEqualTo("[vitals] FIRING critical: db probe-down");
    assertThat(((InternetAddress) messages[0].getFrom()[0]).getAddress()).isEqualTo("vitals@example.com");
    assertThat(((InternetAddress) messages[0].getFrom()[0]).getPersonal()).isEqualTo("Vitals");
    assertThat(messages[0].getSentDate().toInstant()).isEqualTo(Alerts.firing().time());
  }

  @Test
  void subjectPrefixIsConfigurable() throws Exception {
    Map<String, String> s = settings();
    s.put("subject-prefix", "[prod-eu] ");
    s.put("to", "ops@example.com");
    try (Notifier n = notifier(s)) {
      n.send(Alerts.latency());
    }

    assertThat(received(1)[0].getSubject()).isEqualTo("[prod-eu] FIRING warning: api latency");
  }

  @Test
  void plainTextBodyCarriesEveryDetail() throws Exception {
    try (Notifier n = notifier(settings())) {
      n.send(Alerts.firing());
    }

    Received mail = Received.of(received(2)[0]);
    assertThat(mail.text)
        .contains("FIRING critical: db probe-down")
        .contains("db is DOWN: Connection refused")
        .contains("Status:    FIRING")
        .contains("Severity:  critical")
        .contains("Subject:   db")
        .contains("Rule:      probe-down")
        .contains("Value:     1 status (threshold 1 status)")
        .contains("Since:     2026-11-27T10:00:00Z (for 30s)")
        .contains("Link:      https://status.example.com/status")
        .contains("Labels:    kind=probe, type=jdbc");
  }

  @Test
  void htmlAlternativeCarriesTheSameDetails() throws Exception {
    try (Notifier n = notifier(settings())) {
      n.send(Alerts.latency());
    }

    Received mail = Received.of(received(2)[0]);
    assertThat(mail.html)
        .startsWith("<!DOCTYPE html>")
        .contains("FIRING warning: api latency</h2>")
        .contains("api p95 1234.5 ms is above 2x its 200 ms target (400 ms)")
        .contains(">1234.5 ms (threshold 400 ms)<")
        .contains(">2026-11-27T10:00:00Z (for 1m 30s)<")
        .doesNotContain("Link");
    assertThat(mail.message.getContentType()).startsWith("multipart/alternative");
  }

  @Test
  void htmlEscapesEveryValueAndLinksOnlyToTheWeb() throws Exception {
    try (Notifier n = notifier(settings())) {
      n.send(Alerts.withSummary("checkout <script>alert('x')</script> & \"more\""));
    }

    Received mail = Received.of(received(2)[0]);
    assertThat(mail.html)
        .contains("checkout &lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt; &amp; &quot;more&quot;")
        .doesNotContain("<script")
        .contains("team=&lt;b&gt;payments&lt;/b&gt;")
        .doesNotContain("<b>")
        .contains("javascript:alert(1)")
        .doesNotContain("href=\"javascript");
    assertThat(mail.text).contains("checkout <script>alert('x')</script> & \"more\"")
        .contains("Value:     7.12 % (threshold 5 %)");
  }

  @Test
  void reminderAndResolveThreadUnderTheTrigger() throws Exception {
    Map<String, String> s = settings();
    s.put("to", "ops@example.com");
    try (Notifier n = notifier(s)) {
      n.send(Alerts.firing());
      n.send(Alerts.reminder());
      n.send(Alerts.resolved());
    }

    MimeMessage[] m = received(3);
    String root = m[0].getMessageID();
    assertThat(root).isEqualTo("<vitals.probe-down%3Adb.1795773600000@example.com>");
    assertThat(m[0].getHeader("In-Reply-To")).isNull();
    assertThat(m[0].getHeader("References")).isNull();
    for (MimeMessage reply : new MimeMessage[] {m[1], m[2]}) {
      assertThat(reply.getMessageID()).isNotEqualTo(root).endsWith("@example.com>");
      assertThat(reply.getHeader("In-Reply-To", null)).isEqualTo(root);
      assertThat(reply.getHeader("References", null)).isEqualTo(root);
    }
    assertThat(m[1].getMessageID()).isNotEqualTo(m[2].getMessageID());
    assertThat(Received.of(m[1]).text).contains("Status:    FIRING (reminder: still firing)");
    assertThat(Received.of(m[2]).text).contains("Since:     2026-11-27T10:00:00Z")
        .contains("Resolved:  2026-11-27T15:12:05Z (after 5h 12m)");
    assertThat(m[2].getHeader("X-Vitals-State", null)).isEqualTo("RESOLVED");
    assertThat(m[2].getHeader("X-Vitals-Alert", null)).isEqualTo("probe-down:db");
    assertThat(m[2].getHeader("Auto-Submitted", null)).isEqualTo("auto-generated");
  }

  @Test
  void authenticatesWithUsernameAndPassword() throws Exception {
    Map<String, String> s = settings();
    s.put("username", "alerts");
    s.put("password", PASSWORD);
    try (Notifier n = notifier(s)) {
      n.send(Alerts.firing());
    }

    assertThat(received(2)).hasSize(2);
  }

  @Test
  void wrongPasswordFailsWithoutShowingAnyPassword() {
    Map<String, String> s = settings();
    s.put("username", "alerts");
    s.put("password", "wrong-" + PASSWORD);
    Notifier n = notifier(s);

    assertThatThrownBy(() -> n.send(Alerts.firing()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("e-mail notifier 'ops' could not send FIRING probe-down:db through 127.0.0.1:")
        .hasMessageContaining("authentication as 'alerts' failed")
        .satisfies(e -> assertThat(Secrets.messagesOf(e)).noneMatch(m -> m.contains(PASSWORD)));
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void optionalStartTlsSendsInClearWhenTheServerDoesNotOfferIt() throws Exception {
    Map<String, String> s = settings();
    s.put("starttls", "optional");
    try (Notifier n = notifier(s)) {
      n.send(Alerts.firing());
    }

    assertThat(received(2)).hasSize(2);
  }

  @Test
  void requiredStartTlsRefusesAServerWithoutIt() {
    Map<String, String> s = settings();
    s.remove("starttls"); // the default: required
    s.put("username", "alerts");
    s.put("password", PASSWORD);
    Notifier n = notifier(s);

    assertThatThrownBy(() -> n.send(Alerts.firing()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("the server does not offer STARTTLS, and starttls=required refuses to send in clear")
        .hasMessageContaining("vitals.notifiers.ops.starttls=none")
        .satisfies(e -> assertThat(Secrets.messagesOf(e)).noneMatch(m -> m.contains(PASSWORD)));
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void nothingListeningFailsWithTheAddress() throws Exception {
    int closedPort;
    try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      closedPort = s.getLocalPort();
    }
    Map<String, String> s = settings();
    s.put("port", Integer.toString(closedPort));
    Notifier n = notifier(s);

    assertThatThrownBy(() -> n.send(Alerts.firing()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("through 127.0.0.1:" + closedPort)
        .hasMessageContaining("Connection refused");
  }

  @Test
  void closedNotifierRefusesToSend() {
    Notifier n = notifier(settings());
    n.close();
    n.close();

    assertThatThrownBy(() -> n.send(Alerts.firing())).isInstanceOf(IllegalStateException.class)
        .hasMessage("e-mail notifier 'ops' is closed");
  }
}
