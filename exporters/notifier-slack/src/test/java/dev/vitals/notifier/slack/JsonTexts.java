package dev.vitals.notifier.slack;

import java.util.List;
import java.util.Map;

/** Joins every string of a parsed JSON document, to search a payload's texts at once. */
final class JsonTexts {

  private JsonTexts() {}

  static String rewrite(Object value) {
    StringBuilder sb = new StringBuilder();
    collect(value, sb);
    return sb.toString();
  }

  private static void collect(Object v, StringBuilder sb) {
    if (v instanceof Map) {
      for (Map.Entry<?, ?> e : ((Map<?, ?>) v).entrySet()) {
        sb.append(e.getKey()).append('\n');
        collect(e.getValue(), sb);
      }
    } else if (v instanceof List) {
      for (Object o : (List<?>) v) {
        collect(o, sb);
      }
    } else {
      sb.append(v).append('\n');
    }
  }
}
