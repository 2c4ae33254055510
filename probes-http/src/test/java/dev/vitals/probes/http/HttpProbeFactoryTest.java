package dev.vitals.probes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.Probe;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Configuration: every key, and a clear error naming key, value and what is allowed. */
class HttpProbeFactoryTest {

  private final HttpProbeFactory factory = new HttpProbeFactory();

  private Probe create(String... keyValues) {
    Map<String, String> m = new HashMap<>();
    m.put("type", "http");
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return factory.create(ProbeConfig.of("api", m));
  }

  private ConfigException failure(String... keyValues) {
    try {
      create(keyValues);
    } catch (ConfigException e) {
      return e;
    }
    throw new AssertionError("no ConfigException for " + String.join(" ", keyValues));
  }

  @Test
  void keysListEveryHttpKeyAndHeadersStandsForItsPrefix() {
    assertThat(factory.type()).isEqualTo("http");
    assertThat(factory.keys()).containsExactly("url", "method", "headers", "expected-status", "body-contains",
        "body-regex", "json-pointer", "json-equals", "follow-redirects", "max-redirects", "allowed-hosts",
        "cert-expiry-days", "trust-store", "trust-store-password");
  }

  @Test
  void fullConfigurationBuildsAProbeWithTheConfiguredTimeout() {
    Probe p = create("url", "https://api.example.com/health", "method", "get", "headers.Authorization", "Bearer t0k3n",
        "headers.X-Env", "prod", "expected-status", "200-299,304", "body-contains", "ok", "body-regex", "v\\d+",
        "json-pointer", "/status", "json-equals", "UP", "follow-redirects", "true", "max-redirects", "3",
        "allowed-hosts", "api.example.com, *.example.org", "cert-expiry-days", "30", "timeout", "750ms");
    assertThat(p).isInstanceOf(HttpProbe.class);
    assertThat(p.name()).isEqualTo("api");
    assertThat(p.defaults().timeout()).contains(Duration.ofMillis(750));
    assertThat(p.toString()).contains("GET https://api.example.com/health").doesNotContain("t0k3n");
  }

  @Test
  void fileUrlIsRefusedNamingTheKey() {
    assertThat(failure("url", "file:///etc/passwd").getMessage())
        .startsWith("vitals.probes.api.url = 'file:///etc/passwd' is not allowed: expected an absolute http:// or https:// URL");
  }

  @Test
  void otherNonHttpSchemesAndRelativeUrlsAreRefused() {
    for (String url : new String[] {"ftp://example.com/", "jar:file:/x.jar!/a", "gopher://h/", "/health", "http:///nohost",
        "mailto:ops@example.com"}) {
      assertThat(failure("url", url).getMessage()).as(url).startsWith("vitals.probes.api.url = '");
    }
  }

  @Test
  void credentialsInTheUrlAreRefusedAndMasked() {
    ConfigException e = failure("url", "https://admin:hunter2@example.com/health");
    assertThat(e.getMessage()).contains("vitals.probes.api.url").contains("headers.Authorization").doesNotContain("hunter2");
  }

  @Test
  void missingUrlIsReported() {
    assertThat(failure().getMessage()).startsWith("vitals.probes.api.url is missing");
  }

  @Test
  void urlOutsideTheAllowListIsRefused() {
    assertThat(failure("url", "http://10.0.0.5/admin", "allowed-hosts", "api.example.com").getMessage())
        .isEqualTo("vitals.probes.api.url = 'http://10.0.0.5/admin' is not allowed: expected a URL whose host is in "
            + "allowed-hosts (api.example.com)");
  }

  @Test
  void badValuesAreReportedTogetherEachNamingItsKey() {
    ConfigException e = failure("url", "https://example.com/", "method", "TRACE", "expected-status", "200-299,abc",
        "body-regex", "([a-z", "json-pointer", "status", "max-redirects", "0", "follow-redirects", "yes",
        "cert-expiry-days", "-1", "allowed-hosts", "http://x.com/");
    assertThat(e.problems()).hasSize(8);
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("vitals.probes.api.method = 'TRACE' is not allowed: expected one of GET, HEAD"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("vitals.probes.api.expected-status = '200-299,abc' is not allowed: expected status codes from 100 to 599"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("vitals.probes.api.body-regex = '([a-z' is not allowed: expected a Java regular expression"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("vitals.probes.api.json-pointer = 'status' is not allowed: expected a JSON Pointer"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).isEqualTo("vitals.probes.api.max-redirects = '0' is not allowed: expected an integer from 1 to 20"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).isEqualTo("vitals.probes.api.follow-redirects = 'yes' is not allowed: expected true or false"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).isEqualTo("vitals.probes.api.cert-expiry-days = '-1' is not allowed: expected an integer from 0 to 3650"));
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("vitals.probes.api.allowed-hosts = 'http://x.com/' is not allowed: expected a comma-separated list of host names"));
  }

  @Test
  void headerTheClientMayNotSendIsRefusedWithoutShowingItsValue() {
    ConfigException e = failure("url", "https://example.com/", "headers.Host", "internal.example.com");
    assertThat(e.getMessage()).startsWith("vitals.probes.api.headers.Host = '****' is not allowed: expected a header")
        .doesNotContain("internal.example.com");
    ConfigException crlf = failure("url", "https://example.com/", "headers.X-Key", "abc\r\nInjected: yes");
    assertThat(crlf.getMessage()).startsWith("vitals.probes.api.headers.X-Key = '****'").doesNotContain("Injected");
  }

  @Test
  void bareHeadersKeyIsRefusedWithTheExpectedForm() {
    assertThat(failure("url", "https://example.com/", "headers", "Authorization: x").getMessage())
        .isEqualTo("vitals.probes.api.headers = '****' is not allowed: expected one key per header, such as "
            + "vitals.probes.api.headers.Authorization");
  }

  @Test
  void jsonEqualsWithoutAPointerIsRefused() {
    assertThat(failure("url", "https://example.com/", "json-equals", "UP").getMessage())
        .startsWith("vitals.probes.api.json-equals = 'UP' is not allowed: expected no json-equals without vitals.probes.api.json-pointer");
  }

  @Test
  void bodyCheckWithHeadIsRefused() {
    assertThat(failure("url", "https://example.com/", "method", "HEAD", "body-contains", "ok").getMessage())
        .startsWith("vitals.probes.api.method = 'HEAD' is not allowed: expected a method with a response body");
  }

  @Test
  void missingTrustStoreFileIsReported(@TempDir Path dir) {
    String path = dir.resolve("nope.p12").toString();
    assertThat(failure("url", "https://example.com/", "trust-store", path).getMessage())
        .isEqualTo("vitals.probes.api.trust-store = '" + path + "' is not allowed: expected a PKCS12 trust store file (it does not exist)");
  }

  @Test
  void wrongTrustStorePasswordIsReportedMasked(@TempDir Path dir) throws Exception {
    Path store = Certificates.trustStoreFile(dir.resolve("t.p12"), "right-password", Certificates.ca("CA").certificate);
    ConfigException e = failure("url", "https://example.com/", "trust-store", store.toString(), "trust-store-password", "wrong-password");
    assertThat(e.getMessage()).startsWith("vitals.probes.api.trust-store-password = '****' is not allowed: expected the password of")
        .doesNotContain("wrong-password").doesNotContain("right-password");
  }

  @Test
  void fileThatIsNotAKeyStoreIsReported(@TempDir Path dir) throws Exception {
    Path file = java.nio.file.Files.writeString(dir.resolve("t.p12"), "not a key store");
    assertThat(failure("url", "https://example.com/", "trust-store", file.toString()).getMessage())
        .startsWith("vitals.probes.api.trust-store = '" + file + "' is not allowed: expected a readable PKCS12 trust store");
  }

  @Test
  void passwordWithoutTrustStoreIsRefused() {
    assertThat(failure("url", "https://example.com/", "trust-store-password", "x").getMessage())
        .isEqualTo("vitals.probes.api.trust-store-password = '****' is not allowed: expected no password without vitals.probes.api.trust-store");
  }
}
