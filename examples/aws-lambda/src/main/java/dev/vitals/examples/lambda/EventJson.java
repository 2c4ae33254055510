package dev.vitals.examples.lambda;

import dev.vitals.api.spi.JsonText;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The JSON that {@link LocalRuntime} reads events from and writes responses with, as the Lambda runtime's
 * serializer does for a {@code Map<String, Object>} handler: objects become {@code LinkedHashMap}s, arrays
 * {@code ArrayList}s, whole numbers {@code Integer} or {@code Long}, other numbers {@code Double}. Small on
 * purpose (the runtime's own serializer is not on a function's class path). Stateless.
 */
final class EventJson {

  private final String text;
  private int pos;

  private EventJson(String text) {
    this.text = text;
  }

  /**
   * Parses one JSON value.
   *
   * @param text the JSON text
   * @return the value: a map, a list, a string, a number, a boolean or null
   * @throws IllegalArgumentException naming the offset of the first mistake
   */
  static Object parse(String text) {
    EventJson p = new EventJson(text);
    p.space();
    Object v = p.value();
    p.space();
    if (p.pos != text.length()) {
      throw p.error("text after the value");
    }
    return v;
  }

  private Object value() {
    if (pos >= text.length()) {
      throw error("a value expected");
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
        if (c == '-' || (c >= '0' && c <= '9')) {
          return number();
        }
        throw error("unexpected '" + c + "'");
    }
  }

  private Map<String, Object> object() {
    Map<String, Object> out = new LinkedHashMap<>();
    pos++;
    space();
    if (peek('}')) {
      pos++;
      return out;
    }
    while (true) {
      space();
      if (!peek('"')) {
        throw error("a member name expected");
      }
      String key = string();
      space();
      expect(':');
      space();
      out.put(key, value());
      space();
      if (peek(',')) {
        pos++;
      } else {
        expect('}');
        return out;
      }
    }
  }

  private List<Object> array() {
    List<Object> out = new ArrayList<>();
    pos++;
    space();
    if (peek(']')) {
      pos++;
      return out;
    }
    while (true) {
      space();
      out.add(value());
      space();
      if (peek(',')) {
        pos++;
      } else {
        expect(']');
        return out;
      }
    }
  }

  private String string() {
    pos++;
    StringBuilder sb = new StringBuilder();
    while (pos < text.length()) {
      char c = text.charAt(pos++);
      if (c == '"') {
        return sb.toString();
      }
      if (c != '\\') {
        if (c < 0x20) {
          throw error("a control character in a string");
        }
        sb.append(c);
        continue;
      }
      if (pos >= text.length()) {
        break;
      }
      char e = text.charAt(pos++);
      switch (e) {
        case '"': case '\\': case '/':
          sb.append(e);
          break;
        case 'b':
          sb.append('\b');
          break;
        case 'f':
          sb.append('\f');
          break;
        case 'n':
          sb.append('\n');
          break;
        case 'r':
          sb.append('\r');
          break;
        case 't':
          sb.append('\t');
          break;
        case 'u':
          if (pos + 4 > text.length()) {
            throw error("a short \\u escape");
          }
          try {
            sb.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
          } catch (NumberFormatException x) {
            throw error("a bad \\u escape");
          }
          pos += 4;
          break;
        default:
          throw error("a bad escape \\" + e);
      }
    }
    throw error("an unterminated string");
  }

  private Object number() {
    int start = pos;
    if (peek('-')) {
      pos++;
    }
    while (pos < text.length() && "0123456789.eE+-".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
    String n = text.substring(start, pos);
    try {
      BigDecimal d = new BigDecimal(n);
      if (n.indexOf('.') < 0 && n.indexOf('e') < 0 && n.indexOf('E') < 0) {
        long l = d.longValueExact();
        return l == (int) l ? (Object) (int) l : (Object) l;
      }
      return Double.parseDouble(n);
    } catch (NumberFormatException | ArithmeticException e) {
      throw error("a bad number " + n);
    }
  }

  private Object literal(String word, Object value) {
    if (!text.startsWith(word, pos)) {
      throw error("unexpected text");
    }
    pos += word.length();
    return value;
  }

  private void space() {
    while (pos < text.length() && " \t\r\n".indexOf(text.charAt(pos)) >= 0) {
      pos++;
    }
  }

  private boolean peek(char c) {
    return pos < text.length() && text.charAt(pos) == c;
  }

  private void expect(char c) {
    if (!peek(c)) {
      throw error("'" + c + "' expected");
    }
    pos++;
  }

  private IllegalArgumentException error(String what) {
    return new IllegalArgumentException("not JSON at offset " + pos + ": " + what);
  }

  /**
   * Writes a value as JSON: maps, collections, strings, numbers, booleans and null; anything else as its
   * {@code toString()}, quoted.
   *
   * @param value the value
   * @return one line of JSON
   */
  static String write(Object value) {
    StringBuilder sb = new StringBuilder();
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object v) {
    if (v == null) {
      sb.append("null");
    } else if (v instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        quote(sb, String.valueOf(e.getKey()));
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (v instanceof Collection) {
      sb.append('[');
      boolean first = true;
      for (Object o : (Collection<?>) v) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        write(sb, o);
      }
      sb.append(']');
    } else if (v instanceof Boolean || (v instanceof Number && isFinite((Number) v))) {
      sb.append(v);
    } else {
      quote(sb, v.toString());
    }
  }

  private static boolean isFinite(Number n) {
    return !(n instanceof Double || n instanceof Float) || Double.isFinite(n.doubleValue());
  }

  private static void quote(StringBuilder sb, String s) {
    JsonText.appendQuoted(sb, s);
  }
}
