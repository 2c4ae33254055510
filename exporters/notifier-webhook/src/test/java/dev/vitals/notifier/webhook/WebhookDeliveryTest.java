package dev.vitals.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import dev.vitals.test.RecordingHttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What only the webhook's delivery shows, against a real local server: any 2xx is a success, and an
 * error answer that echoes the request's header values, signing secret and URL is reported with the
 * status and a scrubbed excerpt. What every notifier must do (delivery, the timeout against a silent
 * server, a refused connection, close) is {@link WebhookNotifierCompatibilityTest}'s, from the kit.
 */
class WebhookDeliveryTest {

  static final String TOKEN = "tok3n-5ecret-value-42";
  static final String SECRET = "whsec-0123456789abcdef";
  static final String PATH = "/hooks/k3y-in-the-path-77?sig=qu3ry-secret-88";
  static final Duration TIMEOUT = Duration.ofMillis(600);

  private final RecordingHttpServer server = new RecordingHttpServer();

  @AfterEach
  void stop() {
    server.close();
  }

  static Notifier notifier(String url, Duration timeout) {
    Map<String, String> s = new HashMap<>();
    s.put("type", "webhook");
    s.put("url", url);
    s.put("timeout", timeout.toMillis() + "ms");
    s.put("headers.Authorization", "Bearer " + TOKEN);
    s.put("headers.X-Api-Key", "k-" + TOKEN);
    s.put("secret", SECRET);
    return new WebhookNotifierFactory().create(NotifierConfig.of("audit", s));
  }

  static String shown(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return t.getMessage() + "\n" + t + "\n" + out;
  }

  static void assertNoSecret(String text) {
    assertThat(text).doesNotContain(TOKEN, SECRET, "k3y-in-the-path-77", "qu3ry-secret-88");
  }

  @Test
  void anyTwoHundredIsDelivered() throws Exception {
    try (Notifier n = notifier(server.url(PATH), TIMEOUT)) {
      for (int status : new int[] {200, 201, 202, 204}) {
        server.answer(status, status == 204 ? "" : "accepted");
        n.send(Alerts.firing());
        assertThat(server.take().target()).isEqualTo(PATH);
      }
    }
  }

  @Test
  void errorAnswerEchoingTheSecretsThrowsWithStatusAndAScrubbedExcerpt() throws Exception {
    server.answer(401, "denied: Authorization 'Bearer " + TOKEN + "', X-Api-Key k-" + TOKEN + ", secret " + SECRET
        + ", url " + server.url(PATH));
    try (Notifier n = notifier(server.url(PATH), TIMEOUT)) {
      Throwable t = catchThrowable(() -> n.send(Alerts.firing()));

      assertThat(t).isInstanceOf(IOException.class).hasMessage("webhook notifier 'audit': HTTP 401 from "
          + server.base() + ": denied: Authorization '****', X-Api-Key ****, secret ****, url ****");
      assertNoSecret(shown(t));
    }
  }

}
