package dev.vitals.probes.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The status codes a probe accepts, such as {@code 200-299,304}: a comma-separated list of codes
 * ({@code 204}), ranges ({@code 200-299}) and classes ({@code 2xx}), each from 100 to 599.
 * Immutable and thread-safe.
 */
final class StatusRanges {

  /** What a specification may look like, for error messages. */
  static final String FORM = "status codes from 100 to 599 as a comma-separated list of codes, "
      + "ranges and classes, such as 200-299,304 or 2xx";

  /** The default: any 2xx. */
  static final StatusRanges DEFAULT = parse("200-299");

  private final int[] lows;
  private final int[] highs;
  private final String text;

  private StatusRanges(int[] lows, int[] highs, String text) {
    this.lows = lows;
    this.highs = highs;
    this.text = text;
  }

  /**
   * Parses a specification.
   *
   * @param spec such as {@code 200-299,304}
   * @return the ranges
   * @throws IllegalArgumentException with {@link #FORM} when the specification is malformed
   */
  static StatusRanges parse(String spec) {
    List<int[]> ranges = new ArrayList<>();
    StringBuilder normal = new StringBuilder();
    for (String raw : spec.split(",", -1)) {
      String part = raw.trim().toLowerCase(Locale.ROOT);
      int low;
      int high;
      if (part.matches("[1-5]xx")) {
        low = (part.charAt(0) - '0') * 100;
        high = low + 99;
      } else if (part.matches("\\d{3}")) {
        low = Integer.parseInt(part);
        high = low;
      } else if (part.matches("\\d{3}\\s*-\\s*\\d{3}")) {
        String[] ends = part.split("-");
        low = Integer.parseInt(ends[0].trim());
        high = Integer.parseInt(ends[1].trim());
      } else {
        throw new IllegalArgumentException(FORM);
      }
      if (low < 100 || high > 599 || low > high) {
        throw new IllegalArgumentException(FORM);
      }
      ranges.add(new int[] {low, high});
      if (normal.length() > 0) {
        normal.append(',');
      }
      normal.append(low == high ? Integer.toString(low) : low + "-" + high);
    }
    int[] lows = new int[ranges.size()];
    int[] highs = new int[ranges.size()];
    for (int i = 0; i < ranges.size(); i++) {
      lows[i] = ranges.get(i)[0];
      highs[i] = ranges.get(i)[1];
    }
    return new StatusRanges(lows, highs, normal.toString());
  }

  /**
   * Whether a status code is accepted.
   *
   * @param code an HTTP status code
   * @return true when it is in one of the ranges
   */
  boolean accepts(int code) {
    for (int i = 0; i < lows.length; i++) {
      if (code >= lows[i] && code <= highs[i]) {
        return true;
      }
    }
    return false;
  }

  /** The normalized specification, such as {@code 200-299,304}. */
  @Override
  public String toString() {
    return text;
  }
}
