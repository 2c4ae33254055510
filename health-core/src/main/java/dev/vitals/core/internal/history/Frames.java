package dev.vitals.core.internal.history;

import java.util.zip.CRC32C;

/**
 * The framing of a log: each record is {@code [length: int32][crc32c of payload: int32][payload]},
 * big-endian, the payload's first byte its type. A torn write (a crash, a full disk) leaves a frame
 * that is short, has an impossible length or a wrong checksum: the scan stops there.
 */
final class Frames {

  /** The frame header's size: length and checksum. */
  static final int HEADER = 8;
  /** No frame is larger (a batch of thousands of subjects fits many times). */
  static final int MAX_PAYLOAD = 64 << 20;

  /** Record types. */
  static final int LOG_HEADER = 0;
  static final int MINUTES = 1;
  static final int TRANSITIONS = 2;

  private Frames() {}

  /** Starts a frame: reserves its header and returns where it starts, for {@link #end}. */
  static int begin(ByteOut out) {
    int at = out.size();
    out.int32(0);
    out.int32(0);
    return at;
  }

  /** Finishes the frame {@link #begin} started at {@code at}: fills in length and checksum. */
  static void end(ByteOut out, int at) {
    int payload = at + HEADER;
    int len = out.size() - payload;
    CRC32C crc = new CRC32C();
    crc.update(out.array(), payload, len);
    out.int32At(at, len);
    out.int32At(at + 4, (int) crc.getValue());
  }

  /** What a scan found: the valid frames and where (and why) the valid part ends. */
  static final class Scan {
    int[] offsets = new int[16];
    int[] lengths = new int[16];
    int count;
    /** The end of the last valid frame. */
    int validEnd;
    /** Why the scan stopped before the end of the data, or null. */
    String problem;

    void add(int off, int len) {
      if (count == offsets.length) {
        offsets = java.util.Arrays.copyOf(offsets, count * 2);
        lengths = java.util.Arrays.copyOf(lengths, count * 2);
      }
      offsets[count] = off;
      lengths[count++] = len;
    }
  }

  /** Scans {@code data[0, length)} for valid frames, stopping at the first invalid one. */
  static Scan scan(byte[] data, int length) {
    Scan s = new Scan();
    int pos = 0;
    CRC32C crc = new CRC32C();
    while (pos < length) {
      if (length - pos < HEADER) {
        s.problem = "a frame header cut short (" + (length - pos) + " of " + HEADER + " bytes)";
        break;
      }
      int len = readInt(data, pos);
      int sum = readInt(data, pos + 4);
      if (len < 1 || len > MAX_PAYLOAD) {
        s.problem = "an impossible frame length " + len;
        break;
      }
      if (length - pos - HEADER < len) {
        s.problem = "a frame cut short (" + (length - pos - HEADER) + " of " + len + " bytes)";
        break;
      }
      crc.reset();
      crc.update(data, pos + HEADER, len);
      if ((int) crc.getValue() != sum) {
        s.problem = "a frame whose checksum does not match";
        break;
      }
      s.add(pos + HEADER, len);
      pos += HEADER + len;
    }
    s.validEnd = pos;
    return s;
  }

  static int readInt(byte[] b, int p) {
    return ((b[p] & 0xFF) << 24) | ((b[p + 1] & 0xFF) << 16) | ((b[p + 2] & 0xFF) << 8) | (b[p + 3] & 0xFF);
  }
}
