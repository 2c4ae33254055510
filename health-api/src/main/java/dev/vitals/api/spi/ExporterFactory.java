package dev.vitals.api.spi;

import java.util.Optional;

/**
 * Creates an {@link Exporter} when its settings ask for one. Found with {@link java.util.ServiceLoader}
 * when the monitor starts; implementations need a public no-argument constructor.
 */
public interface ExporterFactory {

  /**
   * The exporter's name, as in {@code vitals.<name>.enabled} (for example {@code vitals.micrometer.enabled}).
   *
   * @return a lower-case name such as {@code http} or {@code logging}
   */
  String name();

  /**
   * Creates and starts the exporter, or declines when configuration does not enable it.
   *
   * @param context the monitor's report, clock, configuration and listener registration
   * @return the started exporter, or empty when not enabled
   * @throws ConfigException when a setting is bad
   * @throws Exception when the exporter cannot start (a port in use ...); the monitor logs it,
   *     lists it in the report's problems and goes on without this exporter
   */
  Optional<Exporter> create(ExporterContext context) throws Exception;
}
