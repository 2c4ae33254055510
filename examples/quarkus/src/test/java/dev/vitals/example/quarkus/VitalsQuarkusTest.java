package dev.vitals.example.quarkus;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.common.WithTestResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The real application on Quarkus (ArC, SmallRye Health, Vert.x HTTP on a random port): its MicroProfile
 * readiness checks run as Vitals probes, and {@code /q/health} answers from Vitals' report.
 */
@QuarkusTest
@WithTestResource(DownstreamServer.class)
class VitalsQuarkusTest {

  /** Far more than reading a report takes; far less than the hung check's "forever". */
  private static final long QUICK_MS = 2_000;

  @Test
  void readinessAnswersAtOnceWithTheHungCheckDownAfterItsTimeoutAndVitalsProbesListed() {
    JsonPath ready = await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> quick("/q/health/ready", 503),
            j -> "DOWN".equals(data(j, "hanging-check").get("status"))
                && "UP".equals(data(j, "inventory").get("status"))
                && "UP".equals(data(j, "vitals-readiness").get("downstream.status")));

    assertThat(ready.getString("status")).isEqualTo("DOWN");
    assertThat(status(ready, "hanging-check")).isEqualTo("DOWN");
    Map<String, Object> hung = data(ready, "hanging-check");
    assertThat(hung).containsEntry("type", "microprofile").containsEntry("critical", true);
    assertThat((String) hung.get("message")).contains("timed out after 250ms");

    assertThat(status(ready, "inventory")).isEqualTo("UP");
    Map<String, Object> inventory = data(ready, "inventory");
    assertThat(inventory).containsEntry("items", 42).containsEntry("warehouse", "north")
        .containsKeys("score", "latencyMs", "since");

    assertThat(status(ready, "vitals-readiness")).isEqualTo("UP");
    Map<String, Object> vitals = data(ready, "vitals-readiness");
    assertThat(vitals).containsEntry("probes", 2).containsEntry("downstream.status", "UP")
        .containsKeys("downstream.score", "downstream.latencyMs", "serviceScore", "disk.status");
  }

  @Test
  void checksRunOnVitalsThreadsOnlyNeverOnTheRequestThread() {
    await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100))
        .until(() -> "UP".equals(data(quick("/q/health/ready", 503), "inventory").get("status")));
    int calls = InventoryCheck.CALLS.get();
    for (int i = 0; i < 20; i++) {
      quick("/q/health/ready", 503);
      quick("/q/health", 503);
    }
    assertThat(InventoryCheck.CALLS.get()).as("calls of a check with a 1h interval after 40 requests").isEqualTo(calls);
    assertThat(InventoryCheck.CALLERS).isNotEmpty().allSatisfy(t -> assertThat(t).startsWith("vitals-"));
    assertThat(HangingCheck.CALLERS).isNotEmpty().allSatisfy(t -> assertThat(t).startsWith("vitals-"));
  }

  @Test
  void livenessIsUp() {
    JsonPath live = quick("/q/health/live", 200);
    assertThat(live.getString("status")).isEqualTo("UP");
    assertThat(status(live, "vitals-liveness")).isEqualTo("UP");
  }

  @Test
  void theApplicationCanUseTheMonitor() {
    given().when().get("/hello").then().statusCode(200);
  }

  /** GETs a path, asserting the status code and that the answer came quickly. */
  private static JsonPath quick(String path, int expectedStatus) {
    long start = System.nanoTime();
    Response r = given().when().get(path);
    long ms = (System.nanoTime() - start) / 1_000_000;
    assertThat(ms).as("milliseconds to answer " + path).isLessThan(QUICK_MS);
    assertThat(r.statusCode()).as(path + " answered " + r.asString()).isEqualTo(expectedStatus);
    return r.jsonPath();
  }

  private static String status(JsonPath j, String check) {
    return j.getString("checks.find { it.name == '" + check + "' }.status");
  }

  private static Map<String, Object> data(JsonPath j, String check) {
    Map<String, Object> d = j.getMap("checks.find { it.name == '" + check + "' }.data");
    return d == null ? Map.of() : d;
  }
}
