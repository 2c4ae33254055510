package dev.vitals.notifier.http.internal;

import dev.vitals.api.spi.JsonText;
import java.util.Iterator;
import java.util.List;
import java.util.Map;

/**
 * Writes JSON from maps (objects, in their iteration order), lists (arrays), strings, numbers,
 * booleans and null. A number that is not finite is written as {@code null}, since JSON has no NaN or
 * infinity. Strings are written by the one rule every Vitals writer follows ({@link JsonText}: what
 * RFC 8259 requires, plus HTML-significant characters and U+2028/U+2029 as {@code \}{@code uXXXX} escapes, and a
 * lone surrogate as U+FFFD, so the output is always valid UTF-8). Stateless and thread-safe.
 */
public final class JsonWriter {

  private JsonWriter() {}

  /**
   * The JSON text of a value, without white space between tokens.
   *
   * @param value a {@code Map} (keys written with {@code String.valueOf}), a {@code List}, a
   *     {@code String}, a {@code Number}, a {@code Boolean}, or null, nested to any depth; a map or
   *     list must not be changed while it is written
   * @return the JSON text
   * @throws IllegalArgumentException if the value, or a value inside it, is of another type
   */
  public static String write(Object value) {
    StringBuilder sb = new StringBuilder(512);
    write(sb, value);
    return sb.toString();
  }

  private static void write(StringBuilder sb, Object value) {
    if (value == null) {
      sb.append("null");
    } else if (value instanceof String) {
      string(sb, (String) value);
    } else if (value instanceof Boolean) {
      sb.append(value);
    } else if (value instanceof Number) {
      number(sb, (Number) value);
    } else if (value instanceof Map) {
      sb.append('{');
      boolean first = true;
      for (Map.Entry<?, ?> e : ((Map<?, ?>) value).entrySet()) {
        if (!first) {
          sb.append(',');
        }
        first = false;
        string(sb, String.valueOf(e.getKey()));
        sb.append(':');
        write(sb, e.getValue());
      }
      sb.append('}');
    } else if (value instanceof List) {
      sb.append('[');
      for (Iterator<?> it = ((List<?>) value).iterator(); it.hasNext(); ) {
        write(sb, it.next());
        if (it.hasNext()) {
          sb.append(',');
        }
      }
      sb.append(']');
    } else {
      throw new IllegalArgumentException("not a JSON value: " + value.getClass().getName());
    }
  }

  private static void number(StringBuilder sb, Number n) {
    if (n instanceof Double || n instanceof Float) {
      double d = n.doubleValue();
      if (!Double.isFinite(d)) {
        sb.append("null");
      } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
        sb.append((long) d);
      } else {
        sb.append(d);
      }
    } else {
      sb.append(n);
    }
  }

  private static void string(StringBuilder sb, String s) {
    JsonText.appendQuoted(sb, s);
  }
}
