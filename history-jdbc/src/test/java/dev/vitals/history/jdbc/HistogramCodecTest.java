package dev.vitals.history.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.LatencyHistogram;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The stored form of latency histograms: exact round trips, a few bytes a minute, clear errors for bad bytes. */
class HistogramCodecTest {

  @Test
  void roundTripsHistogramsOfEveryShape() {
    Random random = new Random(11);
    for (int n = 0; n < 500; n++) {
      long[] dense = new long[LatencyHistogram.BUCKETS];
      int buckets = random.nextInt(LatencyHistogram.BUCKETS + 1);
      for (int i = 0; i < buckets; i++) {
        dense[random.nextInt(LatencyHistogram.BUCKETS)] += 1 + (random.nextBoolean() ? random.nextInt(5)
            : random.nextLong() >>> (24 + random.nextInt(40)));
      }
      LatencyHistogram h = LatencyHistogram.ofDense(dense);

      assertThat(HistogramCodec.decode(HistogramCodec.encode(h))).isEqualTo(h);
    }
    assertThat(HistogramCodec.decode(HistogramCodec.encode(LatencyHistogram.EMPTY))).isEqualTo(LatencyHistogram.EMPTY);
    LatencyHistogram full = LatencyHistogram.of(new int[] {0, 511}, new long[] {1, Long.MAX_VALUE - 1});
    assertThat(HistogramCodec.decode(HistogramCodec.encode(full))).isEqualTo(full);
  }

  @Test
  void aProbesMinuteTakesAFewBytes() {
    // six runs of a probe at 1.0 to 1.5 ms
    long[] dense = new long[LatencyHistogram.BUCKETS];
    for (long micros : new long[] {1000, 1100, 1200, 1300, 1400, 1500}) {
      dense[LatencyHistogram.bucketOf(micros * 1000)]++;
    }

    assertThat(HistogramCodec.encode(LatencyHistogram.ofDense(dense))).hasSizeLessThanOrEqualTo(2 + 6 * 3);
    assertThat(HistogramCodec.encode(LatencyHistogram.EMPTY)).containsExactly(1, 0);
  }

  @Test
  void badBytesAreRefusedSayingWhatIsWrong() {
    assertThatThrownBy(() -> HistogramCodec.decode(new byte[] {9, 0}))
        .hasMessage("unknown latency histogram format 9 (this Vitals reads 1)");
    assertThatThrownBy(() -> HistogramCodec.decode(new byte[] {1, 2, 5}))
        .hasMessage("a stored latency histogram ends in the middle of a number");
    assertThatThrownBy(() -> HistogramCodec.decode(new byte[] {1, 1, (byte) 0x80, 0x04, 1}))
        .hasMessage("stored latency bucket 512 is beyond the last, 511");
    assertThatThrownBy(() -> HistogramCodec.decode(new byte[] {1, 1, 3, 1, 0}))
        .hasMessage("a stored latency histogram has 1 bytes more than its 1 buckets");
    assertThatThrownBy(() -> HistogramCodec.decode(new byte[] {1, 1, 3, 0}))
        .hasMessageContaining("bucket counts must be 1 or more");
  }
}
