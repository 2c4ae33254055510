package dev.vitals.probes.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.test.SilentServer;
import dev.vitals.test.Threads;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Real faults: refused, stopped, unknown, frozen, stalled and slow servers. */
class HttpProbeFaultTest {

  private static final Duration TIMEOUT = Duration.ofMillis(600);
  private static final Duration SLACK = Duration.ofMillis(700);

  private final TestHttpServer server = TestHttpServer.http();
  private HttpProbe probe;

  @AfterEach
  void stop() {
    if (probe != null) {
      probe.close();
    }
    server.close();
  }

  private HttpProbe probe(String url) {
    probe = HttpProbe.builder("api").url(url).timeout(TIMEOUT).build();
    return probe;
  }

  private static int closedPort() throws Exception {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    }
  }

  @Test
  void closedPortIsDownWithConnectionRefused() throws Exception {
    int port = closedPort();
    ProbeResult r = probe("http://127.0.0.1:" + port + "/health").check();
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).startsWith("connection refused by 127.0.0.1:" + port));
  }

  @Test
  void stoppedServerIsDownWithConnectionRefusedAfterBeingUp() throws Exception {
    server.answer("/health", 200, "text/plain", "ok");
    HttpProbe p = probe(server.url("/health"));
    assertThat(p.check().status()).isEqualTo(Status.UP);
    server.stop();
    ProbeResult r = p.check();
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).startsWith("connection refused by 127.0.0.1:" + server.port()));
  }

  @Test
  void unknownHostIsDownNamingTheHost() throws Exception {
    ProbeResult r = probe("http://no-such-host.invalid:8080/health").check();
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).startsWith("unknown host 'no-such-host.invalid'"));
  }

  @Test
  void silentServerIsDownAtTheTimeoutAndLeavesNoThreadBehind() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      HttpProbe p = probe("http://" + silent.host() + ":" + silent.port() + "/health");
      warmUp(p);
      Set<Thread> before = Threads.live();
      long start = System.nanoTime();
      ProbeResult r = p.check();
      long took = System.nanoTime() - start;
      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
          .startsWith("timed out waiting for GET http://127.0.0.1:" + silent.port() + "/health to answer")
          .contains("(timeout 600ms)"));
      assertThat(Duration.ofNanos(took)).isLessThan(TIMEOUT.plus(SLACK)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
      Threads.awaitNoneBeyond(before);
      assertThat(Threads.live()).as("the JDK client's default workers, which idle for 60 s, are never started")
          .noneMatch(t -> t.getName().matches("HttpClient-\\d+-Worker-\\d+"));
    }
  }

  @Test
  void silentServerOverHttpsIsDownAtTheTimeout() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      HttpProbe p = probe("https://" + silent.host() + ":" + silent.port() + "/health");
      long start = System.nanoTime();
      ProbeResult r = p.check();
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(SLACK));
      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).contains("TLS handshake").contains("timed out"));
    }
  }

  @Test
  void bodyThatStallsAfterTheHeadersIsDownAtTheTimeoutAndLeavesNoThreadBehind() throws Exception {
    server.handle("/stall", ex -> {
      ex.sendResponseHeaders(200, 1000);
      ex.getResponseBody().write(new byte[10]);
      ex.getResponseBody().flush();
      server.stall();
    });
    HttpProbe p = probe(server.url("/stall"));
    warmUp(p);
    Set<Thread> before = Threads.live();
    long start = System.nanoTime();
    ProbeResult r = p.check();
    long took = System.nanoTime() - start;
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
        .startsWith("timed out reading the response body of GET " + server.url("/stall") + " after 10 bytes"));
    assertThat(Duration.ofNanos(took)).isLessThan(TIMEOUT.plus(SLACK)).isGreaterThanOrEqualTo(Duration.ofMillis(500));
    Threads.awaitNoneBeyond(before);
  }

  @Test
  void slowServerTakesLongerThanTheAcceptableBudgetAndIsStillUp() throws Exception {
    server.handle("/slow", ex -> {
      TestHttpServer.delay(Duration.ofMillis(650));
      TestHttpServer.respond(ex, 200, "text/plain", "ok");
    });
    probe = HttpProbe.builder("api").url(server.url("/slow")).timeout(Duration.ofSeconds(2)).build();
    long start = System.nanoTime();
    ProbeResult r = probe.check();
    long took = System.nanoTime() - start;
    assertThat(r.status()).as("the engine, not the probe, degrades a slow result").isEqualTo(Status.UP);
    assertThat(took).isGreaterThan(probe.defaults().budget().orElseThrow().acceptableNanos());
  }

  @Test
  void interruptedCheckCancelsTheExchangeAndThrows() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      HttpProbe p = HttpProbe.builder("api").url("http://127.0.0.1:" + silent.port() + "/").timeout(Duration.ofSeconds(30)).build();
      probe = p;
      java.util.concurrent.atomic.AtomicReference<Throwable> thrown = new java.util.concurrent.atomic.AtomicReference<>();
      Thread t = new Thread(() -> {
        try {
          p.check();
        } catch (Throwable e) {
          thrown.set(e);
        }
      });
      t.start();
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> silent.acceptedConnections() == 1);
      t.interrupt();
      t.join(TimeUnit.SECONDS.toMillis(5));
      assertThat(t.isAlive()).isFalse();
      assertThat(thrown.get()).isInstanceOf(InterruptedException.class);
    }
  }

  /** One check so the probe's client exists before threads are counted. */
  private static void warmUp(HttpProbe p) throws InterruptedException {
    p.check();
  }
}
