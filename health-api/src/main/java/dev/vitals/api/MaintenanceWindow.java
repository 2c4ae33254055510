package dev.vitals.api;

import java.time.Instant;
import java.util.Objects;
import java.util.Set;

/**
 * A maintenance window that is open now: alerts for its subjects are silenced, and, when it says
 * so, their time is left out of availability.
 *
 * @param name the window's name, from {@code vitals.maintenance.<name>}
 * @param subjects the probes and trackers it covers; {@code service} means all of them
 * @param since when this occurrence of the window opened
 * @param until when it closes
 * @param excludesAvailability whether the time is left out of availability
 */
public record MaintenanceWindow(String name, Set<String> subjects, Instant since, Instant until,
    boolean excludesAvailability) {

  /**
   * Checks for nulls and copies the subjects.
   *
   * @param name see {@link #name()}
   * @param subjects see {@link #subjects()}
   * @param since see {@link #since()}
   * @param until see {@link #until()}
   * @param excludesAvailability see {@link #excludesAvailability()}
   */
  public MaintenanceWindow {
    Objects.requireNonNull(name, "name");
    subjects = Set.copyOf(subjects);
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(until, "until");
  }

  /**
   * Whether the window covers a probe or tracker.
   *
   * @param subject a probe's or tracker's name
   * @return true when it names the subject or the whole service
   */
  public boolean covers(String subject) {
    return subjects.contains("service") || subjects.contains(subject);
  }
}
