package dev.vitals.core.internal.tracking;

import dev.vitals.api.WindowStats;
import java.util.List;
import java.util.Objects;

/**
 * What a {@link LatencyTracker} held at one moment: its three windows and its totals since creation.
 * Immutable and thread-safe. Latencies are in nanoseconds (see {@link WindowStats}).
 *
 * @param oneMinute the 1-minute window (the current 10-second slot and the 6 before it)
 * @param fiveMinutes the 5-minute window (the current minute so far and the 5 before it)
 * @param oneHour the 1-hour window (the current 5-minute block so far and the 12 before it)
 * @param totalCount operations recorded since the tracker was created
 * @param totalErrors failed operations recorded since the tracker was created, at most
 *     {@code totalCount}
 */
public record LatencySnapshot(WindowStats oneMinute, WindowStats fiveMinutes, WindowStats oneHour,
    long totalCount, long totalErrors) {

  /**
   * Checks the values.
   *
   * @param oneMinute the 1-minute window, not null
   * @param fiveMinutes the 5-minute window, not null
   * @param oneHour the 1-hour window, not null
   * @param totalCount operations since creation, at least 0
   * @param totalErrors failed operations since creation, from 0 to {@code totalCount}
   * @throws NullPointerException if a window is null
   * @throws IllegalArgumentException if a total is negative or {@code totalErrors > totalCount}
   */
  public LatencySnapshot {
    Objects.requireNonNull(oneMinute, "oneMinute");
    Objects.requireNonNull(fiveMinutes, "fiveMinutes");
    Objects.requireNonNull(oneHour, "oneHour");
    if (totalCount < 0 || totalErrors < 0 || totalErrors > totalCount) {
      throw new IllegalArgumentException(
          "need 0 <= totalErrors <= totalCount, was " + totalErrors + ", " + totalCount);
    }
  }

  /**
   * Every window, shortest first, as {@code HealthReport}'s reports list them.
   *
   * @return an immutable list of 1 minute, 5 minutes, 1 hour
   */
  public List<WindowStats> windows() {
    return List.of(oneMinute, fiveMinutes, oneHour);
  }
}
