package dev.vitals.probes.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.time.Duration;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/** The code of README.md and of the class javadoc, kept compiling. No example is run against its example host. */
class ReadmeExamplesTest {

  @Test
  void httpProbeExample() {
    String token = "example-token";
    // README: "An HTTP probe in code"
    HttpProbe orders = HttpProbe.builder("orders-api")
        .url("https://orders.example.com/health")
        .header("Authorization", "Bearer " + token)
        .expectedStatus("200-299,304")
        .jsonPointerEquals("/status", "UP")
        .followRedirects(true)
        .maxRedirects(3)
        .allowedHosts("orders.example.com", "*.cdn.example.com")
        .certificateExpiryDays(21)
        .timeout(Duration.ofSeconds(2))
        .build();
    assertThat(orders.name()).isEqualTo("orders-api");
    assertThat(orders.toString()).doesNotContain(token);
  }

  @Test
  void tcpProbeExample() {
    // README: "A TCP probe in code"
    TcpProbe smtp = TcpProbe.builder("smtp").url("tcp://mail.example.com:25").timeout(Duration.ofSeconds(1)).build();
    assertThat(smtp.type()).isEqualTo("tcp");
  }

  @Test
  void privateCaExampleRunsAgainstARealServer() throws Exception {
    Certificates.Ca ca = Certificates.ca("Example CA");
    java.time.Instant now = java.time.Instant.now();
    try (TestHttpServer server = TestHttpServer.https(ca.issue(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(30)))
        .serverContext()).answer("/health", 200, "text/plain", "ok")) {
      SSLContext tls = Certificates.trusting(ca.certificate);
      // README: "A private CA"
      HttpProbe internal = HttpProbe.builder("internal-api")
          .url(server.url("/health"))
          .sslContext(tls)
          .build();
      ProbeResult result = internal.check();
      assertThat(result.status()).isEqualTo(Status.UP);
      assertThat(result.details()).containsKey("certExpiresInDays");
      internal.close();
    }
  }

  @Test
  void factoryExampleFromProperties() {
    // README: the properties example, as the monitor passes it to the factory
    Probe p = new HttpProbeFactory().create(dev.vitals.api.spi.ProbeConfig.of("orders", java.util.Map.of(
        "type", "http",
        "url", "https://orders.example.com/health",
        "headers.Authorization", "Bearer resolved-from-env",
        "expected-status", "200-299,304",
        "json-pointer", "/status",
        "json-equals", "UP",
        "allowed-hosts", "orders.example.com",
        "cert-expiry-days", "21",
        "timeout", "2s")));
    assertThat(p.type()).isEqualTo("http");
  }
}
