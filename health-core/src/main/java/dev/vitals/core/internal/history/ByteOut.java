package dev.vitals.core.internal.history;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/** A growable byte buffer with the encodings of the store's files (varints, strings). Not thread-safe. */
final class ByteOut {

  private byte[] buf;
  private int size;

  ByteOut(int capacity) {
    buf = new byte[Math.max(16, capacity)];
  }

  int size() {
    return size;
  }

  byte[] array() {
    return buf;
  }

  byte[] toByteArray() {
    return Arrays.copyOf(buf, size);
  }

  void reset() {
    size = 0;
  }

  private void ensure(int more) {
    if (size + more > buf.length) {
      buf = Arrays.copyOf(buf, Math.max(buf.length * 2, size + more));
    }
  }

  void u8(int v) {
    ensure(1);
    buf[size++] = (byte) v;
  }

  void bytes(byte[] b, int off, int len) {
    ensure(len);
    System.arraycopy(b, off, buf, size, len);
    size += len;
  }

  /** A 32-bit big-endian integer. */
  void int32(int v) {
    ensure(4);
    buf[size++] = (byte) (v >>> 24);
    buf[size++] = (byte) (v >>> 16);
    buf[size++] = (byte) (v >>> 8);
    buf[size++] = (byte) v;
  }

  /** A 32-bit big-endian integer at a position already written. */
  void int32At(int pos, int v) {
    buf[pos] = (byte) (v >>> 24);
    buf[pos + 1] = (byte) (v >>> 16);
    buf[pos + 2] = (byte) (v >>> 8);
    buf[pos + 3] = (byte) v;
  }

  /** A 64-bit big-endian integer. */
  void int64(long v) {
    int32((int) (v >>> 32));
    int32((int) v);
  }

  /** An unsigned LEB128 varint (a negative value takes 10 bytes). */
  void varint(long v) {
    ensure(10);
    while ((v & ~0x7FL) != 0) {
      buf[size++] = (byte) ((v & 0x7F) | 0x80);
      v >>>= 7;
    }
    buf[size++] = (byte) v;
  }

  /** A signed value as a zigzag varint. */
  void zigzag(long v) {
    varint((v << 1) ^ (v >> 63));
  }

  /** A UTF-8 string preceded by its byte length. */
  void string(String s) {
    byte[] b = s.getBytes(StandardCharsets.UTF_8);
    varint(b.length);
    bytes(b, 0, b.length);
  }
}
