package dev.vitals.api;

/**
 * Receives what the monitor learns. Every method has an empty default, so a listener overrides
 * only what it needs.
 *
 * <p><b>Threading.</b> Methods are called on the monitor's own threads, one event at a time per
 * monitor, in the order the events happened. They must return quickly (hand slow work, like sending
 * a message, to a queue of your own). An exception thrown by a listener is logged and ignored; it
 * never stops the monitor or other listeners.
 */
public interface HealthListener {

  /**
   * A probe changed status.
   *
   * @param change what changed, not null
   */
  default void onStatusChange(StatusChange change) {}

  /**
   * A new report was published. Called often (after every probe result); keep it cheap.
   *
   * @param report the new report, not null
   */
  default void onReport(HealthReport report) {}

  /**
   * A probe's or tracker's p95 regressed against its baseline.
   *
   * @param regression what regressed, not null
   */
  default void onRegression(Regression regression) {}

  /**
   * A listener that does nothing.
   *
   * @return the shared no-op listener
   */
  static HealthListener noop() {
    return NoopHealthListener.INSTANCE;
  }
}

/** The no-op listener. */
enum NoopHealthListener implements HealthListener {
  INSTANCE
}
