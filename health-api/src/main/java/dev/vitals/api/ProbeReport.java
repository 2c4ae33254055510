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
 * <p>Immutable and thread-safe: collections are copied and unmodifiable, and no component is null.
 * Build one with {@link #builder(String)} (or change one with {@link #toBuilder()}): every component
 * but the name and {@code since} has a default, so code that builds reports keeps compiling when a
 * component is added. The canonical constructor stays for the record's sake, but its parameter list
 * grows with every new component.
 *
 * @param name the probe's name
 * @param type the probe's type, such as {@code jdbc}
 * @param status the status after thresholds and staleness ({@link Status#UNKNOWN} before the first result)
 * @param score the health score, 0 to 100
 * @param critical whether its {@code DOWN} takes the service down (otherwise it degrades it)
 * @param kinds the groups it belongs to, not empty
 * @param budget its latency budget
 * @param interval the time between runs, positive
 * @param timeout the timeout of one run, positive
 * @param lastResult the latest result, stamped with latency and time; empty before the first
 * @param since when the probe entered {@code status}
 * @param stale true when the latest result is older than twice the interval
 * @param consecutiveFailures how many runs in a row ended {@code DOWN}, zero or more
 * @param summary the window the score and the JSON figures come from (5 minutes)
 * @param windows every window, shortest first (1 minute, 5 minutes, 1 hour)
 * @param availability the share of time it was available, by window: keys {@code 1h}, {@code 24h},
 *     {@code 7d}, {@code 30d}, ratios from 0 to 1, in that order; a window without counted time is absent
 * @param history the latest status transitions, oldest first, bounded
 * @param recentLatenciesNanos the latencies of the latest runs in nanoseconds, oldest first, bounded (for
 *     sparklines)
 * @param baseline the recorded baseline, if any
 * @param regression true when the summary's p95 is more than 20 % above the baseline's
 */
public record ProbeReport(String name, String type, Status status, double score, boolean critical,
    Set<ProbeKind> kinds, LatencyBudget budget, Duration interval, Duration timeout,
    Optional<ProbeResult> lastResult, Instant since, boolean stale, int consecutiveFailures,
    WindowStats summary, List<WindowStats> windows, Map<String, Double> availability,
    List<HistoryEntry> history, List<Long> recentLatenciesNanos, Optional<Baseline> baseline,
    boolean regression) {

  /**
   * Checks the values and copies collections. Prefer {@link #builder(String)}.
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
   * @throws NullPointerException if a component or an element of a collection is null
   * @throws IllegalArgumentException if the score is not between 0 and 100, {@code kinds} is empty, the
   *     interval or timeout is not positive, {@code consecutiveFailures} is negative or a ratio of
   *     {@code availability} is not between 0 and 1
   */
  public ProbeReport {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(status, "status");
    ReportChecks.score(score);
    kinds = checkKinds(kinds);
    Objects.requireNonNull(budget, "budget");
    ReportChecks.positive(interval, "interval");
    ReportChecks.positive(timeout, "timeout");
    Objects.requireNonNull(lastResult, "lastResult");
    Objects.requireNonNull(since, "since");
    checkFailures(consecutiveFailures);
    Objects.requireNonNull(summary, "summary");
    windows = List.copyOf(windows);
    availability = ReportChecks.ratios(availability, "availability");
    history = List.copyOf(history);
    recentLatenciesNanos = List.copyOf(recentLatenciesNanos);
    Objects.requireNonNull(baseline, "baseline");
  }

  /**
   * A builder for the report of the probe {@code name}. Only {@link Builder#since(Instant) since} must be
   * set; every other component has the default of a probe registered without suggestions that has not
   * run yet:
   *
   * <table>
   * <caption>Defaults</caption>
   * <tr><th>component</th><th>default</th></tr>
   * <tr><td>type</td><td>{@code custom} (as {@link Probe#type()})</td></tr>
   * <tr><td>status, score</td><td>{@link Status#UNKNOWN}, 0</td></tr>
   * <tr><td>critical, kinds</td><td>true, {@link ProbeKind#READINESS}</td></tr>
   * <tr><td>budget, interval, timeout</td><td>{@link LatencyBudget#API}, 10 s, 2 s</td></tr>
   * <tr><td>lastResult, baseline</td><td>empty</td></tr>
   * <tr><td>stale, regression, consecutiveFailures</td><td>false, false, 0</td></tr>
   * <tr><td>summary</td><td>an empty 5-minute window</td></tr>
   * <tr><td>windows</td><td>the summary alone</td></tr>
   * <tr><td>availability, history, recentLatenciesNanos</td><td>empty</td></tr>
   * </table>
   *
   * @param name the probe's name, not null
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
    b.type = type;
    b.status = status;
    b.score = score;
    b.critical = critical;
    b.kinds = kinds;
    b.budget = budget;
    b.interval = interval;
    b.timeout = timeout;
    b.lastResult = lastResult;
    b.since = since;
    b.stale = stale;
    b.consecutiveFailures = consecutiveFailures;
    b.summary = summary;
    b.windows = windows;
    b.availability = availability;
    b.history = history;
    b.recentLatenciesNanos = recentLatenciesNanos;
    b.baseline = baseline;
    b.regression = regression;
    return b;
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

  /**
   * Builds a {@link ProbeReport}. Each setter checks its argument at once; a later call replaces an
   * earlier one. Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

    private final String name;
    private String type = "custom";
    private Status status = Status.UNKNOWN;
    private double score;
    private boolean critical = true;
    private Set<ProbeKind> kinds = Set.of(ProbeKind.READINESS);
    private LatencyBudget budget = LatencyBudget.API;
    private Duration interval = Duration.ofSeconds(10);
    private Duration timeout = Duration.ofSeconds(2);
    private Optional<ProbeResult> lastResult = Optional.empty();
    private Instant since;
    private boolean stale;
    private int consecutiveFailures;
    private WindowStats summary = WindowStats.empty(FIVE_MINUTES);
    private List<WindowStats> windows;
    private Map<String, Double> availability = Map.of();
    private List<HistoryEntry> history = List.of();
    private List<Long> recentLatenciesNanos = List.of();
    private Optional<Baseline> baseline = Optional.empty();
    private boolean regression;

    private Builder(String name) {
      this.name = name;
    }

    /**
     * Sets the probe's type.
     *
     * @param type such as {@code jdbc}, not null
     * @return this builder
     */
    public Builder type(String type) {
      this.type = Objects.requireNonNull(type, "type");
      return this;
    }

    /**
     * Sets the status.
     *
     * @param status not null
     * @return this builder
     */
    public Builder status(Status status) {
      this.status = Objects.requireNonNull(status, "status");
      return this;
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
     * Sets whether the probe is critical.
     *
     * @param critical false when its {@code DOWN} only degrades the service
     * @return this builder
     */
    public Builder critical(boolean critical) {
      this.critical = critical;
      return this;
    }

    /**
     * Sets the groups.
     *
     * @param first a group
     * @param more further groups
     * @return this builder
     */
    public Builder kinds(ProbeKind first, ProbeKind... more) {
      this.kinds = Set.copyOf(java.util.EnumSet.of(Objects.requireNonNull(first, "kind"), more));
      return this;
    }

    /**
     * Sets the groups.
     *
     * @param kinds not empty
     * @return this builder
     * @throws IllegalArgumentException if empty
     */
    public Builder kinds(Set<ProbeKind> kinds) {
      this.kinds = checkKinds(kinds);
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
     * Sets the interval between runs.
     *
     * @param interval positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder interval(Duration interval) {
      this.interval = ReportChecks.positive(interval, "interval");
      return this;
    }

    /**
     * Sets the timeout of one run.
     *
     * @param timeout positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     */
    public Builder timeout(Duration timeout) {
      this.timeout = ReportChecks.positive(timeout, "timeout");
      return this;
    }

    /**
     * Sets the latest result.
     *
     * @param lastResult the result, stamped with latency and time (see
     *     {@link ProbeResult#withTiming(long, Instant)}); not null
     * @return this builder
     */
    public Builder lastResult(ProbeResult lastResult) {
      this.lastResult = Optional.of(lastResult);
      return this;
    }

    /**
     * Sets the latest result, or none yet.
     *
     * @param lastResult the result, empty before the first; not null
     * @return this builder
     */
    public Builder lastResult(Optional<ProbeResult> lastResult) {
      this.lastResult = Objects.requireNonNull(lastResult, "lastResult");
      return this;
    }

    /**
     * Sets when the probe entered its status. Required.
     *
     * @param since not null
     * @return this builder
     */
    public Builder since(Instant since) {
      this.since = Objects.requireNonNull(since, "since");
      return this;
    }

    /**
     * Sets whether the latest result is stale.
     *
     * @param stale true when it is older than twice the interval
     * @return this builder
     */
    public Builder stale(boolean stale) {
      this.stale = stale;
      return this;
    }

    /**
     * Sets how many runs in a row ended {@code DOWN}.
     *
     * @param consecutiveFailures zero or more
     * @return this builder
     * @throws IllegalArgumentException if negative
     */
    public Builder consecutiveFailures(int consecutiveFailures) {
      this.consecutiveFailures = checkFailures(consecutiveFailures);
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
     * Sets the availability by window.
     *
     * @param availability keys {@code 1h}, {@code 24h}, {@code 7d}, {@code 30d} in that order, ratios 0 to 1
     * @return this builder
     * @throws IllegalArgumentException if a ratio is not between 0 and 1
     */
    public Builder availability(Map<String, Double> availability) {
      this.availability = ReportChecks.ratios(availability, "availability");
      return this;
    }

    /**
     * Sets the latest status transitions.
     *
     * @param history oldest first; not null, no null element
     * @return this builder
     */
    public Builder history(List<HistoryEntry> history) {
      this.history = List.copyOf(history);
      return this;
    }

    /**
     * Sets the latencies of the latest runs.
     *
     * @param recentLatenciesNanos nanoseconds, oldest first; not null, no null element
     * @return this builder
     */
    public Builder recentLatenciesNanos(List<Long> recentLatenciesNanos) {
      this.recentLatenciesNanos = List.copyOf(recentLatenciesNanos);
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
     * @throws IllegalStateException if {@code since} is not set
     */
    public ProbeReport build() {
      if (since == null) {
        throw new IllegalStateException("since is not set for probe '" + name
            + "': when the probe entered its status is required");
      }
      return new ProbeReport(name, type, status, score, critical, kinds, budget, interval, timeout, lastResult,
          since, stale, consecutiveFailures, summary, windows == null ? List.of(summary) : windows, availability,
          history, recentLatenciesNanos, baseline, regression);
    }
  }

  private static Set<ProbeKind> checkKinds(Set<ProbeKind> kinds) {
    Set<ProbeKind> copy = Set.copyOf(kinds);
    if (copy.isEmpty()) {
      throw new IllegalArgumentException("kinds must name at least one of liveness, readiness, startup, was empty");
    }
    return copy;
  }

  private static int checkFailures(int consecutiveFailures) {
    if (consecutiveFailures < 0) {
      throw new IllegalArgumentException("consecutiveFailures must be zero or more, was " + consecutiveFailures);
    }
    return consecutiveFailures;
  }
}
