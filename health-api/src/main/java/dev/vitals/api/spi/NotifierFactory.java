package dev.vitals.api.spi;

import java.util.Set;

/**
 * Builds notifiers of one {@link #type()} from configuration ({@code vitals.notifiers.<name>.type}).
 * Found with {@link java.util.ServiceLoader}; implementations need a public no-argument constructor,
 * must be thread-safe, and should do no I/O in {@link #create(NotifierConfig)}.
 *
 * <p>A type describes itself: its {@link #keys() keys} and its {@link #defaultRouting() default routing}
 * (which alerts its notifiers receive unless {@code vitals.notifiers.<name>.severities}, {@code .rules}
 * or {@code .subjects} says otherwise). The monitor reads these keys itself, with {@code type},
 * {@code enabled}, {@code queue}, {@code retries} and {@code backoff}; a type's {@link #keys()} need not
 * and should not list them.
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
   * Which alerts this type's notifiers receive when their configuration does not say: for an incident
   * tool that pages someone, critical alerts only; for a chat channel or a webhook, every alert. Called
   * once per configured notifier, while the monitor is built.
   *
   * @return the routing, not null; {@link NotifierRouting#all()} unless overridden
   */
  default NotifierRouting defaultRouting() {
    return NotifierRouting.all();
  }

  /**
   * Builds a notifier.
   *
   * @param config its settings
   * @return a new notifier named {@code config.name()}
   * @throws ConfigException naming the key, the value and what is allowed when a setting is bad
   */
  Notifier create(NotifierConfig config);
}
