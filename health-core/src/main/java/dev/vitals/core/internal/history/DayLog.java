package dev.vitals.core.internal.history;

import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.spi.HistoryTransition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.function.Consumer;

/**
 * The append-only log of one UTC day ({@code history-YYYY-MM-DD.log}): framed records (see
 * {@link Frames}), the first a header with the log's random id and its day, then batches of minutes
 * and of transitions. The writer side is used by the store's writer only; {@link #read} by anyone.
 */
final class DayLog {

  final Path path;
  final long day;
  private FileChannel channel;
  /** Bytes known valid and durable. */
  private long committed;
  /** The log's id, 0 until its header is written. */
  private long id;

  private DayLog(Path path, long day) {
    this.path = path;
    this.day = day;
  }

  /** What a log holds, as read. */
  static final class Read {
    final byte[] data;
    final Frames.Scan scan;
    /** The id of a log with a valid header, else 0. */
    final long id;
    /** Why the header is not valid, or null. */
    final String headerProblem;

    Read(byte[] data, Frames.Scan scan, long id, String headerProblem) {
      this.data = data;
      this.scan = scan;
      this.id = id;
      this.headerProblem = headerProblem;
    }

    /** The end of the part to keep: 0 without a valid header, else the end of the valid frames. */
    int keep() {
      return headerProblem != null ? 0 : scan.validEnd;
    }
  }

  /** Reads a log file; null when it does not exist. */
  static Read read(Path path, long day) throws IOException {
    byte[] data = readFile(path);
    if (data == null) {
      return null;
    }
    Frames.Scan scan = Frames.scan(data, data.length);
    long id = 0;
    String problem = null;
    if (scan.count == 0) {
      problem = data.length == 0 ? "empty" : "no valid header (" + scan.problem + ")";
    } else {
      try {
        ByteIn in = new ByteIn(data, scan.offsets[0], scan.offsets[0] + scan.lengths[0]);
        if (in.u8() != Frames.LOG_HEADER || in.u8() != 1) {
          problem = "the first record is not a version 1 log header";
        } else {
          id = in.int64();
          long d = in.zigzag();
          if (d != day) {
            problem = "the header names day " + d + ", not the file's day " + day;
            id = 0;
          }
        }
      } catch (ByteIn.Corrupt e) {
        problem = "a bad header: " + e.getMessage();
      }
    }
    return new Read(data, scan, id, problem);
  }

  /**
   * Reads a file up to the size it has when opened (a log may grow meanwhile; a device such as
   * {@code /dev/full} reports size 0 and is read as empty instead of endlessly).
   *
   * @return the bytes, or null when the file does not exist
   */
  static byte[] readFile(Path path) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.READ)) {
      long size = ch.size();
      if (size > Integer.MAX_VALUE - 8) {
        throw new IOException(path + " is too large to be a history file (" + size + " bytes)");
      }
      byte[] data = new byte[(int) size];
      ByteBuffer buf = ByteBuffer.wrap(data);
      while (buf.hasRemaining()) {
        if (ch.read(buf, buf.position()) < 0) {
          return java.util.Arrays.copyOf(data, buf.position()); // shrank meanwhile
        }
      }
      return data;
    } catch (NoSuchFileException e) {
      return null;
    }
  }

  /** Sends the valid minutes of a read log in {@code [fromMinute, toMinute)} to the sink. */
  static void minutes(Read r, HistorySubject subject, long fromMinute, long toMinute, Consumer<HistoryPeriod> sink)
      throws ByteIn.Corrupt {
    if (r.headerProblem != null) {
      return;
    }
    for (int f = 1; f < r.scan.count; f++) {
      ByteIn in = new ByteIn(r.data, r.scan.offsets[f], r.scan.offsets[f] + r.scan.lengths[f]);
      if (in.u8() != Frames.MINUTES) {
        continue;
      }
      int n = (int) in.varint(Integer.MAX_VALUE);
      for (int i = 0; i < n; i++) {
        String key = in.string();
        long minute = in.zigzag();
        boolean wanted = minute >= fromMinute && minute < toMinute
            && (subject == null || subject.key().equals(key));
        if (wanted) {
          sink.accept(Codec.readFigures(in, Codec.subject(key), minute));
        } else {
          Codec.skipFigures(in);
        }
      }
    }
  }

  /** Sends the valid transitions of a read log, in written order, to the sink. */
  static void transitions(Read r, HistorySubject subject, Consumer<HistoryTransition> sink) throws ByteIn.Corrupt {
    if (r.headerProblem != null) {
      return;
    }
    for (int f = 1; f < r.scan.count; f++) {
      ByteIn in = new ByteIn(r.data, r.scan.offsets[f], r.scan.offsets[f] + r.scan.lengths[f]);
      if (in.u8() != Frames.TRANSITIONS) {
        continue;
      }
      int n = (int) in.varint(Integer.MAX_VALUE);
      for (int i = 0; i < n; i++) {
        String key = in.string();
        HistoryTransition t = Codec.readTransition(in, Codec.subject(key));
        if (subject == null || subject.key().equals(key)) {
          sink.accept(t);
        }
      }
    }
  }

  /**
   * Opens a day's log for appending, creating it if needed; a torn tail is cut first (the store
   * logs what was cut).
   *
   * @param warn receives a description of what was cut, if anything
   */
  static DayLog open(Path dir, Path path, long day, Consumer<String> warn) throws IOException {
    DayLog log = new DayLog(path, day);
    Read r = read(path, day);
    if (r == null) {
      log.channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.READ);
      FileHistoryStore.syncDirectory(dir);
      return log;
    }
    log.channel = FileChannel.open(path, StandardOpenOption.WRITE, StandardOpenOption.READ);
    try {
      int keep = r.keep();
      if (keep < r.data.length) {
        warn.accept(describeCut(path, r));
        log.channel.truncate(keep);
        log.channel.force(false);
      }
      log.committed = keep;
      log.id = r.headerProblem == null ? r.id : 0;
    } catch (IOException e) {
      log.channel.close();
      throw e;
    }
    return log;
  }

  /** What recovery cuts from a log, for the warning. */
  static String describeCut(Path path, Read r) {
    int keep = r.keep();
    return "history log " + path + ": cut " + (r.data.length - keep) + " bytes at offset " + keep + " of "
        + r.data.length + " (" + (r.headerProblem != null ? r.headerProblem : r.scan.problem)
        + "): a batch whose write did not complete (a crash or a full disk); what was written before is kept";
  }

  /**
   * Appends frames and forces them to the device; returns when they are durable.
   *
   * @param frames whole frames (see {@link Frames}), not including the log header
   * @param newId the id to give the log if it has no header yet
   * @return the number of bytes the log grew by
   * @throws IOException when the write or the force failed; the log must then be closed and reopened
   */
  long append(ByteOut frames, long newId) throws IOException {
    ByteOut out = frames;
    if (id == 0) {
      out = new ByteOut(frames.size() + 32);
      int at = Frames.begin(out);
      out.u8(Frames.LOG_HEADER);
      out.u8(1);
      out.int64(newId);
      out.zigzag(day);
      Frames.end(out, at);
      out.bytes(frames.array(), 0, frames.size());
    }
    ByteBuffer buf = ByteBuffer.wrap(out.array(), 0, out.size());
    long pos = committed;
    while (buf.hasRemaining()) {
      pos += channel.write(buf, pos);
    }
    channel.force(false);
    if (id == 0) {
      id = newId;
    }
    committed = pos;
    return out.size();
  }

  void close() {
    try {
      channel.close();
    } catch (IOException e) {
      // nothing to keep: every acknowledged byte was forced
    }
  }
}
