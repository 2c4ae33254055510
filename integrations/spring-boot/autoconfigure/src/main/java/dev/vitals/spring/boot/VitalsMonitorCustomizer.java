package dev.vitals.spring.boot;

import dev.vitals.core.HealthMonitor;

/**
 * Changes the builder of the starter's {@code vitalsMonitor} bean before it is built, as Boot's
 * {@code *Customizer} beans do: declare one or more as beans, and each is called once, in
 * {@link org.springframework.core.annotation.Order} order, after the starter has added the
 * Environment's {@code vitals.*} keys, the {@code Probe} beans, the health indicators' probes and the
 * factory and listener beans. Typical uses: a {@link dev.vitals.api.Clock} and scheduler of a test, a
 * probe written in code with settings of its own, {@code startTime}, {@code jitter}.
 *
 * <pre>{@code
 * @Bean
 * VitalsMonitorCustomizer testClock(ManualClock clock) {
 *   return builder -> builder.clock(clock).scheduler(clock.scheduler()).executor(clock.executor());
 * }
 * }</pre>
 *
 * <p>Called on the thread that creates the bean, once per context; a customizer that throws fails the
 * context's start with its exception. Not called when the application defines its own
 * {@code HealthMonitor} bean.
 */
@FunctionalInterface
public interface VitalsMonitorCustomizer {

  /**
   * Changes the builder.
   *
   * @param builder the monitor's builder, not null; not yet built
   */
  void customize(HealthMonitor.Builder builder);
}
