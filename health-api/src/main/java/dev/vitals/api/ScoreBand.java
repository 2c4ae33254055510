package dev.vitals.api;

/**
 * How a health score reads: the three bands that the scores of probes, trackers and the service fall
 * into. This is the one place that defines them; the engine calibrates its scores against these
 * bounds and exporters colour scores with {@link #of(double)} (the status page does).
 *
 * <p>The score is calibrated on the alert thresholds (see {@code docs/scoring.md}): a figure on its
 * target scores 100, a figure exactly at its alert threshold scores {@link #ATTENTION_MIN}, and a
 * figure past it scores below. So, with the default thresholds:
 *
 * <ul>
 *   <li>{@link #HEALTHY}, from {@value #HEALTHY_MIN} to 100: every figure on or near its target;</li>
 *   <li>{@link #ATTENTION}, from {@value #ATTENTION_MIN} up to (not including) {@value #HEALTHY_MIN}:
 *       a figure off its target but no alert threshold crossed;</li>
 *   <li>{@link #BAD}, below {@value #ATTENTION_MIN}: an alert threshold crossed, or the subject is
 *       {@link Status#DOWN}.</li>
 * </ul>
 */
public enum ScoreBand {
  /** From {@value #HEALTHY_MIN} to 100: every figure on or near its target. */
  HEALTHY,
  /** From {@value #ATTENTION_MIN} to below {@value #HEALTHY_MIN}: off target, within the alert thresholds. */
  ATTENTION,
  /** Below {@value #ATTENTION_MIN}: past an alert threshold, or down. */
  BAD;

  /** The lowest score that reads {@link #HEALTHY}. */
  public static final double HEALTHY_MIN = 90.0;

  /**
   * The lowest score that reads {@link #ATTENTION}, and the score of a figure exactly at its alert
   * threshold.
   */
  public static final double ATTENTION_MIN = 70.0;

  /**
   * The band a score falls into.
   *
   * @param score a score, normally from 0 to 100
   * @return {@link #HEALTHY} for {@code score >= 90}, {@link #ATTENTION} for {@code 70 <= score < 90},
   *     {@link #BAD} otherwise (NaN included)
   */
  public static ScoreBand of(double score) {
    if (score >= HEALTHY_MIN) {
      return HEALTHY;
    }
    return score >= ATTENTION_MIN ? ATTENTION : BAD;
  }
}
