package dev.vitals.bench;

import dev.vitals.api.spi.JsonText;
import java.util.List;
import java.util.Map;

/**
 * The little JSON the tools need: reading JMH's result files, wrk's summary line and baseline files,
 * and writing baseline files. Parsing is health-test's strict {@code Json}; numbers are
 * read with {@link #number(Object)}. Not a general-purpose library: input is trusted tool output. Stateless and thread-safe.
 */
public final class ToolJson {

  private ToolJson() {}

  /**
   * Parses a document with health-test's strict parser.
   *
   * @param text the JSON text, not null
   * @return a map, list, string, {@code BigDecimal}, boolean or null
   * @throws IllegalArgumentException naming the offset, on bad input
   */
  public static Object parse(String text) {
    return dev.vitals.test.Json.parse(text);
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
    JsonText.appendQuoted(b, s);
  }
}
