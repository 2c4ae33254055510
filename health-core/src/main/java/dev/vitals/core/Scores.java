package dev.vitals.core;

import dev.vitals.api.LatencyBudget;

/**
 * The health score, 0 to 100, from three parts (see docs/scoring.md for the formula with worked
 * examples):
 *
 * <ul>
 *   <li>latency, from the p95 against the budget: 100 at or below the target, 50 at the acceptable
 *       latency, 0 at twice the acceptable latency and above, linear in between;</li>
 *   <li>errors, from the error rate: 100 at 0 %, 50 at 5 % (the alert threshold), 0 at 10 % and above;</li>
 *   <li>availability: 100 at 100 %, 50 at 99 % (the alert threshold), 0 at 98 % and below.</li>
 * </ul>
 *
 * <p>The score is {@code 0.4 × latency + 0.3 × errors + 0.3 × availability}, rounded to one decimal.
 * Each part is monotone in its input, so the score is too. A probe that is DOWN scores 0.
 */
final class Scores {

  static final double LATENCY_WEIGHT = 0.4;
  static final double ERROR_WEIGHT = 0.3;
  static final double AVAILABILITY_WEIGHT = 0.3;
  /** The error rate at which the error part reaches 0. */
  static final double ERROR_RATE_ZERO = 0.10;
  /** The unavailability at which the availability part reaches 0. */
  static final double UNAVAILABILITY_ZERO = 0.02;

  /** Weight of a critical probe in the service score. */
  static final double CRITICAL_WEIGHT = 3;
  /** Weight of a non-critical probe in the service score. */
  static final double NON_CRITICAL_WEIGHT = 1;
  /** Weight of a tracker in the service score. */
  static final double TRACKER_WEIGHT = 2;

  private Scores() {}

  static double latency(long p95Nanos, LatencyBudget budget) {
    long target = budget.targetNanos();
    long acceptable = budget.acceptableNanos();
    if (p95Nanos <= target) {
      return 100.0;
    }
    if (p95Nanos <= acceptable) {
      // target < acceptable here
      return 100.0 - 50.0 * (p95Nanos - target) / (double) (acceptable - target);
    }
    long zero = 2 * acceptable;
    if (p95Nanos >= zero) {
      return 0.0;
    }
    return 50.0 - 50.0 * (p95Nanos - acceptable) / (double) (zero - acceptable);
  }

  static double errors(double errorRate) {
    return 100.0 * clamp01(1.0 - errorRate / ERROR_RATE_ZERO);
  }

  static double availability(double availability) {
    return 100.0 * clamp01(1.0 - (1.0 - availability) / UNAVAILABILITY_ZERO);
  }

  static double combine(double latency, double errors, double availability) {
    return round1(LATENCY_WEIGHT * latency + ERROR_WEIGHT * errors + AVAILABILITY_WEIGHT * availability);
  }

  static double score(long p95Nanos, LatencyBudget budget, double errorRate, double availability) {
    return combine(latency(p95Nanos, budget), errors(errorRate), availability(availability));
  }

  static double round1(double v) {
    return Math.round(v * 10.0) / 10.0;
  }

  private static double clamp01(double v) {
    return v < 0 ? 0 : (v > 1 ? 1 : v);
  }
}
