package dev.vitals.probes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.test.SilentServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TcpProbeTest {

  private static TcpProbe probe(String url, Duration timeout) {
    return TcpProbe.builder("tcp").url(url).timeout(timeout).build();
  }

  @Test
  void openPortIsUpWithTheAddressInDetails() throws Exception {
    try (TestHttpServer server = TestHttpServer.http()) {
      ProbeResult r = probe("tcp://127.0.0.1:" + server.port(), Duration.ofSeconds(1)).check();
      assertThat(r.status()).isEqualTo(Status.UP);
      assertThat(r.message()).contains("connected to 127.0.0.1:" + server.port());
      assertThat(r.details()).containsEntry("host", "127.0.0.1").containsEntry("port", server.port())
          .containsEntry("address", "127.0.0.1");
    }
  }

  @Test
  void closedPortIsDownWithConnectionRefused() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = s.getLocalPort();
    }
    ProbeResult r = probe("tcp://127.0.0.1:" + port, Duration.ofSeconds(1)).check();
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).contains("connection refused by 127.0.0.1:" + port);
  }

  @Test
  void serverThatAcceptsAndNeverAnswersIsUpForAConnectProbe() throws Exception {
    try (SilentServer silent = new SilentServer()) {
      ProbeResult r = probe("tcp://" + silent.host() + ":" + silent.port(), Duration.ofSeconds(1)).check();
      assertThat(r.status()).isEqualTo(Status.UP);
    }
  }

  @Test
  void listenerWithAFullAcceptQueueIsDownAtTheConnectTimeout() throws Exception {
    try (FullBacklogServer full = new FullBacklogServer()) {
      long start = System.nanoTime();
      ProbeResult r = probe("tcp://127.0.0.1:" + full.port(), Duration.ofMillis(500)).check();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).contains("timed out connecting to 127.0.0.1:" + full.port() + " (timeout 500ms)");
      assertThat(took).isBetween(Duration.ofMillis(400), Duration.ofMillis(1200));
    }
  }

  @Test
  void unknownHostIsDownNamingTheHost() throws Exception {
    ProbeResult r = probe("tcp://no-such-host.invalid:5432", Duration.ofSeconds(1)).check();
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).contains("unknown host 'no-such-host.invalid': the name does not resolve");
  }

  @Test
  void localhostResolvesFromTheHostsFile() throws Exception {
    try (TestHttpServer server = TestHttpServer.http()) {
      assertThat(probe("tcp://localhost:" + server.port(), Duration.ofSeconds(1)).check().status()).isEqualTo(Status.UP);
    }
  }

  @Test
  void factoryReadsUrlAndTimeout() {
    TcpProbeFactory f = new TcpProbeFactory();
    assertThat(f.type()).isEqualTo("tcp");
    assertThat(f.keys()).containsExactly("url");
    TcpProbe p = (TcpProbe) f.create(ProbeConfig.of("db-port", Map.of("type", "tcp", "url", "tcp://db.example.com:5432", "timeout", "300ms")));
    assertThat(p.name()).isEqualTo("db-port");
    assertThat(p.type()).isEqualTo("tcp");
    assertThat(p.defaults().timeout()).contains(Duration.ofMillis(300));
    assertThat(p).hasToString("TcpProbe[db-port, tcp://db.example.com:5432]");
  }

  @Test
  void badUrlsAreRefusedNamingTheKey() {
    TcpProbeFactory f = new TcpProbeFactory();
    for (String url : new String[] {"http://h:80", "tcp://h", "tcp://h:0", "tcp://h:70000", "tcp://h:80/path", "tcp://u:p@h:80",
        "file:///etc/passwd", "h:80"}) {
      assertThatThrownBy(() -> f.create(ProbeConfig.of("t", Map.of("type", "tcp", "url", url))))
          .as(url).isInstanceOf(ConfigException.class)
          .hasMessageStartingWith("vitals.probes.t.url = '")
          .hasMessageContaining("expected tcp://host:port");
    }
    assertThatThrownBy(() -> f.create(ProbeConfig.of("t", Map.of("type", "tcp"))))
        .hasMessage("vitals.probes.t.url is missing: expected tcp://host:port with a port from 1 to 65535 and nothing else");
  }

  @Test
  void ipv6LiteralTargetsAreAccepted() {
    assertThat(TcpProbe.builder("v6").url("tcp://[::1]:8080").build()).hasToString("TcpProbe[v6, tcp://::1:8080]");
  }
}
