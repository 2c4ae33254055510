package dev.vitals.notifier.email;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.security.cert.Certificate;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;

/**
 * Real self-signed server certificates, made once per test run with the JDK's {@code keytool}: a PKCS12
 * key store for the test servers and a PEM file of the certificate for the notifier's {@code ca-file}.
 */
final class TestCertificates {

  static final String PASSWORD = "changeit";
  private static final Path DIR = Path.of("target", "test-certificates");

  /** A certificate for 127.0.0.1 and localhost, the address the tests' servers listen on. */
  static final TestCertificates LOOPBACK = generate("loopback", "CN=localhost", "ip:127.0.0.1,dns:localhost");
  /** A certificate for another host only: valid and trusted, but not for 127.0.0.1. */
  static final TestCertificates ELSEWHERE = generate("elsewhere", "CN=mail.example.test", "dns:mail.example.test");

  final Path keyStore;
  final Path pem;

  private TestCertificates(Path keyStore, Path pem) {
    this.keyStore = keyStore;
    this.pem = pem;
  }

  /** Makes GreenMail's SMTPS server present the loopback certificate. Call before starting GreenMail. */
  static void useLoopbackForGreenMail() {
    System.setProperty("greenmail.tls.keystore.file", LOOPBACK.keyStore.toAbsolutePath().toString());
    System.setProperty("greenmail.tls.keystore.password", PASSWORD);
    System.setProperty("greenmail.tls.key.password", PASSWORD);
  }

  /** A server-side TLS context presenting this certificate. */
  SSLContext serverContext() {
    try (InputStream in = Files.newInputStream(keyStore)) {
      KeyStore ks = KeyStore.getInstance("PKCS12");
      ks.load(in, PASSWORD.toCharArray());
      KeyManagerFactory kmf = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
      kmf.init(ks, PASSWORD.toCharArray());
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(kmf.getKeyManagers(), null, null);
      return context;
    } catch (IOException | GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static TestCertificates generate(String name, String dname, String san) {
    try {
      Files.createDirectories(DIR);
      Path keyStore = DIR.resolve(name + ".p12");
      Path pem = DIR.resolve(name + ".pem");
      Files.deleteIfExists(keyStore);
      Path keytool = Path.of(System.getProperty("java.home"), "bin", "keytool");
      Process p = new ProcessBuilder(keytool.toString(), "-genkeypair", "-alias", "server", "-keyalg", "EC",
          "-groupname", "secp256r1", "-dname", dname, "-ext", "SAN=" + san, "-validity", "2",
          "-storetype", "PKCS12", "-keystore", keyStore.toString(), "-storepass", PASSWORD, "-keypass", PASSWORD)
          .redirectErrorStream(true).start();
      String output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      if (!p.waitFor(60, TimeUnit.SECONDS) || p.exitValue() != 0) {
        throw new IllegalStateException("keytool failed: " + output);
      }
      KeyStore ks = KeyStore.getInstance("PKCS12");
      try (InputStream in = Files.newInputStream(keyStore)) {
        ks.load(in, PASSWORD.toCharArray());
      }
      Certificate cert = ks.getCertificate("server");
      String body = Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(cert.getEncoded());
      Files.writeString(pem, "-----BEGIN CERTIFICATE-----\n" + body + "\n-----END CERTIFICATE-----\n");
      return new TestCertificates(keyStore, pem);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
