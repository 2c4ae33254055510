package dev.vitals.api;

import java.time.Instant;
import java.util.Objects;

/**
 * A probe's or tracker's p95 rose more than the allowed share above its {@link Baseline}.
 *
 * @param subject the probe's or tracker's name
 * @param baseline the baseline compared against
 * @param p95Nanos the current p95, nanoseconds
 * @param time when it was detected
 */
public record Regression(String subject, Baseline baseline, long p95Nanos, Instant time) {
  /**
   * Checks for nulls.
   *
   * @param subject see {@link #subject()}
   * @param baseline see {@link #baseline()}
   * @param p95Nanos see {@link #p95Nanos()}
   * @param time see {@link #time()}
   */
  public Regression {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(baseline, "baseline");
    Objects.requireNonNull(time, "time");
  }

  /**
   * How much slower than the baseline, as a ratio.
   *
   * @return {@code p95 / baseline p95 - 1}, for example 0.25 for 25 % slower
   */
  public double increase() {
    return baseline.p95Nanos() == 0 ? Double.POSITIVE_INFINITY : (double) p95Nanos / baseline.p95Nanos() - 1.0;
  }
}
