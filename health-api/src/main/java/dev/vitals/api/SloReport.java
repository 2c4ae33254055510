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
   * Checks the values and copies the map.
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
   * @throws IllegalArgumentException if the objective is not between 0 and 1, or counts are inconsistent
   */
  public SloReport {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(tracker, "tracker");
    Objects.requireNonNull(latencyThreshold, "latencyThreshold");
    Objects.requireNonNull(window, "window");
    if (!(objective > 0 && objective < 1)) {
      throw new IllegalArgumentException("objective must be between 0 and 1 (exclusive), was " + objective);
    }
    if (total < 0 || bad < 0 || bad > total) {
      throw new IllegalArgumentException("need 0 <= bad <= total, was bad=" + bad + ", total=" + total);
    }
    burnRates = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(burnRates));
  }

  /**
   * The share of good operations in the window.
   *
   * @return {@code 1 - bad / total}, or 1 when there were none
   */
  public double compliance() {
    return total == 0 ? 1.0 : 1.0 - (double) bad / total;
  }
}
