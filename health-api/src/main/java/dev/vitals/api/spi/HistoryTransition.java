package dev.vitals.api.spi;

import dev.vitals.api.HistoryEntry;
import dev.vitals.api.HistorySubject;
import java.util.Objects;

/**
 * One stored status transition: whose, and the change.
 *
 * @param subject the probe
 * @param change the transition, its message redacted
 */
public record HistoryTransition(HistorySubject subject, HistoryEntry change) {
  /**
   * Checks for nulls.
   *
   * @param subject see {@link #subject()}
   * @param change see {@link #change()}
   */
  public HistoryTransition {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(change, "change");
  }
}
