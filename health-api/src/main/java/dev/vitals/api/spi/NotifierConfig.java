package dev.vitals.api.spi;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The settings of one configured notifier: {@code vitals.notifiers.<name>.*} with the prefix
 * removed ({@code ${NAME}} already resolved). Immutable and thread-safe.
 */
public final class NotifierConfig implements Config {

  private final String name;
  private final String type;
  private final Config settings;

  private NotifierConfig(String name, Config settings) {
    this.name = Objects.requireNonNull(name, "name");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.type = settings.require("type");
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

  /**
   * The notifier's name.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The notifier's type.
   *
   * @return the type
   */
  public String type() {
    return type;
  }

  @Override
  public Optional<String> get(String key) {
    return settings.get(key);
  }

  @Override
  public Set<String> keys() {
    return settings.keys();
  }

  @Override
  public String fullKey(String key) {
    return settings.fullKey(key);
  }

  @Override
  public String toString() {
    return "NotifierConfig{" + name + ", " + settings + '}';
  }
}
