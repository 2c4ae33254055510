package dev.vitals.probes.jvm;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.Config;
import java.time.Duration;
import java.util.function.LongSupplier;

/**
 * Type {@code heartbeat}: measures how late each run comes. A run is due one interval after the
 * previous run started; it is late by whatever it comes after that. More than one interval late is
 * {@code DEGRADED}, more than {@code max-lag-intervals} intervals late {@code DOWN}.
 *
 * <p>After a run that was {@code DOWN}, the engine's circuit breaker may hold the next run back by a
 * quarter of the outage so far (never less than an interval): the next run is then due that long
 * after the previous one, so the probe's own failure never keeps it failing. A run with no previous
 * one is {@code UP}: lateness is measured from the second run on.
 *
 * <p>Thread-safe: the engine never runs two checks of one probe at once; the state is volatile for
 * successive runs on different threads.
 */
final class HeartbeatProbe extends JvmProbe {

  static final String TYPE = "heartbeat";
  private static final long NONE = Long.MIN_VALUE;
  /** The engine's breaker waits at most a quarter of the outage so far before a trial. */
  private static final long BREAKER_DIVISOR = 4;

  private final long intervalNanos;
  private final int maxLagIntervals;
  private final LongSupplier ticker;
  private final String intervalText;

  private volatile long previousStart = NONE;
  /** When the current run of DOWN results began, or NONE. */
  private volatile long downSince = NONE;

  HeartbeatProbe(String name, Duration interval, int maxLagIntervals, LongSupplier ticker) {
    super(name, TYPE);
    this.intervalNanos = interval.toNanos();
    this.maxLagIntervals = maxLagIntervals;
    this.ticker = ticker;
    this.intervalText = Config.formatDuration(interval);
  }

  @Override
  public ProbeResult check() {
    long now = ticker.getAsLong();
    long previous = previousStart;
    previousStart = now;
    if (previous == NONE) {
      return ProbeResult.builder(Status.UP).message("first beat; lateness is measured from the next run")
          .detail("lagMs", 0.0).detail("intervalMs", intervalNanos / 1_000_000L).build();
    }
    long due = intervalNanos;
    long since = downSince;
    if (since != NONE) {
      due = Math.max(intervalNanos, (previous - since) / BREAKER_DIVISOR);
    }
    long lag = Math.max(0, now - previous - due);
    double lagMs = Math.round(lag / 100_000.0) / 10.0;
    double intervals = (double) lag / intervalNanos;
    Status status;
    String message;
    if (lag > (long) maxLagIntervals * intervalNanos) {
      status = Status.DOWN;
      message = "ran " + lagMs + " ms late, " + Math.round(intervals * 10) / 10.0 + " intervals of " + intervalText
          + " (more than max-lag-intervals = " + maxLagIntervals + "): the monitor's scheduler or probe pool"
          + " is stalled or saturated";
    } else if (lag > intervalNanos && maxLagIntervals > 1) {
      status = Status.DEGRADED;
      message = "ran " + lagMs + " ms late, " + Math.round(intervals * 10) / 10.0 + " intervals of " + intervalText
          + ": the monitor's scheduler or probe pool is falling behind";
    } else {
      status = Status.UP;
      message = "on time (" + lagMs + " ms late, interval " + intervalText + ")";
    }
    if (status == Status.DOWN) {
      if (since == NONE) {
        downSince = now;
      }
    } else {
      downSince = NONE;
    }
    return ProbeResult.builder(status).message(message).detail("lagMs", lagMs)
        .detail("intervalMs", intervalNanos / 1_000_000L).build();
  }
}
