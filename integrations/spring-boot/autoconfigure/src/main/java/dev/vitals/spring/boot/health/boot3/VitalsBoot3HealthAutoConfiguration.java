package dev.vitals.spring.boot.health.boot3;

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
import java.util.function.Function;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.actuate.health.DefaultHealthContributorRegistry;
import org.springframework.boot.actuate.health.DefaultReactiveHealthContributorRegistry;
import org.springframework.boot.actuate.health.HealthContributor;
import org.springframework.boot.actuate.health.HealthContributorNameFactory;
import org.springframework.boot.actuate.health.HealthContributorRegistry;
import org.springframework.boot.actuate.health.HttpCodeStatusMapper;
import org.springframework.boot.actuate.health.ReactiveHealthContributor;
import org.springframework.boot.actuate.health.ReactiveHealthContributorRegistry;
import org.springframework.boot.actuate.health.SimpleHttpCodeStatusMapper;
import org.springframework.boot.actuate.health.SimpleStatusAggregator;
import org.springframework.boot.actuate.health.StatusAggregator;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * Actuator's health on Spring Boot 3.5, answered by Vitals. Every {@code HealthIndicator},
 * {@code ReactiveHealthIndicator} and composite contributor of the context becomes a Vitals probe (named as
 * Actuator names it; a composite's leaves {@code parent-child}), run in the background with its own interval,
 * timeout, circuit breaker, thresholds and budget ({@code vitals.probes.<name>.*}); Actuator's registry holds, under
 * the same names, contributors that answer from Vitals' latest report, plus one for each Vitals-only probe. Spring's
 * {@code livenessState} and {@code readinessState} show Spring's availability state and Vitals' group of that kind
 * together. The status order puts {@code DEGRADED} between {@code DOWN} and {@code UP}; {@code DEGRADED} answers
 * 200, {@code DOWN} and {@code UNKNOWN} 503. Off with {@code vitals.spring.health.enabled=false}.
 */
@AutoConfiguration(after = VitalsAutoConfiguration.class,
    beforeName = "org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration")
@ConditionalOnClass(name = {"org.springframework.boot.actuate.health.HealthIndicator",
    "org.springframework.boot.actuate.autoconfigure.health.HealthEndpointAutoConfiguration"})
@ConditionalOnBean(HealthMonitor.class)
@ConditionalOnProperty(name = "vitals.spring.health.enabled", havingValue = "true", matchIfMissing = true)
public final class VitalsBoot3HealthAutoConfiguration {

  private static final String INDICATORS = "vitals.spring.health.indicators";
  private static final String AVAILABILITY = "vitals.spring.health.availability";

  /** Creates the configuration (Spring does). */
  public VitalsBoot3HealthAutoConfiguration() {}

  private static Map<String, Object> named(Map<String, ?> beans) {
    Map<String, Object> out = new LinkedHashMap<>();
    beans.forEach((bean, c) -> out.put(HealthContributorNameFactory.INSTANCE.apply(bean), c));
    return out;
  }

  @Bean
  IndicatorProbes vitalsIndicatorProbes(Map<String, HealthContributor> contributors,
      Environment environment) {
    List<Probe> probes = new ArrayList<>();
    if (HealthBridge.on(environment, INDICATORS)) {
      named(contributors).forEach((name, c) -> {
        if (!Boot3Bridge.keptAsIs(c)) {
          Boot3Bridge.probes(HealthBridge.probeName(name), (HealthContributor) c, probes);
        }
      });
    }
    return new IndicatorProbes(probes);
  }

  @Bean
  @ConditionalOnMissingBean(HealthContributorRegistry.class)
  DefaultHealthContributorRegistry healthContributorRegistry(HealthMonitor monitor,
      Map<String, HealthContributor> contributors, ObjectProvider<ReactiveContributors> reactive,
      VitalsProbeNames vitalsProbes, Environment environment) {
    Map<String, Object> originals = named(contributors);
    ReactiveContributors r = reactive.getIfAvailable();
    if (r != null) {
      named(r.beans()).forEach(originals::putIfAbsent);
    }
    boolean indicators = HealthBridge.on(environment, INDICATORS);
    boolean availability = HealthBridge.on(environment, AVAILABILITY);
    Map<String, HealthContributor> registered = new LinkedHashMap<>();
    originals.forEach((name, c) -> {
      if (Boot3Bridge.keptAsIs(c)) {
        boolean state = !(c instanceof org.springframework.boot.actuate.health.PingHealthIndicator);
        registered.put(name, state && availability ? Boot3Bridge.availability(monitor, c) : (HealthContributor) c);
      } else if (indicators || vitalsProbes.names().contains(HealthBridge.probeName(name))) {
        registered.put(name, Boot3Bridge.backed(monitor, HealthBridge.probeName(name), c));
      } else if (c instanceof HealthContributor hc) {
        registered.put(name, hc);
      }
    });
    for (String probe : vitalsProbes.names()) {
      registered.putIfAbsent(probe, new Boot3Bridge.ReportIndicator(monitor, probe));
    }
    return new DefaultHealthContributorRegistry(registered, Function.identity());
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
        Environment environment) {
      List<Probe> probes = new ArrayList<>();
      if (HealthBridge.on(environment, INDICATORS)) {
        named(contributors).forEach((name, c) ->
            Boot3Bridge.reactiveProbes(HealthBridge.probeName(name), (ReactiveHealthContributor) c, probes));
      }
      return new IndicatorProbes(probes);
    }

    @Bean
    @ConditionalOnMissingBean(ReactiveHealthContributorRegistry.class)
    DefaultReactiveHealthContributorRegistry reactiveHealthContributorRegistry(HealthContributorRegistry registry) {
      // WebFlux's endpoint reads this one: the same report-backed contributors as the blocking registry
      Map<String, ReactiveHealthContributor> adapted = new LinkedHashMap<>();
      registry.forEach(e -> adapted.put(e.getName(), ReactiveHealthContributor.adapt(e.getContributor())));
      return new DefaultReactiveHealthContributorRegistry(adapted, Function.identity());
    }
  }
}
