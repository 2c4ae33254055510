package dev.vitals.probes.grpc;

import dev.vitals.test.ProbeCompatibilityKit;
import dev.vitals.test.SilentServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The probe kit for type {@code grpc}: a real grpc-java server, a closed port, and the kit's silent
 * server (accepts, never speaks HTTP/2), which the probe gives up on at its own deadline.
 */
class GrpcProbeCompatibilityTest extends ProbeCompatibilityKit {

  private final TestGrpcServer server = TestGrpcServer.plain();

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Override
  protected String type() {
    return "grpc";
  }

  @Override
  protected Map<String, String> workingSettings() {
    return Map.of("url", server.url());
  }

  @Override
  protected Map<String, String> downSettings() {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return Map.of("url", "grpc://127.0.0.1:" + s.getLocalPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  protected Map<String, String> hangingSettings(SilentServer silent) {
    return Map.of("url", silent.host() + ":" + silent.port());
  }

  @Override
  protected boolean honoursOwnTimeout() {
    return true;
  }
}
