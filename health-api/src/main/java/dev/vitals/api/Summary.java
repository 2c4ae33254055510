package dev.vitals.api;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.List;
import java.util.Objects;

/**
 * A daily or weekly summary of a monitor's history, sent through the notifiers named in
 * {@code vitals.summary.notifiers} (e-mail's "daily summaries"). Immutable.
 *
 * @param period daily or weekly
 * @param firstDay the first day it covers, in {@code zone}
 * @param from the start of {@code firstDay} in {@code zone}
 * @param to the end of the period (exclusive): the start of the day after its last day
 * @param zone the zone its days are counted in ({@code vitals.summary.zone})
 * @param status the service's status when the summary was made
 * @param score the service's score when the summary was made, from 0 to 100
 * @param subjects one entry per probe and tracker, probes first
 * @param slos the service-level objectives as they stood when the summary was made
 * @param madeAt when the summary was made
 */
public record Summary(Period period, LocalDate firstDay, Instant from, Instant to, ZoneId zone, Status status,
    double score, List<SubjectSummary> subjects, List<SloReport> slos, Instant madeAt) {

  /** How long a summary covers. */
  public enum Period {
    /** One day, sent every day at {@code vitals.summary.time}. */
    DAILY,
    /** Seven days, sent on {@code vitals.summary.weekly} at {@code vitals.summary.time}. */
    WEEKLY
  }

  /**
   * Checks for nulls and copies the lists.
   *
   * @param period see {@link #period()}
   * @param firstDay see {@link #firstDay()}
   * @param from see {@link #from()}
   * @param to see {@link #to()}
   * @param zone see {@link #zone()}
   * @param status see {@link #status()}
   * @param score see {@link #score()}
   * @param subjects see {@link #subjects()}
   * @param slos see {@link #slos()}
   * @param madeAt see {@link #madeAt()}
   */
  public Summary {
    Objects.requireNonNull(period, "period");
    Objects.requireNonNull(firstDay, "firstDay");
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(zone, "zone");
    Objects.requireNonNull(status, "status");
    Objects.requireNonNull(madeAt, "madeAt");
    subjects = List.copyOf(subjects);
    slos = List.copyOf(slos);
  }

  /**
   * Whether nothing needs a reader's attention: no incident, no regression, every latency within its
   * acceptable budget, every error rate at most 5 %, every SLO with budget left.
   *
   * @return true for an "all good" summary
   */
  public boolean allGood() {
    for (SubjectSummary s : subjects) {
      if (!s.allGood()) {
        return false;
      }
    }
    for (SloReport s : slos) {
      if (s.errorBudgetRemaining() <= 0) {
        return false;
      }
    }
    return true;
  }
}
