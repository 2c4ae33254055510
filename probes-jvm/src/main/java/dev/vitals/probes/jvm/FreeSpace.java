package dev.vitals.probes.jvm;

import java.util.Locale;

/**
 * An amount of free space: bytes ({@code 512KB}, {@code 1MB}, {@code 2GB}, {@code 1TB}, {@code 4096B};
 * units of 1,024) or a share of the file system's size ({@code 5%}). Immutable.
 */
final class FreeSpace {

  static final String FORM = "a size such as 512KB, 10MB, 2GB or 1TB (units of 1024 bytes; B for bytes)"
      + " or a percentage of the file system's size from 0% to 100% such as 5%";

  private final long bytes;
  private final double percent;
  private final String text;

  private FreeSpace(long bytes, double percent, String text) {
    this.bytes = bytes;
    this.percent = percent;
    this.text = text;
  }

  /** Parses a value; null when it is not of {@link #FORM}. */
  static FreeSpace parse(String raw) {
    String t = raw.trim().toUpperCase(Locale.ROOT);
    if (t.endsWith("%")) {
      try {
        double p = Double.parseDouble(t.substring(0, t.length() - 1).trim());
        return p >= 0 && p <= 100 && !t.startsWith("+") ? new FreeSpace(-1, p, raw.trim()) : null;
      } catch (NumberFormatException e) {
        return null;
      }
    }
    long unit;
    String number;
    if (t.endsWith("TB")) {
      unit = 1L << 40;
    } else if (t.endsWith("GB")) {
      unit = 1L << 30;
    } else if (t.endsWith("MB")) {
      unit = 1L << 20;
    } else if (t.endsWith("KB")) {
      unit = 1L << 10;
    } else if (t.endsWith("B")) {
      unit = 1;
    } else {
      return null;
    }
    number = t.substring(0, t.length() - (unit == 1 ? 1 : 2)).trim();
    if (number.isEmpty() || !number.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return null;
    }
    try {
      return new FreeSpace(Math.multiplyExact(Long.parseLong(number), unit), -1, raw.trim());
    } catch (ArithmeticException | NumberFormatException e) {
      return null;
    }
  }

  /** The bytes this amount is on a file system of {@code totalBytes}. */
  long bytes(long totalBytes) {
    return percent < 0 ? bytes : (long) Math.ceil(totalBytes * percent / 100.0);
  }

  boolean isPercent() {
    return percent >= 0;
  }

  /** Whether this amount is always at least {@code other}; unknown (true) when one is a percentage and the other not. */
  boolean atLeast(FreeSpace other) {
    if (isPercent() != other.isPercent()) {
      return true;
    }
    return isPercent() ? percent >= other.percent : bytes >= other.bytes;
  }

  @Override
  public String toString() {
    return text;
  }
}
