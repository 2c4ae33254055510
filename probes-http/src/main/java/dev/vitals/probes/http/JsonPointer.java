package dev.vitals.probes.http;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A JSON Pointer (RFC 6901) such as {@code /status} or {@code /checks/0/name}, evaluated over values
 * from {@link JsonBody#parse(String)}. {@code ~1} stands for {@code /} and {@code ~0} for {@code ~} in a
 * reference token; the empty pointer is the whole document. Immutable and thread-safe.
 */
final class JsonPointer {

  private final String text;
  private final List<String> tokens;

  private JsonPointer(String text, List<String> tokens) {
    this.text = text;
    this.tokens = tokens;
  }

  /**
   * Parses a pointer.
   *
   * @param text the pointer, not null
   * @return the pointer
   * @throws IllegalArgumentException when the text is neither empty nor starts with {@code /}, or has a
   *     {@code ~} not followed by {@code 0} or {@code 1}
   */
  static JsonPointer parse(String text) {
    if (text.isEmpty()) {
      return new JsonPointer(text, List.of());
    }
    if (text.charAt(0) != '/') {
      throw new IllegalArgumentException("a JSON pointer is empty or starts with '/'");
    }
    List<String> tokens = new ArrayList<>();
    StringBuilder token = new StringBuilder();
    for (int i = 1; i <= text.length(); i++) {
      if (i == text.length() || text.charAt(i) == '/') {
        tokens.add(token.toString());
        token.setLength(0);
        continue;
      }
      char c = text.charAt(i);
      if (c == '~') {
        char next = i + 1 < text.length() ? text.charAt(i + 1) : '\0';
        if (next == '0') {
          token.append('~');
        } else if (next == '1') {
          token.append('/');
        } else {
          throw new IllegalArgumentException("'~' in a JSON pointer must be followed by 0 or 1");
        }
        i++;
      } else {
        token.append(c);
      }
    }
    return new JsonPointer(text, Collections.unmodifiableList(tokens));
  }

  /**
   * The value this pointer refers to in a document.
   *
   * @param document a parsed document
   * @return the value ({@link JsonBody#NULL} for a JSON null), empty when the pointer refers to nothing
   */
  Optional<Object> resolve(Object document) {
    Object current = document;
    for (String token : tokens) {
      if (current instanceof Map) {
        Map<?, ?> object = (Map<?, ?>) current;
        if (!object.containsKey(token)) {
          return Optional.empty();
        }
        current = object.get(token);
      } else if (current instanceof List) {
        List<?> array = (List<?>) current;
        int index = arrayIndex(token);
        if (index < 0 || index >= array.size()) {
          return Optional.empty();
        }
        current = array.get(index);
      } else {
        return Optional.empty();
      }
    }
    return Optional.of(current);
  }

  /** An array index: digits without a leading zero, or -1 when the token is not one. */
  private static int arrayIndex(String token) {
    if (token.isEmpty() || token.length() > 9 || (token.length() > 1 && token.charAt(0) == '0')) {
      return -1;
    }
    for (int i = 0; i < token.length(); i++) {
      if (token.charAt(i) < '0' || token.charAt(i) > '9') {
        return -1;
      }
    }
    return Integer.parseInt(token);
  }

  @Override
  public String toString() {
    return text;
  }
}
