package dev.vitals.api;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the monitor knows about one of the service's own operations.
 *
 * @param name the tracker's name
 * @param score the health score, 0 to 100
 * @param budget its latency budget
 * @param count operations recorded since the monitor started
 * @param errors failed operations since the monitor started
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
   * Checks for nulls and copies collections.
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
   */
  public TrackerReport {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(summary, "summary");
    windows = List.copyOf(windows);
    availability = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(availability));
    Objects.requireNonNull(baseline, "baseline");
  }
}
