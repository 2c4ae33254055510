package dev.vitals.api.spi;

/**
 * The one rule by which every Vitals writer turns a string into JSON text: the {@code /health}
 * documents, the status page's embedded data, the notifiers' payloads and the HTTP probe's messages.
 * A plugin that writes JSON should use it too.
 *
 * <p>The rule, character by character:
 * <ul>
 *   <li>{@code "} and {@code \} are written {@code \"} and {@code \\};
 *   <li>backspace, form feed, line feed, carriage return and tab are written {@code \b}, {@code \f},
 *       {@code \n}, {@code \r} and {@code \t};
 *   <li>every other control character (U+0000 to U+001F), DEL (U+007F), {@code <}, {@code >},
 *       {@code &}, {@code '} and the line and paragraph separators (U+2028, U+2029) are written
 *       {@code \}{@code uXXXX} with four lower-case hex digits, so the text stays inert inside HTML,
 *       {@code <script>} elements and JavaScript string literals;
 *   <li>a surrogate pair is written as it is; a lone surrogate (one without its other half) is
 *       replaced by U+FFFD, so the text is always well-formed Unicode and every JSON parser reads
 *       it (RFC 8259, section 8.2);
 *   <li>every other character is written as it is (the caller encodes the text as UTF-8).
 * </ul>
 *
 * <p>A JSON parser reads the written text back as the original string, with lone surrogates
 * replaced. Stateless and thread-safe; no method allocates more than the text it returns.
 */
public final class JsonText {

  private static final char[] HEX = "0123456789abcdef".toCharArray();

  private JsonText() {}

  /**
   * A string as a JSON string literal: its {@linkplain #escape(CharSequence) escape} in double quotes.
   *
   * @param s the text, not null
   * @return the JSON string, quotes included
   * @throws NullPointerException if {@code s} is null
   */
  public static String quote(CharSequence s) {
    return appendQuoted(new StringBuilder(s.length() + 16), s).toString();
  }

  /**
   * A string's JSON escape, without the quotes around it.
   *
   * @param s the text, not null
   * @return the escaped text; the same characters when nothing needed escaping
   * @throws NullPointerException if {@code s} is null
   */
  public static String escape(CharSequence s) {
    return appendEscaped(new StringBuilder(s.length() + 16), s).toString();
  }

  /**
   * Appends a string as a JSON string literal, quotes included.
   *
   * @param sb where to append, not null
   * @param s the text, not null
   * @return {@code sb}
   * @throws NullPointerException if either argument is null
   */
  public static StringBuilder appendQuoted(StringBuilder sb, CharSequence s) {
    sb.append('"');
    appendEscaped(sb, s);
    return sb.append('"');
  }

  /**
   * Appends a string's JSON escape, without quotes.
   *
   * @param sb where to append, not null
   * @param s the text, not null
   * @return {@code sb}
   * @throws NullPointerException if either argument is null
   */
  public static StringBuilder appendEscaped(StringBuilder sb, CharSequence s) {
    int n = s.length();
    int run = 0; // start of the characters not yet appended, which need no escape
    for (int i = 0; i < n; i++) {
      char c = s.charAt(i);
      if (c >= 0x80 ? !special(c) : c >= 0x20 && c != '"' && c != '\\' && c != '<' && c != '>' && c != '&'
          && c != '\'' && c != 0x7f) {
        continue;
      }
      if (Character.isHighSurrogate(c) && i + 1 < n && Character.isLowSurrogate(s.charAt(i + 1))) {
        i++; // a pair: written as it is
        continue;
      }
      sb.append(s, run, i);
      run = i + 1;
      switch (c) {
        case '"':
          sb.append("\\\"");
          break;
        case '\\':
          sb.append("\\\\");
          break;
        case '\n':
          sb.append("\\n");
          break;
        case '\r':
          sb.append("\\r");
          break;
        case '\t':
          sb.append("\\t");
          break;
        case '\b':
          sb.append("\\b");
          break;
        case '\f':
          sb.append("\\f");
          break;
        default:
          if (Character.isSurrogate(c)) {
            sb.append('\uFFFD');
          } else {
            sb.append("\\u").append(HEX[(c >> 12) & 0xf]).append(HEX[(c >> 8) & 0xf])
                .append(HEX[(c >> 4) & 0xf]).append(HEX[c & 0xf]);
          }
      }
    }
    return sb.append(s, run, n);
  }

  /** Whether a character from U+0080 up needs more than being written as it is. */
  private static boolean special(char c) {
    return c == '\u2028' || c == '\u2029' || Character.isSurrogate(c);
  }
}
