package dev.vitals.spring.boot.web;

import static dev.vitals.spring.boot.web.WebApps.get;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.TrackerReport;
import dev.vitals.core.HealthMonitor;
import java.time.Duration;
import java.util.Arrays;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.http.HttpStatus;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.server.ResponseStatusException;
import reactor.core.publisher.Mono;

/** A real WebFlux application on Netty: its requests land in the trackers through the reactive handler. */
class WebFluxWebTest {

  static ConfigurableApplicationContext app;
  static String base;
  static TestMonitor vitals;

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import({WebApps.MonitorConfig.class, Orders.class})
  static class App {}

  @RestController
  static class Orders {
    @GetMapping("/orders/{id}")
    Mono<String> order(@PathVariable("id") String id) {
      return Mono.just("order " + id);
    }

    @GetMapping("/fail")
    Mono<String> fail() {
      return Mono.error(new ResponseStatusException(HttpStatus.SERVICE_UNAVAILABLE, "down"));
    }
  }

  @BeforeAll
  static void start() {
    app = new SpringApplicationBuilder(App.class).properties(
        "spring.main.web-application-type=reactive",
        "server.port=0",
        "spring.main.banner-mode=off",
        "management.endpoints.web.exposure.include=vitals,vitalsstatus",
        "vitals.spring.web.routes.enabled=true").run();
    base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
    vitals = app.getBean(TestMonitor.class);
  }

  @AfterAll
  static void stop() {
    if (app != null) {
      app.close();
    }
  }

  @Test
  void runsOnNetty() {
    assertThat(Arrays.stream(app.getBeanDefinitionNames()).map(n -> app.getType(n)).filter(t -> t != null)
        .map(Class::getName)).anyMatch(n -> n.contains("NettyReactiveWebServerFactory"));
  }

  @Test
  void reactiveRequestsLandInTheServiceTrackerAndTheirRouteTrackers() throws Exception {
    HealthMonitor m = vitals.monitor();
    vitals.rotate();
    long before = count(m, "http");
    assertThat(get(base + "/orders/1", null).statusCode()).isEqualTo(200);
    assertThat(get(base + "/orders/2", null).statusCode()).isEqualTo(200);
    assertThat(get(base + "/fail", null).statusCode()).isEqualTo(503);
    assertThat(get(base + "/nothing/here", null).statusCode()).isEqualTo(404);

    Awaitility.await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      vitals.rotate();
      assertThat(count(m, "http")).isEqualTo(before + 4);
      assertThat(count(m, "http-GET-orders_id")).isEqualTo(2);
    });
    TrackerReport fail = m.report().tracker("http-GET-fail").orElseThrow();
    assertThat(fail.errors()).isEqualTo(1);
    assertThat(m.report().tracker("http-unmatched").orElseThrow().count()).isGreaterThanOrEqualTo(1);
  }

  @Test
  void theEndpointsAnswerOnWebFluxToo() throws Exception {
    vitals.rotate();
    var scrape = get(base + "/actuator/vitals", null);
    assertThat(scrape.statusCode()).isEqualTo(200);
    assertThat(WebApps.parseText(scrape.body())).containsKey("vitals_service_score");
    var page = get(base + "/actuator/vitals-status", null);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
  }

  private static long count(HealthMonitor m, String tracker) {
    return m.report().tracker(tracker).map(TrackerReport::count).orElse(0L);
  }
}
