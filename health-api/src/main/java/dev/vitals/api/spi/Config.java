package dev.vitals.api.spi;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * Settings by key, with typed accessors that name the key and what is allowed when a value is bad.
 *
 * <p>The monitor backs it with properties, environment variables and the builder; a plugin reads it
 * through this interface only, so any source can stand behind it. Values have already had their
 * {@code ${NAME}} references resolved. Implementations are immutable and thread-safe.
 */
public interface Config {

  /** What a duration may look like, for error messages. */
  String DURATION_FORM = "duration such as 250ms, 10s, 5m, 1h or 7d";

  /**
   * The raw value of a key.
   *
   * @param key the key, relative to this config's scope
   * @return the trimmed value, empty when the key is absent or blank
   */
  Optional<String> get(String key);

  /**
   * Every key present.
   *
   * @return an unmodifiable set of keys relative to this config's scope
   */
  Set<String> keys();

  /**
   * The full name of a key, for error messages (for example {@code vitals.probes.db.url} for
   * {@code url} in a probe's config).
   *
   * @param key a key relative to this config's scope
   * @return the full key
   */
  default String fullKey(String key) {
    return key;
  }

  /**
   * A value that must be present.
   *
   * @param key the key
   * @return the value
   * @throws ConfigException naming the key when it is absent
   */
  default String require(String key) {
    return get(key).orElseThrow(() -> new ConfigException(fullKey(key), null, "a value"));
  }

  /**
   * A string with a default.
   *
   * @param key the key
   * @param defaultValue returned when absent
   * @return the value or the default
   */
  default String string(String key, String defaultValue) {
    return get(key).orElse(defaultValue);
  }

  /**
   * A positive duration.
   *
   * @param key the key
   * @return the duration, empty when absent
   * @throws ConfigException when the value is not a positive duration
   */
  default Optional<Duration> duration(String key) {
    Optional<String> raw = get(key);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    Duration d = parseDuration(raw.get());
    if (d == null || d.isZero()) {
      throw new ConfigException(fullKey(key), raw.get(), "a positive " + DURATION_FORM);
    }
    return Optional.of(d);
  }

  /**
   * A positive duration with a default.
   *
   * @param key the key
   * @param defaultValue returned when absent
   * @return the duration or the default
   * @throws ConfigException when the value is not a positive duration
   */
  default Duration duration(String key, Duration defaultValue) {
    return duration(key).orElse(defaultValue);
  }

  /**
   * An integer within bounds, with a default.
   *
   * @param key the key
   * @param defaultValue returned when absent
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @return the value or the default
   * @throws ConfigException when the value is not an integer from {@code min} to {@code max}
   */
  default int integer(String key, int defaultValue, int min, int max) {
    Optional<String> raw = get(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      int v = Integer.parseInt(raw.get());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(fullKey(key), raw.get(), "an integer from " + min + " to " + max);
  }

  /**
   * A number within bounds, with a default.
   *
   * @param key the key
   * @param defaultValue returned when absent
   * @param min the smallest allowed value
   * @param max the largest allowed value
   * @return the value or the default
   * @throws ConfigException when the value is not a number from {@code min} to {@code max}
   */
  default double number(String key, double defaultValue, double min, double max) {
    Optional<String> raw = get(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    try {
      double v = Double.parseDouble(raw.get());
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(fullKey(key), raw.get(), "a number from " + min + " to " + max);
  }

  /**
   * A boolean with a default.
   *
   * @param key the key
   * @param defaultValue returned when absent
   * @return the value or the default
   * @throws ConfigException when the value is neither {@code true} nor {@code false}
   */
  default boolean bool(String key, boolean defaultValue) {
    Optional<String> raw = get(key);
    if (raw.isEmpty()) {
      return defaultValue;
    }
    String v = raw.get().toLowerCase(Locale.ROOT);
    if (v.equals("true") || v.equals("false")) {
      return Boolean.parseBoolean(v);
    }
    throw new ConfigException(fullKey(key), raw.get(), "true or false");
  }

  /**
   * The settings under a prefix, with the prefix removed from their keys.
   *
   * @param prefix for example {@code "vitals.http."}
   * @return a config over the matching keys; {@link #fullKey(String)} still gives full names
   */
  default Config scoped(String prefix) {
    Map<String, String> sub = new TreeMap<>();
    for (String k : keys()) {
      if (k.startsWith(prefix)) {
        get(k).ifPresent(v -> sub.put(k.substring(prefix.length()), v));
      }
    }
    String outer = fullKey(prefix);
    return new MapConfig(sub, outer);
  }

  /**
   * A config over a map (values are used as given: no {@code ${NAME}} resolution).
   *
   * @param settings keys and values, not null
   * @return an immutable config
   */
  static Config of(Map<String, String> settings) {
    return new MapConfig(settings, "");
  }

  /**
   * Parses a duration such as {@code 250ms}, {@code 10s}, {@code 5m}, {@code 1h} or {@code 7d}
   * (units {@code ns}, {@code us}, {@code ms}, {@code s}, {@code m}, {@code h}, {@code d}).
   *
   * @param text the text
   * @return the duration, or null when the text is not of that form
   */
  static Duration parseDuration(String text) {
    if (text == null) {
      return null;
    }
    // a whole number, optional whitespace, a unit; parsed by hand (a regex costs start-up time)
    String t = text.trim().toLowerCase(Locale.ROOT);
    int digits = 0;
    while (digits < t.length() && t.charAt(digits) >= '0' && t.charAt(digits) <= '9') {
      digits++;
    }
    int unit = digits;
    while (unit < t.length() && isSpace(t.charAt(unit))) {
      unit++;
    }
    if (digits == 0) {
      return null;
    }
    long n;
    try {
      n = Long.parseLong(t.substring(0, digits));
    } catch (NumberFormatException e) {
      return null; // too large
    }
    String u = t.substring(unit);
    try {
      switch (u) {
        case "ns": return Duration.ofNanos(n);
        case "us": return Duration.ofNanos(Math.multiplyExact(n, 1000L));
        case "ms": return Duration.ofMillis(n);
        case "s": return Duration.ofSeconds(n);
        case "m": return Duration.ofMinutes(n);
        case "h": return Duration.ofHours(n);
        case "d": return Duration.ofDays(n);
        default: return null;
      }
    } catch (ArithmeticException e) {
      return null;
    }
  }

  /** The whitespace a duration may have between number and unit: space, tab, line breaks, form feed. */
  private static boolean isSpace(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == '\u000B';
  }

  /**
   * Formats a duration the way configuration writes it, in the largest exact unit.
   *
   * @param d a duration, not negative
   * @return for example {@code 250ms}, {@code 10s}, {@code 5m}
   */
  static String formatDuration(Duration d) {
    long nanos = d.toNanos();
    long[] units = {86_400_000_000_000L, 3_600_000_000_000L, 60_000_000_000L, 1_000_000_000L, 1_000_000L, 1_000L};
    String[] names = {"d", "h", "m", "s", "ms", "us"};
    for (int i = 0; i < units.length; i++) {
      if (nanos != 0 && nanos % units[i] == 0) {
        return nanos / units[i] + names[i];
      }
    }
    return nanos + "ns";
  }
}
