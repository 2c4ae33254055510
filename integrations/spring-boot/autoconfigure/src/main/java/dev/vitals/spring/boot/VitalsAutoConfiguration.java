package dev.vitals.spring.boot;

import dev.vitals.api.HealthListener;
import dev.vitals.api.Probe;
import dev.vitals.api.spi.ExporterFactory;
import dev.vitals.api.spi.NotifierFactory;
import dev.vitals.api.spi.ProbeFactory;
import dev.vitals.core.HealthMonitor;
import dev.vitals.spring.boot.internal.IndicatorProbes;
import dev.vitals.spring.boot.internal.VitalsProbeNames;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Vitals in a Spring Boot application (4.x or 3.5): one {@link HealthMonitor} bean named {@code vitalsMonitor},
 * built from every {@code vitals.*} key of Spring's {@code Environment} (the same keys as a
 * {@code vitals.properties} file), every {@link Probe} bean, the probes made from Actuator's health indicators,
 * and any {@link ProbeFactory}, {@link ExporterFactory}, {@link NotifierFactory} and {@link HealthListener}
 * beans; started with the context and closed on shutdown after readiness went {@code DOWN}. A mistake in the
 * configuration fails the context's start with the engine's message (every bad key, its value and what is
 * allowed). {@code vitals.spring.enabled=false} switches every part of the starter off.
 */
@AutoConfiguration(afterName = "dev.vitals.spring.boot.probes.VitalsProbesAutoConfiguration")
@ConditionalOnProperty(name = SpringSettings.ENABLED, havingValue = "true", matchIfMissing = true)
public final class VitalsAutoConfiguration {

  /** Creates the configuration (Spring does). */
  public VitalsAutoConfiguration() {}

  /**
   * The names of the probes that are not made from health indicators.
   *
   * @param environment the application's environment
   * @param probes the {@code Probe} beans
   * @return the names
   */
  @Bean
  @ConditionalOnMissingBean
  VitalsProbeNames vitalsProbeNames(ConfigurableEnvironment environment, ObjectProvider<Probe> probes) {
    Set<String> names = new LinkedHashSet<>();
    probes.orderedStream().forEach(p -> names.add(p.name()));
    names.addAll(EnvironmentSettings.configuredProbes(EnvironmentSettings.read(environment)));
    return new VitalsProbeNames(names);
  }

  /**
   * The monitor.
   *
   * @param environment the application's environment
   * @param probes the {@code Probe} beans
   * @param indicators the probes made from health indicators
   * @param probeFactories probe types given as beans
   * @param exporterFactories exporters given as beans (and the starter's parts' key declarations)
   * @param notifierFactories notifier types given as beans
   * @param listeners listeners given as beans
   * @param customizers called last, in order, on the builder
   * @return the monitor, not started
   */
  @Bean
  @ConditionalOnMissingBean
  HealthMonitor vitalsMonitor(ConfigurableEnvironment environment, ObjectProvider<Probe> probes,
      ObjectProvider<IndicatorProbes> indicators, ObjectProvider<ProbeFactory> probeFactories,
      ObjectProvider<ExporterFactory> exporterFactories, ObjectProvider<NotifierFactory> notifierFactories,
      ObjectProvider<HealthListener> listeners, ObjectProvider<VitalsMonitorCustomizer> customizers) {
    Map<String, String> settings = EnvironmentSettings.read(environment);
    HealthMonitor.Builder b = HealthMonitor.builder().config(settings).exporterFactory(new SpringSettings());
    Set<String> taken = new LinkedHashSet<>(EnvironmentSettings.configuredProbes(settings));
    for (Probe p : probes.orderedStream().toList()) {
      b.probe(p);
      taken.add(p.name());
    }
    for (IndicatorProbes ip : indicators.orderedStream().toList()) {
      for (Probe p : ip.probes()) {
        if (taken.add(p.name())) {
          b.probe(p);
        }
      }
    }
    probeFactories.orderedStream().forEach(b::probeFactory);
    exporterFactories.orderedStream().forEach(b::exporterFactory);
    notifierFactories.orderedStream().forEach(b::notifierFactory);
    listeners.orderedStream().forEach(b::listener);
    customizers.orderedStream().forEach(c -> c.customize(b));
    return b.build();
  }

  /**
   * Starts and stops the monitor with the context, readiness first on shutdown.
   *
   * @param monitor the monitor
   * @return the lifecycle
   */
  @Bean
  VitalsLifecycle vitalsLifecycle(HealthMonitor monitor) {
    return new VitalsLifecycle(monitor);
  }
}
