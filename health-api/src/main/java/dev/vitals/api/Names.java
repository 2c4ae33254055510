package dev.vitals.api;

/**
 * The one rule for the names of probes, trackers, notifiers and objectives: {@value #RULE}.
 *
 * <p>A name appears in URLs ({@code /health/{name}}), JSON, metric labels and configuration keys
 * ({@code vitals.probes.<name>.url}, {@code VITALS_PROBES_<NAME>_URL}), so it may not hold a
 * {@code .} (a key separator), a space or anything a URL would have to encode. {@link Probe#of},
 * every probe builder Vitals ships and the engine apply this rule, and all refuse a bad name with
 * the same message, such as {@code probe name 'orders.api' is not allowed: expected 1 to 63
 * letters, digits, '_' or '-', starting with a letter or digit}.
 *
 * <p>Stateless and thread-safe.
 */
public final class Names {

  /** The longest name allowed, in characters. */
  public static final int MAX_LENGTH = 63;

  /** The rule in words, as error messages give it. */
  public static final String RULE = "1 to 63 letters, digits, '_' or '-', starting with a letter or digit";

  /** Longer names are shortened in messages, so a runaway string does not flood a log. */
  private static final int SHOWN = 80;

  private Names() {
  }

  /**
   * Whether a name follows the {@linkplain #RULE rule}: 1 to {@value #MAX_LENGTH} ASCII letters,
   * digits, {@code _} or {@code -}, the first a letter or a digit.
   *
   * @param name a name, or null
   * @return true when the name is allowed; false for null
   */
  public static boolean isValid(String name) {
    // by hand: a regular expression costs start-up time (its character classes are spun at first use)
    if (name == null || name.isEmpty() || name.length() > MAX_LENGTH) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      boolean alnum = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9';
      if (!alnum && (i == 0 || c != '_' && c != '-')) {
        return false;
      }
    }
    return true;
  }

  /**
   * Checks a probe's name.
   *
   * @param name the name
   * @return the name, when it is allowed
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if it is not allowed, with a message that shows it and
   *     gives the rule: {@code probe name 'a.b' is not allowed: expected ...}
   */
  public static String check(String name) {
    return check(name, "probe");
  }

  /**
   * Checks a name of some kind.
   *
   * @param name the name
   * @param what what it names, as the message starts: {@code probe}, {@code tracker} ...
   * @return the name, when it is allowed
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if it is not allowed, with a message that shows it and
   *     gives the rule: {@code <what> name '<name>' is not allowed: expected ...}
   */
  public static String check(String name, String what) {
    java.util.Objects.requireNonNull(name, "name");
    if (!isValid(name)) {
      throw new IllegalArgumentException(what + " name " + quoted(name) + " is not allowed: expected " + RULE);
    }
    return name;
  }

  private static String quoted(String name) {
    return name.length() <= SHOWN ? "'" + name + "'"
        : "'" + name.substring(0, SHOWN) + "...' (" + name.length() + " characters)";
  }
}
