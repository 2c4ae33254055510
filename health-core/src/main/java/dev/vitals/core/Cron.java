package dev.vitals.core;

import java.time.ZonedDateTime;
import java.util.BitSet;

/**
 * A five-field cron expression ({@code minute hour day-of-month month day-of-week}) with {@code *},
 * lists ({@code 1,15}), ranges ({@code 1-5}) and steps ({@code *}{@code /15}, {@code 0-30/10}).
 * Day of week 0 or 7 is Sunday. As in classic cron, when both day fields are restricted a time
 * matches if either does. Immutable.
 */
final class Cron {

  private final BitSet minutes;
  private final BitSet hours;
  private final BitSet days;
  private final BitSet months;
  private final BitSet weekdays;
  private final boolean daysRestricted;
  private final boolean weekdaysRestricted;
  private final String text;

  private Cron(String text, BitSet minutes, BitSet hours, BitSet days, BitSet months, BitSet weekdays,
      boolean daysRestricted, boolean weekdaysRestricted) {
    this.text = text;
    this.minutes = minutes;
    this.hours = hours;
    this.days = days;
    this.months = months;
    this.weekdays = weekdays;
    this.daysRestricted = daysRestricted;
    this.weekdaysRestricted = weekdaysRestricted;
  }

  /**
   * Parses an expression.
   *
   * @throws IllegalArgumentException saying which field is wrong
   */
  static Cron parse(String text) {
    String[] f = text.trim().split("\\s+");
    if (f.length != 5) {
      throw new IllegalArgumentException("a cron expression has 5 fields (minute hour day-of-month month"
          + " day-of-week), this has " + f.length);
    }
    BitSet weekdays = field(f[4], 0, 7, "day-of-week");
    if (weekdays.get(7)) {
      weekdays.set(0);
    }
    return new Cron(text.trim(), field(f[0], 0, 59, "minute"), field(f[1], 0, 23, "hour"),
        field(f[2], 1, 31, "day-of-month"), field(f[3], 1, 12, "month"), weekdays, !f[2].equals("*"),
        !f[4].equals("*"));
  }

  private static BitSet field(String text, int min, int max, String name) {
    BitSet bits = new BitSet(max + 1);
    for (String part : text.split(",")) {
      int step = 1;
      String range = part;
      int slash = part.indexOf('/');
      if (slash >= 0) {
        step = number(part.substring(slash + 1), 1, max, name);
        range = part.substring(0, slash);
      }
      int from;
      int to;
      if (range.equals("*")) {
        from = min;
        to = max;
      } else if (range.indexOf('-') > 0) {
        from = number(range.substring(0, range.indexOf('-')), min, max, name);
        to = number(range.substring(range.indexOf('-') + 1), min, max, name);
        if (to < from) {
          throw new IllegalArgumentException(name + " range '" + range + "' runs backwards");
        }
      } else {
        from = number(range, min, max, name);
        to = slash >= 0 ? max : from;
      }
      for (int v = from; v <= to; v += step) {
        bits.set(v);
      }
    }
    return bits;
  }

  private static int number(String text, int min, int max, String name) {
    try {
      int v = Integer.parseInt(text);
      if (v >= min && v <= max) {
        return v;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new IllegalArgumentException(name + " '" + text + "' is not a number from " + min + " to " + max);
  }

  /** Whether the minute that contains {@code t} matches. */
  boolean matches(ZonedDateTime t) {
    if (!minutes.get(t.getMinute()) || !hours.get(t.getHour()) || !months.get(t.getMonthValue())) {
      return false;
    }
    boolean day = days.get(t.getDayOfMonth());
    boolean weekday = weekdays.get(t.getDayOfWeek().getValue() % 7);
    if (daysRestricted && weekdaysRestricted) {
      return day || weekday;
    }
    return day && weekday;
  }

  @Override
  public String toString() {
    return text;
  }
}
