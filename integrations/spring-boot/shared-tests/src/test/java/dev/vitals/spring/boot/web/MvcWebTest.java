package dev.vitals.spring.boot.web;

import static dev.vitals.spring.boot.web.WebApps.get;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.TrackerReport;
import dev.vitals.core.HealthMonitor;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;

/**
 * A real Spring MVC application (embedded Tomcat, random port, real HTTP calls) with the starter's web part:
 * its requests land in Vitals trackers, Vitals metrics in {@code /actuator/prometheus}, and the scrape and
 * status-page endpoints answer.
 */
class MvcWebTest {

  static ConfigurableApplicationContext app;
  static String base;
  static TestMonitor vitals;

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import({WebApps.MonitorConfig.class, Orders.class})
  static class App {}

  @RestController
  static class Orders {
    private final TestMonitor vitals;

    Orders(TestMonitor vitals) {
      this.vitals = vitals;
    }

    @GetMapping("/orders/{id}")
    String order(@PathVariable("id") String id) {
      return "order " + id;
    }

    /** The application's own slow work, 120 ms on the clock requests are timed with (what the tracker must see). */
    @GetMapping("/slow")
    String slow() {
      vitals.clock.advance(Duration.ofMillis(120));
      return "slow";
    }

    @GetMapping("/fail")
    String fail() {
      throw new IllegalStateException("the order service failed");
    }
  }

  @BeforeAll
  static void start() {
    app = new SpringApplicationBuilder(App.class).properties(
        "server.port=0",
        "spring.main.banner-mode=off",
        "management.endpoints.web.exposure.include=prometheus,vitals,vitalsstatus",
        "vitals.spring.web.routes.enabled=true",
        "vitals.http.details=always", "vitals.history.dir=" + historyDir()).run();
    base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    vitals = app.getBean(TestMonitor.class);
  }

  private static String historyDir() {
    try {
      return java.nio.file.Files.createTempDirectory("vitals-mvc-history").toString();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void requestsLandInTheServiceTrackerAndInOneTrackerPerRouteTemplate() throws Exception {
    HealthMonitor m = vitals.monitor();
    vitals.rotate(); // a report with every request so far (other tests' too)
    long before = count(m, "http");
    long routeBefore = count(m, "http-GET-orders_id");
    assertThat(get(base + "/orders/1", null).statusCode()).isEqualTo(200);
    assertThat(get(base + "/orders/2", null).statusCode()).isEqualTo(200);
    assertThat(get(base + "/slow", null).statusCode()).isEqualTo(200);
    assertThat(get(base + "/fail", null).statusCode()).isEqualTo(500);
    assertThat(get(base + "/no/such/page", null).statusCode()).isEqualTo(404);

    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      vitals.rotate();
      assertThat(count(m, "http")).isEqualTo(before + 5);
      assertThat(count(m, "http-GET-orders_id")).isEqualTo(routeBefore + 2);
    });
    TrackerReport http = m.report().tracker("http").orElseThrow();
    assertThat(http.errors()).isGreaterThanOrEqualTo(1);
    TrackerReport fail = m.report().tracker("http-GET-fail").orElseThrow();
    assertThat(fail.count()).isEqualTo(1);
    assertThat(fail.errors()).isEqualTo(1);
    TrackerReport slow = m.report().tracker("http-GET-slow").orElseThrow();
    assertThat(slow.errors()).isZero();
    assertThat(slow.summary().maxNanos()).as("the slow route latency (120 ms), in nanoseconds, within the histogram precision")
        .isGreaterThanOrEqualTo(Duration.ofMillis(100).toNanos());
    TrackerReport unmatched = m.report().tracker("http-unmatched").orElseThrow();
    assertThat(unmatched.count()).isGreaterThanOrEqualTo(1);
    assertThat(m.report().trackers()).extracting(TrackerReport::name)
        .as("raw paths never name a tracker").noneMatch(n -> n.contains("no_such") || n.contains("orders_1"));
  }

  @Test
  void actuatorPrometheusCarriesTheVitalsSeries() throws Exception {
    get(base + "/orders/7", null);
    vitals.rotate();
    // a tracker that appeared after binding gets its meters at the first poll that sees it, shown from the
    // next poll on (VitalsMeterBinder's "late names"): a scraper sees it from its second scrape
    assertThat(get(base + "/actuator/prometheus", null).statusCode()).isEqualTo(200);
    HttpResponse<String> r = get(base + "/actuator/prometheus", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.body()).contains("vitals_service_score").contains("vitals_tracker_score{")
        .contains("tracker=\"http\"");
  }

  @Test
  void actuatorVitalsAnswersPrometheusTextThatParsesAndOpenMetricsOnRequest() throws Exception {
    get(base + "/orders/8", null);
    vitals.rotate();
    HttpResponse<String> r = get(base + "/actuator/vitals", null);
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/plain").contains("0.0.4");
    Map<String, String> types = WebApps.parseText(r.body());
    assertThat(types).containsKey("vitals_service_score");
    assertThat(r.body()).contains("tracker=\"http\"");

    HttpResponse<String> om = get(base + "/actuator/vitals", "application/openmetrics-text;version=1.0.0");
    assertThat(om.statusCode()).isEqualTo(200);
    assertThat(om.headers().firstValue("Content-Type").orElse("")).startsWith("application/openmetrics-text");
    assertThat(om.body()).endsWith("# EOF\n");
  }

  @Test
  void statusPageAnswersHtmlUnderTheActuatorBasePath() throws Exception {
    HttpResponse<String> r = get(base + "/actuator/vitals-status", "text/html");
    assertThat(r.statusCode()).isEqualTo(200);
    assertThat(r.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(r.body()).startsWith("<!DOCTYPE html>").contains("Content-Security-Policy").contains("http");
    // with a history store (vitals.history.dir), the 30- and 90-day bars
    assertThat(r.body()).contains("Last 30 days").contains("Last 90 days");
  }

  @Test
  void aBadWebValueFailsStartUpWithTheFullKey() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(App.class).properties("server.port=0",
        "spring.main.banner-mode=off", "vitals.spring.web.routes.max=0", "vitals.spring.web.tracker=no way").run())
        .hasStackTraceContaining("vitals.spring.web.routes.max")
        .hasStackTraceContaining("vitals.spring.web.tracker");
  }

  @Test
  void aMisspeltWebKeyFailsStartUpWithADidYouMean() {
    assertThatThrownBy(() -> new SpringApplicationBuilder(App.class).properties("server.port=0",
        "spring.main.banner-mode=off", "vitals.spring.web.route.enabled=true").run())
        .hasStackTraceContaining("vitals.spring.web.route.enabled")
        .hasStackTraceContaining("vitals.spring.web.routes.enabled");
  }

  private static long count(HealthMonitor m, String tracker) {
    return m.report().tracker(tracker).map(TrackerReport::count).orElse(0L);
  }
}
