package dev.vitals.probes.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.test.SilentServer;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The probe against a real grpc-java server on loopback whose health statuses the test sets. */
class GrpcProbeTest {

  private final TestGrpcServer server = TestGrpcServer.plain();
  private Probe probe;

  @AfterEach
  void stop() throws Exception {
    if (probe != null) {
      ((AutoCloseable) probe).close();
    }
    server.close();
  }

  static Probe probe(String... keysAndValues) {
    Map<String, String> settings = new HashMap<>();
    settings.put("type", "grpc");
    // a cold JVM's first call (class loading, Netty set-up) can take most of a second on a busy machine
    settings.put("timeout", "5s");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      settings.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return new GrpcProbeFactory().create(ProbeConfig.of("orders", settings));
  }

  @Test
  void servingIsUpWithWhatTheProbeLearnt() throws Exception {
    probe = probe("url", server.url());
    ProbeResult r = probe.check();
    assertThat(r.status()).as("%s", r).isEqualTo(Status.UP);
    assertThat(r.message().orElseThrow()).contains("127.0.0.1:" + server.port() + " is SERVING (the server as a whole)");
    assertThat(r.details()).containsEntry("servingStatus", "SERVING").containsEntry("host", "127.0.0.1")
        .containsEntry("port", server.port()).containsEntry("service", "").containsEntry("tls", false);
  }

  @Test
  void notServingIsDownAndServingAgainIsUp() throws Exception {
    probe = probe("url", "grpc://" + server.url());
    server.health.setStatus("", ServingStatus.NOT_SERVING);
    ProbeResult down = probe.check();
    assertThat(down.status()).isEqualTo(Status.DOWN);
    assertThat(down.message().orElseThrow()).contains("answered NOT_SERVING");
    assertThat(down.details()).containsEntry("servingStatus", "NOT_SERVING");

    server.health.setStatus("", ServingStatus.SERVING);
    assertThat(probe.check().status()).isEqualTo(Status.UP);
  }

  @Test
  void unknownStatusIsDown() throws Exception {
    probe = probe("url", server.url());
    server.health.setStatus("", ServingStatus.UNKNOWN);
    ProbeResult r = probe.check();
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message().orElseThrow()).contains("answered UNKNOWN").contains("only SERVING is healthy");
  }

  @Test
  void aNamedServiceIsAskedAbout() throws Exception {
    server.health.setStatus("shop.Orders", ServingStatus.SERVING);
    server.health.setStatus("", ServingStatus.NOT_SERVING);
    probe = probe("url", server.url(), "service", "shop.Orders");
    ProbeResult r = probe.check();
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.message().orElseThrow()).contains("for service 'shop.Orders'");
    assertThat(r.details()).containsEntry("service", "shop.Orders");

    server.health.setStatus("shop.Orders", ServingStatus.NOT_SERVING);
    assertThat(probe.check().status()).isEqualTo(Status.DOWN);
  }

  @Test
  void aServiceTheServerDoesNotKnowIsDownSayingSo() throws Exception {
    probe = probe("url", server.url(), "service", "shop.Nope");
    ProbeResult r = probe.check();
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message().orElseThrow()).isEqualTo("service 'shop.Nope' is unknown to 127.0.0.1:" + server.port() + " (NOT_FOUND)");
    assertThat(r.details()).containsEntry("code", "NOT_FOUND");
  }

  @Test
  void aServerWithoutHealthServiceIsDownSayingSo() throws Exception {
    try (TestGrpcServer bare = TestGrpcServer.withoutHealthService()) {
      Probe p = probe("url", bare.url());
      try {
        ProbeResult r = p.check();
        assertThat(r.status()).isEqualTo(Status.DOWN);
        assertThat(r.message().orElseThrow()).contains("does not implement grpc.health.v1.Health/Check (UNIMPLEMENTED)");
      } finally {
        ((AutoCloseable) p).close();
      }
    }
  }

  @Test
  void aServerThatNeverAnswersIsDownAtTheProbesOwnDeadline() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      probe = probe("url", "127.0.0.1:" + silent.port(), "timeout", "1s");
      long start = System.nanoTime();
      ProbeResult r = probe.check();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message().orElseThrow()).isEqualTo("deadline exceeded after 900ms waiting for grpc.health.v1.Health/Check on 127.0.0.1:"
          + silent.port() + " (timeout 1s)");
      assertThat(took).isLessThan(Duration.ofSeconds(1));
    }
  }

  @Test
  void aStoppedServerIsDownAndUpAgainOnceRestartedOnTheSamePort() throws Exception {
    probe = probe("url", server.url());
    assertThat(probe.check().status()).isEqualTo(Status.UP);

    server.stop();
    // the first run may still see the connection the server closed ("Connection closed after GOAWAY")
    ProbeResult first = probe.check();
    assertThat(first.status()).isEqualTo(Status.DOWN);
    assertThat(first.details()).containsEntry("code", "UNAVAILABLE");
    assertThat(first.message().orElseThrow()).contains("127.0.0.1:" + server.port());
    ProbeResult down = probe.check();
    assertThat(down.status()).isEqualTo(Status.DOWN);
    assertThat(down.message().orElseThrow()).isEqualTo("connection refused by 127.0.0.1:" + server.port());
    // still down: the next run says the same at once, it does not wait out a reconnect back-off
    assertThat(probe.check().message()).isEqualTo(down.message());

    server.restart();
    ProbeResult up = probe.check();
    assertThat(up.status()).as("the first run after the restart: %s", up).isEqualTo(Status.UP);
  }

  @Test
  void aClosedPortIsConnectionRefused() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = s.getLocalPort();
    }
    probe = probe("url", "127.0.0.1:" + port);
    ProbeResult r = probe.check();
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message().orElseThrow()).isEqualTo("connection refused by 127.0.0.1:" + port);
  }

  @Test
  void anUnknownHostIsDownSayingSo() throws Exception {
    probe = probe("url", "no-such-host.invalid:50051");
    ProbeResult r = probe.check();
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message().orElseThrow()).contains("no-such-host.invalid");
  }

  @Test
  void theChannelIsReusedBetweenRunsAndClosedByClose() throws Exception {
    probe = probe("url", server.url());
    for (int i = 0; i < 3; i++) {
      ProbeResult r = probe.check();
      assertThat(r.status()).as("%s", r).isEqualTo(Status.UP);
    }
    assertThat(server.connections.get()).as("connections opened for three runs").isEqualTo(1);
    assertThat(server.openConnections.get()).isEqualTo(1);

    ((AutoCloseable) probe).close();
    await().atMost(Duration.ofSeconds(10)).until(() -> server.openConnections.get() == 0);

    // a run after close opens a new channel
    assertThat(probe.check().status()).isEqualTo(Status.UP);
    assertThat(server.connections.get()).isEqualTo(2);
  }

  @Test
  void anInterruptedRunEndsWithInterruptedException() {
    probe = probe("url", server.url());
    Thread.currentThread().interrupt();
    assertThatThrownBy(probe::check).isInstanceOf(InterruptedException.class);
    assertThat(Thread.interrupted()).isFalse();
  }

  @Test
  void toStringShowsTheTarget() {
    probe = probe("url", server.url(), "service", "shop.Orders");
    assertThat(probe).hasToString("GrpcProbe[orders, grpc://127.0.0.1:" + server.port() + ", service shop.Orders]");
    assertThat(probe.type()).isEqualTo("grpc");
    assertThat(probe.defaults().timeout()).contains(Duration.ofSeconds(5));
  }
}
