package dev.vitals.bench;

import java.util.Random;

/**
 * Precomputed, realistic inputs for recording benchmarks: latencies drawn from a log-normal
 * distribution (median 20 ms, sigma 0.8, so p99 is about 130 ms, clamped to 50 µs .. 30 s) and
 * outcomes with about 1 % failures. Fixed seed: every run sees the same sequence. Read-only after
 * class initialisation, so threads share it; each thread walks it with its own index.
 */
final class Latencies {

  /** A power of two, so an index wraps with a mask. */
  static final int SIZE = 1 << 12;
  static final int MASK = SIZE - 1;

  private static final long[] NANOS = new long[SIZE];
  private static final boolean[] OK = new boolean[SIZE];

  static {
    Random random = new Random(42);
    double mu = Math.log(20_000_000.0);
    for (int i = 0; i < SIZE; i++) {
      double v = Math.exp(mu + 0.8 * random.nextGaussian());
      NANOS[i] = Math.max(50_000L, Math.min(30_000_000_000L, (long) v));
      OK[i] = random.nextInt(100) != 0;
    }
  }

  private Latencies() {}

  static long nanos(int index) {
    return NANOS[index & MASK];
  }

  static boolean ok(int index) {
    return OK[index & MASK];
  }

  /** The largest value in the table, for sizing histograms. */
  static long max() {
    long max = 0;
    for (long v : NANOS) {
      max = Math.max(max, v);
    }
    return max;
  }
}
