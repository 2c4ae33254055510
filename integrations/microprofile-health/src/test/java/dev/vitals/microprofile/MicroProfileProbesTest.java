package dev.vitals.microprofile;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.HealthReport;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.core.HealthMonitor;
import dev.vitals.microprofile.internal.ProbeCalls;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

class MicroProfileProbesTest {

  private static HealthCheckResponse response(String name, HealthCheckResponse.Status status, Map<String, Object> data) {
    return new HealthCheckResponse(name, status, Optional.of(data));
  }

  @Test
  void anUpResponseIsUpWithItsDataAsDetails() throws Exception {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("items", 42L);
    data.put("warehouse", "north");
    data.put("open", true);
    Probe probe = MicroProfileProbes.of("inventory",
        () -> response("inventory", HealthCheckResponse.Status.UP, data), ProbeKind.READINESS);

    ProbeResult result = probe.check();

    assertThat(result.status()).isEqualTo(Status.UP);
    assertThat(result.details()).containsExactly(Map.entry("items", 42L), Map.entry("warehouse", "north"),
        Map.entry("open", true));
    assertThat(probe.type()).isEqualTo("microprofile");
    assertThat(probe.defaults().kinds()).contains(java.util.Set.of(ProbeKind.READINESS));
  }

  @Test
  void aDownResponseIsDownNamingTheCheckWithItsData() throws Exception {
    Probe probe = MicroProfileProbes.of("queue",
        () -> response("queue", HealthCheckResponse.Status.DOWN, Map.of("depth", 9000L)), ProbeKind.LIVENESS,
        ProbeKind.READINESS);

    ProbeResult result = probe.check();

    assertThat(result.status()).isEqualTo(Status.DOWN);
    assertThat(result.message()).contains("health check 'queue' answered DOWN");
    assertThat(result.details()).containsEntry("depth", 9000L);
    assertThat(probe.defaults().kinds()).contains(java.util.Set.of(ProbeKind.LIVENESS, ProbeKind.READINESS));
  }

  @Test
  void secretsInTheDataAreMasked() throws Exception {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("password", "hunter2");
    data.put("url", "jdbc:postgresql://db:5432/orders?user=app&password=s3cret");
    data.put("endpoint", "https://user:pa55@api.example.com/v1");
    Probe probe = MicroProfileProbes.of("db", () -> response("db", HealthCheckResponse.Status.UP, data),
        ProbeKind.READINESS);

    ProbeResult result = probe.check();

    assertThat(result.details()).containsEntry("password", "****")
        .containsEntry("url", "jdbc:postgresql://db:5432/orders?user=app&password=****")
        .containsEntry("endpoint", "https://user:****@api.example.com/v1");
    assertThat(result.toString()).doesNotContain("hunter2", "s3cret", "pa55");
  }

  @Test
  void dataOfOtherTypesIsShownAsText() throws Exception {
    Probe probe = MicroProfileProbes.of("odd",
        () -> response("odd", HealthCheckResponse.Status.UP, Map.of("nodes", List.of("a", "b"))), ProbeKind.READINESS);

    assertThat(probe.check().details()).containsEntry("nodes", "[a, b]");
  }

  @Test
  void aNullResponseIsDown() throws Exception {
    Probe probe = MicroProfileProbes.of("silent", () -> null, ProbeKind.READINESS);

    ProbeResult result = probe.check();

    assertThat(result.status()).isEqualTo(Status.DOWN);
    assertThat(result.message()).contains("the health check answered null instead of a response");
  }

  @Test
  void aThrowingCheckIsDownWithItsMessageRedactedByTheEngine() throws Exception {
    HealthCheck check = () -> {
      throw new IllegalStateException("cannot reach redis://:topsecret@cache:6379");
    };
    try (HealthMonitor monitor = HealthMonitor.builder().onDemand(true).environment(Map.of())
        .probe(MicroProfileProbes.of("cache", check, ProbeKind.READINESS)).build().start()) {
      monitor.runDue(Duration.ofSeconds(10));
      HealthReport report = monitor.report();
      ProbeReport cache = report.probe("cache").orElseThrow();

      assertThat(cache.lastResult()).isPresent();
      ProbeResult last = cache.lastResult().get();
      assertThat(last.status()).isEqualTo(Status.DOWN);
      assertThat(last.error()).hasValueSatisfying(e -> assertThat(e)
          .contains("IllegalStateException").contains("redis://:****@cache:6379").doesNotContain("topsecret"));
    }
  }

  @Test
  void aProbeMarksItsCallsAsVitalsOwn() throws Exception {
    AtomicBoolean marked = new AtomicBoolean();
    Probe probe = MicroProfileProbes.of("marker", () -> {
      marked.set(ProbeCalls.active());
      return HealthCheckResponseStub.up("marker");
    }, ProbeKind.READINESS);

    probe.check();

    assertThat(marked).isTrue();
    assertThat(ProbeCalls.active()).isFalse();
  }

  @Test
  void theNameComesFromTheResponseWhenNotGiven() {
    Probe probe = MicroProfileProbes.of(() -> HealthCheckResponseStub.up("Database connections"),
        ProbeKind.STARTUP);

    assertThat(probe.name()).isEqualTo("Database-connections");
    assertThat(probe.defaults().kinds()).contains(java.util.Set.of(ProbeKind.STARTUP));
  }

  @Test
  void responseNamesBecomeProbeNamesThatFollowTheRule() {
    assertThat(MicroProfileProbes.probeName("orders.api")).isEqualTo("orders-api");
    assertThat(MicroProfileProbes.probeName("Database connections")).isEqualTo("Database-connections");
    assertThat(MicroProfileProbes.probeName("  --kafka/brokers!! ")).isEqualTo("kafka-brokers");
    assertThat(MicroProfileProbes.probeName("...")).isEqualTo("check");
    assertThat(MicroProfileProbes.probeName("x".repeat(100))).hasSize(63);
    assertThat(MicroProfileProbes.probeName("ok_name-1")).isEqualTo("ok_name-1");
  }

  @Test
  void aBadNameIsRefusedWithTheRule() {
    assertThatThrownBy(() -> MicroProfileProbes.of("orders api", () -> null, ProbeKind.READINESS))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("probe name 'orders api' is not allowed: expected 1 to 63 letters, digits, '_' or '-',"
            + " starting with a letter or digit");
  }

  /** Responses without SmallRye's response provider (the API's constructor). */
  static final class HealthCheckResponseStub {
    static HealthCheckResponse up(String name) {
      return new HealthCheckResponse(name, HealthCheckResponse.Status.UP, Optional.empty());
    }
  }
}
