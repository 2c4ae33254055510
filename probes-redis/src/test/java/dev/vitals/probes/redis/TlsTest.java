package dev.vitals.probes.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * rediss:// against the embedded redis-server's TLS port (the shipped 6.2 binary is built with
 * OpenSSL), with a self-signed certificate for {@code localhost} made by the JDK's keytool.
 */
class TlsTest {

  private static final String TRUST_PASSWORD = "trust-Pass";

  @TempDir
  static Path dir;

  private static TestRedis redis;
  private static int tlsPort;
  private static Path truststore;
  private static SSLContext trusting;

  @BeforeAll
  static void startTlsRedis() throws Exception {
    Path keystore = dir.resolve("server.p12");
    Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
        "-genkeypair", "-alias", "redis", "-keyalg", "EC", "-groupname", "secp256r1",
        "-dname", "CN=localhost", "-ext", "SAN=dns:localhost", "-validity", "2",
        "-keystore", keystore.toString(), "-storetype", "PKCS12", "-storepass", "changeit")
        .redirectErrorStream(true).start();
    String out = new String(keytool.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(keytool.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(keytool.exitValue()).as("keytool: " + out).isZero();

    KeyStore ks = KeyStore.getInstance(keystore.toFile(), "changeit".toCharArray());
    PrivateKey key = (PrivateKey) ks.getKey("redis", "changeit".toCharArray());
    Certificate cert = ks.getCertificate("redis");
    Path certPem = dir.resolve("cert.pem");
    Path keyPem = dir.resolve("key.pem");
    Files.writeString(certPem, pem("CERTIFICATE", cert.getEncoded()));
    Files.writeString(keyPem, pem("PRIVATE KEY", key.getEncoded()));

    KeyStore trust = KeyStore.getInstance("PKCS12");
    trust.load(null, null);
    trust.setCertificateEntry("redis", cert);
    truststore = dir.resolve("trust.p12");
    try (OutputStream o = new FileOutputStream(truststore.toFile())) {
      trust.store(o, TRUST_PASSWORD.toCharArray());
    }
    TrustManagerFactory tmf = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
    tmf.init(trust);
    trusting = SSLContext.getInstance("TLS");
    trusting.init(null, tmf.getTrustManagers(), null);

    tlsPort = TestRedis.freePort();
    redis = TestRedis.start("tls-port " + tlsPort, "tls-cert-file " + certPem, "tls-key-file " + keyPem,
        "tls-ca-cert-file " + certPem, "tls-auth-clients no");
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Test
  void trustedCertificateIsUpOverTls() throws Exception {
    try (RedisProbe probe = RedisProbe.builder("tls").uri("rediss://localhost:" + tlsPort).sslContext(trusting)
        .build()) {
      ProbeResult r = probe.check();

      assertThat(r.status()).isEqualTo(Status.UP);
      assertThat(r.details()).containsEntry("tls", true).containsKey("version");
      assertThat(redis.clients()).anySatisfy(c -> assertThat(c.get("name")).isEqualTo("vitals:tls"));
    }
  }

  @Test
  void configuredTruststoreIsUsed() throws Exception {
    Map<String, String> settings = Map.of("type", "redis", "url", "rediss://localhost:" + tlsPort,
        "truststore", truststore.toString(), "truststore-password", TRUST_PASSWORD);
    try (RedisProbe probe = (RedisProbe) new RedisProbeFactory().create(ProbeConfig.of("tls-config", settings))) {
      assertThat(probe.check().status()).isEqualTo(Status.UP);
    }
  }

  @Test
  void wrongTruststorePasswordIsAConfigErrorThatHidesThePassword() {
    Map<String, String> settings = Map.of("type", "redis", "url", "rediss://localhost:" + tlsPort,
        "truststore", truststore.toString(), "truststore-password", "not-" + TRUST_PASSWORD);
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () -> new RedisProbeFactory().create(ProbeConfig.of("tls-bad", settings)))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("vitals.probes.tls-bad.truststore-password = '****' is not allowed")
        .hasMessageNotContaining(TRUST_PASSWORD);
  }

  @Test
  void untrustedCertificateIsDownSayingTheHandshakeFailed() throws Exception {
    try (RedisProbe probe = RedisProbe.of("tls-untrusted", "rediss://localhost:" + tlsPort)) {
      ProbeResult r = probe.check();

      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
          .startsWith("redis at localhost:" + tlsPort + ": TLS handshake failed: PKIX path building failed"));
      assertThat(r.details()).containsEntry("failedStep", "connect").containsEntry("tls", true);
    }
  }

  @Test
  void certificateForAnotherHostIsDownSayingSo() throws Exception {
    try (RedisProbe probe = RedisProbe.builder("tls-host").uri("rediss://127.0.0.1:" + tlsPort)
        .sslContext(trusting).build()) {
      ProbeResult r = probe.check();

      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
          .startsWith("redis at 127.0.0.1:" + tlsPort + ": TLS handshake failed")
          .contains("No subject alternative names matching IP address 127.0.0.1"));
    }
  }

  @Test
  void plainConnectionToTheTlsPortIsDown() throws Exception {
    try (RedisProbe probe = RedisProbe.builder("tls-plain").uri("redis://localhost:" + tlsPort)
        .build()) {
      ProbeResult r = probe.check();

      assertThat(r.status()).isEqualTo(Status.DOWN);
      // the server drops a connection that does not start with a TLS handshake (a reset or an end of stream)
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).matches("redis at localhost:" + tlsPort
          + ": connection closed during connection set-up \\((Connection reset|Unexpected end of stream\\.)\\)"));
    }
  }

  private static String pem(String type, byte[] der) throws IOException {
    return "-----BEGIN " + type + "-----\n"
        + Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der)
        + "\n-----END " + type + "-----\n";
  }
}
