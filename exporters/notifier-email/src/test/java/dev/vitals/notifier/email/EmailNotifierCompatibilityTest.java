package dev.vitals.notifier.email;

import com.icegreen.greenmail.configuration.GreenMailConfiguration;
import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetupTest;
import dev.vitals.api.spi.NotifierRouting;
import dev.vitals.test.NotifierCompatibilityKit;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The e-mail notifier against the notifier compatibility kit: registered for ServiceLoader, its keys
 * and routing (no real-time alert: e-mail is for daily summaries) declared, FIRING and RESOLVED sent
 * through GreenMail's real SMTP server with a login, its timeout honoured against a server that never
 * answers, the password never shown, every bad setting reported at once, {@code close()} idempotent.
 */
class EmailNotifierCompatibilityTest extends NotifierCompatibilityKit {

  static final String PASSWORD = "s3cr3t-Pa55w0rd-kit";

  @Override
  protected String type() {
    return "email";
  }

  @Override
  protected Receiver startReceiver() {
    GreenMail greenMail = new GreenMail(ServerSetupTest.SMTP.dynamicPort())
        .withConfiguration(GreenMailConfiguration.aConfig().withUser("alerts@example.com", "alerts", PASSWORD));
    greenMail.start();
    return new Receiver() {
      private int taken;

      @Override
      public String host() {
        return "127.0.0.1";
      }

      @Override
      public int port() {
        return greenMail.getSmtp().getPort();
      }

      @Override
      public String take() throws Exception {
        if (!greenMail.waitForIncomingEmail(5_000, taken + 1)) {
          throw new AssertionError("no message received within 5 s");
        }
        MimeMessage m = greenMail.getReceivedMessages()[taken++];
        return "Subject: " + m.getSubject() + "\n" + Received.of(m).text;
      }

      @Override
      public int pending() {
        return greenMail.getReceivedMessages().length - taken;
      }

      @Override
      public void close() {
        greenMail.stop();
      }
    };
  }

  @Override
  protected Map<String, String> settingsFor(String host, int port) {
    return Map.of("host", host, "port", Integer.toString(port), "starttls", "none",
        "from", "Vitals <vitals@example.com>", "to", "ops@example.com",
        "username", "alerts", "password", PASSWORD);
  }

  @Override
  protected List<String> secrets() {
    return List.of(PASSWORD);
  }

  @Override
  protected Set<String> expectedKeys() {
    return Set.of("host", "port", "starttls", "ssl", "username", "password", "from", "to", "summary-to",
        "subject-prefix", "timeout", "ca-file");
  }

  @Override
  protected NotifierRouting expectedDefaultRouting() {
    return NotifierRouting.none();
  }

  @Override
  protected Map<String, String> badSettings() {
    return Map.of("port", "0", "starttls", "yes", "password", PASSWORD);
  }

  @Override
  protected Set<String> badKeys() {
    return Set.of("host", "port", "starttls", "from", "to", "username");
  }
}
