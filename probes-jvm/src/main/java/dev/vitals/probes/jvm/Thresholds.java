package dev.vitals.probes.jvm;

import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;

/** A pair of ratio keys, a degraded one and a down one, read and checked together. */
final class Thresholds {

  final double degraded;
  final double down;

  private Thresholds(double degraded, double down) {
    this.degraded = degraded;
    this.down = down;
  }

  /**
   * Reads {@code degradedKey} and {@code downKey}: numbers above 0 and at most 1, the degraded one at
   * most the down one.
   *
   * @throws ConfigException naming the full key, the value and what is allowed
   */
  static Thresholds read(ProbeConfig config, String degradedKey, double degradedDefault, String downKey,
      double downDefault) {
    double down = ratio(config, downKey, downDefault);
    double degraded = ratio(config, degradedKey, degradedDefault);
    if (degraded > down) {
      String key = config.get(degradedKey).isPresent() ? degradedKey : downKey;
      String value = config.get(key).orElseThrow();
      throw new ConfigException(config.fullKey(key), value, key.equals(degradedKey)
          ? "a ratio above 0 and at most 1, no more than " + config.fullKey(downKey) + " (" + down + ")"
          : "a ratio above 0 and at most 1, no less than " + config.fullKey(degradedKey) + " (" + degraded + ")");
    }
    return new Thresholds(degraded, down);
  }

  static double ratio(ProbeConfig config, String key, double defaultValue) {
    String raw = config.get(key).orElse(null);
    if (raw == null) {
      return defaultValue;
    }
    try {
      double v = Double.parseDouble(raw);
      if (v > 0 && v <= 1) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(config.fullKey(key), raw, "a ratio above 0 and at most 1, such as " + defaultValue);
  }
}
