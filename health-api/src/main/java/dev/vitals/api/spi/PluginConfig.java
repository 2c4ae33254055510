package dev.vitals.api.spi;

import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/** The settings of one configured plugin instance (a probe, a notifier), scoped to its keys. */
abstract class PluginConfig implements Config {

  private final String name;
  private final String type;
  private final Config settings;

  PluginConfig(String name, Config settings) {
    this.name = Objects.requireNonNull(name, "name");
    this.settings = Objects.requireNonNull(settings, "settings");
    this.type = settings.require("type");
  }

  /**
   * The instance's name, as in {@code vitals.<kind>.<name>.*}.
   *
   * @return the name
   */
  public String name() {
    return name;
  }

  /**
   * The instance's type, from its {@code type} key.
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
    return getClass().getSimpleName() + "{" + name + ", " + settings + '}';
  }
}
