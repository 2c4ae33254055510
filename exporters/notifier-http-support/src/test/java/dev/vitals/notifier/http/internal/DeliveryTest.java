package dev.vitals.notifier.http.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.spi.NotifierConfig;
import dev.vitals.notifier.http.internal.Endpoint.PlainHttp;
import dev.vitals.test.RecordingHttpServer;
import dev.vitals.test.SilentServer;
import dev.vitals.test.Threads;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ServerSocket;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * One bounded POST against real local servers: success, error answers (echoing the secrets back), a
 * redirect, a receiver that never answers, a body that never ends, a refused connection, an unknown
 * host, interrupts, and the threads it starts. Every failure names the notifier, the origin and the
 * status or phase, and nothing it shows holds a secret.
 */
class DeliveryTest {

  static final String WHO = "test notifier 'ops'";
  static final String PATH_SECRET = "pa7h-s3cret-segment";
  static final String QUERY_SECRET = "qu3ry-s3cret-value";
  static final String PATH = "/hooks/" + PATH_SECRET + "?sig=" + QUERY_SECRET;
  static final String HEADER_SECRET = "Bearer h3ader-s3cret-token-42";
  static final Duration TIMEOUT = Duration.ofMillis(600);
  static final Duration SLACK = Duration.ofMillis(1500);

  private final RecordingHttpServer server = new RecordingHttpServer();

  @AfterEach
  void stop() {
    server.close();
  }

  static Delivery delivery(String url, Duration timeout) {
    Endpoint endpoint = Endpoint.parse(NotifierConfig.of("ops", Map.of("type", "test", "url", url)), "url",
        PlainHttp.ANY_HOST, "a URL");
    List<String> secrets = new ArrayList<>(endpoint.secrets());
    secrets.add(HEADER_SECRET);
    return new Delivery(WHO, endpoint, timeout, new Scrubber(secrets), "vitals-test-agent");
  }

  /** Everything an exception shows: its message, toString and the whole printed chain. */
  static String shown(Throwable t) {
    StringWriter out = new StringWriter();
    t.printStackTrace(new PrintWriter(out));
    return t.getMessage() + "\n" + t + "\n" + out;
  }

  static void assertNoSecret(Throwable t) {
    assertThat(shown(t)).doesNotContain(PATH_SECRET, QUERY_SECRET, "h3ader-s3cret-token-42");
  }

  @Test
  void postsTheDocumentAsUtf8JsonWithItsHeadersAndReturnsTheStatus() throws Exception {
    server.answer(202, "{\"status\":\"success\"}");
    try (Delivery d = delivery(server.url(PATH), TIMEOUT)) {
      int status = d.post("{\"text\":\"caf\u00e9 \u2603\"}", Map.of("Authorization", HEADER_SECRET));

      assertThat(status).isEqualTo(202);
      RecordingHttpServer.Request r = server.take();
      assertThat(r.method()).isEqualTo("POST");
      assertThat(r.target()).isEqualTo(PATH);
      assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
      assertThat(r.header("User-Agent")).isEqualTo("vitals-test-agent");
      assertThat(r.header("Authorization")).isEqualTo(HEADER_SECRET);
      assertThat(r.text()).isEqualTo("{\"text\":\"caf\u00e9 \u2603\"}");
    }
  }

  @Test
  void everyTwoHundredIsASuccess() throws Exception {
    try (Delivery d = delivery(server.url(PATH), TIMEOUT)) {
      for (int status : new int[] {200, 201, 202, 204, 299}) {
        server.answer(status, status == 204 ? "" : "fine");
        assertThat(d.post("{}", Map.of())).isEqualTo(status);
      }
    }
    assertThat(server.pending()).isEqualTo(5);
  }

  @Test
  void anErrorAnswerThrowsWithStatusOriginAndAScrubbedExcerptCutShort() throws Exception {
    server.answer(500, "failed:\n\n  " + server.url(PATH) + " with " + HEADER_SECRET + " password=hunter22 "
        + "x".repeat(1000));
    try (Delivery d = delivery(server.url(PATH), TIMEOUT)) {
      Throwable t = catchThrowable(() -> d.post("{}", Map.of()));

      assertThat(t).isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class);
      assertThat(t.getMessage()).startsWith(WHO + ": HTTP 500 from " + server.base() + ": failed: **** with **** "
          + "password=**** xxx").endsWith("...");
      assertThat(t.getMessage().substring(t.getMessage().indexOf(": failed") + 2)).hasSize(Delivery.EXCERPT + 3);
      assertThat(shown(t)).doesNotContain("hunter22");
      assertNoSecret(t);
    }
  }

  @Test
  void anErrorAnswerWithoutABodyNamesOnlyTheStatus() throws Exception {
    server.answer(429, "");
    try (Delivery d = delivery(server.url(PATH), TIMEOUT)) {
      assertThatThrownBy(() -> d.post("{}", Map.of())).isInstanceOf(IOException.class)
          .hasMessage(WHO + ": HTTP 429 from " + server.base());
    }
  }

  @Test
  void aRedirectIsNotFollowed() throws Exception {
    try (RecordingHttpServer elsewhere = new RecordingHttpServer();
         Delivery d = delivery(server.url(PATH), TIMEOUT)) {
      server.headers(Map.of("Location", elsewhere.url(PATH))).answer(307, "");

      assertThatThrownBy(() -> d.post("{}", Map.of())).isInstanceOf(IOException.class)
          .hasMessage(WHO + ": HTTP 307 from " + server.base() + " (redirects are not followed)");
      assertThat(elsewhere.pending()).isZero();
    }
  }

  @Test
  void aSilentReceiverTimesOutWithinTheTimeoutNamingThePhase() throws Exception {
    try (SilentServer silent = new SilentServer();
         Delivery d = delivery("http://127.0.0.1:" + silent.port() + PATH, TIMEOUT)) {
      long start = System.nanoTime();
      Throwable t = catchThrowable(() -> d.post("{}", Map.of()));
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(t).isInstanceOf(HttpTimeoutException.class).hasMessage(WHO + ": no complete answer from "
          + "http://127.0.0.1:" + silent.port() + " within 600ms (timeout): connect, TLS handshake and response "
          + "headers did not complete");
      assertThat(took).isGreaterThanOrEqualTo(TIMEOUT.minusMillis(50)).isLessThan(TIMEOUT.plus(SLACK));
      assertNoSecret(t);
    }
  }

  @Test
  void anAbandonedConnectionIsNotReusedAndItsThreadsEnd() throws Exception {
    try (SilentServer silent = new SilentServer();
         Delivery d = delivery("http://127.0.0.1:" + silent.port() + PATH, TIMEOUT)) {
      // a first attempt creates the client and its selector thread, which live as long as the delivery
      assertThat(catchThrowable(() -> d.post("{}", Map.of()))).isInstanceOf(HttpTimeoutException.class);
      Set<Thread> before = Threads.live();

      assertThat(catchThrowable(() -> d.post("{}", Map.of()))).isInstanceOf(HttpTimeoutException.class);

      assertThat(silent.acceptedConnections()).isEqualTo(2);
      Threads.awaitNoneBeyond(before);
      assertThat(Threads.live()).as("the JDK client's default workers, which idle for 60 s, are never started")
          .noneMatch(th -> th.getName().matches("HttpClient-\\d+-Worker-\\d+"));
    }
  }

  @Test
  void aBodyThatNeverEndsTimesOutWithinTheTimeoutNamingTheBytesReceived() throws Exception {
    server.stallBody(200);
    try (Delivery d = delivery(server.url(PATH), TIMEOUT)) {
      long start = System.nanoTime();
      Throwable t = catchThrowable(() -> d.post("{}", Map.of()));

      assertThat(t).isInstanceOf(HttpTimeoutException.class).hasMessage(WHO + ": no complete answer from "
          + server.base() + " within 600ms (timeout): the response body did not end (7 bytes received)");
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(SLACK));
    }
  }

  @Test
  void aRefusedConnectionFailsAtOnceWithScrubbedCopiesOfTheCauses() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    try (Delivery d = delivery("http://127.0.0.1:" + port + PATH, Duration.ofSeconds(5))) {
      long start = System.nanoTime();
      Throwable t = catchThrowable(() -> d.post("{}", Map.of()));

      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(3));
      assertThat(t).isInstanceOf(IOException.class).isNotInstanceOf(HttpTimeoutException.class)
          .hasMessageStartingWith(WHO + ": post to http://127.0.0.1:" + port + " failed: cannot connect");
      assertThat(t.getCause()).as("a copy, not the JDK's exception").isExactlyInstanceOf(IOException.class)
          .hasMessageStartingWith("java.net.ConnectException");
      for (Throwable c = t.getCause(); c != null; c = c.getCause()) {
        assertThat(c).isExactlyInstanceOf(IOException.class);
      }
      assertNoSecret(t);
    }
  }

  @Test
  void anUnknownHostIsNamed() throws Exception {
    // the tests resolve names from src/test/resources/hosts, which knows only localhost
    try (Delivery d = delivery("http://no-such-host.invalid" + PATH, Duration.ofSeconds(5))) {
      Throwable t = catchThrowable(() -> d.post("{}", Map.of()));

      assertThat(t).isInstanceOf(IOException.class)
          .hasMessage(WHO + ": post to http://no-such-host.invalid failed: unknown host 'no-such-host.invalid'");
      assertNoSecret(t);
    }
  }

  @Test
  void anInterruptedThreadDoesNotSend() throws Exception {
    try (Delivery d = delivery(server.url(PATH), TIMEOUT)) {
      Thread.currentThread().interrupt();
      Throwable t = catchThrowable(() -> d.post("{}", Map.of()));

      assertThat(t).isInstanceOf(InterruptedException.class).hasMessage(WHO + ": interrupted before sending");
      assertThat(Thread.interrupted()).as("the flag is consumed by the exception").isFalse();
      d.post("{}", Map.of());
      assertThat(server.take().text()).isEqualTo("{}");
      assertThat(server.pending()).as("only the post after the interrupt arrived").isZero();
    }
  }

  @Test
  void anInterruptCancelsTheExchangeAtOnce() throws Exception {
    try (SilentServer silent = new SilentServer();
         Delivery d = delivery("http://127.0.0.1:" + silent.port() + PATH, Duration.ofSeconds(30))) {
      CompletableFuture<Throwable> outcome = new CompletableFuture<>();
      Thread sender = new Thread(() -> outcome.complete(catchThrowable(() -> d.post("{}", Map.of()))), "sender");
      sender.start();
      await().atMost(Duration.ofSeconds(5)).until(() -> silent.acceptedConnections() == 1);
      long start = System.nanoTime();
      sender.interrupt();

      assertThat(outcome.get(5, TimeUnit.SECONDS)).isInstanceOf(InterruptedException.class);
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(2));
    }
  }

  @Test
  void aHeaderTheJdkClientRefusesIsAnIllegalArgument() {
    try (Delivery d = delivery(server.url(PATH), TIMEOUT)) {
      assertThatThrownBy(() -> d.post("{}", Map.of("Host", "elsewhere"))).isInstanceOf(IllegalArgumentException.class);
    }
    assertThat(server.pending()).isZero();
  }

  @Test
  void nothingStartsBeforeTheFirstPostAndCloseEndsEveryThreadItStarted() throws Exception {
    Set<Thread> before = Threads.live();
    Delivery d = delivery(server.url(PATH), TIMEOUT);
    assertThat(Threads.beyond(before)).as("no thread before the first post").isEmpty();
    d.post("{}", Map.of());
    assertThat(Threads.beyond(before)).isNotEmpty();

    d.close();
    d.close();
    assertThat(d.post("{}", Map.of())).as("a post after close creates a new client").isEqualTo(200);
    d.close();
    d = null;
    // Java 17's HttpClient has no close(): its selector thread ends once the client is unreachable.
    Threads.awaitNoneBeyondCollectingGarbage(before, Duration.ofSeconds(20));
  }
}
