package dev.vitals.probes.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.Probe;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every setting checked when the probe is built, each mistake named by its full key. */
class GrpcProbeFactoryTest {

  @TempDir
  Path dir;

  private static ConfigException refused(String... keysAndValues) {
    Map<String, String> settings = new HashMap<>();
    settings.put("type", "grpc");
    for (int i = 0; i < keysAndValues.length; i += 2) {
      settings.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(
        () -> new GrpcProbeFactory().create(ProbeConfig.of("api", settings)));
  }

  @Test
  void declaresItsKeys() {
    assertThat(new GrpcProbeFactory().keys()).containsExactlyInAnyOrder("url", "tls", "service", "authority",
        "trust-certificates");
    assertThat(new GrpcProbeFactory().type()).isEqualTo("grpc");
  }

  @Test
  void aMissingUrlIsNamed() {
    assertThat(refused().getMessage()).isEqualTo("vitals.probes.api.url is missing: expected " + GrpcTarget.URL_FORM);
  }

  @Test
  void urlsThatAreNotHostAndPortAreRefused() {
    for (String url : new String[] {"localhost", "http://localhost:50051", "grpc://localhost:50051/x",
        "grpc://localhost:0", "localhost:70000", "grpc://user:pw@localhost:50051", "grpc://localhost:50051?a=b"}) {
      assertThat(refused("url", url)).as(url).hasMessageStartingWith("vitals.probes.api.url = '")
          .hasMessageContaining("expected " + GrpcTarget.URL_FORM);
    }
  }

  @Test
  void thePasswordOfAUrlIsNeverShown() {
    assertThat(refused("url", "grpc://user:s3cret-pw@localhost:50051").getMessage()).doesNotContain("s3cret-pw");
  }

  @Test
  void urlFormsAndTlsAreAccepted() throws Exception {
    for (String[] settings : new String[][] {{"url", "localhost:50051"}, {"url", "grpc://localhost:50051"},
        {"url", "grpcs://localhost:443"}, {"url", "[::1]:50051"}, {"url", "localhost:443", "tls", "true"},
        {"url", "grpcs://localhost:443", "tls", "true", "authority", "api.example.com"}}) {
      Map<String, String> m = new HashMap<>();
      m.put("type", "grpc");
      for (int i = 0; i < settings.length; i += 2) {
        m.put(settings[i], settings[i + 1]);
      }
      Probe p = new GrpcProbeFactory().create(ProbeConfig.of("api", m));
      assertThat(p.name()).isEqualTo("api");
      ((AutoCloseable) p).close();
    }
  }

  @Test
  void tlsThatContradictsTheSchemeIsRefused() {
    assertThat(refused("url", "grpcs://localhost:443", "tls", "false"))
        .hasMessageStartingWith("vitals.probes.api.tls = 'false' is not allowed: expected true or nothing");
    assertThat(refused("url", "grpc://localhost:443", "tls", "true"))
        .hasMessageStartingWith("vitals.probes.api.tls = 'true' is not allowed: expected false or nothing");
    assertThat(refused("url", "localhost:443", "tls", "yes"))
        .hasMessage("vitals.probes.api.tls = 'yes' is not allowed: expected true or false");
  }

  @Test
  void trustCertificatesNeedTlsAndAReadablePemFile() throws Exception {
    Path pem = SelfSigned.create(dir, "localhost").certificate;
    assertThat(refused("url", "localhost:50051", "trust-certificates", pem.toString()))
        .hasMessageStartingWith("vitals.probes.api.trust-certificates = '" + pem + "' is not allowed: expected nothing for a "
            + "plain-text target");
    assertThat(refused("url", "grpcs://localhost:443", "trust-certificates", dir.resolve("missing.pem").toString()))
        .hasMessageContaining("expected a readable PEM file of one or more X.509 certificates (no readable file there)");
    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate");
    assertThat(refused("url", "grpcs://localhost:443", "trust-certificates", garbage.toString()))
        .hasMessageContaining("vitals.probes.api.trust-certificates = '" + garbage + "' is not allowed: expected a readable "
            + "PEM file");

    Map<String, String> ok = Map.of("type", "grpc", "url", "grpcs://localhost:443", "trust-certificates", pem.toString());
    ((AutoCloseable) new GrpcProbeFactory().create(ProbeConfig.of("api", ok))).close();
  }

  @Test
  void anAuthorityWithSpacesIsRefused() {
    assertThat(refused("url", "localhost:50051", "authority", "api example"))
        .hasMessage("vitals.probes.api.authority = 'api example' is not allowed: expected " + GrpcTarget.AUTHORITY_FORM);
  }

  @Test
  void everyMistakeIsReportedAtOnce() {
    ConfigException e = refused("url", "localhost", "tls", "maybe", "authority", "a b");
    assertThat(e.problems()).hasSize(3);
    assertThat(String.join("\n", e.problems())).contains("vitals.probes.api.url", "vitals.probes.api.tls",
        "vitals.probes.api.authority");
  }

  @Test
  void createConnectsNothing() {
    // a port nothing listens on: building the probe must not fail or wait
    Probe p = new GrpcProbeFactory().create(ProbeConfig.of("api", Map.of("type", "grpc", "url", "127.0.0.1:1")));
    assertThat(p.name()).isEqualTo("api");
    assertThatThrownBy(() -> ProbeConfig.of("a.b", Map.of("type", "grpc"))).isInstanceOf(IllegalArgumentException.class);
  }
}
