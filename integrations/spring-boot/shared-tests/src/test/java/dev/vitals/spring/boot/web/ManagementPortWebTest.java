package dev.vitals.spring.boot.web;

import static dev.vitals.spring.boot.web.WebApps.get;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;

/**
 * With a management port of its own, the status page and the scrape endpoint are on that port and not on the
 * application's; their paths follow {@code vitals.spring.endpoint.*}; without exposure they are not there.
 */
class ManagementPortWebTest {

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(WebApps.MonitorConfig.class)
  static class App {}

  @Test
  void theEndpointsAreOnTheManagementPortAtTheConfiguredPaths() throws Exception {
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(App.class).properties(
        "server.port=0", "management.server.port=0", "spring.main.banner-mode=off",
        "management.endpoints.web.exposure.include=vitals,vitalsstatus",
        "vitals.spring.endpoint.path=metrics/vitals", "vitals.spring.endpoint.status-path=status").run()) {
      String server = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      String management = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.management.port");
      assertThat(management).isNotEqualTo(server);
      app.getBean(TestMonitor.class).rotate();

      assertThat(get(management + "/actuator/status", null).statusCode()).isEqualTo(200);
      assertThat(get(management + "/actuator/status", null).body()).startsWith("<!DOCTYPE html>");
      assertThat(get(management + "/actuator/metrics/vitals", null).statusCode()).isEqualTo(200);
      assertThat(get(management + "/actuator/vitals-status", null).statusCode()).isEqualTo(404);
      assertThat(get(server + "/actuator/status", null).statusCode()).isEqualTo(404);
      assertThat(get(server + "/actuator/metrics/vitals", null).statusCode()).isEqualTo(404);
    }
  }

  @Test
  void notExposedMeansNotThere() throws Exception {
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(App.class).properties(
        "server.port=0", "spring.main.banner-mode=off").run()) {
      String server = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      assertThat(get(server + "/actuator/vitals", null).statusCode()).isEqualTo(404);
      assertThat(get(server + "/actuator/vitals-status", null).statusCode()).isEqualTo(404);
      assertThat(app.getBeanNamesForType(VitalsScrapeEndpoint.class)).isEmpty();
    }
  }
}
