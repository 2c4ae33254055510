package dev.vitals.example.spring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.core.HealthMonitor;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * The example as a user runs it: the application's own main path (a real redis-server of its own, H2,
 * embedded Tomcat on a free port), then only HTTP. It shows what the README promises for an
 * application that adds nothing but the starter and a few keys.
 */
class OrdersApplicationTest {

  private static final HttpClient HTTP = HttpClient.newHttpClient();
  private static ConfigurableApplicationContext app;
  private static URI base;

  @BeforeAll
  static void start() throws Exception {
    app = SpringApplication.run(OrdersApplication.class,
        OrdersApplication.withLocalRedis(new String[] {"--server.port=0"}));
    String port = app.getEnvironment().getProperty("local.server.port");
    base = URI.create("http://127.0.0.1:" + port);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void actuatorHealthShowsTheDataSourceRedisAndTheIndicatorAsVitalsProbes() throws Exception {
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
      HttpResponse<String> health = get("/actuator/health");
      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"")
          .contains("\"db\":{").contains("\"redis\":{").contains("\"payments\":{");
    });
    HealthMonitor monitor = app.getBean(HealthMonitor.class);
    assertThat(monitor.report().probe("db")).hasValueSatisfying(p -> assertThat(p.type()).isEqualTo("jdbc"));
    assertThat(monitor.report().probe("redis")).hasValueSatisfying(p -> assertThat(p.type()).isEqualTo("redis"));
    assertThat(monitor.report().probe("payments")).isPresent();
    assertThat(get("/actuator/health/readiness").statusCode()).isEqualTo(200);
    assertThat(get("/actuator/health/liveness").statusCode()).isEqualTo(200);
  }

  @Test
  void anIndicatorGoingDownIsSeenFromTheReportAndANonCriticalOneOnlyDegradesTheService() throws Exception {
    HealthMonitor monitor = app.getBean(HealthMonitor.class);
    await().atMost(Duration.ofSeconds(30)).until(() -> monitor.report().probe("payments")
        .flatMap(p -> p.lastResult()).isPresent());
    assertThat(post("/api/payments/outage?on=true").statusCode()).isEqualTo(200);
    try {
      await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
        HttpResponse<String> health = get("/actuator/health");
        assertThat(health.body()).contains("\"status\":\"DEGRADED\"").contains("payments provider unreachable");
        assertThat(health.statusCode()).isEqualTo(200);
      });
    } finally {
      post("/api/payments/outage?on=false");
    }
  }

  @Test
  void requestsAreTrackedAndTheMetricsAndStatusPageAreServed() throws Exception {
    assertThat(get("/api/orders/1").statusCode()).isEqualTo(200);
    assertThat(get("/api/orders/1").body()).contains("\"cached\":true");
    assertThat(get("/api/echo?fail=true").statusCode()).isEqualTo(500);
    HealthMonitor monitor = app.getBean(HealthMonitor.class);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(monitor.report().tracker("http")).hasValueSatisfying(t -> {
          assertThat(t.count()).isGreaterThanOrEqualTo(3);
          assertThat(t.errors()).isGreaterThanOrEqualTo(1);
        }));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(get("/actuator/prometheus").body()).contains("vitals_").contains("tracker=\"http\""));
    HttpResponse<String> vitals = get("/actuator/vitals");
    assertThat(vitals.statusCode()).isEqualTo(200);
    assertThat(vitals.body()).contains("vitals_probe_up{probe=\"db\"}");
    HttpResponse<String> page = get("/actuator/vitals-status");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).startsWith("<!DOCTYPE html>").contains("payments");
  }

  private static HttpResponse<String> get(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10)).build(),
        HttpResponse.BodyHandlers.ofString());
  }

  private static HttpResponse<String> post(String path) throws Exception {
    return HTTP.send(HttpRequest.newBuilder(base.resolve(path)).timeout(Duration.ofSeconds(10))
        .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }
}
