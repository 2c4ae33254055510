package dev.vitals.api.spi;

import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/** A config over a sorted map. */
final class MapConfig implements Config {
  private final TreeMap<String, String> sorted;
  private final Map<String, String> values;
  private final String prefix;

  MapConfig(Map<String, String> values, String prefix) {
    this(new TreeMap<>(values), prefix);
  }

  private MapConfig(TreeMap<String, String> sorted, String prefix) {
    this.sorted = sorted;
    this.values = java.util.Collections.unmodifiableMap(sorted);
    this.prefix = prefix;
  }

  /**
   * The keys under {@code prefix} from the sorted map's range of them: a monitor with many probes
   * scopes once per probe, so this must not read every key each time.
   */
  @Override
  public Config scoped(String prefix) {
    TreeMap<String, String> sub = new TreeMap<>();
    if (sorted.isEmpty()) {
      // a monitor configured only in code: no range to read (and no sub-map classes on the start path)
      return new MapConfig(sub, fullKey(prefix));
    }
    for (Map.Entry<String, String> e : sorted.tailMap(prefix, true).entrySet()) {
      if (!e.getKey().startsWith(prefix)) {
        break;
      }
      if (get(e.getKey()).isPresent()) {
        sub.put(e.getKey().substring(prefix.length()), e.getValue());
      }
    }
    return new MapConfig(sub, fullKey(prefix));
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
