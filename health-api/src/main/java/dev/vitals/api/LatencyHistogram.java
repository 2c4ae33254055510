package dev.vitals.api;

import java.util.Arrays;
import java.util.Objects;

/**
 * An immutable, mergeable latency histogram: how many operations fell into each of
 * {@value #BUCKETS} log-linear buckets. The form in which history keeps latency, so that the
 * minutes of any window merge into that window's exact bucket counts and its p50/p95/p99.
 *
 * <h2>Buckets (a stored format: it never changes)</h2>
 *
 * <p>Durations are counted in units of 16 ns. Below 64 units, bucket {@code i} holds
 * {@code [32 i, 32 (i + 1))} ns; above, each power of two is split into 16 equal buckets, so a
 * bucket {@code [L, L + W)} has {@code W <= L / 16}. Bucket 511 also holds every duration of
 * 2<sup>40</sup> ns (about 18.3 minutes) or more. These are the buckets of the engine's 5-minute and
 * 1-hour windows, so a percentile read from a histogram is the midpoint of its bucket: within
 * 3.125 % of the true value from 1 µs up.
 *
 * <h2>Form</h2>
 *
 * <p>Sparse: only buckets with operations are held, as ascending bucket indexes with their counts.
 * A histogram of one minute of a probe that runs every 10 seconds holds at most 6 buckets.
 *
 * <p>Thread-safe (immutable). Never null in the values that carry one: {@link #EMPTY} stands for
 * no operations.
 */
public final class LatencyHistogram {

  /** The number of buckets. */
  public static final int BUCKETS = 512;

  /** The histogram of no operations. */
  public static final LatencyHistogram EMPTY = new LatencyHistogram(new int[0], new long[0], 0);

  private static final int UNIT_SHIFT = 4;
  private static final int SUB_BITS = 5;
  private static final int FINE_BUCKETS = 1024;

  private final int[] indexes;
  private final long[] counts;
  private final long total;

  private LatencyHistogram(int[] indexes, long[] counts, long total) {
    this.indexes = indexes;
    this.counts = counts;
    this.total = total;
  }

  /**
   * A histogram from parallel arrays of bucket indexes and counts.
   *
   * @param indexes bucket indexes, each from 0 to {@value #BUCKETS} - 1, strictly ascending; not null
   * @param counts the count of each bucket, each at least 1; as long as {@code indexes}
   * @return the histogram (the arrays are copied)
   * @throws IllegalArgumentException naming the first bad index or count, or when the lengths differ
   */
  public static LatencyHistogram of(int[] indexes, long[] counts) {
    Objects.requireNonNull(indexes, "indexes");
    Objects.requireNonNull(counts, "counts");
    if (indexes.length != counts.length) {
      throw new IllegalArgumentException("indexes and counts differ in length: " + indexes.length + " and " + counts.length);
    }
    long total = 0;
    for (int i = 0; i < indexes.length; i++) {
      if (indexes[i] < 0 || indexes[i] >= BUCKETS || (i > 0 && indexes[i] <= indexes[i - 1])) {
        throw new IllegalArgumentException("bucket indexes must ascend strictly within 0.." + (BUCKETS - 1)
            + ", found " + indexes[i] + " at position " + i);
      }
      if (counts[i] < 1) {
        throw new IllegalArgumentException("bucket counts must be 1 or more, found " + counts[i] + " for bucket " + indexes[i]);
      }
      total = Math.addExact(total, counts[i]);
    }
    return indexes.length == 0 ? EMPTY : new LatencyHistogram(indexes.clone(), counts.clone(), total);
  }

  /**
   * A histogram from dense bucket counts ({@code dense[i]} operations in bucket {@code i}).
   *
   * @param dense {@value #BUCKETS} counts, each zero or more; not null
   * @return the histogram of the non-zero buckets
   * @throws IllegalArgumentException if the array is not {@value #BUCKETS} long or holds a negative count
   */
  public static LatencyHistogram ofDense(long[] dense) {
    if (dense.length != BUCKETS) {
      throw new IllegalArgumentException("a dense histogram has " + BUCKETS + " buckets, not " + dense.length);
    }
    int n = 0;
    for (long c : dense) {
      if (c < 0) {
        throw new IllegalArgumentException("bucket counts must be zero or more, found " + c);
      }
      if (c != 0) {
        n++;
      }
    }
    if (n == 0) {
      return EMPTY;
    }
    int[] idx = new int[n];
    long[] cnt = new long[n];
    long total = 0;
    int j = 0;
    for (int i = 0; i < BUCKETS; i++) {
      if (dense[i] != 0) {
        idx[j] = i;
        cnt[j++] = dense[i];
        total += dense[i];
      }
    }
    return new LatencyHistogram(idx, cnt, total);
  }

  /**
   * The bucket a duration falls in.
   *
   * @param nanos a duration in nanoseconds; a negative one counts as 0
   * @return the bucket index, from 0 to {@value #BUCKETS} - 1
   */
  public static int bucketOf(long nanos) {
    long units = Math.max(0, nanos) >>> UNIT_SHIFT;
    int shift = 58 - Long.numberOfLeadingZeros(units | 32);
    return Math.min((shift << SUB_BITS) + (int) (units >>> shift), FINE_BUCKETS - 1) >>> 1;
  }

  /**
   * The lowest duration of a bucket.
   *
   * @param bucket the bucket index, from 0 to {@value #BUCKETS} - 1
   * @return nanoseconds
   */
  public static long lowerNanos(int bucket) {
    return lowerUnits(bucket * 2) << UNIT_SHIFT;
  }

  /**
   * The value a percentile in a bucket is reported as: the bucket's midpoint.
   *
   * @param bucket the bucket index, from 0 to {@value #BUCKETS} - 1
   * @return nanoseconds
   */
  public static long midpointNanos(int bucket) {
    int fine = bucket * 2;
    long width = 2 * (1L << Math.max(0, (fine >>> SUB_BITS) - 1));
    return (lowerUnits(fine) << UNIT_SHIFT) + (width << (UNIT_SHIFT - 1));
  }

  private static long lowerUnits(int fine) {
    if (fine < 2 << SUB_BITS) {
      return fine;
    }
    int shift = (fine >>> SUB_BITS) - 1;
    return (long) ((1 << SUB_BITS) + (fine & ((1 << SUB_BITS) - 1))) << shift;
  }

  /**
   * The number of operations.
   *
   * @return the sum of every bucket's count
   */
  public long count() {
    return total;
  }

  /**
   * Whether no operation is counted.
   *
   * @return true for a histogram of no operations
   */
  public boolean isEmpty() {
    return total == 0;
  }

  /**
   * The indexes of the buckets with operations.
   *
   * @return a copy, ascending
   */
  public int[] indexes() {
    return indexes.clone();
  }

  /**
   * The counts of the buckets with operations, in the order of {@link #indexes()}.
   *
   * @return a copy
   */
  public long[] counts() {
    return counts.clone();
  }

  /**
   * The number of buckets with operations.
   *
   * @return from 0 to {@value #BUCKETS}
   */
  public int size() {
    return indexes.length;
  }

  /**
   * The bucket index at a position of the sparse form.
   *
   * @param position from 0 to {@link #size()} - 1
   * @return the bucket index
   */
  public int indexAt(int position) {
    return indexes[position];
  }

  /**
   * The count at a position of the sparse form.
   *
   * @param position from 0 to {@link #size()} - 1
   * @return the count, at least 1
   */
  public long countAt(int position) {
    return counts[position];
  }

  /**
   * This histogram and another together.
   *
   * @param other another histogram, not null
   * @return the sum of both, bucket by bucket
   */
  public LatencyHistogram merge(LatencyHistogram other) {
    if (other.total == 0) {
      return this;
    }
    if (total == 0) {
      return other;
    }
    int[] idx = new int[indexes.length + other.indexes.length];
    long[] cnt = new long[idx.length];
    int i = 0;
    int j = 0;
    int n = 0;
    while (i < indexes.length || j < other.indexes.length) {
      if (j >= other.indexes.length || (i < indexes.length && indexes[i] < other.indexes[j])) {
        idx[n] = indexes[i];
        cnt[n++] = counts[i++];
      } else if (i >= indexes.length || other.indexes[j] < indexes[i]) {
        idx[n] = other.indexes[j];
        cnt[n++] = other.counts[j++];
      } else {
        idx[n] = indexes[i];
        cnt[n++] = counts[i++] + other.counts[j++];
      }
    }
    return new LatencyHistogram(Arrays.copyOf(idx, n), Arrays.copyOf(cnt, n), total + other.total);
  }

  /**
   * The operations slower than a threshold: the counts of the buckets that lie wholly above it.
   *
   * @param nanos the threshold in nanoseconds
   * @return operations counted in buckets whose lowest duration is above {@code nanos}
   */
  public long countAbove(long nanos) {
    long n = 0;
    for (int i = indexes.length - 1; i >= 0 && lowerNanos(indexes[i]) > nanos; i--) {
      n += counts[i];
    }
    return n;
  }

  /**
   * A percentile: the midpoint of the bucket holding the smallest value that at least
   * {@code ceil(q n)} of the n operations do not exceed.
   *
   * @param q from 0 (exclusive) to 1 (inclusive), such as 0.95
   * @return nanoseconds, or -1 for a histogram of no operations
   * @throws IllegalArgumentException if {@code q} is outside (0, 1]
   */
  public long percentileNanos(double q) {
    if (!(q > 0 && q <= 1)) {
      throw new IllegalArgumentException("a percentile is a fraction in (0, 1], such as 0.95; was " + q);
    }
    if (total == 0) {
      return -1;
    }
    long rank = Math.max(1L, (long) Math.ceil(q * total));
    long cumulative = 0;
    for (int i = 0; i < indexes.length; i++) {
      cumulative += counts[i];
      if (cumulative >= rank) {
        return midpointNanos(indexes[i]);
      }
    }
    return midpointNanos(indexes[indexes.length - 1]);
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof LatencyHistogram h && Arrays.equals(indexes, h.indexes) && Arrays.equals(counts, h.counts);
  }

  @Override
  public int hashCode() {
    return 31 * Arrays.hashCode(indexes) + Arrays.hashCode(counts);
  }

  @Override
  public String toString() {
    StringBuilder sb = new StringBuilder("LatencyHistogram{");
    for (int i = 0; i < indexes.length; i++) {
      sb.append(i == 0 ? "" : ", ").append(indexes[i]).append('=').append(counts[i]);
    }
    return sb.append('}').toString();
  }
}
