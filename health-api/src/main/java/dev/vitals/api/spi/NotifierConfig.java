package dev.vitals.api.spi;

import java.util.Map;

/**
 * The settings of one configured notifier: {@code vitals.notifiers.<name>.*} with the prefix
 * removed ({@code ${NAME}} already resolved). Immutable and thread-safe.
 */
public final class NotifierConfig extends PluginConfig {


  private NotifierConfig(String name, Config settings) {
    super(name, settings);
  }

  /**
   * A notifier's config from settings scoped to it.
   *
   * @param name the notifier's name
   * @param settings its settings; {@code type} is required
   * @return the config
   * @throws ConfigException when {@code type} is missing
   */
  public static NotifierConfig of(String name, Config settings) {
    return new NotifierConfig(name, settings);
  }

  /**
   * A notifier's config from a map, handy in tests. Error messages name keys as
   * {@code vitals.notifiers.<name>.<key>}.
   *
   * @param name the notifier's name
   * @param settings its settings; {@code type} is required
   * @return the config
   * @throws ConfigException when {@code type} is missing
   */
  public static NotifierConfig of(String name, Map<String, String> settings) {
    return new NotifierConfig(name, new MapConfig(settings, "vitals.notifiers." + name + "."));
  }
}
