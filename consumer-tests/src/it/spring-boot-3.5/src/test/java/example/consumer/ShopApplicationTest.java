package example.consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.autoconfigure.actuate.observability.AutoConfigureObservability;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.core.env.Environment;

// Boot 3.5's tests turn metrics export off (no /actuator/prometheus) unless asked for
@AutoConfigureObservability
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
class ShopApplicationTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();

  @Autowired
  Environment environment;

  @Autowired
  ShopApplication.InventoryHealthIndicator inventory;

  private HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + environment.getProperty("local.server.port") + path))
        .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void actuatorHealthIsAnsweredFromVitalsAndTheIndicatorRunsInTheBackgroundOnly() throws Exception {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      HttpResponse<String> health = get("/actuator/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"inventory\"").contains("\"items\":42").contains("\"vitals\"");
    });
    int calls = inventory.calls.get();
    for (int i = 0; i < 20; i++) {
      assertThat(get("/actuator/health").statusCode()).isEqualTo(200);
    }
    // interval 1h: twenty requests later the indicator has not been called again
    assertThat(inventory.calls.get()).isEqualTo(calls);
    assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
  }

  @Test
  void requestsAreTrackedAndVitalsMetricsAreScrapedOnBootsOwnPrometheusClient() throws Exception {
    assertThat(get("/api/items").statusCode()).isEqualTo(200);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      HttpResponse<String> vitals = get("/actuator/vitals");
      assertThat(vitals.statusCode()).isEqualTo(200);
      assertThat(vitals.body()).contains("vitals_probe_up{probe=\"inventory\"}").contains("tracker=\"http\"");
    });
    assertThat(get("/actuator/prometheus").body()).contains("vitals_");
  }
}
