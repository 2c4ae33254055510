package dev.vitals.api;

import java.time.Duration;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * Settings a {@link Probe} suggests for itself. Every field is optional; configuration overrides
 * them and the engine's defaults fill the rest (10 s interval, 2 s timeout, readiness, critical,
 * the {@link LatencyBudget#API} budget).
 *
 * <p>Immutable and thread-safe.
 */
public final class ProbeDefaults {

  private static final ProbeDefaults NONE = new Builder().build();

  private final Duration interval;
  private final Duration timeout;
  private final Set<ProbeKind> kinds;
  private final Boolean critical;
  private final LatencyBudget budget;

  private ProbeDefaults(Builder b) {
    this.interval = b.interval;
    this.timeout = b.timeout;
    this.kinds = b.kinds == null ? null : Collections.unmodifiableSet(EnumSet.copyOf(b.kinds));
    this.critical = b.critical;
    this.budget = b.budget;
  }

  /**
   * No suggestions.
   *
   * @return the empty defaults
   */
  public static ProbeDefaults none() {
    return NONE;
  }

  /**
   * A builder.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * The suggested interval between runs.
   *
   * @return the interval, if suggested
   */
  public Optional<Duration> interval() {
    return Optional.ofNullable(interval);
  }

  /**
   * The suggested timeout of one run.
   *
   * @return the timeout, if suggested
   */
  public Optional<Duration> timeout() {
    return Optional.ofNullable(timeout);
  }

  /**
   * The suggested groups.
   *
   * @return an unmodifiable non-empty set, if suggested
   */
  public Optional<Set<ProbeKind>> kinds() {
    return Optional.ofNullable(kinds);
  }

  /**
   * Whether the probe's failure should take the service down.
   *
   * @return the suggestion, if any
   */
  public Optional<Boolean> critical() {
    return Optional.ofNullable(critical);
  }

  /**
   * The suggested latency budget.
   *
   * @return the budget, if suggested
   */
  public Optional<LatencyBudget> budget() {
    return Optional.ofNullable(budget);
  }

  /** Builds {@link ProbeDefaults}; each setting may be given once. Not thread-safe. */
  public static final class Builder {
    private Duration interval;
    private Duration timeout;
    private Set<ProbeKind> kinds;
    private Boolean critical;
    private LatencyBudget budget;

    private Builder() {}

    /**
     * Suggests an interval.
     *
     * @param interval positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder interval(Duration interval) {
      requireUnset(this.interval, "interval");
      this.interval = positive(interval, "interval");
      return this;
    }

    /**
     * Suggests a timeout.
     *
     * @param timeout positive
     * @return this builder
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder timeout(Duration timeout) {
      requireUnset(this.timeout, "timeout");
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * Suggests the groups.
     *
     * @param first a kind
     * @param more further kinds
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder kinds(ProbeKind first, ProbeKind... more) {
      requireUnset(this.kinds, "kinds");
      this.kinds = EnumSet.of(Objects.requireNonNull(first, "kind"), more);
      return this;
    }

    /**
     * Suggests criticality.
     *
     * @param critical false when the probe's failure should only degrade the service
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder critical(boolean critical) {
      requireUnset(this.critical, "critical");
      this.critical = critical;
      return this;
    }

    /**
     * Suggests a budget.
     *
     * @param budget not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder budget(LatencyBudget budget) {
      requireUnset(this.budget, "budget");
      this.budget = Objects.requireNonNull(budget, "budget");
      return this;
    }

    /**
     * Builds the defaults.
     *
     * @return immutable defaults
     */
    public ProbeDefaults build() {
      return new ProbeDefaults(this);
    }

    private static void requireUnset(Object current, String what) {
      if (current != null) {
        throw new IllegalStateException(what + " was already set to " + current);
      }
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, was " + d);
      }
      return d;
    }
  }
}
