package dev.vitals.test;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.function.Function;

/**
 * The one set of test vectors for the JSON string rule ({@link dev.vitals.api.spi.JsonText}): control
 * characters, quotes, backslash, the HTML-significant characters, U+2028 and U+2029, surrogate pairs,
 * lone surrogates and other non-ASCII text, each with the exact text every Vitals writer must produce.
 * Each module that writes JSON checks its writer against them with
 * {@link #assertQuotes(String, Function)}, so the writers cannot drift apart.
 *
 * <p>Immutable and thread-safe.
 */
public final class JsonVectors {

  /**
   * One vector: a string and its JSON escape (without the quotes).
   *
   * @param name what the vector shows, for failure messages
   * @param text the string a writer is given
   * @param escaped exactly what the writer must put between the quotes
   */
  public record Vector(String name, String text, String escaped) {

    /**
     * Checks that no component is null.
     *
     * @throws NullPointerException if a component is null
     */
    public Vector {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(text, "text");
      Objects.requireNonNull(escaped, "escaped");
    }

    /**
     * What a JSON parser reads back: the text with each lone surrogate replaced by U+FFFD.
     *
     * @return the decoded string
     */
    public String decoded() {
      StringBuilder sb = new StringBuilder(text.length());
      for (int i = 0; i < text.length(); i++) {
        char c = text.charAt(i);
        if (Character.isHighSurrogate(c) && i + 1 < text.length() && Character.isLowSurrogate(text.charAt(i + 1))) {
          sb.append(c).append(text.charAt(++i));
        } else {
          sb.append(Character.isSurrogate(c) ? '\uFFFD' : c);
        }
      }
      return sb.toString();
    }
  }

  private static final List<Vector> ALL = List.of(
      new Vector("empty", "", ""),
      new Vector("plain ASCII", "db-primary 42 ok", "db-primary 42 ok"),
      new Vector("double quote", "say \"hi\"", "say \\\"hi\\\""),
      new Vector("backslash", "C:\\temp\\", "C:\\\\temp\\\\"),
      new Vector("slash is not escaped", "a/b</", "a/b\\u003c/"),
      new Vector("named control characters", "\b\f\n\r\t", "\\b\\f\\n\\r\\t"),
      new Vector("NUL", "a\u0000b", "a\\u0000b"),
      new Vector("other control characters", "\u0001\u001b\u001f", "\\u0001\\u001b\\u001f"),
      new Vector("DEL", "x\u007fy", "x\\u007fy"),
      new Vector("HTML and script are inert", "</script><b a='x'>&amp;",
          "\\u003c/script\\u003e\\u003cb a=\\u0027x\\u0027\\u003e\\u0026amp;"),
      new Vector("JavaScript line separators", "a\u2028b\u2029c", "a\\u2028b\\u2029c"),
      new Vector("non-ASCII as it is", "Zürich ✓ 日本 \u0085\u00a0\ufeff", "Zürich ✓ 日本 \u0085\u00a0\ufeff"),
      new Vector("surrogate pair as it is", "face \uD83D\uDE00!", "face \uD83D\uDE00!"),
      new Vector("lone high surrogate", "x\uD83Dy", "x\uFFFDy"),
      new Vector("lone low surrogate", "x\uDE00y", "x\uFFFDy"),
      new Vector("high surrogate at the end", "x\uD83D", "x\uFFFD"),
      new Vector("low surrogate at the start", "\uDE00x", "\uFFFDx"),
      new Vector("pair in the wrong order", "\uDE00\uD83D", "\uFFFD\uFFFD"),
      new Vector("lone high before a pair", "\uD83D\uD83D\uDE00", "\uFFFD\uD83D\uDE00"),
      new Vector("everything together", "\"\\\n\u0001<\u2028\uD83D\uDE00\uDE00é",
          "\\\"\\\\\\n\\u0001\\u003c\\u2028\uD83D\uDE00\uFFFDé"));

  private JsonVectors() {}

  /**
   * Every vector.
   *
   * @return the vectors, unmodifiable
   */
  public static List<Vector> all() {
    return ALL;
  }

  /**
   * Checks a writer against every vector: for each, the writer's JSON for the string must be exactly
   * the vector's escape in double quotes, and must parse back (with {@link Json}) to the vector's
   * {@linkplain Vector#decoded() decoded} string.
   *
   * @param writer the writer's name, for the failure message
   * @param quote writes one string value as a JSON document (a string literal), not null
   * @throws AssertionError naming every vector the writer got wrong, with what it wrote
   */
  public static void assertQuotes(String writer, Function<? super String, String> quote) {
    Objects.requireNonNull(quote, "quote");
    List<String> wrong = new ArrayList<>();
    for (Vector v : ALL) {
      String expected = '"' + v.escaped() + '"';
      String actual;
      try {
        actual = quote.apply(v.text());
      } catch (RuntimeException e) {
        wrong.add(v.name() + ": threw " + e);
        continue;
      }
      if (!expected.equals(actual)) {
        wrong.add(v.name() + ": expected " + visible(expected) + " but was " + visible(actual));
        continue;
      }
      Object back = Json.parse(actual);
      if (!v.decoded().equals(back)) {
        wrong.add(v.name() + ": reads back as " + visible(String.valueOf(back)));
      }
    }
    if (!wrong.isEmpty()) {
      throw new AssertionError(writer + " does not follow the JSON string rule for " + wrong.size() + " of "
          + ALL.size() + " vectors:\n  " + String.join("\n  ", wrong));
    }
  }

  /** Text with every character outside printable ASCII shown as {@code U+XXXX}, so a failure is legible. */
  private static String visible(String s) {
    if (s == null) {
      return "null";
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c >= 0x20 && c < 0x7f) {
        sb.append(c);
      } else {
        sb.append(String.format("<U+%04X>", (int) c));
      }
    }
    return sb.toString();
  }
}
