package dev.vitals.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.ProbeReport;
import dev.vitals.core.HealthMonitor;
import java.io.IOException;
import java.io.StringReader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalyzer;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.io.support.PropertiesLoaderUtils;
import org.springframework.core.io.support.SpringFactoriesLoader;

/** The README's Spring Boot example, as written: its application.properties start an application that uses them. */
class ReadmeSpringBootExampleTest {

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class App {
    @Bean
    HealthIndicator dbHealthIndicator() {
      return () -> Health.up().withDetail("database", "H2").build();
    }
  }

  private static Properties readmeProperties() throws IOException {
    String readme = Files.readString(Path.of("../../../README.md"));
    String section = readme.substring(readme.indexOf("## Spring Boot"));
    int start = section.indexOf("```properties\n") + "```properties\n".length();
    Properties p = new Properties();
    p.load(new StringReader(section.substring(start, section.indexOf("```", start))));
    return p;
  }

  @Test
  void theReadmesPropertiesConfigureTheDataSourceProbeAndAVitalsOnlyProbe() throws IOException {
    Properties readme = readmeProperties();
    assertThat(readme).containsKeys("vitals.probes.db.interval", "vitals.probes.orders-api.type");
    Map<String, Object> defaults = new LinkedHashMap<>();
    readme.forEach((k, v) -> defaults.put((String) k, v));
    SpringApplication app = new SpringApplication(App.class);
    app.setDefaultProperties(defaults);
    try (ConfigurableApplicationContext ctx = app.run("--spring.main.web-application-type=none")) {
      HealthMonitor monitor = ctx.getBean(HealthMonitor.class);
      ProbeReport db = monitor.report().probe("db").orElseThrow();
      // the DataSource's own probe, which also answers for Boot's "db" indicator
      assertThat(db.type()).isEqualTo("jdbc");
      assertThat(db.interval()).isEqualTo(Duration.ofSeconds(5));
      assertThat(db.timeout()).isEqualTo(Duration.ofMillis(500));
      assertThat(monitor.report().probe("orders-api").orElseThrow().type()).isEqualTo("http");
    }
  }

  @Test
  void theFailureAnalyzerIsRegisteredForSpringBoot() throws IOException {
    StringBuilder analyzers = new StringBuilder();
    java.util.Enumeration<java.net.URL> files = getClass().getClassLoader()
        .getResources(SpringFactoriesLoader.FACTORIES_RESOURCE_LOCATION);
    while (files.hasMoreElements()) {
      Properties p = PropertiesLoaderUtils.loadProperties(new org.springframework.core.io.UrlResource(files.nextElement()));
      analyzers.append(p.getProperty(FailureAnalyzer.class.getName(), "")).append(',');
    }
    assertThat(analyzers.toString()).contains(VitalsConfigFailureAnalyzer.class.getName());
  }
}
