package dev.vitals.exporter.http;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;

/**
 * How the status page writes numbers, latencies, durations and times for people: in {@link Locale#ROOT},
 * times in UTC. Stateless and thread-safe.
 */
final class Formats {

  static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
  static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  static final DateTimeFormatter CLOCK_SECONDS =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  /** A moment, dated, to the second: {@code 2026-11-27 10:41:07 UTC}. */
  static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private Formats() {}

  /** An objective in percent with up to three decimals: {@code 99.9 %}, {@code 99.95 %}, {@code 99 %}. */
  static String objectivePercent(double ratio) {
    BigDecimal pct = BigDecimal.valueOf(ratio).movePointRight(2).setScale(3, RoundingMode.HALF_UP)
        .stripTrailingZeros();
    return (pct.scale() < 0 ? pct.setScale(0) : pct).toPlainString() + " %";
  }

  /**
   * A time range for people, forward and dated, in UTC: {@code 2026-11-27 17:19–17:21 UTC}, with the
   * second date when the range crosses midnight and seconds when it starts and ends in the same minute.
   *
   * @param start the start, not after {@code end}
   * @param end the end
   * @return the range
   */
  static String range(Instant start, Instant end) {
    DateTimeFormatter clock = CLOCK.format(start).equals(CLOCK.format(end))
        && DATE.format(start).equals(DATE.format(end)) ? CLOCK_SECONDS : CLOCK;
    String from = DATE.format(start) + ' ' + clock.format(start);
    if (DATE.format(start).equals(DATE.format(end))) {
      return from + '\u2013' + clock.format(end) + " UTC";
    }
    return from + " \u2013 " + DATE.format(end) + ' ' + clock.format(end) + " UTC";
  }

  /**
   * Formats a latency for people: microseconds below 1 ms, milliseconds below 10 s.
   *
   * @param nanos a latency in nanoseconds
   * @return for example {@code "0.42 ms"}, {@code "12.3 ms"}, {@code "240 ms"} or {@code "1.25 s"}
   */
  static String millis(long nanos) {
    double ms = nanos / 1_000_000.0;
    if (ms < 10) {
      return String.format(Locale.ROOT, "%.2f ms", ms);
    }
    if (ms < 100) {
      return String.format(Locale.ROOT, "%.1f ms", ms);
    }
    if (ms < 1000) {
      return String.format(Locale.ROOT, "%.0f ms", ms);
    }
    return String.format(Locale.ROOT, "%.2f s", ms / 1000);
  }

  /**
   * Formats a duration with its two largest units.
   *
   * @param d a duration, not negative
   * @return for example {@code "3d 4h"}, {@code "5h 12m"}, {@code "12m 5s"} or {@code "42s"}
   */
  static String duration(Duration d) {
    long s = Math.max(0, d.getSeconds());
    long days = s / 86_400;
    long hours = s % 86_400 / 3600;
    long minutes = s % 3600 / 60;
    long seconds = s % 60;
    if (days > 0) {
      return days + "d " + hours + "h";
    }
    if (hours > 0) {
      return hours + "h " + minutes + "m";
    }
    if (minutes > 0) {
      return minutes + "m " + seconds + "s";
    }
    return seconds + "s";
  }

  /** A ratio in percent: whole numbers bare, others with two decimals, never 100 % for less. */
  static String percent(double ratio) {
    double pct = ratio * 100;
    if (pct > 99.99 && pct < 100) {
      return "99.99 %";
    }
    return String.format(Locale.ROOT, pct == Math.rint(pct) ? "%.0f %%" : "%.2f %%", pct);
  }

  /** One decimal. */
  static String fmt1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Two decimals, as SVG coordinates are written. */
  static String fmt2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }
}
