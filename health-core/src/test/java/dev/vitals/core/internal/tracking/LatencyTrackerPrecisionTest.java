package dev.vitals.core.internal.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.WindowStats;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.ToLongFunction;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.api.Test;

/**
 * Percentiles against an exact computation (a sorted copy, in the test only), within the documented
 * relative error: 1/64 for the 1-minute window, 1/32 for the longer ones (bounds of 2 % and 5 %).
 */
class LatencyTrackerPrecisionTest {

  static final double FINE_BOUND = 1.0 / 64;
  static final double COARSE_BOUND = 1.0 / 32;
  static final long MICROS = 1_000L;
  static final long SECONDS = 1_000_000_000L;
  static final long MIN = MICROS;
  static final long MAX = 60 * SECONDS;

  /** Distributions of durations from 1 µs to 60 s. */
  enum Distribution {
    UNIFORM(r -> r.nextLong(MIN, MAX + 1)),
    LOG_UNIFORM(r -> clamp(Math.round(Math.exp(r.nextDouble(Math.log(MIN), Math.log(MAX)))))),
    LOGNORMAL(r -> clamp(Math.round(5e6 * Math.exp(1.5 * gaussian(r))))),
    BIMODAL(r -> clamp(r.nextInt(10) < 9
        ? Math.round(2e6 * Math.exp(0.2 * gaussian(r)))
        : Math.round(800e6 * Math.exp(0.3 * gaussian(r)))));

    final ToLongFunction<SplittableRandom> sampler;

    Distribution(ToLongFunction<SplittableRandom> sampler) {
      this.sampler = sampler;
    }
  }

  @Test
  void everyBucketMidpointIsWithinTheBoundOfEveryValueInTheBucket() {
    // Walk every fine bucket boundary from 512 ns to 2^40 ns and check both ends of each bucket.
    for (int b = LatencyTracker.fineBucket(512); b < LatencyTracker.FINE_BUCKETS; b++) {
      long lo = LatencyTracker.fineLowerNanos(b);
      long hi = lo + LatencyTracker.fineWidthNanos(b) - 1;
      assertThat(LatencyTracker.fineBucket(lo)).isEqualTo(b);
      assertThat(LatencyTracker.fineBucket(hi)).isEqualTo(b);
      long rep = LatencyTracker.representative(b, false);
      assertThat(relativeError(rep, lo)).isLessThanOrEqualTo(FINE_BOUND);
      assertThat(relativeError(rep, hi)).isLessThanOrEqualTo(FINE_BOUND);
      long coarseRep = LatencyTracker.representative(b / 2, true);
      assertThat(relativeError(coarseRep, lo)).isLessThanOrEqualTo(COARSE_BOUND);
      assertThat(relativeError(coarseRep, hi)).isLessThanOrEqualTo(COARSE_BOUND);
    }
    assertThat(LatencyTracker.fineBucket(LatencyTracker.MAX_TRACKED_NANOS - 1))
        .isEqualTo(LatencyTracker.FINE_BUCKETS - 1);
  }

  @ParameterizedTest
  @EnumSource(Distribution.class)
  void percentilesOfEveryWindowMatchTheExactOnesWithinTheBound(Distribution distribution) {
    SplittableRandom random = new SplittableRandom(42 + distribution.ordinal());
    LatencyTracker tracker = new LatencyTracker(0);
    long[] values = new long[200_000];
    long errors = 0;
    for (int i = 0; i < values.length; i++) {
      values[i] = distribution.sampler.applyAsLong(random);
      boolean ok = random.nextInt(100) >= 3;
      errors += ok ? 0 : 1;
      tracker.record(values[i], ok);
    }

    LatencySnapshot s = tracker.snapshot(5 * SECONDS);

    assertMatches(s.oneMinute(), values, errors, FINE_BOUND);
    assertMatches(s.fiveMinutes(), values, errors, COARSE_BOUND);
    assertMatches(s.oneHour(), values, errors, COARSE_BOUND);
  }

  @ParameterizedTest
  @EnumSource(Distribution.class)
  void windowsHoldExactlyTheirSlotsAndTheirPercentilesOverTwoSimulatedHours(Distribution d) {
    SplittableRandom random = new SplittableRandom(7 + d.ordinal());
    long origin = 987_654_321L;
    LatencyTracker tracker = new LatencyTracker(origin);
    List<long[]> recorded = new ArrayList<>(); // {slot, value, failed}
    long now = origin;
    int checks = 0;
    while (now - origin < 2 * 3600 * SECONDS) {
      now += random.nextLong(1, 25 * SECONDS); // sometimes skips whole slots
      tracker.rotate(now);
      long slot = Math.floorDiv(now - origin, LatencyTracker.SLOT_NANOS);
      int n = random.nextInt(0, 400);
      for (int i = 0; i < n; i++) {
        long v = d.sampler.applyAsLong(random);
        boolean ok = random.nextInt(10) != 0;
        tracker.record(v, ok);
        recorded.add(new long[] {slot, v, ok ? 0 : 1});
      }
      if (random.nextInt(12) == 0) {
        checkAgainstModel(tracker.snapshot(now), recorded, slot);
        checks++;
      }
    }
    assertThat(checks).isGreaterThan(20);
  }

  private static void checkAgainstModel(LatencySnapshot s, List<long[]> recorded, long c) {
    long m = c / 6;
    long b = c / 30;
    assertWindow(s.oneMinute(), recorded, c - 6, FINE_BOUND);
    assertWindow(s.fiveMinutes(), recorded, 6 * (m - 5), COARSE_BOUND);
    assertWindow(s.oneHour(), recorded, 30 * (b - 12), COARSE_BOUND);
    assertThat(s.totalCount()).isEqualTo(recorded.size());
    assertThat(s.totalErrors()).isEqualTo(recorded.stream().mapToLong(r -> r[2]).sum());
  }

  private static void assertWindow(WindowStats w, List<long[]> recorded, long firstSlot,
      double bound) {
    long[] values = recorded.stream().filter(r -> r[0] >= firstSlot).mapToLong(r -> r[1]).toArray();
    long errors = recorded.stream().filter(r -> r[0] >= firstSlot).mapToLong(r -> r[2]).sum();
    assertMatches(w, values, errors, bound);
  }

  static void assertMatches(WindowStats w, long[] values, long errors, double bound) {
    assertThat(w.count()).as("count of %s", w.window()).isEqualTo(values.length);
    assertThat(w.errors()).as("errors of %s", w.window()).isEqualTo(errors);
    if (values.length == 0) {
      assertThat(w).isEqualTo(WindowStats.empty(w.window()));
      return;
    }
    long[] sorted = values.clone();
    Arrays.sort(sorted);
    assertClose(w.p50Nanos(), exact(sorted, 0.50), bound, "p50 of " + w.window());
    assertClose(w.p95Nanos(), exact(sorted, 0.95), bound, "p95 of " + w.window());
    assertClose(w.p99Nanos(), exact(sorted, 0.99), bound, "p99 of " + w.window());
    assertClose(w.maxNanos(), sorted[sorted.length - 1], bound, "max of " + w.window());
  }

  /** The smallest recorded value with at least ceil(q n) values at or below it. */
  static long exact(long[] sorted, double q) {
    return sorted[(int) LatencyTracker.rank(q, sorted.length) - 1];
  }

  private static void assertClose(long reported, long exact, double bound, String what) {
    assertThat(relativeError(reported, exact)).as("%s: reported %d, exact %d", what, reported, exact)
        .isLessThanOrEqualTo(bound);
  }

  static double relativeError(long reported, long exact) {
    return Math.abs(reported - exact) / (double) exact;
  }

  private static long clamp(long v) {
    return Math.max(MIN, Math.min(MAX, v));
  }

  private static double gaussian(SplittableRandom r) {
    // Box-Muller, so that the sequence depends on the seed only
    double u1 = 1.0 - r.nextDouble();
    double u2 = r.nextDouble();
    return Math.sqrt(-2 * Math.log(u1)) * Math.cos(2 * Math.PI * u2);
  }
}
