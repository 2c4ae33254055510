package dev.vitals.api.spi;

import java.time.Duration;
import java.util.Map;

/**
 * The settings of one configured probe: {@code vitals.probes.<name>.*} with the prefix removed,
 * plus the name, type, interval and timeout the monitor resolved. A {@link ProbeFactory} reads
 * its own keys ({@code url}, {@code username} ...) from it; error messages name the full key.
 *
 * <p>Immutable and thread-safe.
 */
public final class ProbeConfig extends PluginConfig {

  /** The interval when none is configured. */
  public static final Duration DEFAULT_INTERVAL = Duration.ofSeconds(10);
  /**
   * The timeout when none is configured and the interval is at least as long; see
   * {@link #defaultTimeout(Duration, Duration)}.
   */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(2);

  private final Duration interval;
  private final Duration timeout;

  private ProbeConfig(String name, Config settings) {
    super(dev.vitals.api.Names.check(name, "probe"), settings);
    this.interval = settings.duration("interval", DEFAULT_INTERVAL);
    this.timeout = settings.duration("timeout", defaultTimeout(DEFAULT_TIMEOUT, interval));
  }

  /**
   * The timeout of a probe whose {@code timeout} is not configured: its type's default, but never longer
   * than its interval, so that a short interval alone ({@code interval = 1s}) never contradicts a default
   * the user did not write.
   *
   * @param typeDefault the type's default timeout ({@link #DEFAULT_TIMEOUT} unless the type says otherwise)
   * @param interval the probe's interval
   * @return the shorter of the two
   */
  public static Duration defaultTimeout(Duration typeDefault, Duration interval) {
    return typeDefault.compareTo(interval) <= 0 ? typeDefault : interval;
  }

  /**
   * A probe's config from settings scoped to the probe (keys such as {@code type}, {@code url}).
   *
   * @param name the probe's name, following {@link dev.vitals.api.Names#RULE}
   * @param settings its settings; {@code type} is required
   * @return the config
   * @throws IllegalArgumentException if the name does not follow the rule
   * @throws ConfigException when {@code type} is missing or {@code interval}/{@code timeout} are bad
   */
  public static ProbeConfig of(String name, Config settings) {
    return new ProbeConfig(name, settings);
  }

  /**
   * A probe's config from a map, handy in tests: {@code ProbeConfig.of("db", Map.of("type", "jdbc",
   * "url", "jdbc:h2:mem:x"))}. Error messages name keys as {@code vitals.probes.<name>.<key>}.
   *
   * @param name the probe's name, following {@link dev.vitals.api.Names#RULE}
   * @param settings its settings; {@code type} is required
   * @return the config
   * @throws IllegalArgumentException if the name does not follow the rule
   * @throws ConfigException when {@code type} is missing or {@code interval}/{@code timeout} are bad
   */
  public static ProbeConfig of(String name, Map<String, String> settings) {
    return new ProbeConfig(name, new MapConfig(settings, "vitals.probes." + name + "."));
  }

  /**
   * The interval between runs ({@code interval}, 10 s by default).
   *
   * @return a positive duration
   */
  public Duration interval() {
    return interval;
  }

  /**
   * The timeout of one run ({@code timeout}; by default 2 s, or the interval when that is shorter). A probe should set its client's own
   * limits below it.
   *
   * @return a positive duration
   */
  public Duration timeout() {
    return timeout;
  }
}
