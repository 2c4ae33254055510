package dev.vitals.api;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A service-level objective and how it stands: for example, 99.9 % of {@code checkout} operations
 * succeed within 300 ms over 30 days.
 *
 * <p>An operation is <i>good</i> when it succeeded and, if the objective has a latency threshold, took
 * at most that long. The error budget is the share of bad operations the objective allows
 * ({@code 1 - objective}); the burn rate over a window is the bad share in that window divided by it
 * (1 means the budget would last exactly the objective's window).
 *
 * <p>Immutable and thread-safe; no component is null. Build one with {@link #builder(String)} (or change
 * one with {@link #toBuilder()}), so code that builds reports keeps compiling when a component is added.
 *
 * @param name the objective's name, from {@code vitals.slos.<name>}
 * @param tracker the tracker it is measured on
 * @param objective the target share of good operations, such as 0.999
 * @param latencyThreshold the latency above which a successful operation is bad, if any
 * @param window the objective's window, such as 30 days
 * @param total operations in the window
 * @param bad bad operations in the window
 * @param errorBudgetRemaining the share of the error budget left, 1 when untouched, below 0 when spent
 * @param burnRates the burn rate by window: keys {@code 5m}, {@code 30m}, {@code 1h}, {@code 2h},
 *     {@code 6h}, {@code 24h}, {@code 3d}, in that order
 */
public record SloReport(String name, String tracker, double objective, Optional<Duration> latencyThreshold,
    Duration window, long total, long bad, double errorBudgetRemaining, Map<String, Double> burnRates) {

  /**
   * Checks the values and copies the map. Prefer {@link #builder(String)}.
   *
   * @param name see {@link #name()}
   * @param tracker see {@link #tracker()}
   * @param objective see {@link #objective()}
   * @param latencyThreshold see {@link #latencyThreshold()}
   * @param window see {@link #window()}
   * @param total see {@link #total()}
   * @param bad see {@link #bad()}
   * @param errorBudgetRemaining see {@link #errorBudgetRemaining()}
   * @param burnRates see {@link #burnRates()}
   * @throws IllegalArgumentException if the objective is not between 0 and 1, the window or the latency
   *     threshold is not positive, or the counts are not {@code 0 <= bad <= total}
   */
  public SloReport {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tracker, "tracker");
    checkObjective(objective);
    if (Objects.requireNonNull(latencyThreshold, "latencyThreshold").isPresent()) {
      ReportChecks.positive(latencyThreshold.get(), "latencyThreshold");
    }
    ReportChecks.positive(window, "window");
    ReportChecks.counts(total, bad, "total", "bad");
    burnRates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(burnRates));
  }

  /**
   * A builder for the objective {@code name}. The tracker, the objective and the window must be set;
   * the rest defaults to an objective with no latency threshold that has seen no operation yet: total
   * and bad 0, the whole error budget left (1) and no burn rates.
   *
   * @param name the objective's name, not null
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
    b.tracker = tracker;
    b.objective = objective;
    b.latencyThreshold = latencyThreshold;
    b.window = window;
    b.total = total;
    b.bad = bad;
    b.errorBudgetRemaining = errorBudgetRemaining;
    b.burnRates = burnRates;
    return b;
  }

  /**
   * The share of good operations in the window.
   *
   * @return {@code 1 - bad / total}, or 1 when there were none
   */
  public double compliance() {
    return total == 0 ? 1.0 : 1.0 - (double) bad / total;
  }

  /**
   * Builds a {@link SloReport}. Each setter checks its argument at once; a later call replaces an
   * earlier one. Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private final String name;
    private String tracker;
    private double objective = Double.NaN;
    private Optional<Duration> latencyThreshold = Optional.empty();
    private Duration window;
    private long total;
    private long bad;
    private double errorBudgetRemaining = 1.0;
    private Map<String, Double> burnRates = Map.of();

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Sets the tracker the objective is measured on. Required.
     *
     * @param tracker the tracker's name, not null
     * @return this builder
     */
    public Builder tracker(String tracker) {
      this.tracker = Objects.requireNonNull(tracker, "tracker");
      return this;
    }

    /**
     * Sets the target share of good operations. Required.
     *
     * @param objective between 0 and 1, exclusive, such as 0.999
     * @return this builder
     * @throws IllegalArgumentException if not between 0 and 1
     */
    public Builder objective(double objective) {
      this.objective = checkObjective(objective);
      return this;
    }

    /**
     * Sets the latency above which a successful operation is bad.
     *
     * @param latencyThreshold positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder latencyThreshold(Duration latencyThreshold) {
      this.latencyThreshold = Optional.of(ReportChecks.positive(latencyThreshold, "latencyThreshold"));
      return this;
    }

    /**
     * Sets the latency above which a successful operation is bad, or none.
     *
     * @param latencyThreshold positive, or empty when only failures are bad; not null
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder latencyThreshold(Optional<Duration> latencyThreshold) {
      if (Objects.requireNonNull(latencyThreshold, "latencyThreshold").isPresent()) {
        ReportChecks.positive(latencyThreshold.get(), "latencyThreshold");
      }
      this.latencyThreshold = latencyThreshold;
      return this;
    }

    /**
     * Sets the objective's window. Required.
     *
     * @param window positive, such as 30 days
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder window(Duration window) {
      this.window = ReportChecks.positive(window, "window");
      return this;
    }

    /**
     * Sets the operations and the bad operations in the window.
     *
     * @param total zero or more
     * @param bad from 0 to {@code total}
     * @return this builder
     * @throws IllegalArgumentException if not {@code 0 <= bad <= total}
     */
    public Builder counts(long total, long bad) {
      ReportChecks.counts(total, bad, "total", "bad");
      this.total = total;
      this.bad = bad;
      return this;
    }

    /**
     * Sets the share of the error budget left.
     *
     * @param errorBudgetRemaining 1 when untouched, below 0 when spent; not NaN
     * @return this builder
     * @throws IllegalArgumentException if NaN
     */
    public Builder errorBudgetRemaining(double errorBudgetRemaining) {
      if (Double.isNaN(errorBudgetRemaining)) {
        throw new IllegalArgumentException("errorBudgetRemaining must be a number, was NaN");
      }
      this.errorBudgetRemaining = errorBudgetRemaining;
      return this;
    }

    /**
     * Sets the burn rates by window.
     *
     * @param burnRates keys {@code 5m}, {@code 30m}, {@code 1h}, {@code 2h}, {@code 6h}, {@code 24h},
     *     {@code 3d} in that order; not null
     * @return this builder
     */
    public Builder burnRates(Map<String, Double> burnRates) {
      this.burnRates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(burnRates));
      return this;
    }

    /**
     * Builds the report.
     *
     * @return a new immutable report
     * @throws IllegalStateException if the tracker, the objective or the window is not set
     */
    public SloReport build() {
      if (tracker == null || Double.isNaN(objective) || window == null) {
        throw new IllegalStateException("objective '" + name + "' needs a tracker, an objective and a window; missing:"
            + (tracker == null ? " tracker" : "") + (Double.isNaN(objective) ? " objective" : "")
            + (window == null ? " window" : ""));
      }
      return new SloReport(name, tracker, objective, latencyThreshold, window, total, bad, errorBudgetRemaining,
          burnRates);
    }
  }

  private static double checkObjective(double objective) {
    if (!(objective > 0 && objective < 1)) {
      throw new IllegalArgumentException("objective must be between 0 and 1 (exclusive), was " + objective);
    }
    return objective;
  }
}
