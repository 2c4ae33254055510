package dev.vitals.notifier.webhook;

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
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One delivery attempt against real local servers: any 2xx, error answers (one that echoes the
 * request's secrets back), a receiver that never answers, a body that never ends, a refused
 * connection. Every failure is an exception naming the status or the phase, and none shows a header
 * value, the signing secret or the URL's path and query.
 */
class WebhookDeliveryTest {

  static final String TOKEN = "tok3n-5ecret-value-42";
  static final String SECRET = "whsec-0123456789abcdef";
  static final String PATH = "/hooks/k3y-in-the-path-77?sig=qu3ry-secret-88";
  static final Duration TIMEOUT = Duration.ofMillis(600);
  static final Duration SLACK = Duration.ofMillis(1500);

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

  @Test
  void silentReceiverTimesOutWithinTheTimeoutAndLeavesNoThreadBehind() throws Exception {
    try (SilentServer silent = new SilentServer();
         Notifier n = notifier("http://127.0.0.1:" + silent.port() + PATH, TIMEOUT)) {
      // a first attempt creates the client and its selector thread, which live as long as the notifier
      assertThat(catchThrowable(() -> n.send(Alerts.resolved()))).isInstanceOf(HttpTimeoutException.class);
      Set<Thread> before = Threads.live();
      long start = System.nanoTime();
      Throwable t = catchThrowable(() -> n.send(Alerts.firing()));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(t).isInstanceOf(HttpTimeoutException.class).hasMessage("webhook notifier 'audit': no complete answer "
          + "from http://127.0.0.1:" + silent.port() + " within 600ms (timeout): connect, TLS handshake and response "
          + "headers did not complete");
      assertNoSecret(shown(t));
      assertThat(took).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50)).isLessThan(TIMEOUT.plus(SLACK));
      assertThat(silent.acceptedConnections()).as("an abandoned connection is not reused").isEqualTo(2);
      Threads.awaitNoneBeyond(before);
    }
  }

  @Test
  void bodyThatNeverEndsTimesOutWithinTheTimeout() throws Exception {
    server.stallBody(200);
    try (Notifier n = notifier(server.url(PATH), TIMEOUT)) {
      long start = System.nanoTime();
      Throwable t = catchThrowable(() -> n.send(Alerts.firing()));

      assertThat(t).isInstanceOf(HttpTimeoutException.class).hasMessageEndingWith(
          "within 600ms (timeout): the response body did not end (7 bytes received)");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(SLACK));
    }
  }

  @Test
  void refusedConnectionFailsAtOnceNamingOnlyTheOrigin() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (Notifier n = notifier("http://127.0.0.1:" + port + PATH, Duration.ofSeconds(5))) {
      Throwable t = catchThrowable(() -> n.send(Alerts.firing()));

      assertThat(t).isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class)
          .hasMessageStartingWith("webhook notifier 'audit': post to http://127.0.0.1:" + port + " failed: cannot connect");
      assertNoSecret(shown(t));
    }
  }

  @Test
  void closeEndsEveryThreadTheNotifierStarted() throws Exception {
    Set<Thread> before = Threads.live();
    Notifier n = notifier(server.url(PATH), TIMEOUT);
    n.send(Alerts.firing());
    assertThat(Threads.beyond(before)).isNotEmpty();

    n.close();
    n.close();
    n = null;
    // Java 17's HttpClient has no close(): its selector thread ends once the client is unreachable.
    Threads.awaitNoneBeyondCollectingGarbage(before, Duration.ofSeconds(20));
  }
}
