package dev.vitals.api;

import java.time.Duration;
import java.util.Objects;

/**
 * What a tracker saw over one sliding window (1 minute, 5 minutes or 1 hour): how many operations,
 * how many failed, and the latency percentiles of all of them.
 *
 * <p>Percentiles come from log-linear buckets with a relative error of at most 2 % (1-minute window)
 * or 5 % (longer windows). When {@code count} is zero every latency is zero and the error rate is 0.
 *
 * @param window the window's length
 * @param count operations recorded in the window
 * @param errors failed operations in the window, at most {@code count}
 * @param p50Nanos median latency, nanoseconds
 * @param p95Nanos 95th percentile latency, nanoseconds
 * @param p99Nanos 99th percentile latency, nanoseconds
 * @param maxNanos highest latency, nanoseconds
 */
public record WindowStats(Duration window, long count, long errors, long p50Nanos, long p95Nanos,
    long p99Nanos, long maxNanos) {

  /**
   * Checks the values.
   *
   *
   * @param window see {@link #window()}
   * @param count see {@link #count()}
   * @param errors see {@link #errors()}
   * @param p50Nanos see {@link #p50Nanos()}
   * @param p95Nanos see {@link #p95Nanos()}
   * @param p99Nanos see {@link #p99Nanos()}
   * @param maxNanos see {@link #maxNanos()}
   * @throws IllegalArgumentException if a count is negative or {@code errors > count}
   */
  public WindowStats {
    Objects.requireNonNull(window, "window");
    if (count < 0 || errors < 0 || errors > count) {
      throw new IllegalArgumentException("need 0 <= errors <= count, was errors=" + errors + ", count=" + count);
    }
  }

  /**
   * An empty window.
   *
   * @param window the window's length
   * @return stats with no operations
   */
  public static WindowStats empty(Duration window) {
    return new WindowStats(window, 0, 0, 0, 0, 0, 0);
  }

  /**
   * The share of operations that failed.
   *
   * @return {@code errors / count}, or 0 when there were none
   */
  public double errorRate() {
    return count == 0 ? 0.0 : (double) errors / count;
  }
}
