package dev.vitals.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How a monitor's history store is doing, in every report of a monitor that has one.
 *
 * @param store what the store is: {@code file:/var/lib/app/vitals}, a JDBC URL without credentials
 * @param minutesWritten minute records written since the monitor started
 * @param failures failed attempts to write since the monitor started
 * @param pending minute records waiting to be written (kept in memory, bounded)
 * @param dropped minute records dropped since the monitor started because the store stayed unavailable
 *     longer than the memory kept for them
 * @param lastWrite when a write last succeeded; empty before the first
 * @param problem why the last attempt failed (redacted), empty while writes succeed
 */
public record HistoryStats(String store, long minutesWritten, long failures, int pending, long dropped,
    Optional<Instant> lastWrite, Optional<String> problem) {

  /**
   * Checks for nulls.
   *
   * @param store see {@link #store()}
   * @param minutesWritten see {@link #minutesWritten()}
   * @param failures see {@link #failures()}
   * @param pending see {@link #pending()}
   * @param dropped see {@link #dropped()}
   * @param lastWrite see {@link #lastWrite()}
   * @param problem see {@link #problem()}
   */
  public HistoryStats {
    Objects.requireNonNull(store, "store");
    Objects.requireNonNull(lastWrite, "lastWrite");
    Objects.requireNonNull(problem, "problem");
  }
}
