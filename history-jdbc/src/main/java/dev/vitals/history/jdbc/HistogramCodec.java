package dev.vitals.history.jdbc;

import dev.vitals.api.LatencyHistogram;
import java.io.ByteArrayOutputStream;

/**
 * The stored form of a {@link LatencyHistogram} (a stored format: it never changes; a new form
 * gets a new leading byte).
 *
 * <pre>
 *   byte      format, 1
 *   varint    n, the number of buckets with operations
 *   n times:  varint index delta (the first bucket's index, then the distance to the previous one)
 *             varint count (at least 1)
 * </pre>
 *
 * <p>Varints are unsigned LEB128 (7 bits a byte, low bits first). A minute of a probe that runs every
 * 10 seconds takes 2 + 6 x 2 to 3 bytes; the largest histogram (512 buckets) at most about 6 KiB.
 *
 * <p>Stateless and thread-safe.
 */
final class HistogramCodec {

  static final int FORMAT = 1;

  private HistogramCodec() {}

  static byte[] encode(LatencyHistogram h) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(2 + h.size() * 3);
    out.write(FORMAT);
    writeVarint(out, h.size());
    int previous = 0;
    for (int i = 0; i < h.size(); i++) {
      int index = h.indexAt(i);
      writeVarint(out, index - previous);
      writeVarint(out, h.countAt(i));
      previous = index;
    }
    return out.toByteArray();
  }

  /**
   * Reads a stored histogram.
   *
   * @param bytes the stored bytes; null or empty for none
   * @return the histogram
   * @throws IllegalArgumentException saying what is wrong with the bytes
   */
  static LatencyHistogram decode(byte[] bytes) {
    if (bytes == null || bytes.length == 0) {
      return LatencyHistogram.EMPTY;
    }
    if (bytes[0] != FORMAT) {
      throw new IllegalArgumentException("unknown latency histogram format " + (bytes[0] & 0xff) + " (this Vitals reads "
          + FORMAT + ")");
    }
    int[] pos = {1};
    long n = readVarint(bytes, pos);
    if (n > LatencyHistogram.BUCKETS) {
      throw new IllegalArgumentException("a latency histogram has at most " + LatencyHistogram.BUCKETS
          + " buckets, the stored one says " + n);
    }
    int[] indexes = new int[(int) n];
    long[] counts = new long[(int) n];
    long index = 0;
    for (int i = 0; i < n; i++) {
      index += readVarint(bytes, pos);
      if (index >= LatencyHistogram.BUCKETS) {
        throw new IllegalArgumentException("stored latency bucket " + index + " is beyond the last, "
            + (LatencyHistogram.BUCKETS - 1));
      }
      indexes[i] = (int) index;
      counts[i] = readVarint(bytes, pos);
    }
    if (pos[0] != bytes.length) {
      throw new IllegalArgumentException("a stored latency histogram has " + (bytes.length - pos[0])
          + " bytes more than its " + n + " buckets");
    }
    return LatencyHistogram.of(indexes, counts);
  }

  private static void writeVarint(ByteArrayOutputStream out, long value) {
    long v = value;
    while ((v & ~0x7FL) != 0) {
      out.write((int) ((v & 0x7F) | 0x80));
      v >>>= 7;
    }
    out.write((int) v);
  }

  private static long readVarint(byte[] bytes, int[] pos) {
    long value = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      if (pos[0] >= bytes.length) {
        throw new IllegalArgumentException("a stored latency histogram ends in the middle of a number");
      }
      byte b = bytes[pos[0]++];
      value |= (long) (b & 0x7F) << shift;
      if (b >= 0) {
        if (value < 0) {
          break;
        }
        return value;
      }
    }
    throw new IllegalArgumentException("a stored latency histogram holds a number beyond 2^63 - 1");
  }
}
