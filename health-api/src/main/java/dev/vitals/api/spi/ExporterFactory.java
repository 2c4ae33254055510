package dev.vitals.api.spi;

import java.util.Optional;
import java.util.Set;

/**
 * Creates an {@link Exporter} when its settings ask for one. Found with {@link java.util.ServiceLoader}
 * when the monitor is built; implementations need a public no-argument constructor.
 *
 * <p><b>Keys.</b> An exporter declares the configuration keys it reads ({@link #keys()}), and the monitor
 * refuses any {@code vitals.*} key that no part of Vitals claims, with a "did you mean" suggestion drawn
 * from the declared keys; the monitor also maps environment variables to the full keys declared here
 * ({@code VITALS_HTTP_PORT} sets {@code vitals.http.port}). {@link #validate(Config)} lets the monitor
 * report an exporter's bad values with every other mistake when it is built, instead of when it starts.
 */
public interface ExporterFactory {

  /**
   * The exporter's name, as in {@code vitals.<name>.enabled} (for example {@code vitals.micrometer.enabled}).
   *
   * @return a lower-case name such as {@code http} or {@code logging}
   */
  String name();

  /**
   * The configuration keys this exporter reads. Each is either a full key ({@code vitals.logging.enabled})
   * or a prefix ending with a dot ({@code vitals.kit.}) that claims every key below it; an exporter that
   * claims a prefix checks the keys under it itself, in {@link #validate(Config)}. List full keys where
   * you can: the monitor then reports a misspelt one with the closest declared key, and environment
   * variables can set them.
   *
   * @return the keys and prefixes, not null; by default the prefix {@code vitals.<name>.}
   */
  default Set<String> keys() {
    return Set.of("vitals." + name() + ".");
  }

  /**
   * Checks this exporter's settings without starting anything. The monitor calls it when it is built,
   * with the whole configuration, so that an exporter's mistakes are reported in the same
   * {@link ConfigException} as every other mistake. Keys that no part of Vitals claims have been removed
   * by then (they are reported already). Must not bind ports, open files or start threads.
   *
   * @param config the whole configuration (keys such as {@code vitals.http.port}), resolved
   * @throws ConfigException listing every bad setting of this exporter; by default nothing is checked
   *     here and {@link #create(ExporterContext)} may still refuse a value when the monitor starts
   */
  default void validate(Config config) {
    // nothing to check by default
  }

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
