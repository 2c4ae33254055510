package dev.vitals.spring.boot;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Probe;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.core.HealthMonitor;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.diagnostics.FailureAnalysis;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** {@code vitals.*} keys bound from Spring's Environment, validated as the engine validates, and the off switches. */
class VitalsBindingTest {

  @Configuration(proxyBeanMethods = false)
  @EnableAutoConfiguration
  static class App {
    @Bean
    Probe extraProbe() {
      return Probe.of("extra", ProbeResult::up);
    }

    @Bean
    HealthIndicator pingishHealthIndicator() {
      return () -> Health.up().build();
    }
  }

  private static ConfigurableApplicationContext run(Map<String, Object> defaults, String... args) {
    SpringApplication app = new SpringApplication(App.class);
    app.setDefaultProperties(defaults);
    String[] all = new String[args.length + 1];
    all[0] = "--spring.main.web-application-type=none";
    System.arraycopy(args, 0, all, 1, args.length);
    return app.run(all);
  }

  private static ProbeReport extra(ConfigurableApplicationContext ctx) {
    return ctx.getBean(HealthMonitor.class).report().probe("extra").orElseThrow();
  }

  @Test
  void aKeyInSeveralSourcesIsReadOnceWithTheHighestPrecedenceWinning() {
    try (ConfigurableApplicationContext ctx = run(Map.of("vitals.probes.extra.interval", "30s"),
        "--vitals.probes.extra.interval=20s")) {
      assertThat(extra(ctx).interval()).isEqualTo(Duration.ofSeconds(20));
    }
  }

  @Test
  void placeholdersAreResolvedThroughTheEnvironment() {
    try (ConfigurableApplicationContext ctx = run(Map.of(), "--vitals.probes.extra.timeout=${extra.timeout}",
        "--extra.timeout=3s")) {
      assertThat(extra(ctx).timeout()).isEqualTo(Duration.ofSeconds(3));
    }
  }

  @Test
  void profilesAndYamlListsAreBound() {
    try (ConfigurableApplicationContext ctx = run(Map.of(), "--spring.profiles.active=vitalsprofile,vitalsyaml")) {
      assertThat(extra(ctx).budget().target()).isEqualTo(Duration.ofMillis(40));
      assertThat(extra(ctx).kinds()).containsExactlyInAnyOrder(ProbeKind.LIVENESS, ProbeKind.READINESS);
    }
  }

  @Test
  void anInvalidValueFailsStartUpNamingTheKeyTheValueAndWhatIsAllowed() {
    Throwable failure = catchThrowable(() -> run(Map.of(), "--vitals.probes.extra.interval=ten"));
    ConfigException cause = rootConfigException(failure);
    assertThat(cause.getMessage()).contains("vitals.probes.extra.interval").contains("ten").contains("250ms");

    FailureAnalysis analysis = new VitalsConfigFailureAnalyzer().analyze(failure);
    assertThat(analysis.getDescription()).contains("vitals.probes.extra.interval").contains("ten");
    assertThat(analysis.getAction()).contains("vitals.spring.enabled=false");
  }

  @Test
  void aMisspeltKeyFailsStartUpWithADidYouMean() {
    Throwable failure = catchThrowable(() -> run(Map.of(), "--vitals.spring.health.enabld=false"));
    assertThat(rootConfigException(failure).getMessage()).contains("vitals.spring.health.enabld")
        .contains("vitals.spring.health.enabled");
  }

  @Test
  void aSecretInAnInvalidValueIsNeverPrinted() {
    Throwable failure = catchThrowable(() -> run(Map.of(), "--vitals.http.token=tok-9f8e7d6c5b4a",
        "--vitals.http.details=sometimes"));
    FailureAnalysis analysis = new VitalsConfigFailureAnalyzer().analyze(failure);
    assertThat(analysis.getDescription()).contains("vitals.http.details").doesNotContain("tok-9f8e7d6c5b4a");
  }

  @Test
  void vitalsSpringEnabledFalseSwitchesEverythingOff() {
    try (ConfigurableApplicationContext ctx = run(Map.of(), "--vitals.spring.enabled=false")) {
      assertThat(ctx.getBeansOfType(HealthMonitor.class)).isEmpty();
      assertThat(ctx.getBean(HealthContributorRegistry.class).getContributor("pingish"))
          .isSameAs(ctx.getBean("pingishHealthIndicator"));
    }
  }

  @Test
  void vitalsSpringHealthEnabledFalseLeavesActuatorsHealthAsItWas() {
    try (ConfigurableApplicationContext ctx = run(Map.of(), "--vitals.spring.health.enabled=false")) {
      HealthMonitor monitor = ctx.getBean(HealthMonitor.class);
      assertThat(monitor.report().probe("pingish")).isEmpty();
      assertThat(monitor.report().probe("extra")).isPresent();
      assertThat(ctx.getBean(HealthContributorRegistry.class).getContributor("pingish"))
          .isSameAs(ctx.getBean("pingishHealthIndicator"));
    }
  }

  private static ConfigException rootConfigException(Throwable t) {
    for (Throwable c = t; c != null; c = c.getCause()) {
      if (c instanceof ConfigException ce) {
        return ce;
      }
    }
    throw new AssertionError("no ConfigException in " + t, t);
  }
}
