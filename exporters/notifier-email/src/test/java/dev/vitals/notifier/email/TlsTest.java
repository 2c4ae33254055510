package dev.vitals.notifier.email;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Encrypted delivery with real certificates: STARTTLS (the default) through {@link StartTlsFront} in
 * front of GreenMail, and implicit TLS ({@code ssl=true}) against GreenMail's SMTPS server.
 */
class TlsTest {

  private static final String PASSWORD = "s3cr3t-Pa55w0rd";

  private GreenMail greenMail;
  private StartTlsFront front;

  @BeforeAll
  static void certificates() {
    TestCertificates.useLoopbackForGreenMail();
  }

  @BeforeEach
  void startServers() throws IOException {
    greenMail = new GreenMail(ServerSetup.dynamicPort(new ServerSetup[] {ServerSetupTest.SMTP, ServerSetupTest.SMTPS}))
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.com", "alerts", PASSWORD));
    greenMail.start();
    front = new StartTlsFront(TestCertificates.LOOPBACK.serverContext(), greenMail.getSmtp().getPort());
  }

  @AfterEach
  void stopServers() throws IOException {
    front.close();
    greenMail.stop();
  }

  private Map<String, String> startTlsSettings() {
    Map<String, String> s = new HashMap<>();
    s.put("type", "email");
    s.put("host", "127.0.0.1");
    s.put("port", Integer.toString(front.port()));
    s.put("from", "vitals@example.com");
    s.put("to", "ops@example.com");
    s.put("username", "alerts");
    s.put("password", PASSWORD);
    s.put("ca-file", TestCertificates.LOOPBACK.pem.toString());
    s.put("timeout", "5s");
    return s;
  }

  private static Notifier notifier(Map<String, String> settings) {
    return new EmailNotifierFactory().create(NotifierConfig.of("ops", settings));
  }

  @Test
  void startTlsIsRequiredByDefaultAndAuthenticatesOnlyAfterTheUpgrade() throws Exception {
    try (Notifier n = notifier(startTlsSettings())) {
      n.send(Alerts.firing());
    }

    assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
    assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("[vitals] FIRING critical: db probe-down");
    assertThat(front.handshakes()).isEqualTo(1);
    assertThat(front.plainCommands()).extracting(c -> c.split(" ")[0]).containsExactly("EHLO", "STARTTLS");
  }

  @Test
  void optionalStartTlsUpgradesWhenOffered() throws Exception {
    Map<String, String> s = startTlsSettings();
    s.put("starttls", "optional");
    try (Notifier n = notifier(s)) {
      n.send(Alerts.firing());
    }

    assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
    assertThat(front.handshakes()).isEqualTo(1);
  }

  @Test
  void wrongPasswordOverTlsFailsWithoutShowingIt() {
    Map<String, String> s = startTlsSettings();
    s.put("password", "other-" + PASSWORD);
    Notifier n = notifier(s);

    assertThatThrownBy(() -> n.send(Alerts.firing()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("authentication as 'alerts' failed")
        .satisfies(e -> assertThat(Secrets.messagesOf(e)).noneMatch(m -> m.contains(PASSWORD)));
    assertThat(front.handshakes()).isEqualTo(1);
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void refusesACertificateTheJvmDoesNotTrust() {
    Map<String, String> s = startTlsSettings();
    s.remove("ca-file");
    Notifier n = notifier(s);

    assertThatThrownBy(() -> n.send(Alerts.firing()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("the TLS handshake failed")
        .hasMessageContaining("vitals.notifiers.ops.ca-file")
        .satisfies(e -> assertThat(Secrets.messagesOf(e)).noneMatch(m -> m.contains(PASSWORD)));
    assertThat(front.handshakes()).isZero();
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void refusesATrustedCertificateForAnotherHost() throws IOException {
    try (StartTlsFront elsewhere =
        new StartTlsFront(TestCertificates.ELSEWHERE.serverContext(), greenMail.getSmtp().getPort())) {
      Map<String, String> s = startTlsSettings();
      s.put("port", Integer.toString(elsewhere.port()));
      s.put("ca-file", TestCertificates.ELSEWHERE.pem.toString());
      Notifier n = notifier(s);

      assertThatThrownBy(() -> n.send(Alerts.firing()))
          .isInstanceOf(IOException.class)
          .hasMessageContaining("the TLS handshake failed")
          .hasMessageContaining("must name 127.0.0.1");
      assertThat(elsewhere.plainCommands()).extracting(c -> c.split(" ")[0]).doesNotContain("AUTH", "MAIL");
    }
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }

  @Test
  void implicitTlsDeliversOverSmtps() throws Exception {
    Map<String, String> s = startTlsSettings();
    s.put("ssl", "true");
    s.put("port", Integer.toString(greenMail.getSmtps().getPort()));
    try (Notifier n = notifier(s)) {
      n.send(Alerts.firing());
    }

    assertThat(greenMail.waitForIncomingEmail(5_000, 1)).isTrue();
    assertThat(greenMail.getReceivedMessages()[0].getSubject()).isEqualTo("[vitals] FIRING critical: db probe-down");
  }

  @Test
  void implicitTlsRefusesAnUntrustedCertificate() {
    Map<String, String> s = startTlsSettings();
    s.put("ssl", "true");
    s.put("port", Integer.toString(greenMail.getSmtps().getPort()));
    s.remove("ca-file");
    Notifier n = notifier(s);

    assertThatThrownBy(() -> n.send(Alerts.firing()))
        .isInstanceOf(IOException.class)
        .hasMessageContaining("the TLS handshake failed");
    assertThat(greenMail.getReceivedMessages()).isEmpty();
  }
}
