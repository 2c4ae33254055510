package dev.vitals.probes.http;

import dev.vitals.test.ProbeCompatibilityKit;
import dev.vitals.test.SilentServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The probe kit for type {@code tcp}.
 *
 * <p>The kit's hanging target, a {@link SilentServer}, accepts connections, and accepting is all a
 * connect probe asks of a server: the probe is rightly {@code UP} there ({@link TcpProbeTest} checks
 * it). What hangs a connect probe is a connect that never completes, so {@link #hangingSettings}
 * points at a listener whose accept queue is full ({@link FullBacklogServer}): the kernel drops the
 * SYN and the probe must give up at its own timeout, which is what the kit checks.
 */
class TcpProbeCompatibilityTest extends ProbeCompatibilityKit {

  private final TestHttpServer server = TestHttpServer.http();
  private FullBacklogServer full;

  @AfterEach
  void stopServers() {
    server.close();
    if (full != null) {
      full.close();
    }
  }

  @Override
  protected String type() {
    return "tcp";
  }

  @Override
  protected Map<String, String> workingSettings() {
    return Map.of("url", "tcp://127.0.0.1:" + server.port());
  }

  @Override
  protected Map<String, String> downSettings() {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return Map.of("url", "tcp://127.0.0.1:" + s.getLocalPort());
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  /** A network probe sets its client's limits below its timeout: the kit's stricter check applies. */
  @Override
  protected boolean honoursOwnTimeout() {
    return true;
  }

  @Override
  protected Map<String, String> hangingSettings(SilentServer silent) {
    full = new FullBacklogServer();
    return Map.of("url", "tcp://127.0.0.1:" + full.port());
  }
}
