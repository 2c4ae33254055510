package dev.vitals.probes.grpc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import io.grpc.TlsServerCredentials;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** TLS against a real grpc-java server with a real self-signed certificate. */
class GrpcTlsTest {

  @TempDir
  Path dir;

  @Test
  void aTrustedCertificateIsUp() throws Exception {
    SelfSigned cert = SelfSigned.create(dir, "127.0.0.1", "localhost");
    try (TestGrpcServer server = TestGrpcServer.tls(TlsServerCredentials.create(cert.certificate.toFile(),
        cert.privateKey.toFile()))) {
      Probe p = GrpcProbeTest.probe("url", "grpcs://" + server.url(), "trust-certificates", cert.certificate.toString());
      try {
        ProbeResult r = p.check();
        assertThat(r.status()).as("%s", r).isEqualTo(Status.UP);
        assertThat(r.details()).containsEntry("tls", true);
      } finally {
        ((AutoCloseable) p).close();
      }
    }
  }

  @Test
  void aCertificateTheJvmDoesNotTrustIsDownSayingTheHandshakeFailed() throws Exception {
    SelfSigned cert = SelfSigned.create(dir, "127.0.0.1", "localhost");
    try (TestGrpcServer server = TestGrpcServer.tls(TlsServerCredentials.create(cert.certificate.toFile(),
        cert.privateKey.toFile()))) {
      Probe p = GrpcProbeTest.probe("url", server.url(), "tls", "true");
      try {
        ProbeResult r = p.check();
        assertThat(r.status()).isEqualTo(Status.DOWN);
        assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).startsWith("TLS handshake with 127.0.0.1:"
            + server.port() + " failed: "));
      } finally {
        ((AutoCloseable) p).close();
      }
    }
  }

  @Test
  void theAuthorityNamesTheServerTheCertificateIsFor() throws Exception {
    SelfSigned cert = SelfSigned.create(dir, "grpc.internal.test");
    try (TestGrpcServer server = TestGrpcServer.tls(TlsServerCredentials.create(cert.certificate.toFile(),
        cert.privateKey.toFile()))) {
      Probe without = GrpcProbeTest.probe("url", "grpcs://" + server.url(), "trust-certificates", cert.certificate.toString());
      Probe with = GrpcProbeTest.probe("url", "grpcs://" + server.url(), "trust-certificates", cert.certificate.toString(),
          "authority", "grpc.internal.test");
      try {
        ProbeResult wrongName = without.check();
        assertThat(wrongName.status()).isEqualTo(Status.DOWN);
        assertThat(wrongName.message()).hasValueSatisfying(m -> assertThat(m).startsWith("TLS handshake"));
        ProbeResult r = with.check();
        assertThat(r.status()).as("%s", r).isEqualTo(Status.UP);
        assertThat(r.details()).containsEntry("authority", "grpc.internal.test");
      } finally {
        ((AutoCloseable) without).close();
        ((AutoCloseable) with).close();
      }
    }
  }
}
