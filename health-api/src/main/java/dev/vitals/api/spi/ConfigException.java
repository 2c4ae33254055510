package dev.vitals.api.spi;

import java.util.List;
import java.util.Objects;

/**
 * A configuration value that is missing or not allowed. The message names the key, the value
 * (masked when the key names a secret) and what is allowed.
 *
 * <p>When the monitor validates a whole configuration it throws one exception listing every
 * problem it found ({@link #problems()}), so a user fixes them all in one go.
 */
public final class ConfigException extends IllegalArgumentException {

  private static final long serialVersionUID = 1L;

  private final List<String> problems;

  /**
   * One problem with one key.
   *
   * @param key the full key, such as {@code vitals.probes.db.interval}
   * @param value the value as given, or null when the key is missing
   * @param allowed what is allowed, such as {@code "a positive duration: 250ms, 10s, 5m, 1h, 7d"}
   */
  public ConfigException(String key, String value, String allowed) {
    this(List.of(describe(key, value, allowed)));
  }

  /**
   * Several problems at once.
   *
   * @param problems one message per problem, not empty
   */
  public ConfigException(List<String> problems) {
    super(join(problems));
    this.problems = List.copyOf(problems);
  }

  /**
   * Each problem found.
   *
   * @return an unmodifiable non-empty list of messages
   */
  public List<String> problems() {
    return problems;
  }

  /**
   * The message for one problem with one key.
   *
   * @param key the full key
   * @param value the value as given, or null when missing
   * @param allowed what is allowed
   * @return for example {@code vitals.probes.db.interval = '0s' is not allowed: expected a positive duration}
   */
  public static String describe(String key, String value, String allowed) {
    Objects.requireNonNull(key, "key");
    if (value == null) {
      return key + " is missing: expected " + allowed;
    }
    return key + " = '" + (isSecretKey(key) ? dev.vitals.api.Redaction.MASK : dev.vitals.api.Redaction.redact(value))
        + "' is not allowed: expected " + allowed;
  }

  /**
   * Whether a key names a secret whose value must never be shown: the rule of
   * {@link dev.vitals.api.Secrets#isSecretKey(String)}.
   *
   * @param key a configuration key
   * @return true for keys whose last segment names a secret (password, token, secret, routing-key,
   *     api-key ...), for header values ({@code headers.<Name>}, except a few standard headers such as
   *     {@code Accept}), and for notifiers' URLs (a Slack webhook URL is a secret)
   */
  public static boolean isSecretKey(String key) {
    return dev.vitals.api.Secrets.isSecretKey(key);
  }

  private static String join(List<String> problems) {
    if (problems.isEmpty()) {
      throw new IllegalArgumentException("a ConfigException needs at least one problem");
    }
    if (problems.size() == 1) {
      return problems.get(0);
    }
    return "Invalid configuration (" + problems.size() + " problems):\n  - " + String.join("\n  - ", problems);
  }
}
