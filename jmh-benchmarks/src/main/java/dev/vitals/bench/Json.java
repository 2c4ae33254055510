package dev.vitals.bench;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the tools need: reading JMH's result files, wrk's summary line and baseline files,
 * and writing baseline files. Objects become {@code LinkedHashMap}, arrays {@code ArrayList}, numbers
 * {@code Double}. Not a general-purpose library: input is trusted tool output. Stateless and thread-safe.
 */
public final class Json {

  private final String text;
  private int pos;

  private Json(String text) {
    this.text = text;
  }

  /**
   * Parses a document.
   *
   * @param text the JSON text, not null
   * @return a map, list, string, {@code Double}, boolean or null
   * @throws IllegalArgumentException naming the offset, on bad input
   */
  public static Object parse(String text) {
    Json j = new Json(text);
    j.skipSpace();
    Object v = j.value();
    j.skipSpace();
    if (j.pos != text.length()) {
      throw j.error("trailing text");
    }
    return v;
  }

  private Object value() {
    if (pos >= text.length()) {
      throw error("unexpected end");
    }
    char c = text.charAt(pos);
    switch (c) {
      case '{':
        return object();
      case '[':
        return array();
      case '"':
        return string();
      case 't':
        return literal("true", Boolean.TRUE);
      case 'f':
        return literal("false", Boolean.FALSE);
      case 'n':
        return literal("null", null);
      default:
        return number();
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> m = new LinkedHashMap<>();
    pos++;
    skipSpace();
    if (peek() == '}') {
      pos++;
      return m;
    }
    while (true) {
      skipSpace();
      if (peek() != '"') {
        throw error("expected a name");
      }
      String name = string();
      skipSpace();
      expect(':');
      skipSpace();
      m.put(name, value());
      skipSpace();
      char c = next();
      if (c == '}') {
        return m;
      }
      if (c != ',') {
        throw error("expected , or }");
      }
    }
  }

  private List<Object> array() {
    List<Object> l = new ArrayList<>();
    pos++;
    skipSpace();
    if (peek() == ']') {
      pos++;
      return l;
    }
    while (true) {
      skipSpace();
      l.add(value());
      skipSpace();
      char c = next();
      if (c == ']') {
        return l;
      }
      if (c != ',') {
        throw error("expected , or ]");
      }
    }
  }

  private String string() {
    expect('"');
    StringBuilder b = new StringBuilder();
    while (true) {
      char c = next();
      if (c == '"') {
        return b.toString();
      }
      if (c != '\\') {
        b.append(c);
        continue;
      }
      char e = next();
      switch (e) {
        case 'n':
          b.append('\n');
          break;
        case 't':
          b.append('\t');
          break;
        case 'r':
          b.append('\r');
          break;
        case 'b':
          b.append('\b');
          break;
        case 'f':
          b.append('\f');
          break;
        case 'u':
          if (pos + 4 > text.length()) {
            throw error("bad \\u escape");
          }
          b.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          pos += 4;
          break;
        default:
          b.append(e);
      }
    }
  }

  private Double number() {
    int start = pos;
    while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    if (start == pos) {
      throw error("unexpected character '" + text.charAt(pos) + "'");
    }
    return Double.valueOf(text.substring(start, pos));
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("expected " + word);
    }
    pos += word.length();
    return value;
  }

  private void skipSpace() {
    while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
      pos++;
    }
  }

  private char peek() {
    if (pos >= text.length()) {
      throw error("unexpected end");
    }
    return text.charAt(pos);
  }

  private char next() {
    char c = peek();
    pos++;
    return c;
  }

  private void expect(char c) {
    if (next() != c) {
      pos--;
      throw error("expected " + c);
    }
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("bad JSON at offset " + pos + ": " + what);
  }

  /**
   * A number from a parsed value: JMH writes NaN and infinities as strings.
   *
   * @param v a parsed value, may be null
   * @return its number, NaN when it is not one
   */
  public static double number(Object v) {
    if (v instanceof Number) {
      return ((Number) v).doubleValue();
    }
    if (v instanceof String) {
      try {
        return Double.parseDouble((String) v);
      } catch (NumberFormatException e) {
        return Double.NaN;
      }
    }
    return Double.NaN;
  }

  /**
   * Writes a value as indented JSON; non-finite numbers become strings, as JMH writes them.
   *
   * @param v maps, lists, strings, numbers, booleans or null
   * @return the JSON text, ending with a newline
   */
  public static String write(Object v) {
    StringBuilder b = new StringBuilder();
    write(b, v, "");
    return b.append('\n').toString();
  }

  private static void write(StringBuilder b, Object v, String indent) {
    if (v == null) {
      b.append("null");
    } else if (v instanceof String) {
      quote(b, (String) v);
    } else if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      if (Double.isFinite(d)) {
        b.append(d);
      } else {
        quote(b, Double.toString(d));
      }
    } else if (v instanceof Number || v instanceof Boolean) {
      b.append(v);
    } else if (v instanceof Map) {
      String inner = indent + "  ";
      b.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        b.append(first ? "\n" : ",\n").append(inner);
        quote(b, String.valueOf(e.getKey()));
        b.append(": ");
        write(b, e.getValue(), inner);
        first = false;
      }
      b.append(first ? "}" : "\n" + indent + "}");
    } else if (v instanceof List) {
      String inner = indent + "  ";
      b.append('[');
      boolean first = true;
      for (Object o : (List<?>) v) {
        b.append(first ? "\n" : ",\n").append(inner);
        write(b, o, inner);
        first = false;
      }
      b.append(first ? "]" : "\n" + indent + "]");
    } else {
      quote(b, v.toString());
    }
  }

  private static void quote(StringBuilder b, String s) {
    b.append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '"' || c == '\\') {
        b.append('\\').append(c);
      } else if (c < 0x20) {
        b.append(String.format("\\u%04x", (int) c));
      } else {
        b.append(c);
      }
    }
    b.append('"');
  }
}
