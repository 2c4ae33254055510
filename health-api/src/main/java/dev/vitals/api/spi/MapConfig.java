package dev.vitals.api.spi;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** A config over a sorted map. */
final class MapConfig implements Config {
  private final Map<String, String> values;
  private final String prefix;

  MapConfig(Map<String, String> values, String prefix) {
    this.values = java.util.Collections.unmodifiableMap(new TreeMap<>(values));
    this.prefix = prefix;
  }

  @Override
  public Optional<String> get(String key) {
    String v = values.get(key);
    if (v == null || v.isBlank()) {
      return Optional.empty();
    }
    return Optional.of(v.trim());
  }

  @Override
  public Set<String> keys() {
    return values.keySet();
  }

  @Override
  public String fullKey(String key) {
    return prefix + key;
  }

  @Override
  public String toString() {
    // keys only: a value may be a secret no rule can recognise (a webhook URL carries its token)
    return "Config{" + prefix + values.keySet() + '}';
  }
}
