package dev.vitals.probes.http;

import dev.vitals.test.ProbeCompatibilityKit;
import dev.vitals.test.SilentServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The probe kit for type {@code http}: a real server, a closed port, a server that never answers. */
class HttpProbeCompatibilityTest extends ProbeCompatibilityKit {

  private static final String TOKEN = "kit-secret-token-4242";

  private final TestHttpServer server = TestHttpServer.http().answer("/health", 200, "application/json", "{\"status\":\"UP\"}");

  @AfterEach
  void stopServer() {
    server.close();
  }

  @Override
  protected String type() {
    return "http";
  }

  @Override
  protected Map<String, String> workingSettings() {
    return Map.of("url", server.url("/health"), "headers.Authorization", "Bearer " + TOKEN,
        "json-pointer", "/status", "json-equals", "UP");
  }

  @Override
  protected Map<String, String> downSettings() {
    int port;
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      port = s.getLocalPort();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    return Map.of("url", "http://127.0.0.1:" + port + "/health?token=" + TOKEN, "headers.Authorization", "Bearer " + TOKEN);
  }

  /** A network probe sets its client's limits below its timeout: the kit's stricter check applies. */
  @Override
  protected boolean honoursOwnTimeout() {
    return true;
  }

  @Override
  protected Map<String, String> hangingSettings(SilentServer silent) {
    return Map.of("url", "http://" + silent.host() + ":" + silent.port() + "/health", "headers.Authorization", "Bearer " + TOKEN);
  }

  @Override
  protected List<String> secrets() {
    return List.of(TOKEN);
  }
}
