package dev.vitals.microprofile.weld;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.core.HealthMonitor;
import io.smallrye.health.SmallRyeHealth;
import io.smallrye.health.SmallRyeHealthReporter;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jboss.weld.environment.se.Weld;
import org.jboss.weld.environment.se.WeldContainer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The adapter in a real CDI container (Weld SE, the CDI reference implementation) under SmallRye Health's
 * own reporter, configured through MicroProfile Config (SmallRye Config, system properties).
 */
class WeldSmallRyeHealthTest {

  private static final Map<String, String> KEYS = Map.of(
      "vitals.probes.hung-check.interval", "1s",
      "vitals.probes.hung-check.timeout", "200ms",
      "vitals.probes.hung-check.failure-threshold", "1",
      "vitals.probes.Inventory-check.interval", "1h");
  private static final long QUICK_MS = 2_000;

  private static WeldContainer container;
  private static SmallRyeHealthReporter reporter;

  @BeforeAll
  static void start() {
    KEYS.forEach(System::setProperty);
    container = new Weld().initialize();
    reporter = container.select(SmallRyeHealthReporter.class).get();
  }

  @AfterAll
  static void stop() {
    HungCheck.RELEASE.countDown();
    if (container != null) {
      container.shutdown();
    }
    KEYS.keySet().forEach(System::clearProperty);
  }

  private static JsonObject quick(Supplier<SmallRyeHealth> call) {
    long start = System.nanoTime();
    JsonObject payload = call.get().getPayload();
    assertThat((System.nanoTime() - start) / 1_000_000).as("milliseconds to answer").isLessThan(QUICK_MS);
    return payload;
  }

  private static JsonObject check(JsonObject payload, String name) {
    return payload.getJsonArray("checks").stream().map(JsonValue::asJsonObject)
        .filter(c -> c.getString("name").equals(name)).findFirst().orElse(null);
  }

  private static String vitalsStatus(JsonObject payload, String name) {
    JsonObject c = check(payload, name);
    return c == null ? null : c.getJsonObject("data").getString("status", null);
  }

  @Test
  void readinessAnswersFromVitalsAtOnceWithTheHungCheckDownAfterItsTimeout() {
    JsonObject ready = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> quick(reporter::getReadiness),
            p -> "DOWN".equals(vitalsStatus(p, "hung-check")) && "UP".equals(vitalsStatus(p, "Inventory check")));

    assertThat(ready.getString("status")).isEqualTo("DOWN");
    JsonObject hung = check(ready, "hung-check");
    assertThat(hung.getString("status")).isEqualTo("DOWN");
    assertThat(hung.getJsonObject("data").getString("message")).contains("timed out after 200ms");

    JsonObject inventory = check(ready, "Inventory check");
    assertThat(inventory.getString("status")).isEqualTo("UP");
    assertThat(inventory.getJsonObject("data").getJsonNumber("items").longValue()).isEqualTo(42);
    assertThat(inventory.getJsonObject("data").getString("type")).isEqualTo("microprofile");

    JsonObject vitals = check(ready, "vitals-readiness");
    assertThat(vitals.getString("status")).isEqualTo("UP");
    assertThat(vitals.getJsonObject("data").getJsonNumber("probes").longValue()).isEqualTo(1);
    assertThat(vitals.getJsonObject("data").getString("disk.status", "")).isIn("UP", "UNKNOWN");

    assertThat(check(ready, "legacy")).as("a producer's check stays with SmallRye").isNotNull();
  }

  @Test
  void adaptedChecksAreCalledOnVitalsThreadsOnly() {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> "UP".equals(vitalsStatus(quick(reporter::getReadiness), "Inventory check")));
    for (int i = 0; i < 20; i++) {
      quick(reporter::getReadiness);
      quick(reporter::getHealth);
    }

    assertThat(InventoryCheck.CALLERS).isNotEmpty().allSatisfy(t -> assertThat(t).startsWith("vitals-"));
    assertThat(HungCheck.CALLERS).isNotEmpty().allSatisfy(t -> assertThat(t).startsWith("vitals-"));
    assertThat(OtherBeans.LEGACY_CALLS).as("SmallRye still calls the producer's check").hasPositiveValue();
  }

  @Test
  void theMonitorIsABeanWithTheAdaptedChecksAndTheProbeBeans() {
    HealthMonitor monitor = container.select(HealthMonitor.class).get();

    assertThat(monitor.report().probes().stream().collect(Collectors.toMap(ProbeReport::name, ProbeReport::type)))
        .containsOnly(Map.entry("Inventory-check", "microprofile"), Map.entry("hung-check", "microprofile"),
            Map.entry("disk", "custom"), Map.entry("ping", "microprofile"));
    assertThat(monitor.report().probe("ping").orElseThrow().kinds()).containsOnly(ProbeKind.LIVENESS);
    assertThat(monitor.report().probe("hung-check").orElseThrow().timeout()).isEqualTo(Duration.ofMillis(200));
  }

  @Test
  void livenessIsUpWithTheNamedLivenessCheckAnsweredFromVitals() {
    JsonObject live = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(50))
        .until(() -> quick(reporter::getLiveness), p -> "UP".equals(vitalsStatus(p, "ping")));

    assertThat(live.getString("status")).isEqualTo("UP");
    assertThat(check(live, "vitals-liveness").getString("status")).isEqualTo("UP");
    assertThat(check(live, "ping").getJsonObject("data").getString("type")).isEqualTo("microprofile");
    assertThat(check(live, "Inventory check")).as("a readiness check").isNull();
    assertThat(PingCheck.CALLERS).as("no first call at start-up for a @Named check: probe runs only")
        .isNotEmpty().allSatisfy(t -> assertThat(t).startsWith("vitals-probe-"));
  }
}
