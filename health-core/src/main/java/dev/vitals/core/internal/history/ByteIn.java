package dev.vitals.core.internal.history;

import java.nio.charset.StandardCharsets;

/**
 * Reads what {@link ByteOut} wrote, within bounds; a read past the end or a malformed value throws
 * {@link Corrupt}. Not thread-safe.
 */
final class ByteIn {

  /** Data that does not decode (checksums make this rare: a bug or a foreign file). */
  static final class Corrupt extends Exception {
    private static final long serialVersionUID = 1L;

    Corrupt(String message) {
      super(message);
    }
  }

  private final byte[] buf;
  private int pos;
  private final int end;

  ByteIn(byte[] buf, int off, int end) {
    this.buf = buf;
    this.pos = off;
    this.end = end;
  }

  int position() {
    return pos;
  }

  void position(int p) throws Corrupt {
    if (p < 0 || p > end) {
      throw new Corrupt("position " + p + " outside the data (" + end + " bytes)");
    }
    pos = p;
  }

  boolean hasMore() {
    return pos < end;
  }

  int u8() throws Corrupt {
    if (pos >= end) {
      throw new Corrupt("data ends early");
    }
    return buf[pos++] & 0xFF;
  }

  int int32() throws Corrupt {
    if (end - pos < 4) {
      throw new Corrupt("data ends early");
    }
    int v = ((buf[pos] & 0xFF) << 24) | ((buf[pos + 1] & 0xFF) << 16) | ((buf[pos + 2] & 0xFF) << 8) | (buf[pos + 3] & 0xFF);
    pos += 4;
    return v;
  }

  long int64() throws Corrupt {
    return ((long) int32() << 32) | (int32() & 0xFFFFFFFFL);
  }

  long varint() throws Corrupt {
    long v = 0;
    for (int shift = 0; shift < 64; shift += 7) {
      int b = u8();
      v |= (long) (b & 0x7F) << shift;
      if ((b & 0x80) == 0) {
        return v;
      }
    }
    throw new Corrupt("a varint longer than 10 bytes");
  }

  /** A varint that must lie in [0, max]. */
  long varint(long max) throws Corrupt {
    long v = varint();
    if (v < 0 || v > max) {
      throw new Corrupt("value " + v + " outside 0.." + max);
    }
    return v;
  }

  long zigzag() throws Corrupt {
    long v = varint();
    return (v >>> 1) ^ -(v & 1);
  }

  String string() throws Corrupt {
    int len = (int) varint(end - pos);
    String s = new String(buf, pos, len, StandardCharsets.UTF_8);
    pos += len;
    return s;
  }

  void skip(int n) throws Corrupt {
    if (n < 0 || n > end - pos) {
      throw new Corrupt("data ends early");
    }
    pos += n;
  }
}
