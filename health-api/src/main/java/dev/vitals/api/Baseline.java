package dev.vitals.api;

import java.time.Instant;
import java.util.Objects;

/**
 * Latency percentiles recorded at a known-good moment, against which later figures are compared.
 * A p95 more than 20 % above the baseline's is reported as a regression.
 *
 * @param p50Nanos median latency, nanoseconds
 * @param p95Nanos 95th percentile latency, nanoseconds
 * @param p99Nanos 99th percentile latency, nanoseconds
 * @param recordedAt when it was recorded
 */
public record Baseline(long p50Nanos, long p95Nanos, long p99Nanos, Instant recordedAt) {
  /**
   * Checks the values.
   *
   *
   * @param p50Nanos see {@link #p50Nanos()}
   * @param p95Nanos see {@link #p95Nanos()}
   * @param p99Nanos see {@link #p99Nanos()}
   * @param recordedAt see {@link #recordedAt()}
   * @throws IllegalArgumentException if a percentile is negative
   */
  public Baseline {
    Objects.requireNonNull(recordedAt, "recordedAt");
    if (p50Nanos < 0 || p95Nanos < 0 || p99Nanos < 0) {
      throw new IllegalArgumentException("baseline percentiles must be >= 0");
    }
  }
}
