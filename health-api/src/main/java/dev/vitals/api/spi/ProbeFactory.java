package dev.vitals.api.spi;

import dev.vitals.api.Probe;
import java.util.Set;

/**
 * Builds probes of one {@link #type()} from configuration ({@code vitals.probes.<name>.type = <type>}).
 * Found with {@link java.util.ServiceLoader}.
 *
 * <p>Implementations need a public no-argument constructor, must be thread-safe, and should do no I/O
 * in {@link #create(ProbeConfig)}: the first connection belongs in the probe's first run, so a
 * monitor starts fast and a dependency that is down at start-up is reported, not fatal.
 */
public interface ProbeFactory {

  /**
   * The type this factory builds, as written in configuration.
   *
   * @return a lower-case name such as {@code jdbc}
   */
  String type();

  /**
   * The keys this type reads beyond the common ones ({@code type}, {@code interval}, {@code timeout},
   * {@code kinds}, {@code critical}, {@code budget.*}, {@code failure-threshold},
   * {@code success-threshold}). The monitor rejects any other key under the probe, naming it, so a typo
   * does not go unnoticed.
   *
   * @return the keys, such as {@code url}, {@code username}, {@code password}
   */
  Set<String> keys();

  /**
   * Builds a probe.
   *
   * @param config the probe's settings, not null
   * @return a new probe named {@code config.name()}
   * @throws ConfigException naming the key, the value and what is allowed when a setting is bad
   */
  Probe create(ProbeConfig config);
}
