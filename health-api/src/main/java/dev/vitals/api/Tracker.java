package dev.vitals.api;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Records the service's own operations (a request, a job, a query) so that Vitals reports their
 * latency percentiles, error rate, availability and score beside the probes.
 *
 * <p>Obtained from the monitor ({@code monitor.tracker("checkout")}); the same name returns the same
 * tracker. {@link #record(long, boolean)} is meant for the request path: it is thread-safe, takes no
 * lock and allocates nothing.
 */
public interface Tracker {

  /**
   * The tracker's name, as in reports and the {@code tracker} metric label.
   *
   * @return the name
   */
  String name();

  /**
   * Records one operation. Never blocks, never allocates, never throws for any duration: a negative
   * duration counts as zero and a duration beyond the tracked range counts as the range's maximum.
   *
   * @param durationNanos how long it took, in nanoseconds
   * @param success false when it failed
   */
  void record(long durationNanos, boolean success);

  /**
   * Records one operation.
   *
   * @param duration how long it took, not null
   * @param success false when it failed
   */
  default void record(Duration duration, boolean success) {
    record(duration.toNanos(), success);
  }

  /**
   * Runs and records an operation; it fails when it throws. Uses the monitor's clock.
   *
   * @param operation the operation, not null
   * @throws RuntimeException whatever the operation throws, unchanged
   */
  void time(Runnable operation);

  /**
   * Runs and records an operation and returns its value; it fails when it throws.
   *
   * @param <T> the value's type
   * @param operation the operation, not null
   * @return what the operation returned
   * @throws Exception whatever the operation throws, unchanged
   */
  <T> T time(Callable<T> operation) throws Exception;
}
