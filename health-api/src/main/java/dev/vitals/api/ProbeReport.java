package dev.vitals.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Everything the monitor knows about one probe at the moment its report was built.
 *
 * @param name the probe's name
 * @param type the probe's type, such as {@code jdbc}
 * @param status the status after thresholds and staleness ({@link Status#UNKNOWN} before the first result)
 * @param score the health score, 0 to 100
 * @param critical whether its {@code DOWN} takes the service down (otherwise it degrades it)
 * @param kinds the groups it belongs to, not empty
 * @param budget its latency budget
 * @param interval the time between runs
 * @param timeout the timeout of one run
 * @param lastResult the latest result, stamped with latency and time; empty before the first
 * @param since when the probe entered {@code status}
 * @param stale true when the latest result is older than twice the interval
 * @param consecutiveFailures how many runs in a row ended {@code DOWN}
 * @param summary the window the score and the JSON figures come from (5 minutes)
 * @param windows every window, shortest first (1 minute, 5 minutes, 1 hour)
 * @param availability the share of time it was available, by window: keys {@code 1h}, {@code 24h},
 *     {@code 7d}, {@code 30d}, ratios from 0 to 1, in that order
 * @param history the latest status transitions, oldest first, bounded
 * @param recentLatenciesNanos the latencies of the latest runs, oldest first, bounded (for sparklines)
 * @param baseline the recorded baseline, if any
 * @param regression true when the summary's p95 is more than 20 % above the baseline's
 */
public record ProbeReport(String name, String type, Status status, double score, boolean critical,
    Set<ProbeKind> kinds, LatencyBudget budget, Duration interval, Duration timeout,
    Optional<ProbeResult> lastResult, Instant since, boolean stale, int consecutiveFailures,
    WindowStats summary, List<WindowStats> windows, Map<String, Double> availability,
    List<StatusTransition> history, List<Long> recentLatenciesNanos, Optional<Baseline> baseline,
    boolean regression) {

  /**
   * Checks for nulls and copies collections.
   *
   * @param name see {@link #name()}
   * @param type see {@link #type()}
   * @param status see {@link #status()}
   * @param score see {@link #score()}
   * @param critical see {@link #critical()}
   * @param kinds see {@link #kinds()}
   * @param budget see {@link #budget()}
   * @param interval see {@link #interval()}
   * @param timeout see {@link #timeout()}
   * @param lastResult see {@link #lastResult()}
   * @param since see {@link #since()}
   * @param stale see {@link #stale()}
   * @param consecutiveFailures see {@link #consecutiveFailures()}
   * @param summary see {@link #summary()}
   * @param windows see {@link #windows()}
   * @param availability see {@link #availability()}
   * @param history see {@link #history()}
   * @param recentLatenciesNanos see {@link #recentLatenciesNanos()}
   * @param baseline see {@link #baseline()}
   * @param regression see {@link #regression()}
   */
  public ProbeReport {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    kinds = Set.copyOf(kinds);
    Objects.requireNonNull(budget, "budget");
    Objects.requireNonNull(interval, "interval");
    Objects.requireNonNull(timeout, "timeout");
    Objects.requireNonNull(lastResult, "lastResult");
    Objects.requireNonNull(since, "since");
    Objects.requireNonNull(summary, "summary");
    windows = List.copyOf(windows);
    availability = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(availability));
    history = List.copyOf(history);
    recentLatenciesNanos = List.copyOf(recentLatenciesNanos);
    Objects.requireNonNull(baseline, "baseline");
  }

  /**
   * When the latest result was taken.
   *
   * @return the time, empty before the first result
   */
  public Optional<Instant> time() {
    return lastResult.flatMap(ProbeResult::time);
  }

  /**
   * Whether the probe belongs to a group.
   *
   * @param kind the group
   * @return true if it does
   */
  public boolean is(ProbeKind kind) {
    return kinds.contains(kind);
  }
}
