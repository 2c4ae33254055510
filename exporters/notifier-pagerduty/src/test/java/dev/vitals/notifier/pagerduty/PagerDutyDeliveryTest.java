package dev.vitals.notifier.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import dev.vitals.test.RecordingHttpServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What only PagerDuty's delivery shows, against a real local server: its documented answers (400
 * invalid event with its errors, scrubbed of the routing key; 429 throttled; 5xx; a 200 success). What
 * every notifier must do (delivery, the timeout against a silent server, a refused connection, close)
 * is {@link PagerDutyNotifierCompatibilityTest}'s, from the kit.
 */
class PagerDutyDeliveryTest {

  static final String KEY = PagerDutyEventTest.KEY;
  static final Duration TIMEOUT = Duration.ofMillis(600);

  private final RecordingHttpServer server = new RecordingHttpServer();

  @AfterEach
  void stop() {
    server.close();
  }

  static Notifier notifier(String url, Duration timeout) {
    return new PagerDutyNotifierFactory().create(NotifierConfig.of("oncall", Map.of(
        "type", "pagerduty", "url", url, "routing-key", KEY, "timeout", timeout.toMillis() + "ms")));
  }

  static String shown(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return t.getMessage() + "\n" + t + "\n" + out;
  }

  @Test
  void invalidEventThrowsWithStatusAndPagerDutyErrorsButNotTheRoutingKey() throws Exception {
    server.answer(400, "{\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":"
        + "[\"'routing_key' " + KEY + " is not a valid integration\"]}");
    try (Notifier n = notifier(server.url("/v2/enqueue"), TIMEOUT)) {
      Throwable t = catchThrowable(() -> n.send(Alerts.firing()));

      assertThat(t).isInstanceOf(IOException.class).hasMessage("pagerduty notifier 'oncall': HTTP 400 from "
          + server.base() + ": {\"status\":\"invalid event\",\"message\":\"Event object is invalid\",\"errors\":"
          + "[\"'routing_key' **** is not a valid integration\"]}");
      assertThat(shown(t)).doesNotContain(KEY);
    }
  }

  @Test
  void throttledAndServerErrorsThrowWithTheirStatus() throws Exception {
    try (Notifier n = notifier(server.url("/v2/enqueue"), TIMEOUT)) {
      server.answer(429, "");
      assertThat(catchThrowable(() -> n.send(Alerts.firing()))).isInstanceOf(IOException.class)
          .hasMessage("pagerduty notifier 'oncall': HTTP 429 from " + server.base());
      server.answer(503, "<html><body>\n  Service   Unavailable\n</body></html>");
      assertThat(catchThrowable(() -> n.send(Alerts.resolved()))).isInstanceOf(IOException.class)
          .hasMessage("pagerduty notifier 'oncall': HTTP 503 from " + server.base()
              + ": <html><body> Service Unavailable </body></html>");
    }
  }

  @Test
  void aSuccessWithAnotherStatusThanTwoHundredTwoIsAcceptedToo() throws Exception {
    server.answer(200, "{\"status\":\"success\"}");
    try (Notifier n = notifier(server.url("/v2/enqueue"), TIMEOUT)) {
      n.send(Alerts.firing());
      assertThat(server.take()).isNotNull();
    }
  }

}
