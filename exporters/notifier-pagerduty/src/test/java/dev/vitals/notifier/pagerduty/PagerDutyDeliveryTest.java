package dev.vitals.notifier.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import dev.vitals.test.RecordingHttpServer;
import dev.vitals.test.SilentServer;
import dev.vitals.test.Threads;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One delivery attempt against real local servers: PagerDuty's 202, its documented error answers
 * (400 invalid event, 429 throttled, 5xx), a receiver that never answers, a body that never ends, a
 * refused connection. Every failure is an exception naming the status or the phase, and none shows
 * the routing key.
 */
class PagerDutyDeliveryTest {

  static final String KEY = PagerDutyEventTest.KEY;
  static final Duration TIMEOUT = Duration.ofMillis(600);
  static final Duration SLACK = Duration.ofMillis(1500);

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
  void twoHundredTwoIsDelivered() throws Exception {
    server.answer(202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"latency:db\"}");
    try (Notifier n = notifier(server.url("/v2/enqueue"), TIMEOUT)) {
      n.send(Alerts.firing());
      assertThat(server.take().target()).isEqualTo("/v2/enqueue");
    }
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

  @Test
  void silentReceiverTimesOutWithinTheTimeoutAndLeavesNoThreadBehind() throws Exception {
    try (SilentServer silent = new SilentServer();
         Notifier n = notifier("http://127.0.0.1:" + silent.port() + "/v2/enqueue", TIMEOUT)) {
      // a first attempt creates the client and its selector thread, which live as long as the notifier
      assertThat(catchThrowable(() -> n.send(Alerts.resolved()))).isInstanceOf(HttpTimeoutException.class);
      Set<Thread> before = Threads.live();
      long start = System.nanoTime();
      Throwable t = catchThrowable(() -> n.send(Alerts.firing()));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(t).isInstanceOf(HttpTimeoutException.class).hasMessage("pagerduty notifier 'oncall': no complete answer "
          + "from http://127.0.0.1:" + silent.port() + " within 600ms (timeout): connect, TLS handshake and response "
          + "headers did not complete");
      assertThat(shown(t)).doesNotContain(KEY);
      assertThat(took).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50)).isLessThan(TIMEOUT.plus(SLACK));
      assertThat(silent.acceptedConnections()).as("an abandoned connection is not reused").isEqualTo(2);
      Threads.awaitNoneBeyond(before);
    }
  }

  @Test
  void bodyThatNeverEndsTimesOutWithinTheTimeout() throws Exception {
    server.stallBody(202);
    try (Notifier n = notifier(server.url("/v2/enqueue"), TIMEOUT)) {
      long start = System.nanoTime();
      Throwable t = catchThrowable(() -> n.send(Alerts.firing()));

      assertThat(t).isInstanceOf(HttpTimeoutException.class).hasMessageEndingWith(
          "within 600ms (timeout): the response body did not end (7 bytes received)");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(SLACK));
    }
  }

  @Test
  void refusedConnectionFailsAtOnceWithoutTheRoutingKey() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (Notifier n = notifier("http://127.0.0.1:" + port + "/v2/enqueue", Duration.ofSeconds(5))) {
      Throwable t = catchThrowable(() -> n.send(Alerts.firing()));

      assertThat(t).isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class)
          .hasMessageStartingWith("pagerduty notifier 'oncall': post to http://127.0.0.1:" + port + " failed: cannot connect");
      assertThat(shown(t)).doesNotContain(KEY);
    }
  }

  @Test
  void closeEndsEveryThreadTheNotifierStarted() throws Exception {
    server.answer(202, "{}");
    Set<Thread> before = Threads.live();
    Notifier n = notifier(server.url("/v2/enqueue"), TIMEOUT);
    n.send(Alerts.firing());
    assertThat(Threads.beyond(before)).isNotEmpty();

    n.close();
    n.close();
    n = null;
    // Java 17's HttpClient has no close(): its selector thread ends once the client is unreachable.
    Threads.awaitNoneBeyondCollectingGarbage(before, Duration.ofSeconds(20));
  }
}
