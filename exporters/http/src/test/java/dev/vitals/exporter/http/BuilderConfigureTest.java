package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Fixtures.probe;
import static dev.vitals.exporter.http.Fixtures.report;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.HealthReport;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import java.io.IOException;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** {@link HttpEndpoint.Builder#configure}: the exporter's own checks, for a program that starts its own endpoint. */
class BuilderConfigureTest {

  private final HealthReport report = report(probe("db").build());

  private HttpEndpoint.Builder builder() {
    return HttpEndpoint.builder(() -> report);
  }

  @Test
  void appliesEveryKeyToTheEndpoint() throws IOException {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("vitals.http.host", "127.0.0.1");
    s.put("vitals.http.port", "0");
    s.put("vitals.http.details", "authorized");
    s.put("vitals.http.token", "tok-configure-1");
    s.put("vitals.http.threads", "2");
    s.put("vitals.http.max-threads", "8");
    s.put("vitals.http.queue", "16");
    s.put("vitals.http.backlog", "64");
    s.put("vitals.http.request-timeout", "2s");
    s.put("vitals.probes.db.type", "jdbc"); // not the endpoint's: ignored
    HttpEndpoint e = builder().configure(Config.of(s)).start();
    try {
      assertThat(e.toString()).isEqualTo("HttpEndpoint{127.0.0.1:0, details=authorized, threads=2, max-threads=8,"
          + " queue=16, request-timeout=2s, backlog=64}");
      assertThat(Http.get(e.uri(), "/health/db").body()).doesNotContain("latencyMs");
      assertThat(Http.get(e.uri(), "/health/db", "Authorization", "Bearer tok-configure-1").body()).contains("latencyMs");
    } finally {
      e.close();
    }
  }

  @Test
  void keysLeftOutGetTheExportersDefaults() {
    HttpEndpoint e = builder().configure(Config.of(Map.of())).build();
    assertThat(e.toString()).startsWith("HttpEndpoint{127.0.0.1:" + HttpEndpoint.DEFAULT_PORT + ", details=never, threads="
        + HttpEndpoint.defaultThreads() + ", max-threads=256, queue=1024, request-timeout=10s, backlog=1024}");
  }

  @Test
  void enabledIsCheckedButNotConsulted() {
    assertThat(builder().configure(Config.of(Map.of("vitals.http.enabled", "false", "vitals.http.port", "0"))).build())
        .isNotNull();
    assertThatThrownBy(() -> builder().configure(Config.of(Map.of("vitals.http.enabled", "maybe"))))
        .isInstanceOf(ConfigException.class).hasMessageContaining("vitals.http.enabled = 'maybe' is not allowed");
  }

  @Test
  void everyBadKeyIsReportedAtOnceAndTheTokenNeverShown() {
    Map<String, String> s = new LinkedHashMap<>();
    s.put("vitals.http.details", "authorized");
    s.put("vitals.http.token", "   ");
    s.put("vitals.http.port", "-1");
    s.put("vitals.http.threds", "4");
    s.put("vitals.http.threads", "0");
    s.put("vitals.http.max-threads", "lots");
    assertThatThrownBy(() -> builder().configure(Config.of(s))).isInstanceOfSatisfying(ConfigException.class, e -> {
      assertThat(e.problems()).hasSize(5);
      assertThat(e.getMessage()).contains("vitals.http.threds is not a known key",
          "vitals.http.threads = '0' is not allowed: expected an integer from 1 to 1024",
          "vitals.http.max-threads = 'lots' is not allowed: expected an integer from 1 to 4096",
          "vitals.http.port = '-1' is not allowed: expected an integer from 0 to 65535",
          "vitals.http.token is missing: expected a bearer token when vitals.http.details = authorized");
    });
    assertThatThrownBy(() -> builder().configure(Config.of(Map.of("vitals.http.details", "sometimes",
        "vitals.http.token", "tok-never-shown")))).satisfies(e -> assertThat(e.getMessage()).doesNotContain("tok-never-shown"));
  }

  @Test
  void aSettingAlreadySetIsRefused() {
    assertThatThrownBy(() -> builder().port(0).configure(Config.of(Map.of())))
        .isInstanceOf(IllegalStateException.class).hasMessage("port was already set");
  }
}
