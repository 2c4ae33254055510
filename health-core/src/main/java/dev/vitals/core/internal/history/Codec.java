package dev.vitals.core.internal.history;

import dev.vitals.api.HistoryEntry;
import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.LatencyHistogram;
import dev.vitals.api.Status;
import dev.vitals.api.spi.HistoryTransition;
import java.time.Instant;

/**
 * The encodings of one minute's figures and of one transition, shared by logs and segments. Stored
 * formats: change them only with a new version number.
 */
final class Codec {

  static final long MINUTES_PER_DAY = 1440;
  static final long SECONDS_PER_DAY = 86_400;

  private Codec() {}

  /** The figures of a minute, without its subject and start. */
  static void writeFigures(ByteOut o, HistoryPeriod p) {
    o.varint(p.count());
    o.varint(p.errors());
    o.varint(p.upMillis());
    o.varint(p.downMillis());
    LatencyHistogram h = p.latency();
    int n = h.size();
    o.varint(n);
    int prev = -1;
    for (int i = 0; i < n; i++) {
      int idx = h.indexAt(i);
      o.varint(idx - prev - 1);
      o.varint(h.countAt(i) - 1);
      prev = idx;
    }
  }

  /** Reads what {@link #writeFigures} wrote as the minute starting at {@code epochMinute}. */
  static HistoryPeriod readFigures(ByteIn in, HistorySubject subject, long epochMinute) throws ByteIn.Corrupt {
    long count = in.varint(Long.MAX_VALUE);
    long errors = in.varint(Long.MAX_VALUE);
    long up = in.varint(Long.MAX_VALUE);
    long down = in.varint(Long.MAX_VALUE);
    int n = (int) in.varint(LatencyHistogram.BUCKETS);
    LatencyHistogram h;
    if (n == 0) {
      h = LatencyHistogram.EMPTY;
    } else {
      int[] idx = new int[n];
      long[] counts = new long[n];
      int prev = -1;
      for (int i = 0; i < n; i++) {
        long bucket = prev + 1 + in.varint(LatencyHistogram.BUCKETS);
        if (bucket >= LatencyHistogram.BUCKETS) {
          throw new ByteIn.Corrupt("bucket " + bucket + " out of range");
        }
        idx[i] = (int) bucket;
        counts[i] = in.varint(Long.MAX_VALUE - 1) + 1;
        prev = idx[i];
      }
      try {
        h = LatencyHistogram.of(idx, counts);
      } catch (IllegalArgumentException | ArithmeticException e) {
        throw new ByteIn.Corrupt("bad histogram: " + e.getMessage());
      }
    }
    try {
      Instant start = Instant.ofEpochSecond(epochMinute * 60);
      return new HistoryPeriod(subject, start, start.plusSeconds(60), count, errors, up, down, h);
    } catch (RuntimeException e) {
      throw new ByteIn.Corrupt("bad minute: " + e.getMessage());
    }
  }

  /** Skips what {@link #writeFigures} wrote. */
  static void skipFigures(ByteIn in) throws ByteIn.Corrupt {
    in.varint();
    in.varint();
    in.varint();
    in.varint();
    int n = (int) in.varint(LatencyHistogram.BUCKETS);
    for (int i = 0; i < 2 * n; i++) {
      in.varint();
    }
  }

  /** A transition, its subject written by the caller. */
  static void writeTransition(ByteOut o, HistoryEntry e) {
    o.string(e.from().name());
    o.string(e.to().name());
    o.zigzag(e.at().getEpochSecond());
    o.varint(e.at().getNano());
    o.string(e.message());
  }

  static HistoryTransition readTransition(ByteIn in, HistorySubject subject) throws ByteIn.Corrupt {
    Status from = status(in.string());
    Status to = status(in.string());
    long seconds = in.zigzag();
    long nanos = in.varint(999_999_999);
    String message = in.string();
    try {
      return new HistoryTransition(subject, new HistoryEntry(from, to, Instant.ofEpochSecond(seconds, nanos), message));
    } catch (RuntimeException e) {
      throw new ByteIn.Corrupt("bad transition: " + e.getMessage());
    }
  }

  private static Status status(String name) throws ByteIn.Corrupt {
    for (Status s : Status.values()) {
      if (s.name().equals(name)) {
        return s;
      }
    }
    throw new ByteIn.Corrupt("unknown status '" + name + "'");
  }

  static HistorySubject subject(String key) throws ByteIn.Corrupt {
    try {
      return HistorySubject.ofKey(key);
    } catch (IllegalArgumentException e) {
      throw new ByteIn.Corrupt(e.getMessage());
    }
  }

  /** The UTC day (days since 1970-01-01) of a minute. */
  static long dayOfMinute(long epochMinute) {
    return Math.floorDiv(epochMinute, MINUTES_PER_DAY);
  }

  /** The UTC day of an instant. */
  static long dayOf(Instant at) {
    return Math.floorDiv(at.getEpochSecond(), SECONDS_PER_DAY);
  }

  /** The first minute starting at or after an instant. */
  static long minuteAtOrAfter(Instant t) {
    long seconds = t.getEpochSecond() + (t.getNano() > 0 ? 1 : 0);
    return Math.floorDiv(seconds + 59, 60);
  }
}
