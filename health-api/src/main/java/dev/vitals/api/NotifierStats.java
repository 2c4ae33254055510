package dev.vitals.api;

import java.util.Objects;

/**
 * How one notifier's deliveries went since the monitor started.
 *
 * @param name the notifier's name
 * @param sent alerts delivered
 * @param dropped alerts dropped (queue full, or every attempt failed)
 */
public record NotifierStats(String name, long sent, long dropped) {
  /**
   * Checks the values.
   *
   * @param name see {@link #name()}
   * @param sent see {@link #sent()}
   * @param dropped see {@link #dropped()}
   */
  public NotifierStats {
    Objects.requireNonNull(name, "name");
    if (sent < 0 || dropped < 0) {
      throw new IllegalArgumentException("counts must be >= 0");
    }
  }
}
