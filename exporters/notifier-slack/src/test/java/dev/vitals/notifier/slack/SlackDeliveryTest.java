package dev.vitals.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import dev.vitals.notifier.http.internal.Delivery;
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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One delivery attempt against real local servers: success, error answers, a receiver that never
 * answers, a body that never ends, a refused connection, an interrupt. Every failure is an exception
 * naming the status or the phase, and none shows the webhook's token.
 */
class SlackDeliveryTest {

  static final String TOKEN = "XyZsecretTokenAbc123456789";
  static final String PATH = "/services/T0001/B0002/" + TOKEN;
  static final Duration TIMEOUT = Duration.ofMillis(600);
  static final Duration SLACK = Duration.ofMillis(1500);

  private final RecordingHttpServer server = new RecordingHttpServer();

  @AfterEach
  void stop() {
    server.close();
  }

  static Notifier notifier(String url, Duration timeout) {
    return new SlackNotifierFactory().create(NotifierConfig.of("ops", Map.of(
        "type", "slack", "url", url, "timeout", timeout.toMillis() + "ms")));
  }

  /** Everything an exception shows: its message, toString and the whole printed chain. */
  static String shown(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return t.getMessage() + "\n" + t + "\n" + out;
  }

  @Test
  void twoHundredIsDelivered() throws Exception {
    try (Notifier n = notifier(server.url(PATH), TIMEOUT)) {
      n.send(Alerts.firing());
      assertThat(server.take().target()).isEqualTo(PATH);
      assertThat(n.name()).isEqualTo("ops");
    }
  }

  @Test
  void errorAnswerThrowsWithStatusAndBodyButNotTheToken() throws Exception {
    server.answer(404, "channel_not_found");
    try (Notifier n = notifier(server.url(PATH), TIMEOUT)) {
      Throwable t = catchThrowable(() -> n.send(Alerts.firing()));

      assertThat(t).isInstanceOf(IOException.class).hasMessage(
          "slack notifier 'ops': HTTP 404 from " + server.base() + ": channel_not_found");
      assertThat(shown(t)).doesNotContain(TOKEN, "T0001/B0002");
    }
  }

  @Test
  void serverErrorEchoingTheUrlIsScrubbedAndCutShort() throws Exception {
    server.answer(500, "rollup_error: while posting to " + server.url(PATH) + " token=abc123456 "
        + "x".repeat(1000));
    try (Notifier n = notifier(server.url(PATH), TIMEOUT)) {
      Throwable t = catchThrowable(() -> n.send(Alerts.firing()));

      assertThat(t.getMessage()).startsWith("slack notifier 'ops': HTTP 500 from " + server.base()
          + ": rollup_error: while posting to ****").endsWith("...");
      assertThat(t.getMessage().substring(t.getMessage().indexOf(": rollup") + 2)).hasSize(Delivery.EXCERPT + 3);
      assertThat(shown(t)).doesNotContain(TOKEN, "abc123456");
    }
  }

  @Test
  void redirectIsNotFollowed() throws Exception {
    try (RecordingHttpServer elsewhere = new RecordingHttpServer()) {
      server.headers(Map.of("Location", elsewhere.url(PATH))).answer(302, "");
      try (Notifier n = notifier(server.url(PATH), TIMEOUT)) {
        assertThatThrownBy(() -> n.send(Alerts.firing())).isInstanceOf(IOException.class)
            .hasMessage("slack notifier 'ops': HTTP 302 from " + server.base() + " (redirects are not followed)");
      }
      assertThat(elsewhere.pending()).isZero();
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

      assertThat(t).isInstanceOf(HttpTimeoutException.class).hasMessage("slack notifier 'ops': no complete answer from "
          + "http://127.0.0.1:" + silent.port() + " within 600ms (timeout): connect, TLS handshake and response "
          + "headers did not complete");
      assertThat(shown(t)).doesNotContain(TOKEN);
      assertThat(took).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50)).isLessThan(TIMEOUT.plus(SLACK));
      assertThat(silent.acceptedConnections()).as("an abandoned connection is not reused").isEqualTo(2);
      Threads.awaitNoneBeyond(before);
      assertThat(Threads.live()).as("the JDK client's default workers, which idle for 60 s, are never started")
          .noneMatch(th -> th.getName().matches("HttpClient-\\d+-Worker-\\d+"));
    }
  }

  @Test
  void bodyThatNeverEndsTimesOutWithinTheTimeout() throws Exception {
    server.stallBody(200);
    try (Notifier n = notifier(server.url(PATH), TIMEOUT)) {
      long start = System.nanoTime();
      Throwable t = catchThrowable(() -> n.send(Alerts.firing()));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(t).isInstanceOf(HttpTimeoutException.class).hasMessage("slack notifier 'ops': no complete answer from "
          + server.base() + " within 600ms (timeout): the response body did not end (7 bytes received)");
      assertThat(took).isLessThan(TIMEOUT.plus(SLACK));
    }
  }

  @Test
  void refusedConnectionFailsAtOnceNamingOnlyTheOrigin() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (Notifier n = notifier("http://127.0.0.1:" + port + PATH, Duration.ofSeconds(5))) {
      long start = System.nanoTime();
      Throwable t = catchThrowable(() -> n.send(Alerts.firing()));

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(t).isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class)
          .hasMessageStartingWith("slack notifier 'ops': post to http://127.0.0.1:" + port + " failed: cannot connect");
      assertThat(shown(t)).doesNotContain(TOKEN);
    }
  }

  @Test
  void interruptCancelsTheAttemptAtOnce() throws Exception {
    try (SilentServer silent = new SilentServer();
         Notifier n = notifier("http://127.0.0.1:" + silent.port() + PATH, Duration.ofSeconds(30))) {
      Thread[] sender = new Thread[1];
      CompletableFuture<Throwable> outcome = new CompletableFuture<>();
      sender[0] = new Thread(() -> outcome.complete(catchThrowable(() -> n.send(Alerts.firing()))), "sender");
      sender[0].start();
      await().atMost(Duration.ofSeconds(5)).until(() -> silent.acceptedConnections() == 1);
      long start = System.nanoTime();
      sender[0].interrupt();

      assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
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
