package dev.vitals.dropwizard;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.vitals.api.Status;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.ResourceHelpers;
import io.dropwizard.testing.junit5.DropwizardAppExtension;
import io.dropwizard.testing.junit5.DropwizardExtensionsSupport;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A real Dropwizard application (real Jetty, random ports) with the bundle and a check that hangs forever. */
@ExtendWith(DropwizardExtensionsSupport.class)
class VitalsBundleTest {

  static final DropwizardAppExtension<OrdersApp.OrdersConfiguration> APP =
      new DropwizardAppExtension<>(OrdersApp.class, ResourceHelpers.resourceFilePath("vitals-app.yml"),
          ConfigOverride.config("vitals.propertiesFile", ResourceHelpers.resourceFilePath("vitals-app.properties")));

  private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
  private static final ObjectMapper JSON = new ObjectMapper();

  @AfterAll
  static void release() {
    OrdersApp.NEVER.countDown();
  }

  private static HttpResponse<String> admin(String path) throws Exception {
    HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + APP.getAdminPort() + path))
        .timeout(Duration.ofSeconds(5)).build();
    return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
  }

  private static OrdersApp app() {
    return APP.getApplication();
  }

  @Test
  void theAdminHealthcheckAnswersFromVitalsWithinMillisecondsWhileACheckHangs() throws Exception {
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
        app().vitals.monitor().orElseThrow().report().probe("payments").orElseThrow().status() == Status.DOWN);

    long started = System.nanoTime();
    HttpResponse<String> response = admin("/healthcheck");
    long tookMillis = (System.nanoTime() - started) / 1_000_000;
    assertThat(tookMillis).isLessThan(1000);         // Dropwizard's own servlet would wait for the hung check forever

    assertThat(response.statusCode()).isEqualTo(500); // HealthCheckServlet: 500 when a check is unhealthy
    JsonNode body = JSON.readTree(response.body());
    assertThat(body.path("payments").path("healthy").asBoolean(true)).isFalse();
    // the run that timed out, or the circuit breaker that followed it ("... (last: timed out after 100ms) ...")
    assertThat(body.path("payments").path("message").asText()).contains("timed out after 100ms");
    assertThat(body.path("payments").path("status").asText()).isEqualTo("DOWN");
    // the application's checks keep their Dropwizard names on the page
    assertThat(body.path("db.primary").path("healthy").asBoolean()).isTrue();
    assertThat(body.path("db.primary").path("message").asText()).isEqualTo("pool 2/10");
    assertThat(body.path("deadlocks").path("healthy").asBoolean()).isTrue();
    // a probe that is not a Dropwizard check (here one added in code) is on the page under its own name
    assertThat(body.path("orders-api").path("message").asText()).isEqualTo("200 OK");
    // a check registered after the monitor was built is shown, and says why it is not monitored
    assertThat(body.path("late-check").path("healthy").asBoolean(true)).isFalse();
    assertThat(body.path("late-check").path("message").asText()).isEqualTo(VitalsBundle.NOT_MONITORED);
  }

  @Test
  void theApplicationsChecksAreVitalsProbesAndItsRegistryIsLeftAsItWas() {
    var report = app().vitals.monitor().orElseThrow().report();
    assertThat(report.probes()).extracting(p -> p.name())
        .containsExactlyInAnyOrder("db-primary", "deadlocks", "payments", "orders-api");
    // from the properties file the YAML names
    assertThat(report.probe("db-primary").orElseThrow().budget().target()).isEqualTo(Duration.ofMillis(20));
    assertThat(report.probe("deadlocks").orElseThrow().kinds()).containsExactly(dev.vitals.api.ProbeKind.LIVENESS);
    assertThat(report.probe("payments").orElseThrow().timeout()).isEqualTo(Duration.ofMillis(100));
    assertThat(APP.getEnvironment().healthChecks().getHealthCheck("payments"))
        .isNotInstanceOf(ReportHealthCheck.class);
  }

  @Test
  void vitalsOwnEndpointIsServedUnderTheAdminContext() throws Exception {
    Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
        app().vitals.monitor().orElseThrow().report().probe("payments").orElseThrow().status() == Status.DOWN);
    HttpResponse<String> health = admin("/vitals/health");
    assertThat(health.statusCode()).isEqualTo(503);
    assertThat(health.headers().firstValue("Cache-Control")).hasValue("no-store");
    JsonNode body = JSON.readTree(health.body());
    assertThat(body.path("status").asText()).isEqualTo("DOWN");
    assertThat(body.path("checks").findValuesAsText("name")).contains("payments", "db-primary");
    assertThat(body.path("checks").get(0).has("score")).isTrue();   // vitals.http.details: always, from the YAML

    HttpResponse<String> live = admin("/vitals/health/live");
    assertThat(live.statusCode()).isEqualTo(200);      // the deadlock check alone is liveness
    assertThat(admin("/vitals/status").statusCode()).isEqualTo(200);
  }
}
