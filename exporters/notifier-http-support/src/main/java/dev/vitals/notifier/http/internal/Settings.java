package dev.vitals.notifier.http.internal;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/** Reading the settings every HTTP notifier shares, each mistake reported with key, value and what is allowed. */
public final class Settings {

  private Settings() {}

  /**
   * The {@code timeout} key: a positive duration, at most {@code max}.
   *
   * @param config the notifier's settings
   * @param defaultValue the timeout when the key is absent
   * @param max the longest allowed
   * @return the timeout
   * @throws ConfigException when the value is not a positive duration or above {@code max}
   */
  public static Duration timeout(Config config, Duration defaultValue, Duration max) {
    Duration d = config.duration("timeout", defaultValue);
    if (d.compareTo(max) > 0) {
      throw new ConfigException(config.fullKey("timeout"), config.get("timeout").orElse(""),
          "a positive " + Config.DURATION_FORM + ", at most " + Config.formatDuration(max));
    }
    return d;
  }

  /**
   * An optional single line of text.
   *
   * @param config the notifier's settings
   * @param key the key
   * @param max the most characters allowed
   * @return the text, or empty when the key is absent
   * @throws ConfigException when the value is longer than {@code max} or holds a control character
   */
  public static Optional<String> text(Config config, String key, int max) {
    Optional<String> v = config.get(key);
    if (v.isPresent() && (v.get().length() > max || v.get().chars().anyMatch(Character::isISOControl))) {
      throw new ConfigException(config.fullKey(key), v.get(), "a single line of at most " + max + " characters");
    }
    return v;
  }

  /**
   * Runs one read, adding its {@link ConfigException}'s problems to {@code problems} instead of throwing,
   * so that every mistake of a notifier's settings is reported at once.
   *
   * @param problems where problems are added
   * @param reader the read
   * @param <T> what it reads
   * @return what it read, or null when it failed
   */
  public static <T> T read(List<String> problems, Supplier<T> reader) {
    try {
      return reader.get();
    } catch (ConfigException e) {
      problems.addAll(e.problems());
      return null;
    }
  }
}
