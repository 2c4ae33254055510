package dev.vitals.probes.http;

import dev.vitals.api.Secrets;
import java.time.Duration;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * The checks of an {@link HttpProbe} on the response body: a literal text, a regular expression
 * (stopped at the deadline) and a JSON Pointer, optionally with the value it must refer to. A body
 * quoted in a message is scrubbed of the probe's secrets first, and cut to 100 characters. Immutable
 * and thread-safe.
 */
final class BodyChecks {

  private final String contains;
  private final Pattern regex;
  private final JsonPointer pointer;
  private final Object expected;
  private final Secrets secrets;
  private final Duration timeout;

  /**
   * @param contains text the body must contain, or null
   * @param regex a pattern found in the body, or null
   * @param pointer a JSON Pointer that must refer to a value, or null
   * @param expected the value the pointer must refer to (parsed JSON), or null for any
   * @param secrets scrubbed from every quoted body
   * @param timeout the probe's timeout, named when the regex runs out of time
   */
  BodyChecks(String contains, Pattern regex, JsonPointer pointer, Object expected, Secrets secrets, Duration timeout) {
    this.contains = contains;
    this.regex = regex;
    this.pointer = pointer;
    this.expected = expected;
    this.secrets = secrets;
    this.timeout = timeout;
  }

  /** Whether there is any check, so the body must be read (up to {@link HttpProbe#MAX_BODY_BYTES}). */
  boolean readsBody() {
    return contains != null || regex != null || pointer != null;
  }

  /**
   * What is wrong with the body.
   *
   * @param body the body read
   * @param deadline the check's deadline in {@link System#nanoTime()} terms
   * @return the problem, or null when every body check passes (or there is none)
   */
  String problem(BodyCollector.Body body, long deadline) {
    if (!readsBody()) {
      return null;
    }
    if (body.tooLarge()) {
      return "response body is larger than the " + HttpProbe.MAX_BODY_BYTES + " bytes the body checks read";
    }
    String text = body.text();
    if (contains != null && !text.contains(contains)) {
      return "response body does not contain '" + contains + "' (body-contains); it starts with '"
          + excerpt(secrets.scrub(text)) + "'";
    }
    Boolean found = regex == null ? Boolean.TRUE : find(regex, text, deadline);
    if (found == null) {
      return "body-regex '" + regex.pattern() + "' did not finish within the timeout (" + HttpProbe.format(timeout) + ")";
    }
    if (!found) {
      return "response body does not match the regular expression '" + regex.pattern() + "' (body-regex); "
          + "it starts with '" + excerpt(secrets.scrub(text)) + "'";
    }
    if (pointer != null) {
      Object document;
      try {
        document = JsonBody.parse(text);
      } catch (JsonBody.ParseException e) {
        return "response body is not JSON, so json-pointer " + pointer + " cannot be checked: " + e.getMessage();
      }
      Optional<Object> value = pointer.resolve(document);
      if (value.isEmpty()) {
        return "JSON pointer " + pointerText() + " refers to nothing in the response body";
      }
      if (expected != null && !JsonBody.same(value.get(), expected)) {
        return "JSON pointer " + pointerText() + " is " + excerpt(secrets.scrub(JsonBody.write(value.get()))) + ", expected "
            + excerpt(JsonBody.write(expected)) + " (json-equals)";
      }
    }
    return null;
  }

  /** Whether the pattern is found; null when the deadline passed first (a regex cannot be interrupted). */
  private static Boolean find(Pattern pattern, String text, long deadline) {
    try {
      return pattern.matcher(new DeadlineText(text, deadline)).find();
    } catch (DeadlineText.Expired e) {
      return null;
    }
  }

  private String pointerText() {
    return pointer.toString().isEmpty() ? "'' (the whole document)" : pointer.toString();
  }

  private static String excerpt(String text) {
    String flat = text.replaceAll("\\s+", " ").trim();
    return flat.length() <= 100 ? flat : flat.substring(0, 100) + "...";
  }
}
