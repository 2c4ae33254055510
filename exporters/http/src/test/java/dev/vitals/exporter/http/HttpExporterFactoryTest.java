package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Fixtures.probe;
import static dev.vitals.exporter.http.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.HealthReport;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.ExporterFactory;
import java.io.IOException;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class HttpExporterFactoryTest {

  private final HealthReport report = report(probe("db").build());

  private Optional<Exporter> create(Map<String, String> settings) throws IOException {
    return new HttpExporterFactory().create(new TestContext(settings, () -> report));
  }

  @Test
  void isFoundByServiceLoaderUnderTheNameHttp() {
    Map<String, ExporterFactory> byName = ServiceLoader.load(ExporterFactory.class).stream()
        .map(ServiceLoader.Provider::get).collect(Collectors.toMap(ExporterFactory::name, f -> f));
    assertThat(byName).containsKey("http");
    assertThat(byName.get("http")).isInstanceOf(HttpExporterFactory.class);
  }

  @Test
  void isOffWithoutAPortOrEnabled() throws IOException {
    assertThat(create(Map.of())).isEmpty();
    assertThat(create(Map.of("vitals.http.details", "always"))).isEmpty();
  }

  @Test
  void aPortTurnsItOn() throws IOException {
    Exporter e = create(Map.of("vitals.http.port", "0")).orElseThrow();
    try {
      assertThat(e).isInstanceOf(HttpEndpoint.class);
      assertThat(e.name()).isEqualTo("http");
      URI uri = ((HttpEndpoint) e).uri();
      assertThat(uri.getHost()).isEqualTo("127.0.0.1");
      assertThat(Http.get(uri, "/health").statusCode()).isEqualTo(200);
    } finally {
      e.close();
    }
  }

  @Test
  void enabledFalseTurnsItOffEvenWithAPort() throws IOException {
    assertThat(create(Map.of("vitals.http.port", "0", "vitals.http.enabled", "false"))).isEmpty();
  }

  @Test
  void enabledTrueWithoutAPortUsesTheDefaultPort() {
    Optional<HttpEndpoint.Builder> b = HttpSettings.configure(
        TestContext.httpConfig(Map.of("vitals.http.enabled", "true")), HttpEndpoint.builder(() -> report));
    HttpEndpoint e = b.orElseThrow().build();
    assertThat(e.toString()).contains("127.0.0.1:" + HttpEndpoint.DEFAULT_PORT);
    e.close();
  }

  @Test
  void settingsAreApplied() throws IOException {
    Map<String, String> s = new HashMap<>();
    s.put("vitals.http.port", "0");
    s.put("vitals.http.host", "localhost");
    s.put("vitals.http.details", "Authorized");
    s.put("vitals.http.token", "tok-123");
    s.put("vitals.http.threads", "2");
    s.put("vitals.http.max-threads", "8");
    s.put("vitals.http.queue", "16");
    s.put("vitals.http.backlog", "64");
    s.put("vitals.http.request-timeout", "2s");
    HttpEndpoint e = (HttpEndpoint) create(s).orElseThrow();
    try {
      assertThat(e.address().getAddress().isLoopbackAddress()).isTrue();
      assertThat(Http.get(e.uri(), "/health/db").body()).isEqualTo("{\"name\":\"db\",\"status\":\"UP\"}");
      assertThat(Http.get(e.uri(), "/health/db", "Authorization", "Bearer tok-123").body()).contains("latencyMs");
      assertThat(e.toString()).doesNotContain("tok-123");
    } finally {
      e.close();
    }
  }

  @Test
  void authorizedWithoutATokenIsAConfigException() {
    assertThatThrownBy(() -> create(Map.of("vitals.http.port", "0", "vitals.http.details", "authorized")))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vitals.http.token is missing");
  }

  @Test
  void everyBadSettingIsReportedAtOnceWithKeyValueAndWhatIsAllowed() {
    Map<String, String> s = new HashMap<>();
    s.put("vitals.http.port", "80800");
    s.put("vitals.http.details", "sometimes");
    s.put("vitals.http.threads", "0");
    s.put("vitals.http.queue", "lots");
    s.put("vitals.http.request-timeout", "10");
    s.put("vitals.http.detials", "always");
    s.put("vitals.http.host", "[::1");
    assertThatThrownBy(() -> create(s)).isInstanceOfSatisfying(ConfigException.class, e -> {
      assertThat(e.problems()).hasSize(7);
      assertThat(e.getMessage()).contains(
          "vitals.http.port = '80800' is not allowed: expected an integer from 0 to 65535",
          "vitals.http.details = 'sometimes' is not allowed: expected never, always or authorized",
          "vitals.http.threads = '0' is not allowed: expected an integer from 1 to 1024",
          "vitals.http.queue = 'lots'",
          "vitals.http.request-timeout = '10'",
          "vitals.http.detials is not a known key",
          "vitals.http.host = '[::1' is not allowed: expected an IP address or a known host name");
    });
  }

  @Test
  void aTooShortRequestTimeoutAndTooFewMaxThreadsAreRefused() {
    assertThatThrownBy(() -> create(Map.of("vitals.http.port", "0", "vitals.http.request-timeout", "50ms",
        "vitals.http.threads", "8", "vitals.http.max-threads", "4")))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).hasSize(2))
        .hasMessageContaining("vitals.http.request-timeout = '50ms' is not allowed: expected a duration of at least 100ms")
        .hasMessageContaining("vitals.http.max-threads = '4' is not allowed: expected an integer from 8 to 4096");
  }

  @Test
  void theTokenIsNeverShownInErrors() {
    assertThatThrownBy(() -> create(Map.of("vitals.http.port", "0", "vitals.http.details", "bogus",
        "vitals.http.token", "super-secret-token")))
        .isInstanceOf(ConfigException.class)
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("super-secret-token"));
  }

  @Test
  void aTypoIsReportedEvenWhenTheEndpointIsOff() {
    assertThatThrownBy(() -> create(Map.of("vitals.http.prot", "8080")))
        .isInstanceOf(ConfigException.class).hasMessageContaining("vitals.http.prot is not a known key");
  }

  @Test
  void declaresEveryKeyItReadsInFull() {
    assertThat(new HttpExporterFactory().keys()).containsExactlyInAnyOrder("vitals.http.enabled", "vitals.http.host",
        "vitals.http.port", "vitals.http.details", "vitals.http.token", "vitals.http.backlog", "vitals.http.threads",
        "vitals.http.max-threads", "vitals.http.queue", "vitals.http.request-timeout");
  }

  @Test
  void validateReportsEveryBadSettingAtOnceWithoutBindingAnything() throws IOException {
    HttpExporterFactory factory = new HttpExporterFactory();
    factory.validate(dev.vitals.api.spi.Config.of(Map.of())); // nothing set: nothing to check
    try (java.net.ServerSocket taken = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      // a port in use is a start-up failure, not a configuration mistake: validate binds nothing
      factory.validate(dev.vitals.api.spi.Config.of(Map.of("vitals.http.port", String.valueOf(taken.getLocalPort()))));
    }
    assertThatThrownBy(() -> factory.validate(dev.vitals.api.spi.Config.of(Map.of("vitals.http.port", "80800",
        "vitals.http.details", "authorized", "vitals.http.request-timeout", "1h"))))
        .isInstanceOfSatisfying(ConfigException.class, e -> assertThat(e.problems()).containsExactlyInAnyOrder(
            "vitals.http.port = '80800' is not allowed: expected an integer from 0 to 65535",
            "vitals.http.token is missing: expected a bearer token when vitals.http.details = authorized (such as"
                + " ${VITALS_TOKEN})",
            "vitals.http.request-timeout = '1h' is not allowed: expected a duration from 100ms to 10m"));
  }
}
