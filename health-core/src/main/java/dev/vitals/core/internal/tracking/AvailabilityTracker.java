package dev.vitals.core.internal.tracking;

import dev.vitals.api.Status;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * The share of time a probe was available over the last hour, day, week and month.
 *
 * <p>Fed with the probe's status transitions ({@link #transition(Status, long)}); a status holds from
 * its transition until the next one. Time in {@link Status#UP} or {@link Status#DEGRADED} is
 * available, time in {@link Status#DOWN} is unavailable, and time in {@link Status#UNKNOWN} (the
 * status from creation until the first transition) is not counted at all. The share of a window is
 * available time / (available + unavailable time).
 *
 * <h2>Window semantics and precision</h2>
 *
 * <p>Time since the origin is cut into minutes (for the 1-hour window) and hours (for the others),
 * counted from the origin. Each window is a whole number of complete buckets plus the current,
 * partial one: with <i>t</i> = now - origin,
 *
 * <ul>
 *   <li><b>1h</b> = the 60 complete minutes before the current minute, plus the current minute up to
 *       now: from {@code 60 (floor(t / 1 min) - 60)} minutes, between 60 and 61 minutes back;
 *   <li><b>24h</b>, <b>7d</b>, <b>30d</b> = the 24, 168 or 720 complete hours before the current
 *       hour, plus the current hour up to now: between 24 and 25 hours, 7 days and 7 days + 1 hour,
 *       30 days and 30 days + 1 hour back.
 * </ul>
 *
 * <p>Time before the origin counts as {@link Status#UNKNOWN}. Within its interval a share is exact:
 * a status that spans bucket boundaries is split exactly at them, in integer nanoseconds, whatever
 * the transition times. Compared with the exact interval {@code [now - W, now]} the window reaches
 * back at most one bucket further (1 minute for 1h, 1 hour for the others); both agree when now is
 * on a bucket boundary, or when the status did not change during that extra part of a bucket.
 *
 * <h2>Memory</h2>
 *
 * <p>Fixed: 61 minute buckets and 721 hour buckets of 3 longs each, {@link #footprintBytes()} =
 * 19,016 bytes.
 *
 * <h2>Threading</h2>
 *
 * <p>Thread-safe; every method synchronises on this object and is O(buckets) at worst. Times are
 * monotonic nanoseconds from the same source as the origin; a time earlier than one already seen
 * counts as that earlier time.
 */
public final class AvailabilityTracker {

  /** The windows, shortest first. */
  public enum Window {
    /** The last hour, by minute. */
    ONE_HOUR("1h", 60, false),
    /** The last 24 hours, by hour. */
    ONE_DAY("24h", 24, true),
    /** The last 7 days, by hour. */
    SEVEN_DAYS("7d", 7 * 24, true),
    /** The last 30 days, by hour. */
    THIRTY_DAYS("30d", 30 * 24, true);

    private final String key;
    private final int completeBuckets;
    private final boolean hourly;

    Window(String key, int completeBuckets, boolean hourly) {
      this.key = key;
      this.completeBuckets = completeBuckets;
      this.hourly = hourly;
    }

    /**
     * The key used in reports and metrics.
     *
     * @return {@code 1h}, {@code 24h}, {@code 7d} or {@code 30d}
     */
    public String key() {
      return key;
    }
  }

  static final long MINUTE_NANOS = 60_000_000_000L;
  static final long HOUR_NANOS = 60 * MINUTE_NANOS;

  private final long origin;
  /** How much time before the live origin seeds may fill. */
  private final long past;
  private final Buckets minutes = new Buckets(Window.ONE_HOUR.completeBuckets + 1, MINUTE_NANOS);
  private final Buckets hours = new Buckets(Window.THIRTY_DAYS.completeBuckets + 1, HOUR_NANOS);
  private Status status = Status.UNKNOWN;
  /** Time since the origin up to which the status has been counted. */
  private long countedTo;
  /** Whether any time has been counted (the status was known at some point). */
  private boolean anyCounted;

  /**
   * Creates a tracker whose history starts {@link Status#UNKNOWN} at {@code originNanos}.
   *
   * @param originNanos the monotonic time at which the history starts, usually the engine clock's
   *     {@code nanoTime()} when the probe is registered
   */
  public AvailabilityTracker(long originNanos) {
    this(originNanos, 0);
  }

  /**
   * Creates a tracker whose live history starts {@link Status#UNKNOWN} at {@code originNanos} and that
   * can also hold {@code pastNanos} of earlier history, filled with {@link #seed} (a history store's
   * minutes from before the process started). Buckets stay aligned to {@code originNanos - pastNanos}.
   *
   * @param originNanos the monotonic time at which the live history starts
   * @param pastNanos how much time before the origin {@link #seed} may fill, zero or more
   * @throws IllegalArgumentException if {@code pastNanos} is negative
   */
  public AvailabilityTracker(long originNanos, long pastNanos) {
    if (pastNanos < 0) {
      throw new IllegalArgumentException("pastNanos must be >= 0, was " + pastNanos);
    }
    this.origin = originNanos - pastNanos;
    this.countedTo = pastNanos;
    this.past = pastNanos;
  }

  /**
   * Counts time from before the live history (a stored minute): {@code upNanos} of available time
   * from {@code fromNanos}, then {@code downNanos} of unavailable time. Only the part between
   * {@code originNanos - pastNanos} and the origin counts; a bucket that already holds newer time is
   * left alone, so seeds may come after live transitions. Seeds are best given oldest first.
   *
   * @param fromNanos where the stored time starts, monotonic nanoseconds (before the origin)
   * @param upNanos available time, zero or more
   * @param downNanos unavailable time after it, zero or more
   */
  public synchronized void seed(long fromNanos, long upNanos, long downNanos) {
    long from = fromNanos - origin;
    long mid = from + Math.max(0, upNanos);
    long to = mid + Math.max(0, downNanos);
    seedPart(from, mid, true);
    seedPart(mid, to, false);
  }

  private void seedPart(long from, long to, boolean up) {
    long f = Math.max(0, from);
    long t = Math.min(past, to);
    if (f >= t) {
      return;
    }
    minutes.seed(f, t, up);
    hours.seed(f, t, up);
    anyCounted = true;
  }

  /**
   * The available and the counted time of the complete minute bucket that holds {@code atNanos}.
   *
   * @param atNanos a time in the minute, monotonic nanoseconds
   * @param nowNanos the current monotonic time (the minute must have ended by then)
   * @return {available, counted} nanoseconds, {0, 0} when the minute is not complete, not counted or
   *     no longer kept (older than an hour)
   */
  public synchronized long[] minute(long atNanos, long nowNanos) {
    countUpTo(nowNanos);
    long b = Math.floorDiv(atNanos - origin, MINUTE_NANOS);
    if (b < 0 || (b + 1) * MINUTE_NANOS > countedTo) {
      return new long[2];
    }
    return minutes.get(b);
  }

  /**
   * The start of the minute bucket that holds a time.
   *
   * @param atNanos a monotonic time
   * @return the monotonic time at which its minute bucket starts
   */
  public long minuteStart(long atNanos) {
    return origin + Math.floorDiv(atNanos - origin, MINUTE_NANOS) * MINUTE_NANOS;
  }

  /**
   * Records that the probe entered {@code status} at {@code nowNanos}. The same status again is
   * harmless.
   *
   * @param status the new status, not null
   * @param nowNanos when it changed, monotonic nanoseconds
   * @throws NullPointerException if {@code status} is null
   */
  public synchronized void transition(Status status, long nowNanos) {
    Objects.requireNonNull(status, "status");
    countUpTo(nowNanos);
    this.status = status;
  }

  /**
   * The status of the latest transition.
   *
   * @return the status, {@link Status#UNKNOWN} before the first transition
   */
  public synchronized Status status() {
    return status;
  }

  /**
   * The share of counted time that was available in one window.
   *
   * @param window the window, not null
   * @param nowNanos the current monotonic time
   * @return a ratio from 0 to 1, or empty when the window holds no counted time (all
   *     {@link Status#UNKNOWN})
   * @throws NullPointerException if {@code window} is null
   */
  public synchronized OptionalDouble share(Window window, long nowNanos) {
    Objects.requireNonNull(window, "window");
    countUpTo(nowNanos);
    Buckets b = window.hourly ? hours : minutes;
    long currentBucket = countedTo / b.length;
    return b.share(currentBucket - window.completeBuckets, currentBucket);
  }

  /**
   * The shares of every window that holds counted time.
   *
   * @param nowNanos the current monotonic time
   * @return an unmodifiable map in window order with keys {@code 1h}, {@code 24h}, {@code 7d},
   *     {@code 30d} and ratios from 0 to 1; a window with no counted time is absent
   */
  public synchronized Map<String, Double> shares(long nowNanos) {
    countUpTo(nowNanos);
    if (!anyCounted) {
      return Map.of(); // never out of UNKNOWN: no window holds counted time, no need to scan them
    }
    Map<String, Double> shares = new LinkedHashMap<>();
    for (Window w : Window.values()) {
      OptionalDouble v = share(w, nowNanos);
      if (v.isPresent()) {
        shares.put(w.key, v.getAsDouble());
      }
    }
    return Collections.unmodifiableMap(shares);
  }

  /**
   * The memory this tracker holds, in bytes; constant.
   *
   * @return bytes, 19,016
   */
  public long footprintBytes() {
    // this object: header, 3 references, a long and a boolean, counted generously (8 bytes each
    // reference, which covers the boolean with compressed references)
    return 16 + 3 * 8 + 8 + 8 + minutes.footprintBytes() + hours.footprintBytes();
  }

  private void countUpTo(long nowNanos) {
    long t = nowNanos - origin;
    if (t <= countedTo) {
      return;
    }
    if (status != Status.UNKNOWN) {
      boolean available = status.isAvailable();
      minutes.add(countedTo, t, available);
      hours.add(countedTo, t, available);
      anyCounted = true;
    }
    countedTo = t;
  }

  /**
   * A ring of time buckets: for each, its index plus one (0: never used, so a new ring needs no
   * filling), its available and its counted nanoseconds.
   */
  private static final class Buckets {
    final long length;
    final long[] ids;
    final long[] available;
    final long[] counted;

    Buckets(int size, long length) {
      this.length = length;
      this.ids = new long[size];
      this.available = new long[size];
      this.counted = new long[size];
    }

    /** Counts the time {@code [from, to)} (since the origin, {@code 0 <= from < to}). */
    void add(long from, long to, boolean up) {
      long last = (to - 1) / length;
      long first = Math.max(from / length, last - (ids.length - 1));
      for (long b = first; b <= last; b++) {
        long d = Math.min(to, (b + 1) * length) - Math.max(from, b * length);
        int e = (int) (b % ids.length);
        if (ids[e] != b + 1) {
          ids[e] = b + 1;
          available[e] = 0;
          counted[e] = 0;
        }
        counted[e] += d;
        if (up) {
          available[e] += d;
        }
      }
    }

    /** Counts the time {@code [from, to)} like {@link #add}, but leaves a bucket that holds newer time. */
    void seed(long from, long to, boolean up) {
      long last = (to - 1) / length;
      for (long b = from / length; b <= last; b++) {
        int e = (int) (b % ids.length);
        if (ids[e] > b + 1) {
          continue; // the ring has moved past this bucket
        }
        long d = Math.min(to, (b + 1) * length) - Math.max(from, b * length);
        if (ids[e] != b + 1) {
          ids[e] = b + 1;
          available[e] = 0;
          counted[e] = 0;
        }
        counted[e] += d;
        if (up) {
          available[e] += d;
        }
      }
    }

    /** {available, counted} of bucket b, zeros when the ring no longer holds it. */
    long[] get(long b) {
      int e = (int) (b % ids.length);
      return ids[e] == b + 1 ? new long[] {available[e], counted[e]} : new long[2];
    }

    /** The share over buckets {@code first .. last}, inclusive. */
    OptionalDouble share(long first, long last) {
      long up = 0;
      long all = 0;
      for (int e = 0; e < ids.length; e++) {
        if (ids[e] != 0 && ids[e] > first && ids[e] <= last + 1) { // used, and ids[e] - 1 in [first, last]
          up += available[e];
          all += counted[e];
        }
      }
      return all == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) up / all);
    }

    long footprintBytes() {
      return 16 + 8 + 3 * 8 + 3 * (16 + 8L * ids.length);
    }
  }
}
