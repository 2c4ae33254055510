package dev.vitals.core.internal.tracking;

import dev.vitals.api.WindowStats;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.time.Duration;
import java.util.Arrays;

/**
 * The measuring heart of a tracker: counts, errors and latency percentiles of recorded operations
 * over sliding windows of 1 minute, 5 minutes and 1 hour, plus totals since creation.
 *
 * <h2>Recording</h2>
 *
 * <p>{@link #record(long, boolean)} is the hot path of every user request. It reads no clock, takes
 * no lock and allocates nothing: it adds 1 to a log-linear latency bucket with one atomic add (and,
 * for a failure, 1 to an error counter with a second one). Writers are spread over
 * {@value #STRIPES} stripes chosen by the low bits of the thread id, each stripe its own region of
 * one {@code long[]}, padded, so that threads do not contend on a cache line. Count and max come
 * from the buckets. A negative duration counts as 0; a duration of 2<sup>40</sup> ns (about 18.3
 * minutes) or more counts in the top bucket.
 *
 * <p>The stripes are the <i>current slot</i>. There is no buffer swap: {@link #rotate(long)} drains
 * them bucket by bucket with an atomic exchange against 0, so an add that races with a rotation
 * lands either in the closing slot or in the next one, and is never lost. (A failure racing with a
 * rotation may have its count in one slot and its error in the next; a window reports at most as
 * many errors as operations, and the totals are exact.)
 *
 * <h2>Window semantics</h2>
 *
 * <p>Time is cut into 10-second slots counted from the origin given to the constructor: slot
 * <i>n</i> covers {@code [origin + 10n s, origin + 10(n+1) s)}. An operation belongs to the slot that
 * is current when it is recorded. The current slot moves only in {@link #rotate(long) rotate(now)}
 * (which {@link #snapshot(long) snapshot(now)} calls first): to the slot that contains {@code now},
 * closing the current slot and every slot in between, empty ones included. A minute is 6 slots
 * ({@code 6m .. 6m+5}), a block 5 minutes ({@code 30b .. 30b+29}). With <i>c</i> the current slot,
 * <i>m</i> = c / 6 its minute and <i>b</i> = c / 30 its block:
 *
 * <ul>
 *   <li><b>1 minute</b> = the 6 complete slots c-6 .. c-1 plus the current slot c: the operations
 *       since {@code origin + 10(c-6) s}, which is between 60 and 70 seconds ago;
 *   <li><b>5 minutes</b> = the 5 complete minutes m-5 .. m-1 plus the complete slots of minute m
 *       plus the current slot: the operations since {@code origin + 60(m-5) s}, between 5 and 6
 *       minutes ago;
 *   <li><b>1 hour</b> = the 12 complete blocks b-12 .. b-1 plus the complete minutes and slots of
 *       block b plus the current slot: the operations since {@code origin + 300(b-12) s}, between
 *       60 and 65 minutes ago.
 * </ul>
 *
 * <p>So an operation recorded in slot <i>s</i> leaves the 1-minute window exactly when the current
 * slot becomes s+7, the 5-minute window when it becomes 6(s/6 + 6), the 1-hour window when it
 * becomes 30(s/30 + 13). Slots before the origin are empty.
 *
 * <h2>Precision</h2>
 *
 * <p>Durations are bucketed in units of 16 ns. Below 32 units (512 ns) buckets are 16 ns wide;
 * above, each power of two is split into 32 equal buckets (HdrHistogram's log-linear scheme), so a
 * bucket {@code [L, L + W)} has {@code W <= L / 32}. The 1-minute window keeps these 1024 buckets;
 * the 5-minute and 1-hour windows merge them by pairs into 512 buckets with {@code W <= L / 16}.
 *
 * <p>The percentile q of n values is the smallest recorded value v such that at least
 * {@code ceil(q n)} of the values are {@code <= v} (for q = 0.5, 0.95, 0.99; the maximum is q = 1).
 * It is reported as the midpoint {@code L + W/2} of the bucket that holds v; this is the bucket
 * where the cumulative bucket count first reaches {@code ceil(q n)}, because buckets are disjoint
 * ordered ranges. Since {@code L <= v < L + W}, {@code |L + W/2 - v| <= W/2 <= v W / (2L)}, so the
 * relative error is at most 1/64 = 1.5625 % for the 1-minute window and 1/32 = 3.125 % for the
 * 5-minute and 1-hour windows, for every value from 512 ns to 2<sup>40</sup> ns (18.3 minutes);
 * below 512 ns the absolute error is at most 8 ns (16 ns for the longer windows).
 *
 * <h2>Memory</h2>
 *
 * <p>Bounded, independent of run time and of the rate of operations: {@link #footprintBytes()} =
 * 203,008 bytes (198 KiB, budget 256 KiB) with 8 stripes: the stripes, 8 x 1040 longs plus 16 of
 * padding (66,704 B); the rings with their per-entry counts and errors (119,440 B): 1 minute 6 x 1024
 * longs, 5 minutes 5 x 512 longs, 1 hour 12 x 512 longs; snapshot scratch space, 1024 + 2 x 512 longs
 * (16,432 B); the last snapshot, kept to answer again while nothing changes (272 B); and the objects
 * that hold them (160 B). Array headers count 16 bytes and references 8. A tracker with one stripe
 * (a probe's, which records once per run) holds 144,768 bytes. The stripes are allocated with the
 * tracker; each ring's buckets when data first reaches it and the scratch space at the first snapshot
 * that reads data, so an idle tracker holds little more than its stripes (67 KB, or 8.5 KB with one).
 *
 * <h2>Threading</h2>
 *
 * <p>{@link #record(long, boolean)} may be called by any number of threads and never blocks.
 * {@link #rotate(long)} and {@link #snapshot(long)} synchronise with each other on a private lock,
 * never with {@code record}. Times are {@link System#nanoTime()}-style monotonic nanoseconds from the
 * same source as the origin.
 */
public final class LatencyTracker {

  /** Length of a slot, the granularity at which windows move: 10 seconds. */
  public static final long SLOT_NANOS = 10_000_000_000L;

  /** The windows a snapshot reports, shortest first. */
  static final Duration ONE_MINUTE = Duration.ofMinutes(1);
  static final Duration FIVE_MINUTES = Duration.ofMinutes(5);
  static final Duration ONE_HOUR = Duration.ofHours(1);

  /** Durations are counted in units of 2^4 = 16 ns. */
  static final int UNIT_SHIFT = 4;
  /** 2^5 = 32 sub-buckets per power of two. */
  static final int SUB_BITS = 5;
  /** Buckets of the fine histogram (1-minute window): covers 0 to 2^36 units = 2^40 ns. */
  static final int FINE_BUCKETS = 1024;
  /** Buckets of the coarse histogram (5-minute and 1-hour windows): pairs of fine buckets. */
  static final int COARSE_BUCKETS = FINE_BUCKETS / 2;
  /** The largest duration with a precise bucket: 2^40 ns, about 18.3 minutes. */
  static final long MAX_TRACKED_NANOS = 1L << 40;

  /** Write stripes of a tracker on a request path (one per probe: a probe records once per run); a power of two. */
  static final int STRIPES = 8;
  /** Longs of padding: 128 bytes, two cache lines (adjacent-line prefetch). */
  private static final int PAD = 16;
  /** Offset of a stripe's error counter from the stripe's start. */
  private static final int ERRORS = FINE_BUCKETS;
  /** Longs per stripe: the buckets, then the error counter and padding. */
  private static final int STRIDE = FINE_BUCKETS + PAD;

  static final int SLOTS_PER_MINUTE = 6;
  static final int MINUTES_PER_BLOCK = 5;
  static final int SLOTS_PER_BLOCK = SLOTS_PER_MINUTE * MINUTES_PER_BLOCK;
  static final int BLOCKS_PER_HOUR = 12;
  /** A slot this far behind the current one is outside every window. */
  private static final long SLOTS_REMEMBERED = (long) SLOTS_PER_BLOCK * (BLOCKS_PER_HOUR + 1);

  /** A retained snapshot: the record (header, 3 references, 2 longs) and three WindowStats (72 B each). */
  private static final long SNAPSHOT_BYTES = 16 + 3 * 8 + 2 * 8 + 3 * 72;

  private static final VarHandle CELLS = MethodHandles.arrayElementVarHandle(long[].class);

  /** The stripes: PAD longs, then stripes x STRIDE longs. Written by record, drained by rotate. */
  private final long[] cells;
  private final int stripes;
  private final int stripeMask;

  private final Object lock = new Object();
  private final long origin;

  /**
   * Set by {@link #record} after its adds when it finds it clear; cleared by {@link #snapshot} before
   * it reads the stripes. Clear means no add has finished since the last snapshot read the stripes.
   */
  private volatile boolean recorded;
  /** The last snapshot and the slot it was taken in; guarded by lock. */
  private LatencySnapshot last;
  private long lastSlot;

  // Everything below is guarded by lock.
  /** The current slot, counted from the origin. */
  private long current;
  /** Operations and errors drained from the stripes since creation. */
  private long drainedCount;
  private long drainedErrors;
  /** Slots c-6 .. c-1 at fine precision; slot s at entry s % 6. */
  private final Ring slots = new Ring(SLOTS_PER_MINUTE, FINE_BUCKETS);
  /** Minutes m-5 .. m-1 at coarse precision; minute i at entry i % 5. */
  private final Ring minutes = new Ring(MINUTES_PER_BLOCK, COARSE_BUCKETS);
  /** Blocks b-12 .. b-1 at coarse precision; block i at entry i % 12. */
  private final Ring blocks = new Ring(BLOCKS_PER_HOUR, COARSE_BUCKETS);
  /** Snapshot scratch: the stripes as read, then the 1-minute window. */
  private long[] fineScratch;
  /** Snapshot scratch: the current minute so far, coarse. */
  private long[] minuteScratch;
  /** Snapshot scratch: the 1-hour window. */
  private long[] hourScratch;

  /**
   * Creates a tracker whose slot 0 starts at {@code originNanos}.
   *
   * @param originNanos the monotonic time at which the first slot starts, usually the engine clock's
   *     {@code nanoTime()} at creation
   */
  public LatencyTracker(long originNanos) {
    this(originNanos, STRIPES);
  }

  /**
   * Creates a tracker with a given number of write stripes: {@link #STRIPES} for a tracker that many
   * threads record into at once, 1 for one that records rarely (a probe's: once per run).
   *
   * @param originNanos the monotonic time at which the first slot starts
   * @param stripes 1, 2, 4 or 8
   * @throws IllegalArgumentException for another number of stripes
   */
  public LatencyTracker(long originNanos, int stripes) {
    if (stripes < 1 || stripes > STRIPES || Integer.bitCount(stripes) != 1) {
      throw new IllegalArgumentException("stripes must be 1, 2, 4 or 8, was " + stripes);
    }
    this.stripes = stripes;
    this.stripeMask = stripes - 1;
    this.cells = new long[PAD + stripes * STRIDE];
    this.origin = originNanos;
    WindowStats empty1 = WindowStats.empty(ONE_MINUTE);
    // nothing recorded and slot 0: the snapshot is known without reading a bucket
    this.last = new LatencySnapshot(empty1, WindowStats.empty(FIVE_MINUTES), WindowStats.empty(ONE_HOUR), 0, 0);
  }

  /**
   * Records one operation in the current slot. Never blocks, never allocates, never throws, never
   * reads a clock.
   *
   * @param nanos how long it took, in nanoseconds; a negative value counts as 0, a value of
   *     2<sup>40</sup> ns or more counts in the top bucket
   * @param success false when the operation failed
   */
  public void record(long nanos, boolean success) {
    long units = (nanos & ~(nanos >> 63)) >>> UNIT_SHIFT;
    int shift = 58 - Long.numberOfLeadingZeros(units | 32);
    int bucket = Math.min((shift << SUB_BITS) + (int) (units >>> shift), FINE_BUCKETS - 1);
    int stripe = PAD + ((int) Thread.currentThread().getId() & stripeMask) * STRIDE;
    long[] c = cells;
    CELLS.getAndAdd(c, stripe + bucket, 1L);
    if (!success) {
      CELLS.getAndAdd(c, stripe + ERRORS, 1L);
    }
    if (!recorded) {
      recorded = true; // written once per snapshot at most: read-mostly, no contention
    }
  }

  /**
   * Closes every slot that ends at or before {@code nowNanos}: the current one with what was recorded
   * into it, then any empty slots up to the one containing {@code nowNanos}, which becomes current.
   * Call it at every slot boundary ({@link #nextRotationNanos()}); calling it late, early or more than
   * once is harmless. Never blocks {@link #record(long, boolean)}.
   *
   * @param nowNanos the current monotonic time, same source as the origin
   */
  public void rotate(long nowNanos) {
    synchronized (lock) {
      long target = Math.floorDiv(nowNanos - origin, SLOT_NANOS);
      if (target <= current) {
        return;
      }
      if (target - current > SLOTS_REMEMBERED) {
        // Everything recorded so far is older than every window: count it, forget the rings.
        drain(null, 0);
        slots.clearAll();
        minutes.clearAll();
        blocks.clearAll();
        current = target;
        return;
      }
      closeSlot(current, true);
      current++;
      while (current < target) {
        closeSlot(current, false);
        current++;
      }
    }
  }

  /**
   * When the current slot ends: the time of the next useful {@link #rotate(long)}.
   *
   * @return monotonic nanoseconds, same source as the origin
   */
  public long nextRotationNanos() {
    synchronized (lock) {
      return origin + (current + 1) * SLOT_NANOS;
    }
  }

  /**
   * Rotates to {@code nowNanos}, then reads the three windows and the totals.
   *
   * @param nowNanos the current monotonic time, same source as the origin
   * @return an immutable snapshot, not null
   */
  public LatencySnapshot snapshot(long nowNanos) {
    synchronized (lock) {
      rotate(nowNanos);
      long c = current;
      if (c == lastSlot && !recorded) {
        // same slot, no add finished since the last snapshot read the stripes: nothing changed
        return last;
      }
      // Clear the flag before reading the stripes (a full fence between the two): an add the reads
      // below miss finished after the clear, so it sets the flag again and the next snapshot reads it.
      recorded = false;
      VarHandle.fullFence();
      // The current slot, read live: errors first, so that every error read has its bucket visible.
      long liveErrors = 0;
      for (int s = 0; s < stripes; s++) {
        liveErrors += (long) CELLS.getAcquire(cells, PAD + s * STRIDE + ERRORS);
      }
      if (fineScratch == null) {
        // allocated at the first snapshot that reads anything (a tracker that never records never needs it)
        fineScratch = new long[FINE_BUCKETS];
        minuteScratch = new long[COARSE_BUCKETS];
        hourScratch = new long[COARSE_BUCKETS];
      }
      long[] fine = fineScratch;
      Arrays.fill(fine, 0L);
      long liveCount = 0;
      for (int s = 0; s < stripes; s++) {
        int base = PAD + s * STRIDE;
        for (int i = 0; i < FINE_BUCKETS; i++) {
          long v = (long) CELLS.getOpaque(cells, base + i);
          fine[i] += v;
          liveCount += v;
        }
      }

      // The current minute so far: its complete slots and the current slot, coarse.
      long[] minute = minuteScratch;
      Arrays.fill(minute, 0L);
      addCoarse(fine, 0, minute, 0);
      long minuteCount = liveCount;
      long minuteErrors = liveErrors;
      for (long s = c - c % SLOTS_PER_MINUTE; s < c; s++) {
        int e = slots.entry(s);
        if (slots.counts[e] != 0) {
          addCoarse(slots.buckets, slots.offset(e), minute, 0);
        }
        minuteCount += slots.counts[e];
        minuteErrors += slots.errors[e];
      }

      // 1 minute: the 6 complete slots c-6 .. c-1 (the whole ring) and the current slot.
      long count1 = liveCount;
      long errors1 = liveErrors;
      for (int e = 0; e < slots.size; e++) {
        slots.addEntryTo(e, fine);
        count1 += slots.counts[e];
        errors1 += slots.errors[e];
      }
      WindowStats oneMinute = stats(ONE_MINUTE, fine, count1, errors1, false);

      // 1 hour: the 12 complete blocks (whole ring), the complete minutes of block b, the minute so far.
      long[] hour = hourScratch;
      System.arraycopy(minute, 0, hour, 0, COARSE_BUCKETS);
      long count60 = minuteCount;
      long errors60 = minuteErrors;
      long m = c / SLOTS_PER_MINUTE;
      for (long i = m - m % MINUTES_PER_BLOCK; i < m; i++) {
        int e = minutes.entry(i);
        minutes.addEntryTo(e, hour);
        count60 += minutes.counts[e];
        errors60 += minutes.errors[e];
      }
      for (int e = 0; e < blocks.size; e++) {
        blocks.addEntryTo(e, hour);
        count60 += blocks.counts[e];
        errors60 += blocks.errors[e];
      }
      WindowStats oneHour = stats(ONE_HOUR, hour, count60, errors60, true);

      // 5 minutes: the 5 complete minutes (whole ring) and the minute so far.
      long count5 = minuteCount;
      long errors5 = minuteErrors;
      for (int e = 0; e < minutes.size; e++) {
        minutes.addEntryTo(e, minute);
        count5 += minutes.counts[e];
        errors5 += minutes.errors[e];
      }
      WindowStats fiveMinutes = stats(FIVE_MINUTES, minute, count5, errors5, true);

      long totalCount = drainedCount + liveCount;
      long totalErrors = Math.min(drainedErrors + liveErrors, totalCount);
      last = new LatencySnapshot(oneMinute, fiveMinutes, oneHour, totalCount, totalErrors);
      lastSlot = c;
      return last;
    }
  }

  /**
   * How many minutes have closed: minutes {@code 0 .. closedMinutes() - 1} (minute m covers
   * {@code [origin + 60m s, origin + 60(m+1) s)}) are complete. Does not rotate.
   *
   * @return the number of the first minute not yet complete
   */
  public long closedMinutes() {
    synchronized (lock) {
      return current / SLOTS_PER_MINUTE;
    }
  }

  /**
   * When minute {@code m} starts.
   *
   * @param m a minute number
   * @return monotonic nanoseconds, same source as the origin
   */
  public long minuteStartNanos(long m) {
    return origin + m * SLOTS_PER_MINUTE * SLOT_NANOS;
  }

  /**
   * Reads one closed minute while the tracker still holds it (the last five closed minutes): its
   * latency in the coarse buckets of {@link dev.vitals.api.LatencyHistogram}, its count and errors.
   *
   * @param m a minute number below {@link #closedMinutes()}
   * @param coarse receives the minute's counts, 512 long; cleared first
   * @param countErrors receives {count, errors}
   * @return false when the minute is not closed or no longer held (then nothing is written)
   */
  public boolean closedMinute(long m, long[] coarse, long[] countErrors) {
    synchronized (lock) {
      long closed = current / SLOTS_PER_MINUTE;
      if (m >= closed || m < closed - MINUTES_PER_BLOCK || m < 0) {
        return false;
      }
      Arrays.fill(coarse, 0L);
      int e = minutes.entry(m);
      minutes.addEntryTo(e, coarse);
      countErrors[0] = minutes.counts[e];
      countErrors[1] = Math.min(minutes.errors[e], minutes.counts[e]);
      return true;
    }
  }

  /**
   * The memory this tracker holds, in bytes: every array's elements and header plus the objects
   * that hold them. Constant for the tracker's life.
   *
   * @return bytes: 203,008 with 8 stripes, 144,768 with 1
   */
  public long footprintBytes() {
    // the arrays allocated on first use count from the start: this is what the tracker holds once used
    long arrays = arrayBytes(cells.length) + arrayBytes(FINE_BUCKETS) + 2 * arrayBytes(COARSE_BUCKETS)
        + slots.footprintBytes() + minutes.footprintBytes() + blocks.footprintBytes();
    // this object (header, 9 references counted as 8 bytes each, 5 longs, a boolean and 2 ints counted as 16),
    // the lock object, and the last snapshot (its object and three WindowStats; the windows'
    // Durations are shared constants).
    return arrays + 16 + 9 * 8 + 5 * 8 + 16 + 16 + SNAPSHOT_BYTES;
  }

  // ---------------------------------------------------------------------------------------------
  // Rotation

  /**
   * Closes slot s, draining the stripes into it if asked (an empty gap slot is not), then closes its
   * minute and block if it ends them.
   */
  private void closeSlot(long s, boolean drainStripes) {
    int e = slots.entry(s);
    slots.clear(e);
    if (drainStripes) {
      drain(slots, e);
    }
    if ((s + 1) % SLOTS_PER_MINUTE == 0) {
      closeMinute(s / SLOTS_PER_MINUTE);
    }
  }

  /**
   * Drains the stripes into entry {@code e} of {@code ring} (the slots ring), or nowhere when
   * {@code ring} is null, and adds what it drained to the totals.
   */
  private void drain(Ring ring, int e) {
    long[] dst = null;
    int offset = ring == null ? 0 : ring.offset(e);
    long count = 0;
    long errors = 0;
    for (int s = 0; s < stripes; s++) {
      int base = PAD + s * STRIDE;
      if ((long) CELLS.getOpaque(cells, base + ERRORS) != 0) {
        errors += (long) CELLS.getAndSet(cells, base + ERRORS, 0L);
      }
      for (int i = 0; i < FINE_BUCKETS; i++) {
        if ((long) CELLS.getOpaque(cells, base + i) != 0) {
          long v = (long) CELLS.getAndSet(cells, base + i, 0L);
          if (ring != null) {
            if (dst == null) {
              dst = ring.buckets();
            }
            dst[offset + i] += v;
          }
          count += v;
        }
      }
    }
    drainedCount += count;
    drainedErrors += errors;
    if (ring != null) {
      ring.counts[e] += count;
      ring.errors[e] += errors;
    }
  }

  /** Minute m just ended: its 6 slots are exactly the slots ring; fold them into the minutes ring. */
  private void closeMinute(long m) {
    int e = minutes.entry(m);
    minutes.clear(e);
    int dst = minutes.offset(e);
    for (int i = 0; i < slots.size; i++) {
      if (slots.counts[i] != 0) {
        addCoarse(slots.buckets, slots.offset(i), minutes.buckets(), dst);
      }
      minutes.counts[e] += slots.counts[i];
      minutes.errors[e] += slots.errors[i];
    }
    if ((m + 1) % MINUTES_PER_BLOCK == 0) {
      closeBlock(m / MINUTES_PER_BLOCK);
    }
  }

  /** Block b just ended: its 5 minutes are exactly the minutes ring; fold them into the blocks ring. */
  private void closeBlock(long b) {
    int e = blocks.entry(b);
    blocks.clear(e);
    for (int i = 0; i < minutes.size; i++) {
      if (minutes.counts[i] != 0) {
        minutes.addEntryTo(i, blocks.buckets(), blocks.offset(e));
      }
      blocks.counts[e] += minutes.counts[i];
      blocks.errors[e] += minutes.errors[i];
    }
  }

  /** Adds fine buckets (1024 at {@code src[from]}) to coarse ones (512 at {@code dst[to]}). */
  private static void addCoarse(long[] src, int from, long[] dst, int to) {
    for (int j = 0; j < COARSE_BUCKETS; j++) {
      dst[to + j] += src[from + 2 * j] + src[from + 2 * j + 1];
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Reading

  /** Builds the stats of one window from its merged buckets. */
  static WindowStats stats(Duration window, long[] buckets, long count, long errors, boolean coarse) {
    if (count == 0) {
      return WindowStats.empty(window);
    }
    long rank50 = rank(0.50, count);
    long rank95 = rank(0.95, count);
    long rank99 = rank(0.99, count);
    long p50 = -1;
    long p95 = -1;
    long p99 = -1;
    int top = 0;
    long cumulative = 0;
    for (int i = 0; i < buckets.length; i++) {
      long n = buckets[i];
      if (n == 0) {
        continue;
      }
      top = i;
      cumulative += n;
      if (p50 < 0 && cumulative >= rank50) {
        p50 = representative(i, coarse);
      }
      if (p95 < 0 && cumulative >= rank95) {
        p95 = representative(i, coarse);
      }
      if (p99 < 0 && cumulative >= rank99) {
        p99 = representative(i, coarse);
      }
    }
    long max = representative(top, coarse);
    return new WindowStats(window, count, Math.min(errors, count), p50, p95, p99, max);
  }

  /** The 1-based rank of the q-th percentile among n values: ceil(q n), at least 1. */
  static long rank(double q, long n) {
    return Math.max(1L, (long) Math.ceil(q * n));
  }

  /** The fine bucket a duration falls in (the hot path's computation, for tests and tools). */
  static int fineBucket(long nanos) {
    long units = (nanos & ~(nanos >> 63)) >>> UNIT_SHIFT;
    int shift = 58 - Long.numberOfLeadingZeros(units | 32);
    return Math.min((shift << SUB_BITS) + (int) (units >>> shift), FINE_BUCKETS - 1);
  }

  /** The lowest duration, in nanoseconds, of a fine bucket. */
  static long fineLowerNanos(int bucket) {
    return lowerUnits(bucket) << UNIT_SHIFT;
  }

  /** The width, in nanoseconds, of a fine bucket. */
  static long fineWidthNanos(int bucket) {
    return widthUnits(bucket) << UNIT_SHIFT;
  }

  /** The value reported for a bucket: its midpoint, in nanoseconds. */
  static long representative(int bucket, boolean coarse) {
    int fine = coarse ? bucket * 2 : bucket;
    long width = coarse ? 2 * widthUnits(fine) : widthUnits(fine);
    return (lowerUnits(fine) << UNIT_SHIFT) + (width << (UNIT_SHIFT - 1));
  }

  private static long lowerUnits(int fine) {
    if (fine < 2 << SUB_BITS) {
      return fine;
    }
    int shift = (fine >>> SUB_BITS) - 1;
    return (long) ((1 << SUB_BITS) + (fine & ((1 << SUB_BITS) - 1))) << shift;
  }

  private static long widthUnits(int fine) {
    return 1L << Math.max(0, (fine >>> SUB_BITS) - 1);
  }

  private static long arrayBytes(long longs) {
    return 16 + 8L * longs;
  }

  /** Fixed-size ring of histograms with a count and an error count per entry. Guarded by lock. */
  private static final class Ring {
    final int size;
    final int width;
    /** Allocated when first written (null while every count is 0): an idle tracker never needs it. */
    long[] buckets;
    final long[] counts;
    final long[] errors;

    Ring(int size, int width) {
      this.size = size;
      this.width = width;
      this.counts = new long[size];
      this.errors = new long[size];
    }

    /** The buckets, allocated on first use. Entry e's are non-null whenever {@code counts[e] != 0}. */
    long[] buckets() {
      if (buckets == null) {
        buckets = new long[size * width];
      }
      return buckets;
    }

    int entry(long index) {
      return (int) Math.floorMod(index, (long) size);
    }

    int offset(int entry) {
      return entry * width;
    }

    void clear(int e) {
      if (counts[e] != 0) {
        Arrays.fill(buckets, offset(e), offset(e) + width, 0L);
      }
      counts[e] = 0;
      errors[e] = 0;
    }

    void clearAll() {
      for (int e = 0; e < size; e++) {
        clear(e);
      }
    }

    void addEntryTo(int e, long[] dst) {
      addEntryTo(e, dst, 0);
    }

    void addEntryTo(int e, long[] dst, int to) {
      if (counts[e] == 0) {
        return;
      }
      int from = offset(e);
      for (int i = 0; i < width; i++) {
        dst[to + i] += buckets[from + i];
      }
    }

    long footprintBytes() {
      // the object (header, 2 ints, 3 refs) and its three arrays
      return 16 + 8 + 3 * 8 + arrayBytes((long) size * width) + arrayBytes(counts.length)
          + arrayBytes(errors.length);
    }
  }
}
