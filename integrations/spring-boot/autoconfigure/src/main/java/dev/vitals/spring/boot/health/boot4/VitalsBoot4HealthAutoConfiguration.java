package dev.vitals.spring.boot.health.boot4;

import dev.vitals.api.Probe;
import dev.vitals.core.HealthMonitor;
import dev.vitals.spring.boot.VitalsAutoConfiguration;
import dev.vitals.spring.boot.internal.HealthBridge;
import dev.vitals.spring.boot.internal.IndicatorProbes;
import dev.vitals.spring.boot.internal.VitalsProbeNames;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.health.actuate.endpoint.HttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleHttpCodeStatusMapper;
import org.springframework.boot.health.actuate.endpoint.SimpleStatusAggregator;
import org.springframework.boot.health.actuate.endpoint.StatusAggregator;
import org.springframework.boot.health.autoconfigure.registry.HealthContributorNameGenerator;
import org.springframework.boot.health.contributor.HealthContributor;
import org.springframework.boot.health.contributor.ReactiveHealthContributor;
import org.springframework.boot.health.registry.DefaultHealthContributorRegistry;
import org.springframework.boot.health.registry.DefaultReactiveHealthContributorRegistry;
import org.springframework.boot.health.registry.HealthContributorNameValidator;
import org.springframework.boot.health.registry.HealthContributorRegistry;
import org.springframework.boot.health.registry.ReactiveHealthContributorRegistry;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Actuator's health on Spring Boot 4.x, answered by Vitals. Every {@code HealthIndicator},
 * {@code ReactiveHealthIndicator} and composite contributor of the context becomes a Vitals probe (named as
 * Actuator names it; a composite's leaves {@code parent-child}), run in the background with its own interval,
 * timeout, circuit breaker, thresholds and budget ({@code vitals.probes.<name>.*}); Actuator's registry holds, under
 * the same names, contributors that answer from Vitals' latest report, plus one for each Vitals-only probe. Spring's
 * {@code livenessState} and {@code readinessState} show Spring's availability state and Vitals' group of that kind
 * together. The status order puts {@code DEGRADED} between {@code DOWN} and {@code UP}; {@code DEGRADED} answers
 * 200, {@code DOWN} and {@code UNKNOWN} 503. Off with {@code vitals.spring.health.enabled=false}.
 */
@AutoConfiguration(after = VitalsAutoConfiguration.class, beforeName = {
    "org.springframework.boot.health.autoconfigure.registry.HealthContributorRegistryAutoConfiguration",
    "org.springframework.boot.health.autoconfigure.actuate.endpoint.HealthEndpointAutoConfiguration"})
@ConditionalOnClass(name = "org.springframework.boot.health.contributor.HealthIndicator")
@ConditionalOnBean(HealthMonitor.class)
@ConditionalOnProperty(name = "vitals.spring.health.enabled", havingValue = "true", matchIfMissing = true)
public final class VitalsBoot4HealthAutoConfiguration {

  private static final String INDICATORS = "vitals.spring.health.indicators";
  private static final String AVAILABILITY = "vitals.spring.health.availability";

  /** Creates the configuration (Spring does). */
  public VitalsBoot4HealthAutoConfiguration() {}

  private static Map<String, Object> named(Map<String, ?> beans, ObjectProvider<HealthContributorNameGenerator> gen) {
    HealthContributorNameGenerator g = gen.getIfAvailable(HealthContributorNameGenerator::withoutStandardSuffixes);
    Map<String, Object> out = new LinkedHashMap<>();
    beans.forEach((bean, c) -> out.put(g.generateContributorName(bean), c));
    return out;
  }

  @Bean
  IndicatorProbes vitalsIndicatorProbes(Map<String, HealthContributor> contributors,
      ObjectProvider<HealthContributorNameGenerator> names, Environment environment) {
    List<Probe> probes = new ArrayList<>();
    if (HealthBridge.on(environment, INDICATORS)) {
      named(contributors, names).forEach((name, c) -> {
        if (!Boot4Bridge.keptAsIs(c)) {
          Boot4Bridge.probes(HealthBridge.probeName(name), (HealthContributor) c, probes);
        }
      });
    }
    return new IndicatorProbes(probes);
  }

  @Bean
  @ConditionalOnMissingBean(HealthContributorRegistry.class)
  DefaultHealthContributorRegistry healthContributorRegistry(HealthMonitor monitor,
      Map<String, HealthContributor> contributors, ObjectProvider<ReactiveContributors> reactive,
      ObjectProvider<HealthContributorNameGenerator> names, List<HealthContributorNameValidator> validators,
      VitalsProbeNames vitalsProbes, Environment environment) {
    Map<String, Object> originals = named(contributors, names);
    ReactiveContributors r = reactive.getIfAvailable();
    if (r != null) {
      named(r.beans(), names).forEach(originals::putIfAbsent);
    }
    boolean indicators = HealthBridge.on(environment, INDICATORS);
    boolean availability = HealthBridge.on(environment, AVAILABILITY);
    Map<String, HealthContributor> registered = new LinkedHashMap<>();
    originals.forEach((name, c) -> {
      if (Boot4Bridge.keptAsIs(c)) {
        boolean state = !(c instanceof org.springframework.boot.health.contributor.PingHealthIndicator);
        registered.put(name, state && availability ? Boot4Bridge.availability(monitor, c) : (HealthContributor) c);
      } else if (indicators || vitalsProbes.names().contains(HealthBridge.probeName(name))) {
        registered.put(name, Boot4Bridge.backed(monitor, HealthBridge.probeName(name), c));
      } else if (c instanceof HealthContributor hc) {
        registered.put(name, hc);
      } else if (c instanceof ReactiveHealthContributor rc) {
        registered.put(name, rc.asHealthContributor()); // left to Actuator: run on the request, as before
      }
    });
    for (String probe : vitalsProbes.names()) {
      registered.putIfAbsent(probe, new Boot4Bridge.ReportIndicator(monitor, probe));
    }
    return new DefaultHealthContributorRegistry(validators, register -> registered.forEach(register));
  }

  @Bean
  @ConditionalOnMissingBean
  StatusAggregator healthStatusAggregator(Environment environment) {
    return new SimpleStatusAggregator(HealthBridge.order(HealthBridge.configuredOrder(environment)));
  }

  @Bean
  @ConditionalOnMissingBean
  HttpCodeStatusMapper healthHttpCodeStatusMapper(Environment environment) {
    return new SimpleHttpCodeStatusMapper(HealthBridge.httpCodes(HealthBridge.configuredHttpCodes(environment)));
  }

  /** The reactive contributor beans, as a holder (reactor may be absent: no reactive type in a signature above). */
  record ReactiveContributors(Map<String, ReactiveHealthContributor> beans) {}

  /** With reactor: reactive indicators become probes too, and the reactive registry leaves them to Vitals. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "reactor.core.publisher.Flux")
  static class Reactive {

    @Bean
    ReactiveContributors vitalsReactiveContributors(Map<String, ReactiveHealthContributor> beans) {
      return new ReactiveContributors(beans);
    }

    @Bean
    IndicatorProbes vitalsReactiveIndicatorProbes(Map<String, ReactiveHealthContributor> contributors,
        ObjectProvider<HealthContributorNameGenerator> names, Environment environment) {
      List<Probe> probes = new ArrayList<>();
      if (HealthBridge.on(environment, INDICATORS)) {
        named(contributors, names).forEach((name, c) ->
            Boot4Bridge.reactiveProbes(HealthBridge.probeName(name), (ReactiveHealthContributor) c, probes));
      }
      return new IndicatorProbes(probes);
    }

    @Bean
    @ConditionalOnMissingBean(ReactiveHealthContributorRegistry.class)
    DefaultReactiveHealthContributorRegistry reactiveHealthContributorRegistry(
        List<HealthContributorNameValidator> validators) {
      // every reactive contributor answers from Vitals through the blocking registry (same names)
      return new DefaultReactiveHealthContributorRegistry(validators, register -> { });
    }
  }
}
