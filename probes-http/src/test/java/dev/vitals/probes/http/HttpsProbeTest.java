package dev.vitals.probes.http;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.time.Duration;
import java.time.Instant;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Real TLS: certificates made for each run, a real HttpsServer, the client's real handshake. */
class HttpsProbeTest {

  private static Certificates.Ca ca;
  private static SSLContext trustingCa;
  private TestHttpServer server;
  private HttpProbe probe;

  @BeforeAll
  static void makeCa() {
    ca = Certificates.ca("Vitals Test CA");
    trustingCa = Certificates.trusting(ca.certificate);
  }

  @AfterAll
  static void forget() {
    ca = null;
  }

  @AfterEach
  void stop() {
    if (probe != null) {
      probe.close();
    }
    if (server != null) {
      server.close();
    }
  }

  private ProbeResult checkServerWith(Certificates.Server cert, HttpProbe.Builder settings) throws Exception {
    server = TestHttpServer.https(cert.serverContext()).answer("/health", 200, "text/plain", "ok");
    probe = settings.url(server.url("/health")).timeout(Duration.ofSeconds(3)).build();
    return probe.check();
  }

  private static HttpProbe.Builder trusting() {
    return HttpProbe.builder("tls").sslContext(trustingCa);
  }

  @Test
  void validCertificateIsUpWithDaysUntilExpiryInDetails() throws Exception {
    Instant now = Instant.now();
    ProbeResult r = checkServerWith(ca.issue(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)).plusSeconds(3600)), trusting());
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.details()).containsEntry("certExpiresInDays", 90L).containsEntry("statusCode", 200)
        .containsKeys("certNotAfter", "certSubject", "tlsProtocol");
    assertThat((String) r.details().get("tlsProtocol")).startsWith("TLSv1.");
  }

  @Test
  void certificateExpiringInFiveDaysIsDegradedWithTheDaysInDetails() throws Exception {
    Instant now = Instant.now();
    Certificates.Server soon = ca.issue(now.minus(Duration.ofDays(80)), now.plus(Duration.ofDays(5)).plusSeconds(3600));
    ProbeResult r = checkServerWith(soon, trusting());
    assertThat(r.status()).isEqualTo(Status.DEGRADED);
    assertThat(r.details()).containsEntry("certExpiresInDays", 5L)
        .containsEntry("certSubject", "CN=127.0.0.1")
        .containsEntry("certNotAfter", soon.chain[0].getNotAfter().toInstant().toString());
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
        .startsWith("TLS certificate of 127.0.0.1:" + server.port() + " expires in 5 days")
        .contains("fewer than the 14 of cert-expiry-days"));
  }

  @Test
  void lowerConfiguredThresholdKeepsAFiveDayCertificateUp() throws Exception {
    Instant now = Instant.now();
    ProbeResult r = checkServerWith(ca.issue(now.minus(Duration.ofDays(80)), now.plus(Duration.ofDays(5)).plusSeconds(3600)),
        trusting().certificateExpiryDays(3));
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.details()).containsEntry("certExpiresInDays", 5L);
  }

  @Test
  void expiredCertificateIsDownSayingItExpired() throws Exception {
    Instant now = Instant.now();
    ProbeResult r = checkServerWith(ca.issue(now.minus(Duration.ofDays(90)), now.minus(Duration.ofDays(2))), trusting());
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
        .startsWith("TLS certificate of 127.0.0.1:" + server.port() + " has expired"));
  }

  @Test
  void certificateFromAnUntrustedCaIsDownSayingItIsNotTrusted() throws Exception {
    Instant now = Instant.now();
    Certificates.Ca other = Certificates.ca("Someone Else's CA");
    ProbeResult r = checkServerWith(other.issue(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90))), trusting());
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
        .startsWith("TLS certificate of 127.0.0.1:" + server.port() + " is not trusted"));
  }

  @Test
  void defaultTrustStoreDoesNotTrustAPrivateCa() throws Exception {
    Instant now = Instant.now();
    ProbeResult r = checkServerWith(ca.issue(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90))), HttpProbe.builder("tls"));
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).contains("is not trusted"));
  }

  @Test
  void certificateForAnotherHostIsDownSayingItDoesNotMatch() throws Exception {
    Instant now = Instant.now();
    Certificates.Server elsewhere = ca.issue(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(90)), "other.example");
    ProbeResult r = checkServerWith(elsewhere, trusting());
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
        .startsWith("TLS certificate of 127.0.0.1:" + server.port() + " does not match the host name '127.0.0.1'"));
  }

  @Test
  void wrongStatusWithAnExpiringCertificateIsDownAndKeepsTheCertificateDetails() throws Exception {
    Instant now = Instant.now();
    server = TestHttpServer.https(ca.issue(now.minus(Duration.ofDays(80)), now.plus(Duration.ofDays(5)).plusSeconds(3600))
        .serverContext()).answer("/health", 500, "text/plain", "boom");
    probe = trusting().url(server.url("/health")).build();
    ProbeResult r = probe.check();
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).contains("HTTP 500"));
    assertThat(r.details()).containsEntry("certExpiresInDays", 5L);
  }

  @Test
  void trustStoreFromConfigurationTrustsThePrivateCa(@org.junit.jupiter.api.io.TempDir java.nio.file.Path dir)
      throws Exception {
    Instant now = Instant.now();
    server = TestHttpServer.https(ca.issue(now.minus(Duration.ofDays(1)), now.plus(Duration.ofDays(60))).serverContext())
        .answer("/health", 200, "text/plain", "ok");
    java.nio.file.Path store = Certificates.trustStoreFile(dir.resolve("trust.p12"), "changeit", ca.certificate);
    HttpProbe p = (HttpProbe) new HttpProbeFactory().create(dev.vitals.api.spi.ProbeConfig.of("tls", java.util.Map.of(
        "type", "http", "url", server.url("/health"), "trust-store", store.toString(), "trust-store-password", "changeit")));
    probe = p;
    ProbeResult r = p.check();
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat((long) r.details().get("certExpiresInDays")).isBetween(59L, 60L);
  }
}
