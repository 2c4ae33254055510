package dev.vitals.api;

import java.time.Instant;
import java.util.Objects;

/**
 * One change of a probe's status, kept in a bounded history for the status page.
 *
 * @param from the status before
 * @param to the status after
 * @param at when it changed
 * @param message the message of the result that caused it, redacted; empty when it had none
 */
public record HistoryEntry(Status from, Status to, Instant at, String message) {
  /**
   * Checks for nulls.
   *
   * @param from see {@link #from()}
   * @param to see {@link #to()}
   * @param at see {@link #at()}
   * @param message see {@link #message()}
   */
  public HistoryEntry {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(at, "at");
    Objects.requireNonNull(message, "message");
  }
}
