package dev.vitals.probes.net;

import dev.vitals.test.ProbeCompatibilityKit;
import dev.vitals.test.SilentServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/**
 * The probe kit for type {@code smtp}: a real STARTTLS server with a trusted certificate, a closed port, and
 * the kit's silent server (it accepts and never sends the banner). The probe gives up at its own timeout.
 */
class SmtpProbeCompatibilityTest extends ProbeCompatibilityKit {

  private static final Certificates.Ca CA = Certificates.ca("Vitals SMTP Kit CA");
  private final TestSmtpServer server;
  private final Path trust;

  SmtpProbeCompatibilityTest() throws Exception {
    Certificates.Server cert = CA.issue(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)));
    server = new TestSmtpServer(new TestSmtpServer.Setup().startTls(cert.serverContext()));
    trust = Certificates.pemFile(Files.createTempFile("smtp-kit", ".pem"), CA.certificate);
  }

  @AfterEach
  void stopServer() throws Exception {
    server.close();
    Files.deleteIfExists(trust);
  }

  @Override
  protected String type() {
    return "smtp";
  }

  @Override
  protected Map<String, String> workingSettings() {
    return Map.of("host", "127.0.0.1", "port", Integer.toString(server.port()), "starttls", "required",
        "trust-certificates", trust.toString());
  }

  @Override
  protected Map<String, String> downSettings() {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return Map.of("host", "127.0.0.1", "port", Integer.toString(s.getLocalPort()));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Override
  protected Map<String, String> hangingSettings(SilentServer silent) {
    return Map.of("host", "127.0.0.1", "port", Integer.toString(silent.port()));
  }

  @Override
  protected boolean honoursOwnTimeout() {
    return true;
  }
}
