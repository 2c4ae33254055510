package dev.vitals.core;

import dev.vitals.api.WindowStats;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.LongAdder;

/**
 * The measurements of one probe or tracker: counts, errors and latency over sliding windows.
 * {@link #record(long, boolean)} is the hot path; {@link #rotate(long)} and {@link #windows(long)}
 * run on the engine's scheduler.
 */
final class Stats {

  static final Duration ONE_MINUTE = Duration.ofMinutes(1);
  static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  static final Duration ONE_HOUR = Duration.ofHours(1);

  private final LongAdder count = new LongAdder();
  private final LongAdder errors = new LongAdder();

  void record(long nanos, boolean success) {
    count.increment();
    if (!success) {
      errors.increment();
    }
  }

  void rotate(long nowNanos) {
    // windows arrive with the tracking work
  }

  List<WindowStats> windows(long nowNanos) {
    return List.of(WindowStats.empty(ONE_MINUTE), WindowStats.empty(FIVE_MINUTES), WindowStats.empty(ONE_HOUR));
  }

  long count() {
    return count.sum();
  }

  long errors() {
    return errors.sum();
  }
}
