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
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What only Slack's delivery shows, against real local servers: its error answers (named with the
 * status and Slack's error text, scrubbed and cut short), a redirect not followed, an interrupt. What
 * every notifier must do (delivery, the timeout against a silent server, a refused connection, close)
 * is {@link SlackNotifierCompatibilityTest}'s, from the kit.
 */
class SlackDeliveryTest {

  static final String TOKEN = "XyZsecretTokenAbc123456789";
  static final String PATH = "/services/T0001/B0002/" + TOKEN;
  static final Duration TIMEOUT = Duration.ofMillis(600);

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

}
