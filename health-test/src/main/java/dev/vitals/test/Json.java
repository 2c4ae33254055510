package dev.vitals.test;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * A strict JSON parser (RFC 8259) for tests that check what a module writes: an object becomes a
 * {@link LinkedHashMap} in document order, an array an {@link ArrayList}, a string a {@link String},
 * a number a {@link BigDecimal} (exactly as written: {@code 1.0} and {@code 1} differ), {@code true}
 * and {@code false} a {@link Boolean}, and {@code null} {@code null}. Whatever the RFC does not
 * allow is an error: a duplicate member name, a trailing comma, a leading zero, an unescaped control
 * character, a bad escape, a comment, text after the value.
 *
 * <p>It is written apart from any writer in the code under test, so a bug in the writer cannot hide
 * in the reader. The maps and lists it returns are the caller's (mutable, not shared). Stateless and
 * thread-safe; nesting is limited only by the calling thread's stack.
 */
public final class Json {

  /** Characters of the text shown around the position of an error. */
  private static final int CONTEXT = 40;

  private final String s;
  private int i;

  private Json(String s) {
    this.s = s;
  }

  /**
   * Parses one JSON text.
   *
   * @param text the JSON text, not null; white space around the value is allowed
   * @return a {@code Map<String, Object>}, {@code List<Object>}, {@link String}, {@link BigDecimal},
   *     {@link Boolean}, or null for the literal {@code null}
   * @throws IllegalArgumentException if the text is not exactly one valid JSON value; the message
   *     names what was wrong and the character offset
   * @throws NullPointerException if {@code text} is null
   */
  public static Object parse(String text) {
    Json p = new Json(Objects.requireNonNull(text, "text"));
    p.ws();
    Object v = p.value();
    p.ws();
    if (p.i != text.length()) {
      throw p.error("trailing characters");
    }
    return v;
  }

  /**
   * Parses a JSON text that must be an object.
   *
   * @param text the JSON text, not null
   * @return its members, in document order
   * @throws IllegalArgumentException if the text is not valid JSON, or is valid JSON but not an object
   * @throws NullPointerException if {@code text} is null
   */
  @SuppressWarnings("unchecked")
  public static Map<String, Object> parseObject(String text) {
    Object v = parse(text);
    if (!(v instanceof Map)) {
      throw new IllegalArgumentException("not a JSON object but " + kind(v) + ": " + excerpt(text, 0));
    }
    return (Map<String, Object>) v;
  }

  /**
   * Parses a JSON text that must be an array.
   *
   * @param text the JSON text, not null
   * @return its elements, in document order
   * @throws IllegalArgumentException if the text is not valid JSON, or is valid JSON but not an array
   * @throws NullPointerException if {@code text} is null
   */
  @SuppressWarnings("unchecked")
  public static List<Object> parseArray(String text) {
    Object v = parse(text);
    if (!(v instanceof List)) {
      throw new IllegalArgumentException("not a JSON array but " + kind(v) + ": " + excerpt(text, 0));
    }
    return (List<Object>) v;
  }

  private static String kind(Object v) {
    if (v == null) {
      return "null";
    }
    if (v instanceof Map) {
      return "an object";
    }
    if (v instanceof List) {
      return "an array";
    }
    if (v instanceof String) {
      return "a string";
    }
    return v instanceof Boolean ? "a boolean" : "a number";
  }

  private Object value() {
    if (i >= s.length()) {
      throw error("unexpected end");
    }
    char c = s.charAt(i);
    switch (c) {
      case '{': return obj();
      case '[': return arr();
      case '"': return str();
      case 't': return literal("true", Boolean.TRUE);
      case 'f': return literal("false", Boolean.FALSE);
      case 'n': return literal("null", null);
      default: return num();
    }
  }

  private Map<String, Object> obj() {
    Map<String, Object> m = new LinkedHashMap<>();
    i++;
    ws();
    if (peek() == '}') {
      i++;
      return m;
    }
    while (true) {
      ws();
      if (peek() != '"') {
        throw error("expected a member name");
      }
      int at = i;
      String k = str();
      ws();
      expect(':');
      ws();
      if (m.containsKey(k)) {
        i = at;
        throw error("duplicate member \"" + k + "\"");
      }
      m.put(k, value());
      ws();
      char c = next();
      if (c == '}') {
        return m;
      }
      if (c != ',') {
        i--;
        throw error("expected , or }");
      }
    }
  }

  private List<Object> arr() {
    List<Object> l = new ArrayList<>();
    i++;
    ws();
    if (peek() == ']') {
      i++;
      return l;
    }
    while (true) {
      ws();
      l.add(value());
      ws();
      char c = next();
      if (c == ']') {
        return l;
      }
      if (c != ',') {
        i--;
        throw error("expected , or ]");
      }
    }
  }

  private String str() {
    expect('"');
    StringBuilder sb = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return sb.toString();
      }
      if (c < 0x20) {
        i--;
        throw error("unescaped control character");
      }
      if (c != '\\') {
        sb.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case '"': sb.append('"'); break;
        case '\\': sb.append('\\'); break;
        case '/': sb.append('/'); break;
        case 'b': sb.append('\b'); break;
        case 'f': sb.append('\f'); break;
        case 'n': sb.append('\n'); break;
        case 'r': sb.append('\r'); break;
        case 't': sb.append('\t'); break;
        case 'u':
          sb.append(hex4());
          break;
        default:
          i -= 2;
          throw error("bad escape \\" + e);
      }
    }
  }

  private char hex4() {
    int v = 0;
    for (int k = 0; k < 4; k++) {
      int d = i < s.length() ? Character.digit(s.charAt(i), 16) : -1;
      if (d < 0) {
        throw error("expected 4 hex digits after \\u");
      }
      v = v * 16 + d;
      i++;
    }
    return (char) v;
  }

  private BigDecimal num() {
    int start = i;
    if (peek() == '-') {
      i++;
    }
    if (peek() == '0') {
      i++;
    } else if (isDigit(peek())) {
      while (isDigit(peek())) {
        i++;
      }
    } else {
      throw error("unexpected character");
    }
    if (peek() == '.') {
      i++;
      if (!isDigit(peek())) {
        throw error("digit expected after .");
      }
      while (isDigit(peek())) {
        i++;
      }
    }
    if (peek() == 'e' || peek() == 'E') {
      i++;
      if (peek() == '+' || peek() == '-') {
        i++;
      }
      if (!isDigit(peek())) {
        throw error("digit expected in exponent");
      }
      while (isDigit(peek())) {
        i++;
      }
    }
    return new BigDecimal(s.substring(start, i));
  }

  /** Only ASCII digits: {@link Character#isDigit} accepts other scripts' digits too. */
  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private Object literal(String word, Object value) {
    if (!s.startsWith(word, i)) {
      throw error("unexpected literal");
    }
    i += word.length();
    return value;
  }

  private void ws() {
    while (i < s.length() && (s.charAt(i) == ' ' || s.charAt(i) == '\t' || s.charAt(i) == '\n' || s.charAt(i) == '\r')) {
      i++;
    }
  }

  private char peek() {
    return i < s.length() ? s.charAt(i) : '\0';
  }

  private char next() {
    if (i >= s.length()) {
      throw error("unexpected end");
    }
    return s.charAt(i++);
  }

  private void expect(char c) {
    if (peek() != c) {
      throw error("expected " + c);
    }
    i++;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException(what + " at offset " + i + ": " + excerpt(s, i));
  }

  /** The text around an offset, quoted, with {@code ...} where it was cut. */
  private static String excerpt(String text, int at) {
    int from = Math.max(0, at - CONTEXT);
    int to = Math.min(text.length(), at + CONTEXT);
    return (from > 0 ? "..." : "") + "'" + text.substring(from, to) + "'" + (to < text.length() ? "..." : "");
  }
}
