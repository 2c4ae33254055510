package dev.vitals.api;

import java.util.Locale;

/**
 * The health of one probe, one group of probes or the whole service.
 *
 * <p><b>Aggregation.</b> A group is as healthy as its least healthy member, in this order, from most
 * to least severe: {@link #DOWN}, {@link #UNKNOWN}, {@link #DEGRADED}, {@link #UP}. An empty group is
 * {@code UP}. A non-critical probe contributes at most {@link #DEGRADED}: its {@code DOWN} degrades
 * the service instead of taking it down.
 */
public enum Status {
  /** Working within its budget. */
  UP(0),
  /** Working, but slower than its acceptable budget, or a non-critical part is down. Still available. */
  DEGRADED(1),
  /** No result yet (the probe has not completed its first run). */
  UNKNOWN(2),
  /** Not working. */
  DOWN(3);

  private final int severity;

  Status(int severity) {
    this.severity = severity;
  }

  /**
   * How severe this status is in aggregation: higher is worse ({@code UP} 0, {@code DEGRADED} 1,
   * {@code UNKNOWN} 2, {@code DOWN} 3).
   *
   * @return the severity, from 0 to 3
   */
  public int severity() {
    return severity;
  }

  /**
   * Whether a dependency in this status counts as available for uptime: {@code UP} and
   * {@code DEGRADED} do, {@code DOWN} and {@code UNKNOWN} do not.
   *
   * @return true for {@code UP} and {@code DEGRADED}
   */
  public boolean isAvailable() {
    return this == UP || this == DEGRADED;
  }

  /**
   * The more severe of two statuses.
   *
   * @param other the other status, not null
   * @return {@code this} or {@code other}, whichever is more severe
   */
  public Status worse(Status other) {
    return other.severity > severity ? other : this;
  }

  /**
   * Parses a status name, ignoring case.
   *
   * @param text one of {@code up}, {@code degraded}, {@code down}, {@code unknown}
   * @return the status
   * @throws IllegalArgumentException naming the text and the allowed values when it is none of them
   */
  public static Status parse(String text) {
    for (Status s : values()) {
      if (s.name().equalsIgnoreCase(text == null ? "" : text.trim())) {
        return s;
      }
    }
    throw new IllegalArgumentException(
        "Unknown status '" + text + "'; allowed: up, degraded, down, unknown");
  }

  /**
   * The lower-case name used in configuration and logs.
   *
   * @return for example {@code "degraded"}
   */
  public String id() {
    return name().toLowerCase(Locale.ROOT);
  }
}
