package dev.vitals.spring.boot.web;

import static dev.vitals.spring.boot.web.WebApps.get;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Import;
import org.springframework.core.io.DefaultResourceLoader;

/**
 * Without {@code exporter-prometheus} (hidden from the application's class loader) there is no
 * {@code /actuator/vitals} and no error; the status page and the metrics binding stay.
 */
class WithoutExporterPrometheusTest {

  @SpringBootConfiguration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  @Import(WebApps.MonitorConfig.class)
  static class App {}

  /** Refuses exporter-prometheus' classes, delegates everything else. */
  static final class HidingLoader extends ClassLoader {
    HidingLoader(ClassLoader parent) {
      super(parent);
    }

    @Override
    protected Class<?> loadClass(String name, boolean resolve) throws ClassNotFoundException {
      if (name.startsWith("dev.vitals.exporter.prometheus.")) {
        throw new ClassNotFoundException(name);
      }
      return super.loadClass(name, resolve);
    }
  }

  @Test
  void noScrapeEndpointAndNoError() throws Exception {
    ClassLoader hiding = new HidingLoader(getClass().getClassLoader());
    try (ConfigurableApplicationContext app = new SpringApplicationBuilder(App.class)
        .resourceLoader(new DefaultResourceLoader(hiding)).properties("server.port=0", "spring.main.banner-mode=off",
            "management.endpoints.web.exposure.include=vitals,vitalsstatus").run()) {
      String base = "http://127.0.0.1:" + app.getEnvironment().getProperty("local.server.port");
      assertThat(app.getBeanNamesForType(VitalsScrapeEndpoint.class)).isEmpty();
      assertThat(get(base + "/actuator/vitals", null).statusCode()).isEqualTo(404);
      assertThat(get(base + "/actuator/vitals-status", null).statusCode()).isEqualTo(200);
      assertThat(app.getBeanNamesForType(dev.vitals.exporter.micrometer.VitalsMeterBinder.class)).hasSize(1);
    }
  }
}
