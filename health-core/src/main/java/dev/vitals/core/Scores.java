package dev.vitals.core;

import dev.vitals.api.LatencyBudget;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ScoreBand;
import dev.vitals.api.Status;
import dev.vitals.api.TrackerReport;
import java.util.List;

/**
 * The health score, 0 to 100, calibrated on the alert thresholds so that it reads like the alerts
 * and the statuses (docs/scoring.md has the anchors, the bands and worked examples).
 *
 * <p>Each figure gets a part from 0 to 100 on one scale: 100 on its target, {@link
 * ScoreBand#ATTENTION_MIN} (70) exactly at its alert threshold, 0 at twice the alert threshold and
 * beyond, linear in between:
 *
 * <ul>
 *   <li>latency, from the p95 against the budget's target: 100 at or below the target, 70 at twice
 *       the target (the latency alert), 0 at four times the target;</li>
 *   <li>errors, from the error rate: 100 at 0 %, 70 at 5 % (the error-rate alert), 0 at 10 %;</li>
 *   <li>availability: 100 at 100 %, 70 at 99 % (the availability alert), 0 at 98 %.</li>
 * </ul>
 *
 * <p>A score is its lowest part: a probe's of all three, a tracker's of latency and errors only (a
 * tracker's availability is its share of successful operations, the same failures its error rate
 * counts). So every figure on target gives 100, every figure within its alert threshold gives at
 * least 70 ({@link ScoreBand#ATTENTION}), and one figure past its alert threshold gives less than 70
 * ({@link ScoreBand#BAD}) whatever the others. Each part is monotone in its input, so the score is too.
 *
 * <p>The anchors are the default thresholds of the performance guide; configuring another threshold
 * for an alert rule does not move them. Stateless; every method is a pure function.
 */
final class Scores {

  /** The latency alert: a p95 above this multiple of the budget's target. */
  static final double LATENCY_ALERT_FACTOR = 2.0;
  /** The error-rate alert: an error rate above this ratio. */
  static final double ERROR_RATE_ALERT = 0.05;
  /** The availability alert: availability below this ratio. */
  static final double AVAILABILITY_ALERT = 0.99;

  /** The score of a figure exactly at its alert threshold: the bottom of the attention band. */
  static final double AT_ALERT = ScoreBand.ATTENTION_MIN;

  private Scores() {}

  /**
   * The latency part.
   *
   * @param p95Nanos the p95 of the 5-minute window, nanoseconds; 0 when the window is empty
   * @param budget the subject's budget
   * @return 100 at or below the target, 70 at twice the target, 0 at four times the target and above
   */
  static double latency(long p95Nanos, LatencyBudget budget) {
    double target = budget.targetNanos();
    return part(p95Nanos, target, LATENCY_ALERT_FACTOR * target);
  }

  /**
   * The error part.
   *
   * @param errorRate the error rate of the 5-minute window, 0 to 1
   * @return 100 at 0, 70 at 5 %, 0 at 10 % and above
   */
  static double errors(double errorRate) {
    return part(errorRate, 0, ERROR_RATE_ALERT);
  }

  /**
   * The availability part.
   *
   * @param availability the availability over the last hour, 0 to 1
   * @return 100 at 100 %, 70 at 99 %, 0 at 98 % and below
   */
  static double availability(double availability) {
    return part(1.0 - availability, 0, 1.0 - AVAILABILITY_ALERT);
  }

  /**
   * A probe's score from its figures: the lowest of its latency, error and availability parts.
   *
   * @param p95Nanos the p95 of the 5-minute window, nanoseconds
   * @param budget the probe's budget
   * @param errorRate the share of runs that ended DOWN in the 5-minute window
   * @param availability the share of the last hour the probe was UP or DEGRADED
   * @return the score, rounded to one decimal
   */
  static double score(long p95Nanos, LatencyBudget budget, double errorRate, double availability) {
    return round1(Math.min(latency(p95Nanos, budget), Math.min(errors(errorRate), availability(availability))));
  }

  /**
   * A tracker's score: the lowest of its latency and error parts. It has no availability part: a
   * tracker's availability is its share of successful operations, so it would count the same failures
   * a second time, on a scale five times as steep.
   *
   * @param p95Nanos the p95 of the 5-minute window, nanoseconds
   * @param budget the tracker's budget
   * @param errorRate the share of failed operations in the 5-minute window
   * @return the score, rounded to one decimal
   */
  static double tracker(long p95Nanos, LatencyBudget budget, double errorRate) {
    return round1(Math.min(latency(p95Nanos, budget), errors(errorRate)));
  }

  /**
   * A probe's score with its status: {@code DOWN} and {@code UNKNOWN} score 0, {@code DEGRADED} at most
   * {@link ScoreBand#ATTENTION_MIN} (a degraded probe reads "needs attention" even when its windowed
   * figures are fine), {@code UP} its {@link #score figures}.
   *
   * @param status the probe's status
   * @param p95Nanos the p95 of the 5-minute window, nanoseconds
   * @param budget the probe's budget
   * @param errorRate the share of runs that ended DOWN in the 5-minute window
   * @param availability the share of the last hour the probe was UP or DEGRADED
   * @return the score, rounded to one decimal
   */
  static double probe(Status status, long p95Nanos, LatencyBudget budget, double errorRate, double availability) {
    switch (status) {
      case DOWN:
      case UNKNOWN:
        return 0.0;
      case DEGRADED:
        return Math.min(AT_ALERT, score(p95Nanos, budget, errorRate, availability));
      default:
        return score(p95Nanos, budget, errorRate, availability);
    }
  }

  /**
   * The service's score, read like its status: the lowest of the scores of its critical probes and
   * of its trackers, and of its non-critical probes raised to at least {@link ScoreBand#ATTENTION_MIN}
   * (a non-critical probe can make the service {@code DEGRADED}, never {@code DOWN}, so it never pulls
   * the service into the bad band). Probes still {@code UNKNOWN} and trackers without operations are
   * left out; with nothing left, 100.
   *
   * <p>A service that is DOWN has a critical probe DOWN, which scores 0, so it scores 0; a service
   * DEGRADED by a non-critical probe scores at most 70; one red tracker or critical probe makes the
   * service red, where a weighted mean would average it into green (five critical probes at 100 and a
   * tracker at 30 give 91.8).
   *
   * @param probes the probes' reports
   * @param trackers the trackers' reports
   * @return the score, rounded to one decimal
   */
  static double service(List<ProbeReport> probes, List<TrackerReport> trackers) {
    double lowest = 100.0;
    for (ProbeReport p : probes) {
      if (p.status() != Status.UNKNOWN) {
        lowest = Math.min(lowest, p.critical() ? p.score() : Math.max(AT_ALERT, p.score()));
      }
    }
    for (TrackerReport t : trackers) {
      if (t.count() > 0) {
        lowest = Math.min(lowest, t.score());
      }
    }
    return round1(lowest);
  }

  static double round1(double v) {
    return Math.round(v * 10.0) / 10.0;
  }

  /**
   * One part: 100 up to {@code onTarget}, down to {@link #AT_ALERT} at {@code alert}, down to 0 at
   * twice {@code alert}, linear in between; {@code value} grows as the figure gets worse.
   */
  private static double part(double value, double onTarget, double alert) {
    if (value <= onTarget) {
      return 100.0;
    }
    if (value <= alert) {
      return 100.0 - (100.0 - AT_ALERT) * (value - onTarget) / (alert - onTarget);
    }
    double zero = 2 * alert;
    return value >= zero ? 0.0 : AT_ALERT * (zero - value) / (zero - alert);
  }
}
