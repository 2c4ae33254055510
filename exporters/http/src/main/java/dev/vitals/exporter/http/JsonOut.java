package dev.vitals.exporter.http;

import dev.vitals.api.spi.JsonText;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Map;

/**
 * A small streaming JSON writer: objects, arrays, names and values with commas placed for the
 * caller. Every string is escaped by {@link JsonText}, so the output is valid JSON and safe to embed
 * in HTML ({@code <}, {@code >} and {@code &} become {@code \u003c} ...) and in JavaScript (U+2028,
 * U+2029).
 *
 * <p>Not thread-safe; one instance builds one document.
 */
final class JsonOut {

  private static final long[] POW10 = {1L, 10L, 100L, 1_000L, 10_000L, 100_000L, 1_000_000L};

  private final StringBuilder sb;
  /** Per nesting level: whether the next element is the first (no comma). */
  private final boolean[] first = new boolean[64];
  private int depth;
  /** True right after a name, so the value that follows takes no comma. */
  private boolean afterName;

  JsonOut() {
    this(512);
  }

  JsonOut(int capacity) {
    sb = new StringBuilder(capacity);
  }

  JsonOut beginObject() {
    separate();
    sb.append('{');
    push();
    return this;
  }

  JsonOut endObject() {
    pop();
    sb.append('}');
    return this;
  }

  JsonOut beginArray() {
    separate();
    sb.append('[');
    push();
    return this;
  }

  JsonOut endArray() {
    pop();
    sb.append(']');
    return this;
  }

  /** Writes an object member's name; the next call writes its value. */
  JsonOut name(String name) {
    separate();
    string(name);
    sb.append(':');
    afterName = true;
    return this;
  }

  JsonOut value(String s) {
    separate();
    if (s == null) {
      sb.append("null");
    } else {
      string(s);
    }
    return this;
  }

  JsonOut value(boolean b) {
    separate();
    sb.append(b);
    return this;
  }

  JsonOut value(long n) {
    separate();
    sb.append(n);
    return this;
  }

  JsonOut nullValue() {
    separate();
    sb.append("null");
    return this;
  }

  /**
   * Writes a number rounded to at most {@code maxDecimals} decimal places, in plain notation, with
   * trailing zeros removed but at least one decimal ({@code 100.0}, {@code 1.25}, {@code 0.0}).
   * NaN and infinities are written as {@code null}, which JSON has instead.
   */
  JsonOut fixed(double v, int maxDecimals) {
    separate();
    appendFixed(sb, v, maxDecimals);
    return this;
  }

  /** Writes an instant as ISO-8601 in UTC, to the millisecond, or null. */
  JsonOut value(Instant t) {
    if (t == null) {
      return nullValue();
    }
    return value(t.truncatedTo(ChronoUnit.MILLIS).toString());
  }

  /**
   * Writes a probe's detail value: a string, a boolean or a JDK number (non-finite floating point
   * numbers become {@code null}); anything else as its string form.
   */
  JsonOut detail(Object v) {
    if (v == null) {
      return nullValue();
    }
    if (v instanceof String) {
      return value((String) v);
    }
    if (v instanceof Boolean) {
      return value(((Boolean) v).booleanValue());
    }
    if (v instanceof Integer || v instanceof Long || v instanceof Short || v instanceof Byte
        || v instanceof BigInteger) {
      separate();
      sb.append(v);
      return this;
    }
    if (v instanceof Double || v instanceof Float) {
      double d = ((Number) v).doubleValue();
      separate();
      if (Double.isFinite(d)) {
        sb.append(v); // Double.toString is valid JSON (1.0E-4 included)
      } else {
        sb.append("null");
      }
      return this;
    }
    if (v instanceof BigDecimal) {
      separate();
      sb.append(((BigDecimal) v).toString()); // 1E+3 is valid JSON
      return this;
    }
    return value(String.valueOf(v));
  }

  /** Writes an object of detail values, in the map's order. */
  JsonOut details(Map<String, Object> details) {
    beginObject();
    for (Map.Entry<String, Object> e : details.entrySet()) {
      name(e.getKey()).detail(e.getValue());
    }
    return endObject();
  }

  String asString() {
    if (depth != 0) {
      throw new IllegalStateException("unclosed object or array");
    }
    return sb.toString();
  }

  byte[] toBytes() {
    return asString().getBytes(StandardCharsets.UTF_8);
  }

  private void push() {
    if (depth == first.length) {
      throw new IllegalStateException("JSON nested too deeply");
    }
    first[depth++] = true;
  }

  private void pop() {
    depth--;
    afterName = false;
  }

  private void separate() {
    if (afterName) {
      afterName = false;
      return;
    }
    if (depth > 0) {
      if (first[depth - 1]) {
        first[depth - 1] = false;
      } else {
        sb.append(',');
      }
    }
  }

  private void string(String s) {
    JsonText.appendQuoted(sb, s);
  }

  /**
   * Appends a string's JSON escape (without quotes) by the one rule every Vitals writer follows
   * ({@link JsonText}): the text stays inert inside HTML and script elements and survives UTF-8
   * encoding unchanged.
   */
  static void escape(StringBuilder sb, String s) {
    JsonText.appendEscaped(sb, s);
  }

  static void appendFixed(StringBuilder sb, double v, int maxDecimals) {
    if (maxDecimals < 1 || maxDecimals >= POW10.length) {
      throw new IllegalArgumentException("maxDecimals must be from 1 to " + (POW10.length - 1));
    }
    if (!Double.isFinite(v)) {
      sb.append("null");
      return;
    }
    long scale = POW10[maxDecimals];
    double abs = Math.abs(v);
    if (abs * scale >= 9.0e18) {
      // beyond a long: plain notation from BigDecimal
      sb.append(new BigDecimal(v).setScale(1, java.math.RoundingMode.HALF_UP).toPlainString());
      return;
    }
    long scaled = Math.round(abs * scale);
    if (scaled != 0 && v < 0) {
      sb.append('-');
    }
    sb.append(scaled / scale).append('.');
    long frac = scaled % scale;
    if (frac == 0) {
      sb.append('0');
      return;
    }
    int digits = maxDecimals;
    while (frac % 10 == 0) {
      frac /= 10;
      digits--;
    }
    // leading zeros of the fraction
    for (long p = POW10[digits - 1]; p > frac; p /= 10) {
      sb.append('0');
    }
    sb.append(frac);
  }
}
