package dev.vitals.probes.net;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ProbeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The smtp probe against a real SMTP server on loopback ({@link TestSmtpServer}) with real certificates. */
class SmtpProbeTest {

  static Certificates.Ca ca;
  static Certificates.Server valid;
  static Path trust;

  @TempDir
  static Path dir;

  private TestSmtpServer server;

  @BeforeAll
  static void certificates() throws Exception {
    ca = Certificates.ca("Vitals SMTP Test CA");
    valid = ca.issue(Instant.now().minus(Duration.ofDays(1)), Instant.now().plus(Duration.ofDays(90)));
    trust = Certificates.pemFile(dir.resolve("ca.pem"), ca.certificate);
  }

  @AfterEach
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  static Probe probe(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("type", "smtp");
    all.putIfAbsent("timeout", "1s");
    return new SmtpProbeFactory().create(ProbeConfig.of("smtp-test", all));
  }

  private Map<String, String> to(TestSmtpServer s) {
    Map<String, String> m = new HashMap<>();
    m.put("host", "127.0.0.1");
    m.put("port", Integer.toString(s.port()));
    m.put("trust-certificates", trust.toString());
    m.put("helo-name", "probe.vitals.test");
    return m;
  }

  @Test
  void startTlsUpgradeIsUpWithExtensionsAndCertificateDetails() throws Exception {
    server = new TestSmtpServer(new TestSmtpServer.Setup().startTls(valid.serverContext()));
    ProbeResult r = probe(to(server)).check();
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.details()).containsEntry("tls", "starttls").containsEntry("banner", "mail.test ESMTP ready")
        .containsEntry("certNotAfter", valid.chain[0].getNotAfter().toInstant().toString())
        .containsKeys("tlsProtocol", "certExpiresInDays", "certSubject");
    assertThat((long) r.details().get("certExpiresInDays")).isBetween(88L, 90L);
    // extensions as listed after the upgrade (no STARTTLS any more), the first EHLO's list had it
    assertThat(r.details().get("extensions").toString()).contains("SIZE 35882577", "8BITMIME").doesNotContain("STARTTLS");
    assertThat(server.commands()).containsExactly("EHLO probe.vitals.test", "STARTTLS", "EHLO probe.vitals.test", "QUIT");
  }

  @Test
  void optionalStartTlsWithoutOfferIsUpInClear() throws Exception {
    server = new TestSmtpServer(new TestSmtpServer.Setup());
    ProbeResult r = probe(to(server)).check();
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.details()).containsEntry("tls", "none").doesNotContainKey("certNotAfter");
    assertThat(r.details().get("extensions").toString()).startsWith("SIZE 35882577, 8BITMIME");
  }

  @Test
  void requiredStartTlsWithoutOfferIsDown() throws Exception {
    server = new TestSmtpServer(new TestSmtpServer.Setup());
    Map<String, String> s = to(server);
    s.put("starttls", "required");
    ProbeResult r = probe(s).check();
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
        .startsWith("server does not offer STARTTLS (starttls = required; EHLO listed [SIZE 35882577, 8BITMIME"));
  }

  @Test
  void startTlsOffNeverUpgrades() throws Exception {
    server = new TestSmtpServer(new TestSmtpServer.Setup().startTls(valid.serverContext()));
    Map<String, String> s = to(server);
    s.put("starttls", "off");
    ProbeResult r = probe(s).check();
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.details()).containsEntry("tls", "none");
    assertThat(server.commands()).containsExactly("EHLO probe.vitals.test", "QUIT");
  }

  @Test
  void implicitTlsHandshakesBeforeTheBanner() throws Exception {
    server = new TestSmtpServer(new TestSmtpServer.Setup().implicitTls(valid.serverContext()));
    Map<String, String> s = to(server);
    s.put("tls", "implicit");
    ProbeResult r = probe(s).check();
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.details()).containsEntry("tls", "implicit").containsKey("certNotAfter");
    assertThat(server.commands()).containsExactly("EHLO probe.vitals.test", "QUIT");
  }

  @Test
  void aServerRefusingEhloIsGreetedWithHelo() throws Exception {
    server = new TestSmtpServer(new TestSmtpServer.Setup().refuseEhlo());
    ProbeResult r = probe(to(server)).check();
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.details()).doesNotContainKey("extensions");
    assertThat(server.commands()).containsExactly("EHLO probe.vitals.test", "HELO probe.vitals.test", "QUIT");
  }

  @Test
  void a421BannerIsDownWithWhatTheServerSaid() throws Exception {
    server = new TestSmtpServer(new TestSmtpServer.Setup().banner("421 4.3.2 mail.test too busy, try later"));
    ProbeResult r = probe(to(server)).check();
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValue("server answered 421 4.3.2 mail.test too busy, try later instead of the 220 banner"
        + " (127.0.0.1:" + server.port() + ")");
  }

  @Test
  void aServerThatNeverSendsTheBannerTimesOutWithinTheProbesTimeout() throws Exception {
    server = new TestSmtpServer(new TestSmtpServer.Setup().silent());
    long start = System.nanoTime();
    ProbeResult r = probe(to(server)).check();
    assertThat((System.nanoTime() - start) / 1_000_000).isLessThan(1000);
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValue("timed out after 1s waiting for the banner from 127.0.0.1:" + server.port());
  }

  @Test
  void anExpiredCertificateIsDown() throws Exception {
    Certificates.Server expired = ca.issue(Instant.now().minus(Duration.ofDays(30)), Instant.now().minus(Duration.ofDays(1)));
    server = new TestSmtpServer(new TestSmtpServer.Setup().startTls(expired.serverContext()));
    ProbeResult r = probe(to(server)).check();
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
        .startsWith("TLS certificate of 127.0.0.1:" + server.port() + " has expired").endsWith("(the TLS handshake after STARTTLS)"));
    assertThat(r.details()).containsEntry("certNotAfter", expired.chain[0].getNotAfter().toInstant().toString())
        .containsEntry("certExpiresInDays", -2L);
  }

  @Test
  void aCertificateExpiringIn3DaysIsDegraded() throws Exception {
    Certificates.Server soon = ca.issue(Instant.now().minus(Duration.ofDays(80)), Instant.now().plus(Duration.ofDays(3)));
    server = new TestSmtpServer(new TestSmtpServer.Setup().startTls(soon.serverContext()));
    ProbeResult r = probe(to(server)).check();
    assertThat(r.status()).isEqualTo(Status.DEGRADED);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).startsWith("TLS certificate of 127.0.0.1:"
        + server.port() + " expires in 2 days").endsWith("within certificate-expiry-degraded (14d)"));
    Map<String, String> s = to(server);
    s.put("certificate-expiry-degraded", "2d");
    assertThat(probe(s).check().status()).isEqualTo(Status.UP);
  }

  @Test
  void anUntrustedCertificateIsDown() throws Exception {
    server = new TestSmtpServer(new TestSmtpServer.Setup().startTls(valid.serverContext()));
    Map<String, String> s = to(server);
    s.remove("trust-certificates"); // the JVM's trust store does not know the test CA
    ProbeResult r = probe(s).check();
    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).contains("is not trusted", "trust-certificates"));
  }

  @Test
  void aStoppedServerIsDownAndTheProbeRecoversWhenItReturns() throws Exception {
    server = new TestSmtpServer(new TestSmtpServer.Setup().startTls(valid.serverContext()));
    Probe p = probe(to(server));
    assertThat(p.check().status()).isEqualTo(Status.UP);
    int port = server.port();
    server.close();
    ProbeResult down = p.check();
    assertThat(down.status()).as(down.toString()).isEqualTo(Status.DOWN);
    assertThat(down.message()).hasValue("connection refused by 127.0.0.1:" + port);
    server = new TestSmtpServer(new TestSmtpServer.Setup().startTls(valid.serverContext()), port);
    assertThat(p.check().status()).isEqualTo(Status.UP);
  }
}
