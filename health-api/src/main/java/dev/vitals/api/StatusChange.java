package dev.vitals.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A probe changed status, after its failure or success threshold.
 *
 * @param probe the probe's name
 * @param previous the status before
 * @param current the status now
 * @param result the result that caused the change
 * @param time when it changed
 */
public record StatusChange(String probe, Status previous, Status current, ProbeResult result, Instant time) {
  /**
   * Checks for nulls.
   *
   * @param probe see {@link #probe()}
   * @param previous see {@link #previous()}
   * @param current see {@link #current()}
   * @param result see {@link #result()}
   * @param time see {@link #time()}
   */
  public StatusChange {
    Objects.requireNonNull(probe, "probe");
    Objects.requireNonNull(previous, "previous");
    Objects.requireNonNull(current, "current");
    Objects.requireNonNull(result, "result");
    Objects.requireNonNull(time, "time");
  }
}
