package dev.vitals.api;

import java.time.Duration;
import java.util.Objects;

/**
 * A response-time budget: full marks at or below {@link #target()}, still acceptable up to
 * {@link #acceptable()}, {@link Status#DEGRADED} above it.
 *
 * <p>Immutable and thread-safe. The defaults come from the performance guide Vitals is built from:
 * {@link #API} for HTTP probes and request trackers, {@link #DATABASE} for JDBC probes,
 * {@link #VOICE} for voice responses and {@link #COLD_START} for the process's start-up.
 */
public final class LatencyBudget {

  /** API response: 200 ms target, 500 ms acceptable. The default for HTTP probes and trackers. */
  public static final LatencyBudget API = new LatencyBudget(Duration.ofMillis(200), Duration.ofMillis(500));
  /** Database query: 50 ms target, 100 ms acceptable. The default for JDBC probes. */
  public static final LatencyBudget DATABASE = new LatencyBudget(Duration.ofMillis(50), Duration.ofMillis(100));
  /** Voice response: 800 ms target, 1200 ms acceptable. */
  public static final LatencyBudget VOICE = new LatencyBudget(Duration.ofMillis(800), Duration.ofMillis(1200));
  /** Cold start: 150 ms target, 300 ms acceptable. */
  public static final LatencyBudget COLD_START = new LatencyBudget(Duration.ofMillis(150), Duration.ofMillis(300));

  private final Duration target;
  private final Duration acceptable;
  private final long targetNanos;
  private final long acceptableNanos;

  private LatencyBudget(Duration target, Duration acceptable) {
    this.target = target;
    this.acceptable = acceptable;
    this.targetNanos = target.toNanos();
    this.acceptableNanos = acceptable.toNanos();
  }

  /**
   * A budget.
   *
   * @param target the latency at or below which a call gets full marks; positive
   * @param acceptable the latency above which a call is degraded; at least {@code target}
   * @return the budget
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code target} is not positive or {@code acceptable} is
   *     below {@code target}; the message names both values
   */
  public static LatencyBudget of(Duration target, Duration acceptable) {
    Objects.requireNonNull(target, "target");
    Objects.requireNonNull(acceptable, "acceptable");
    if (target.isNegative() || target.isZero()) {
      throw new IllegalArgumentException("budget target must be positive, was " + target);
    }
    if (acceptable.compareTo(target) < 0) {
      throw new IllegalArgumentException("budget acceptable (" + acceptable
          + ") must be at least the target (" + target + ")");
    }
    return new LatencyBudget(target, acceptable);
  }

  /**
   * The target latency.
   *
   * @return the target, positive
   */
  public Duration target() {
    return target;
  }

  /**
   * The acceptable latency.
   *
   * @return the acceptable latency, at least {@link #target()}
   */
  public Duration acceptable() {
    return acceptable;
  }

  /**
   * The target in nanoseconds.
   *
   * @return the target, positive
   */
  public long targetNanos() {
    return targetNanos;
  }

  /**
   * The acceptable latency in nanoseconds.
   *
   * @return the acceptable latency
   */
  public long acceptableNanos() {
    return acceptableNanos;
  }

  /**
   * Whether a latency is above the acceptable budget.
   *
   * @param latencyNanos a latency in nanoseconds
   * @return true when {@code latencyNanos > acceptableNanos()}
   */
  public boolean exceeds(long latencyNanos) {
    return latencyNanos > acceptableNanos;
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencyBudget
        && ((LatencyBudget) o).targetNanos == targetNanos
        && ((LatencyBudget) o).acceptableNanos == acceptableNanos;
  }

  @Override
  public int hashCode() {
    return Long.hashCode(targetNanos) * 31 + Long.hashCode(acceptableNanos);
  }

  @Override
  public String toString() {
    return "LatencyBudget{target=" + target.toMillis() + "ms, acceptable=" + acceptable.toMillis() + "ms}";
  }
}
