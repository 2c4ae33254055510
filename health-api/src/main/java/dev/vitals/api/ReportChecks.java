package dev.vitals.api;

import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/** The rules the report values share, checked once here: scores, ratios, durations. */
final class ReportChecks {

  private ReportChecks() {}

  /** A health score: 0 to 100, not NaN. */
  static double score(double score) {
    if (!(score >= 0 && score <= 100)) {
      throw new IllegalArgumentException("score must be from 0 to 100, was " + score);
    }
    return score;
  }

  /** A positive duration. */
  static Duration positive(Duration d, String what) {
    Objects.requireNonNull(d, what);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(what + " must be positive, was " + d);
    }
    return d;
  }

  /** Operation counts: {@code 0 <= bad <= total}. */
  static void counts(long total, long bad, String totalName, String badName) {
    if (total < 0 || bad < 0 || bad > total) {
      throw new IllegalArgumentException("need 0 <= " + badName + " <= " + totalName + ", was " + badName + "=" + bad
          + ", " + totalName + "=" + total);
    }
  }

  /** An unmodifiable copy, in the same order, of ratios from 0 to 1 by window key. */
  static Map<String, Double> ratios(Map<String, Double> ratios, String what) {
    Map<String, Double> copy = new LinkedHashMap<>(ratios);
    for (Map.Entry<String, Double> e : copy.entrySet()) {
      Objects.requireNonNull(e.getKey(), what + " key");
      Double v = Objects.requireNonNull(e.getValue(), what + " '" + e.getKey() + "'");
      if (!(v >= 0 && v <= 1)) {
        throw new IllegalArgumentException(what + " '" + e.getKey() + "' must be a ratio from 0 to 1, was " + v);
      }
    }
    return Collections.unmodifiableMap(copy);
  }
}
