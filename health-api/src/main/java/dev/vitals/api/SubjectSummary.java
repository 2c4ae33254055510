package dev.vitals.api;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * One probe's or tracker's part of a {@link Summary}. Immutable.
 *
 * @param figures its history over the summary's period (availability, not-observed time, errors,
 *     latency percentiles)
 * @param budget its latency budget, when it has one
 * @param incidents its incidents that overlap the period
 * @param baseline its recorded latency baseline, when one is recorded
 * @param regressed whether its p95 over the period is above the baseline by more than the tolerance
 *     ({@code vitals.baseline.tolerance}, 20 % by default)
 */
public record SubjectSummary(HistoryPeriod figures, Optional<LatencyBudget> budget, List<Incident> incidents,
    Optional<Baseline> baseline, boolean regressed) {

  /** The error rate above which a summary is not "all good": the guide's alert rule, 5 %. */
  public static final double ERROR_RATE_LIMIT = 0.05;

  /**
   * Checks for nulls and copies the list.
   *
   * @param figures see {@link #figures()}
   * @param budget see {@link #budget()}
   * @param incidents see {@link #incidents()}
   * @param baseline see {@link #baseline()}
   * @param regressed see {@link #regressed()}
   */
  public SubjectSummary {
    Objects.requireNonNull(figures, "figures");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(baseline, "baseline");
    incidents = List.copyOf(incidents);
  }

  /**
   * The subject.
   *
   * @return the probe or tracker
   */
  public HistorySubject subject() {
    return figures.subject();
  }

  /**
   * Whether its p95 over the period is above its acceptable latency.
   *
   * @return true when it has a budget, operations, and a p95 above the budget's acceptable latency
   */
  public boolean overBudget() {
    long p95 = figures.latency().percentileNanos(0.95);
    return budget.isPresent() && p95 >= 0 && budget.get().exceeds(p95);
  }

  /**
   * Whether nothing here needs attention: no incident, no regression, not over budget, error rate at
   * most {@link #ERROR_RATE_LIMIT}.
   *
   * @return true when all is good
   */
  public boolean allGood() {
    return incidents.isEmpty() && !regressed && !overBudget()
        && figures.errorRate().orElse(0) <= ERROR_RATE_LIMIT;
  }
}
