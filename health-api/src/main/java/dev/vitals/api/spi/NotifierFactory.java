package dev.vitals.api.spi;

import java.util.Set;

/**
 * Builds notifiers of one {@link #type()} from configuration ({@code vitals.notifiers.<name>.type}).
 * Found with {@link java.util.ServiceLoader}; implementations need a public no-argument constructor,
 * must be thread-safe, and should do no I/O in {@link #create(NotifierConfig)}.
 */
public interface NotifierFactory {

  /**
   * The type this factory builds.
   *
   * @return {@code slack}, {@code pagerduty}, {@code webhook}, {@code email} or a plugin's
   */
  String type();

  /**
   * The keys this type reads beyond {@code type} (and {@code enabled}); the monitor rejects others.
   *
   * @return the keys, such as {@code url}
   */
  Set<String> keys();

  /**
   * Builds a notifier.
   *
   * @param config its settings
   * @return a new notifier named {@code config.name()}
   * @throws ConfigException naming the key, the value and what is allowed when a setting is bad
   */
  Notifier create(NotifierConfig config);
}
