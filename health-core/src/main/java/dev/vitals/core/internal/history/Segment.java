package dev.vitals.core.internal.history;

import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.spi.HistoryTransition;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.zip.CRC32C;
import java.util.zip.DataFormatException;
import java.util.zip.Deflater;
import java.util.zip.Inflater;

/**
 * A compacted day: every minute and transition of one UTC day, in one checksummed, deflated file
 * ({@code history-YYYY-MM-DD.seg}).
 *
 * <p>File: {@code "VHSG"}, a version byte, the inflated length (int32), the CRC32C of the deflated
 * bytes (int32), the deflated bytes. Inflated: the day; the ids of the logs it absorbed (so a log
 * that a crash left beside its segment is recognised and not counted twice); a table of subject
 * keys; for each key its minutes (count, then the byte length of the block, then per minute the
 * minute of the day as a delta from the previous one and its figures, see {@link Codec}); the
 * transitions (key index and {@link Codec#writeTransition}).
 */
final class Segment {

  private static final byte[] MAGIC = "VHSG".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int FILE_HEADER = 4 + 1 + 4 + 4;
  /** A day of a thousand subjects inflates to a few MB; anything above this is not a segment. */
  private static final int MAX_INFLATED = 512 << 20;

  final long day;
  final long[] absorbed;
  private final String[] keys;
  private final HistorySubject[] subjects;
  private final int[] minuteCounts;
  private final int[] blockStarts;
  private final int[] blockEnds;
  private final int transitionsAt;
  private final byte[] body;

  private Segment(long day, long[] absorbed, String[] keys, HistorySubject[] subjects, int[] minuteCounts,
      int[] blockStarts, int[] blockEnds, int transitionsAt, byte[] body) {
    this.day = day;
    this.absorbed = absorbed;
    this.keys = keys;
    this.subjects = subjects;
    this.minuteCounts = minuteCounts;
    this.blockStarts = blockStarts;
    this.blockEnds = blockEnds;
    this.transitionsAt = transitionsAt;
    this.body = body;
  }

  boolean absorbed(long logId) {
    for (long id : absorbed) {
      if (id == logId) {
        return true;
      }
    }
    return false;
  }

  /** The contents of a day, to write as a segment. Keys keep the order they were first added in. */
  static final class Contents {
    final Map<String, List<HistoryPeriod>> minutes = new LinkedHashMap<>();
    final List<HistoryTransition> transitions = new ArrayList<>();

    void minute(HistoryPeriod p) {
      minutes.computeIfAbsent(p.subject().key(), k -> new ArrayList<>()).add(p);
    }
  }

  /** Encodes a day's contents: minutes sorted by start (stable), transitions by time (stable). */
  static byte[] encode(long day, long[] absorbed, Contents c) {
    Map<String, Integer> keyIndex = new LinkedHashMap<>();
    for (String k : c.minutes.keySet()) {
      keyIndex.putIfAbsent(k, keyIndex.size());
    }
    for (HistoryTransition t : c.transitions) {
      keyIndex.putIfAbsent(t.subject().key(), keyIndex.size());
    }
    ByteOut o = new ByteOut(4096);
    o.zigzag(day);
    o.varint(absorbed.length);
    for (long id : absorbed) {
      o.int64(id);
    }
    o.varint(keyIndex.size());
    for (String k : keyIndex.keySet()) {
      o.string(k);
    }
    long dayStart = day * Codec.MINUTES_PER_DAY;
    ByteOut block = new ByteOut(4096);
    for (String k : keyIndex.keySet()) {
      List<HistoryPeriod> list = new ArrayList<>(c.minutes.getOrDefault(k, List.of()));
      list.sort((a, b) -> a.start().compareTo(b.start()));
      block.reset();
      long prev = 0;
      for (HistoryPeriod p : list) {
        long minute = p.start().getEpochSecond() / 60 - dayStart;
        block.varint(minute - prev);
        prev = minute;
        Codec.writeFigures(block, p);
      }
      o.varint(list.size());
      o.varint(block.size());
      o.bytes(block.array(), 0, block.size());
    }
    List<HistoryTransition> ts = new ArrayList<>(c.transitions);
    ts.sort((a, b) -> a.change().at().compareTo(b.change().at()));
    o.varint(ts.size());
    for (HistoryTransition t : ts) {
      o.varint(keyIndex.get(t.subject().key()));
      Codec.writeTransition(o, t.change());
    }

    Deflater deflater = new Deflater(Deflater.BEST_COMPRESSION);
    ByteOut file = new ByteOut(o.size() / 4 + 64);
    file.bytes(MAGIC, 0, MAGIC.length);
    file.u8(VERSION);
    file.int32(o.size());
    file.int32(0);
    try {
      deflater.setInput(o.array(), 0, o.size());
      deflater.finish();
      byte[] chunk = new byte[16384];
      while (!deflater.finished()) {
        int n = deflater.deflate(chunk);
        file.bytes(chunk, 0, n);
      }
    } finally {
      deflater.end();
    }
    CRC32C crc = new CRC32C();
    crc.update(file.array(), FILE_HEADER, file.size() - FILE_HEADER);
    file.int32At(9, (int) crc.getValue());
    return file.toByteArray();
  }

  /** Decodes a segment file's bytes; the key table and block bounds are read, the minutes lazily. */
  static Segment decode(byte[] file) throws ByteIn.Corrupt {
    if (file.length < FILE_HEADER) {
      throw new ByteIn.Corrupt("shorter than a segment header (" + file.length + " bytes)");
    }
    for (int i = 0; i < MAGIC.length; i++) {
      if (file[i] != MAGIC[i]) {
        throw new ByteIn.Corrupt("not a history segment (wrong magic)");
      }
    }
    if (file[4] != VERSION) {
      throw new ByteIn.Corrupt("a segment of version " + file[4] + ", this store reads version " + VERSION);
    }
    int inflated = Frames.readInt(file, 5);
    int sum = Frames.readInt(file, 9);
    CRC32C crc = new CRC32C();
    crc.update(file, FILE_HEADER, file.length - FILE_HEADER);
    if ((int) crc.getValue() != sum) {
      throw new ByteIn.Corrupt("checksum does not match");
    }
    if (inflated < 0 || inflated > MAX_INFLATED) {
      throw new ByteIn.Corrupt("impossible length " + inflated);
    }
    byte[] body = new byte[inflated];
    Inflater inflater = new Inflater();
    try {
      inflater.setInput(file, FILE_HEADER, file.length - FILE_HEADER);
      int n = 0;
      while (n < inflated) {
        int r = inflater.inflate(body, n, inflated - n);
        if (r == 0 && (inflater.finished() || inflater.needsInput() || inflater.needsDictionary())) {
          break;
        }
        n += r;
      }
      if (n != inflated) {
        throw new ByteIn.Corrupt("inflates to " + n + " bytes, not " + inflated);
      }
    } catch (DataFormatException e) {
      throw new ByteIn.Corrupt("does not inflate: " + e.getMessage());
    } finally {
      inflater.end();
    }
    ByteIn in = new ByteIn(body, 0, body.length);
    long day = in.zigzag();
    int na = (int) in.varint(1 << 20);
    long[] absorbed = new long[na];
    for (int i = 0; i < na; i++) {
      absorbed[i] = in.int64();
    }
    int nk = (int) in.varint(1 << 24);
    String[] keys = new String[nk];
    HistorySubject[] subjects = new HistorySubject[nk];
    for (int i = 0; i < nk; i++) {
      keys[i] = in.string();
      subjects[i] = Codec.subject(keys[i]);
    }
    int[] counts = new int[nk];
    int[] starts = new int[nk];
    int[] ends = new int[nk];
    for (int i = 0; i < nk; i++) {
      counts[i] = (int) in.varint(Integer.MAX_VALUE);
      int len = (int) in.varint(Integer.MAX_VALUE);
      starts[i] = in.position();
      in.skip(len);
      ends[i] = in.position();
    }
    return new Segment(day, absorbed, keys, subjects, counts, starts, ends, in.position(), body);
  }

  /** Sends the minutes of {@code [fromMinute, toMinute)} of one subject (or all: null) to the sink. */
  void minutes(HistorySubject subject, long fromMinute, long toMinute, Consumer<HistoryPeriod> sink) throws ByteIn.Corrupt {
    long dayStart = day * Codec.MINUTES_PER_DAY;
    for (int k = 0; k < keys.length; k++) {
      if (subject != null && !subjects[k].equals(subject)) {
        continue;
      }
      ByteIn in = new ByteIn(body, blockStarts[k], blockEnds[k]);
      long minute = 0;
      for (int i = 0; i < minuteCounts[k]; i++) {
        minute += in.varint(Codec.MINUTES_PER_DAY);
        long epochMinute = dayStart + minute;
        if (epochMinute >= toMinute) {
          break; // sorted: nothing later qualifies
        }
        if (epochMinute >= fromMinute) {
          sink.accept(Codec.readFigures(in, subjects[k], epochMinute));
        } else {
          Codec.skipFigures(in);
        }
      }
    }
  }

  /** Adds every minute to the contents (for compaction). */
  void minutesInto(Contents c) throws ByteIn.Corrupt {
    for (int k = 0; k < keys.length; k++) {
      c.minutes.computeIfAbsent(keys[k], x -> new ArrayList<>());
    }
    minutes(null, Long.MIN_VALUE, Long.MAX_VALUE, c::minute);
  }

  /** Sends every transition of one subject (or all) to the sink, oldest first. */
  void transitions(HistorySubject subject, Consumer<HistoryTransition> sink) throws ByteIn.Corrupt {
    ByteIn in = new ByteIn(body, transitionsAt, body.length);
    int n = (int) in.varint(Integer.MAX_VALUE);
    for (int i = 0; i < n; i++) {
      int k = (int) in.varint(keys.length - 1);
      HistoryTransition t = Codec.readTransition(in, subjects[k]);
      if (subject == null || subjects[k].equals(subject)) {
        sink.accept(t);
      }
    }
  }
}
