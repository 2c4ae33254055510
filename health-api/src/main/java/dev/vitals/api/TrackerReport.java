package dev.vitals.api;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the monitor knows about one of the service's own operations.
 *
 * <p>Immutable and thread-safe: collections are copied and unmodifiable, and no component is null.
 * Build one with {@link #builder(String)} (or change one with {@link #toBuilder()}): every component
 * but the name has a default, so code that builds reports keeps compiling when a component is added.
 *
 * @param name the tracker's name
 * @param score the health score, 0 to 100
 * @param budget its latency budget
 * @param count operations recorded since the monitor started, zero or more
 * @param errors failed operations since the monitor started, from 0 to {@code count}
 * @param summary the window the score and the JSON figures come from (5 minutes)
 * @param windows every window, shortest first (1 minute, 5 minutes, 1 hour)
 * @param availability the share of successful operations by window: key {@code 1h}, ratio 0 to 1
 * @param baseline the recorded baseline, if any
 * @param regression true when the summary's p95 is more than 20 % above the baseline's
 */
public record TrackerReport(String name, double score, LatencyBudget budget, long count, long errors,
    WindowStats summary, List<WindowStats> windows, Map<String, Double> availability,
    Optional<Baseline> baseline, boolean regression) {

  /**
   * Checks the values and copies collections. Prefer {@link #builder(String)}.
   *
   * @param name see {@link #name()}
   * @param score see {@link #score()}
   * @param budget see {@link #budget()}
   * @param count see {@link #count()}
   * @param errors see {@link #errors()}
   * @param summary see {@link #summary()}
   * @param windows see {@link #windows()}
   * @param availability see {@link #availability()}
   * @param baseline see {@link #baseline()}
   * @param regression see {@link #regression()}
   * @throws NullPointerException if a component or an element of a collection is null
   * @throws IllegalArgumentException if the score is not between 0 and 100, the counts are not
   *     {@code 0 <= errors <= count} or a ratio of {@code availability} is not between 0 and 1
   */
  public TrackerReport {
    Objects.requireNonNull(name, "name");
    ReportChecks.score(score);
    Objects.requireNonNull(budget, "budget");
    ReportChecks.counts(count, errors, "count", "errors");
    Objects.requireNonNull(summary, "summary");
    windows = List.copyOf(windows);
    availability = ReportChecks.ratios(availability, "availability");
    Objects.requireNonNull(baseline, "baseline");
  }

  /**
   * A builder for the report of the tracker {@code name}. Every component has the default of a tracker
   * that has recorded nothing yet: score 100, the {@link LatencyBudget#API} budget, no operations, an
   * empty 5-minute summary, windows the summary alone, no availability, no baseline, no regression.
   *
   * @param name the tracker's name, not null
   * @return a new builder
   */
  public static Builder builder(String name) {
    return new Builder(Objects.requireNonNull(name, "name"));
  }

  /**
   * A builder holding every component of this report, to build a copy with some of them changed.
   *
   * @return a new builder
   */
  public Builder toBuilder() {
    Builder b = new Builder(name);
    b.score = score;
    b.budget = budget;
    b.count = count;
    b.errors = errors;
    b.summary = summary;
    b.windows = windows;
    b.availability = availability;
    b.baseline = baseline;
    b.regression = regression;
    return b;
  }

  /**
   * Builds a {@link TrackerReport}. Each setter checks its argument at once; a later call replaces an
   * earlier one. Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private final String name;
    private double score = 100.0;
    private LatencyBudget budget = LatencyBudget.API;
    private long count;
    private long errors;
    private WindowStats summary = WindowStats.empty(Duration.ofMinutes(5));
    private List<WindowStats> windows;
    private Map<String, Double> availability = Map.of();
    private Optional<Baseline> baseline = Optional.empty();
    private boolean regression;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Sets the health score.
     *
     * @param score 0 to 100
     * @return this builder
     * @throws IllegalArgumentException if out of range or NaN
     */
    public Builder score(double score) {
      this.score = ReportChecks.score(score);
      return this;
    }

    /**
     * Sets the latency budget.
     *
     * @param budget not null
     * @return this builder
     */
    public Builder budget(LatencyBudget budget) {
      this.budget = Objects.requireNonNull(budget, "budget");
      return this;
    }

    /**
     * Sets the operations and failed operations since the monitor started.
     *
     * @param count zero or more
     * @param errors from 0 to {@code count}
     * @return this builder
     * @throws IllegalArgumentException if not {@code 0 <= errors <= count}
     */
    public Builder counts(long count, long errors) {
      ReportChecks.counts(count, errors, "count", "errors");
      this.count = count;
      this.errors = errors;
      return this;
    }

    /**
     * Sets the 5-minute summary. Unless {@link #windows(List)} is set, the windows are this summary alone.
     *
     * @param summary not null
     * @return this builder
     */
    public Builder summary(WindowStats summary) {
      this.summary = Objects.requireNonNull(summary, "summary");
      return this;
    }

    /**
     * Sets every window, shortest first.
     *
     * @param windows not null, no null element
     * @return this builder
     */
    public Builder windows(List<WindowStats> windows) {
      this.windows = List.copyOf(windows);
      return this;
    }

    /**
     * Sets the share of successful operations by window.
     *
     * @param availability key {@code 1h}, ratios 0 to 1
     * @return this builder
     * @throws IllegalArgumentException if a ratio is not between 0 and 1
     */
    public Builder availability(Map<String, Double> availability) {
      this.availability = ReportChecks.ratios(availability, "availability");
      return this;
    }

    /**
     * Sets the recorded baseline.
     *
     * @param baseline not null
     * @return this builder
     */
    public Builder baseline(Baseline baseline) {
      this.baseline = Optional.of(baseline);
      return this;
    }

    /**
     * Sets the recorded baseline, or none.
     *
     * @param baseline empty when none is recorded; not null
     * @return this builder
     */
    public Builder baseline(Optional<Baseline> baseline) {
      this.baseline = Objects.requireNonNull(baseline, "baseline");
      return this;
    }

    /**
     * Sets whether the summary's p95 regressed against the baseline.
     *
     * @param regression true when it is more than 20 % above the baseline's
     * @return this builder
     */
    public Builder regression(boolean regression) {
      this.regression = regression;
      return this;
    }

    /**
     * Builds the report.
     *
     * @return a new immutable report
     */
    public TrackerReport build() {
      return new TrackerReport(name, score, budget, count, errors, summary, windows == null ? List.of(summary) : windows,
          availability, baseline, regression);
    }
  }
}
