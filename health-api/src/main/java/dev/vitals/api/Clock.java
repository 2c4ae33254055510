package dev.vitals.api;

import java.time.Instant;

/**
 * The one source of time in Vitals: a monotonic tick for durations and a wall clock for
 * timestamps. The engine takes one through its builder; tests pass a manual clock
 * ({@code dev.vitals.test.ManualClock}) and advance it instead of sleeping.
 *
 * <p>Implementations must be thread-safe.
 */
public interface Clock {

  /**
   * A monotonic tick, for measuring durations. Only differences are meaningful.
   *
   * @return nanoseconds from an arbitrary origin
   */
  long nanoTime();

  /**
   * The wall-clock time, for timestamps shown to people.
   *
   * @return milliseconds since the epoch
   */
  long wallTimeMillis();

  /**
   * The wall-clock time as an instant.
   *
   * @return the current instant
   */
  default Instant instant() {
    return Instant.ofEpochMilli(wallTimeMillis());
  }

  /**
   * The system clock: {@link System#nanoTime()} and {@link System#currentTimeMillis()}.
   *
   * @return the shared system clock
   */
  static Clock system() {
    return SystemClock.INSTANCE;
  }
}

/** The system clock. */
enum SystemClock implements Clock {
  INSTANCE;

  @Override
  public long nanoTime() {
    return System.nanoTime();
  }

  @Override
  public long wallTimeMillis() {
    return System.currentTimeMillis();
  }

  @Override
  public Instant instant() {
    return Instant.now();
  }
}
