package dev.vitals.probes.http;

import dev.vitals.api.spi.ConfigException;

/**
 * A setting with a value that is not allowed. Builders throw it (it is an
 * {@link IllegalArgumentException}); factories turn it into a {@link ConfigException} naming the full
 * configuration key.
 */
final class BadValue extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  /** The configuration key the setting is read from, relative to the probe (such as {@code url}). */
  final String key;
  /** The value as given, already masked where it is secret; null when missing. */
  final String value;
  /** What is allowed. */
  final String allowed;

  BadValue(String key, String value, String allowed) {
    super(ConfigException.describe(key, value, allowed));
    this.key = key;
    this.value = value;
    this.allowed = allowed;
  }

  /**
   * This problem as a configuration message with the full key.
   *
   * @param fullKey the full key, such as {@code vitals.probes.api.url}
   * @return the message
   */
  String describe(String fullKey) {
    return ConfigException.describe(fullKey, value, allowed);
  }
}
