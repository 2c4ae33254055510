package dev.vitals.core.internal.history;

import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.spi.HistoryStore;
import dev.vitals.api.spi.HistoryTransition;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.NavigableMap;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The embedded history store: crash-safe files in one directory ({@code vitals.history.dir}).
 *
 * <h2>Files</h2>
 *
 * <ul>
 *   <li>{@code history-YYYY-MM-DD.log}: the append-only log of a UTC day. Each record is framed as
 *       length, CRC32C and payload ({@link Frames}); the first is a header with the log's random id.
 *       {@link #append} writes one framed record of minutes and one of transitions per day the batch
 *       touches and forces the file ({@code fdatasync}) before it returns, so what it returned from is
 *       durable. On open, each log is scanned and a torn or corrupt tail (a short frame, an impossible
 *       length, a wrong checksum: a write that a crash or a full disk interrupted) is cut, with a WARN
 *       naming the file, offset and bytes cut; nothing before it is touched.</li>
 *   <li>{@code history-YYYY-MM-DD.seg}: a finished day, compacted ({@link Segment}: a key table,
 *       varint-encoded minutes, deflated, with a CRC32C). A day's log is compacted once a later day has
 *       been written (from {@link #append} or {@link #prune}): the segment is written to a temporary
 *       file, forced, atomically renamed, the directory forced, then the log deleted. A segment lists
 *       the ids of the logs it absorbed, so a crash between rename and delete leaves a log that the
 *       next open recognises and deletes; a batch written for a day after its compaction starts a new
 *       log, merged into the segment at the next compaction.</li>
 *   <li>{@code values.dat}: the named values, one checksummed record, replaced atomically (temporary
 *       file, force, atomic rename, force of the directory).</li>
 *   <li>{@code lock}: held (an OS file lock) while the store is open, so two processes never write one
 *       directory.</li>
 * </ul>
 *
 * <h2>Size</h2>
 *
 * <p>A probe that runs every 10 s costs about 2.8 KB a day compacted, 85 KB per 30 days (see the size test and the
 * README). When the files exceed {@code maxBytes}, the oldest days are deleted (WARN), never the newest:
 * the directory stays within the cap plus one day.
 *
 * <h2>Threading</h2>
 *
 * <p>Thread-safe. Writes ({@link #append}, {@link #value(String, String)}, {@link #prune}) are
 * serialised; reads run concurrently with them and with each other, and see what was acknowledged
 * before they started. Reads hold a shared lock while they read files, so compaction and pruning
 * (which take it exclusively, only to rename and delete) never pull a file from under a reader.
 */
public final class FileHistoryStore implements HistoryStore {

  /** The cap when none is configured: 256 MiB. */
  public static final long DEFAULT_MAX_BYTES = 256L << 20;

  private static final String PREFIX = "history-";
  private static final String LOG = ".log";
  private static final String SEGMENT = ".seg";
  private static final String TMP = ".tmp";
  private static final String VALUES = "values.dat";
  private static final boolean WINDOWS = System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  private final Path dir;
  private final long maxBytes;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final ReentrantReadWriteLock files = new ReentrantReadWriteLock();
  private final Object writer = new Object();
  /** The logs open for appending, by day; guarded by {@link #writer}. */
  private final Map<Long, DayLog> logs = new HashMap<>();
  private volatile Map<String, String> values;
  private volatile boolean closed;
  /** The newest day with data; guarded by {@link #writer}. */
  private long newestDay = Long.MIN_VALUE;
  /** Whether a log of a day before the newest may exist; guarded by {@link #writer}. */
  private boolean compactionDue;
  /** The bytes of the store's files as last counted plus what was appended since; guarded by {@link #writer}. */
  private long bytes;

  private FileHistoryStore(Path dir, long maxBytes, FileChannel lockChannel, FileLock lock) {
    this.dir = dir;
    this.maxBytes = maxBytes;
    this.lockChannel = lockChannel;
    this.lock = lock;
  }

  /**
   * Opens (creating it if needed) the store in a directory, recovering what a crash left: torn log
   * tails are cut (WARN), temporary files deleted, a log already compacted into its segment deleted.
   *
   * @param dir the directory; created with its parents if missing
   * @param maxBytes the cap on the files' total size, at least 1
   * @return the open store; close it to release the directory
   * @throws IOException naming the directory when it cannot be created, read or locked, or when another
   *     store (in this or another process) has it open
   * @throws IllegalArgumentException when {@code maxBytes} is not positive
   */
  public static FileHistoryStore open(Path dir, long maxBytes) throws IOException {
    Objects.requireNonNull(dir, "dir");
    if (maxBytes < 1) {
      throw new IllegalArgumentException("the history store's size cap must be 1 byte or more, was " + maxBytes);
    }
    Path abs = dir.toAbsolutePath().normalize();
    try {
      Files.createDirectories(abs);
    } catch (FileAlreadyExistsException e) {
      throw new IOException("cannot use " + abs + " as the history directory: it exists and is not a directory", e);
    } catch (IOException e) {
      throw new IOException("cannot create the history directory " + abs + ": " + reason(e), e);
    }
    FileChannel lockChannel;
    try {
      lockChannel = FileChannel.open(abs.resolve("lock"), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    } catch (IOException e) {
      throw new IOException("cannot write in the history directory " + abs + ": " + reason(e), e);
    }
    FileLock lock;
    try {
      lock = lockChannel.tryLock();
    } catch (OverlappingFileLockException e) {
      lock = null;
    } catch (IOException e) {
      closeQuietly(lockChannel);
      throw new IOException("cannot lock the history directory " + abs + ": " + reason(e), e);
    }
    if (lock == null) {
      closeQuietly(lockChannel);
      throw new IOException("the history directory " + abs + " is in use by another history store (another process, "
          + "or a store of this one not closed); each monitor needs its own vitals.history.dir");
    }
    FileHistoryStore store = new FileHistoryStore(abs, maxBytes, lockChannel, lock);
    try {
      store.recover();
    } catch (IOException | RuntimeException e) {
      store.close();
      throw e;
    }
    return store;
  }

  private void recover() throws IOException {
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, "*" + TMP)) {
      for (Path p : ds) {
        Files.deleteIfExists(p); // a compaction or a value write that a crash interrupted
      }
    } catch (IOException e) {
      throw new IOException("cannot read the history directory " + dir + ": " + reason(e), e);
    }
    values = readValues();
    NavigableMap<Long, DayFiles> days = list();
    for (DayFiles f : days.values()) {
      if (!f.log) {
        continue;
      }
      Path logPath = logPath(f.day);
      DayLog.Read r = DayLog.read(logPath, f.day);
      if (r == null) {
        continue;
      }
      if (f.segment && r.headerProblem == null) {
        Segment s = readSegment(f.day);
        if (s != null && s.absorbed(r.id)) {
          Files.delete(logPath); // compacted: a crash came between the segment's rename and this delete
          syncDirectory(dir);
          continue;
        }
      }
      if (r.keep() < r.data.length) {
        warn(DayLog.describeCut(logPath, r));
        try (FileChannel ch = FileChannel.open(logPath, StandardOpenOption.WRITE)) {
          ch.truncate(r.keep());
          ch.force(false);
        }
      }
    }
    if (!days.isEmpty()) {
      newestDay = days.lastKey();
    }
    compactionDue = true;
    bytes = totalBytes(list());
  }

  /**
   * Where the store keeps its files.
   *
   * @return {@code file:} and the directory's absolute path
   */
  @Override
  public String describe() {
    return "file:" + dir;
  }

  /**
   * The directory.
   *
   * @return its absolute path
   */
  public Path directory() {
    return dir;
  }

  @Override
  public void append(List<HistoryPeriod> minutes, List<HistoryTransition> transitions) throws IOException {
    Objects.requireNonNull(minutes, "minutes");
    Objects.requireNonNull(transitions, "transitions");
    TreeMap<Long, List<HistoryPeriod>> minutesByDay = new TreeMap<>();
    for (HistoryPeriod p : minutes) {
      Instant s = p.start();
      if (s.getNano() != 0 || Math.floorMod(s.getEpochSecond(), 60) != 0 || !p.end().equals(s.plusSeconds(60))) {
        throw new IllegalArgumentException("a stored minute is exactly one minute starting on a UTC minute; the minute of "
            + p.subject().key() + " runs from " + s + " to " + p.end());
      }
      long day = Codec.dayOfMinute(Math.floorDiv(s.getEpochSecond(), 60));
      minutesByDay.computeIfAbsent(day, d -> new ArrayList<>()).add(p);
    }
    TreeMap<Long, List<HistoryTransition>> transitionsByDay = new TreeMap<>();
    for (HistoryTransition t : transitions) {
      transitionsByDay.computeIfAbsent(Codec.dayOf(t.change().at()), d -> new ArrayList<>()).add(t);
    }
    TreeMap<Long, ByteOut> frames = new TreeMap<>();
    for (Map.Entry<Long, List<HistoryPeriod>> e : minutesByDay.entrySet()) {
      ByteOut out = frames.computeIfAbsent(e.getKey(), d -> new ByteOut(4096));
      int at = Frames.begin(out);
      out.u8(Frames.MINUTES);
      out.varint(e.getValue().size());
      for (HistoryPeriod p : e.getValue()) {
        out.string(p.subject().key());
        out.zigzag(p.start().getEpochSecond() / 60);
        Codec.writeFigures(out, p);
      }
      Frames.end(out, at);
    }
    for (Map.Entry<Long, List<HistoryTransition>> e : transitionsByDay.entrySet()) {
      ByteOut out = frames.computeIfAbsent(e.getKey(), d -> new ByteOut(1024));
      int at = Frames.begin(out);
      out.u8(Frames.TRANSITIONS);
      out.varint(e.getValue().size());
      for (HistoryTransition t : e.getValue()) {
        out.string(t.subject().key());
        Codec.writeTransition(out, t.change());
      }
      Frames.end(out, at);
    }
    synchronized (writer) {
      ensureOpen();
      for (Map.Entry<Long, ByteOut> e : frames.entrySet()) {
        long day = e.getKey();
        DayLog log = logs.get(day);
        Path path = logPath(day);
        try {
          if (log == null) {
            log = DayLog.open(dir, path, day, FileHistoryStore::warn);
            logs.put(day, log);
          }
          bytes += log.append(e.getValue(), newId());
        } catch (IOException ex) {
          if (log != null) {
            log.close();
            logs.remove(day);
          }
          throw new IOException("history store " + describe() + ": cannot write " + path.getFileName() + ": " + reason(ex)
              + "; this batch was not stored, what was stored before is intact", ex);
        }
        if (day < newestDay) {
          compactionDue = true; // a late batch for a finished day
        } else if (day > newestDay) {
          compactionDue |= newestDay != Long.MIN_VALUE;
          newestDay = day;
        }
      }
      maintain();
    }
  }

  private static long newId() {
    long id;
    do {
      id = ThreadLocalRandom.current().nextLong();
    } while (id == 0);
    return id;
  }

  /** Compaction and the size cap; failures are logged and retried later, never thrown. */
  private void maintain() {
    if (compactionDue) {
      try {
        compactFinishedDays();
        compactionDue = false;
      } catch (IOException | RuntimeException e) {
        warn("history store " + describe() + ": compaction failed, retried later: " + reason(e));
      }
    }
    if (bytes > maxBytes) {
      try {
        enforceCap();
      } catch (IOException | RuntimeException e) {
        warn("history store " + describe() + ": could not delete old days to keep within the size cap, retried later: "
            + reason(e));
      }
    }
  }

  private void compactFinishedDays() throws IOException {
    NavigableMap<Long, DayFiles> days = listLocked();
    for (DayFiles f : days.values()) {
      if (f.log && f.day < newestDay) {
        compact(f.day, f.segment);
      }
    }
    bytes = totalBytes(listLocked());
  }

  /** Rewrites a day's log into its segment (merging a segment written before). */
  private void compact(long day, boolean hasSegment) throws IOException {
    DayLog open = logs.remove(day);
    if (open != null) {
      open.close();
    }
    Path logPath = logPath(day);
    Path segPath = segmentPath(day);
    DayLog.Read r = DayLog.read(logPath, day);
    if (r == null) {
      return;
    }
    Segment existing = hasSegment ? readSegment(day) : null;
    if (r.headerProblem != null || (existing != null && existing.absorbed(r.id))) {
      deleteLog(logPath); // nothing acknowledged in it, or already in the segment
      return;
    }
    Segment.Contents c = new Segment.Contents();
    long[] absorbed;
    try {
      if (existing != null) {
        existing.minutesInto(c);
        existing.transitions(null, c.transitions::add);
        absorbed = java.util.Arrays.copyOf(existing.absorbed, existing.absorbed.length + 1);
      } else {
        absorbed = new long[1];
      }
      absorbed[absorbed.length - 1] = r.id;
      DayLog.minutes(r, null, Long.MIN_VALUE, Long.MAX_VALUE, c::minute);
      DayLog.transitions(r, null, c.transitions::add);
    } catch (ByteIn.Corrupt e) {
      throw new IOException("cannot compact " + logPath.getFileName() + ": " + e.getMessage(), e);
    }
    byte[] data = Segment.encode(day, absorbed, c);
    Path tmp = dir.resolve(segPath.getFileName() + TMP);
    writeDurably(tmp, data);
    files.writeLock().lock();
    try {
      Files.move(tmp, segPath, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      syncDirectory(dir);
      Files.delete(logPath);
      syncDirectory(dir);
    } finally {
      files.writeLock().unlock();
    }
  }

  private void deleteLog(Path logPath) throws IOException {
    files.writeLock().lock();
    try {
      Files.deleteIfExists(logPath);
      syncDirectory(dir);
    } finally {
      files.writeLock().unlock();
    }
  }

  private void enforceCap() throws IOException {
    files.writeLock().lock();
    try {
      NavigableMap<Long, DayFiles> days = list();
      long total = totalBytes(days);
      for (DayFiles f : days.values()) {
        if (total <= maxBytes || f.day >= Math.max(newestDay, days.lastKey())) {
          break;
        }
        long size = deleteDay(f);
        total -= size;
        warn("history store " + describe() + ": its files exceed the cap of " + maxBytes + " bytes (vitals.history.max-size):"
            + " deleted the oldest day, " + LocalDate.ofEpochDay(f.day) + " (" + size + " bytes)");
      }
      syncDirectory(dir);
      bytes = total;
    } finally {
      files.writeLock().unlock();
    }
  }

  /** Deletes a day's files; the caller holds the write lock. Returns the bytes freed. */
  private long deleteDay(DayFiles f) throws IOException {
    DayLog open = logs.remove(f.day);
    if (open != null) {
      open.close();
    }
    long freed = 0;
    for (Path p : new Path[] {logPath(f.day), segmentPath(f.day)}) {
      try {
        long size = Files.size(p);
        Files.delete(p);
        freed += size;
      } catch (NoSuchFileException e) {
        // not there
      }
    }
    return freed;
  }

  @Override
  public void readMinutes(HistorySubject subject, Instant from, Instant to, Consumer<HistoryPeriod> sink) throws IOException {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(sink, "sink");
    long fromMinute = Codec.minuteAtOrAfter(from);
    long toMinute = Codec.minuteAtOrAfter(to);
    if (fromMinute >= toMinute) {
      return;
    }
    files.readLock().lock();
    try {
      ensureOpen();
      NavigableMap<Long, DayFiles> days = list()
          .subMap(Codec.dayOfMinute(fromMinute), true, Codec.dayOfMinute(toMinute - 1), true);
      for (DayFiles f : days.values()) {
        Segment s = f.segment ? readSegment(f.day) : null;
        if (s != null) {
          try {
            s.minutes(subject, fromMinute, toMinute, sink);
          } catch (ByteIn.Corrupt e) {
            warn("history segment " + segmentPath(f.day) + " does not decode, its minutes are skipped: " + e.getMessage());
          }
        }
        if (f.log) {
          DayLog.Read r = DayLog.read(logPath(f.day), f.day);
          if (r != null && (s == null || !s.absorbed(r.id))) {
            try {
              DayLog.minutes(r, subject, fromMinute, toMinute, sink);
            } catch (ByteIn.Corrupt e) {
              warn("history log " + logPath(f.day) + " holds a record that does not decode, the rest is skipped: "
                  + e.getMessage());
            }
          }
        }
      }
    } finally {
      files.readLock().unlock();
    }
  }

  @Override
  public List<HistoryTransition> transitions(HistorySubject subject, Instant from, Instant to) throws IOException {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    List<HistoryTransition> out = new ArrayList<>();
    if (!from.isBefore(to)) {
      return out;
    }
    InRange inRange = new InRange(from, to, out);
    files.readLock().lock();
    try {
      ensureOpen();
      NavigableMap<Long, DayFiles> days = list().subMap(Codec.dayOf(from), true, Codec.dayOf(to.minusNanos(1)), true);
      for (DayFiles f : days.values()) {
        Segment s = f.segment ? readSegment(f.day) : null;
        if (s != null) {
          try {
            s.transitions(subject, inRange);
          } catch (ByteIn.Corrupt e) {
            warn("history segment " + segmentPath(f.day) + " does not decode, its transitions are skipped: " + e.getMessage());
          }
        }
        if (f.log) {
          DayLog.Read r = DayLog.read(logPath(f.day), f.day);
          if (r != null && (s == null || !s.absorbed(r.id))) {
            try {
              DayLog.transitions(r, subject, inRange);
            } catch (ByteIn.Corrupt e) {
              warn("history log " + logPath(f.day) + " holds a record that does not decode, the rest is skipped: "
                  + e.getMessage());
            }
          }
        }
      }
    } finally {
      files.readLock().unlock();
    }
    // stable: transitions of one instant keep the order they were written in
    out.sort(InRange.OLDEST_FIRST);
    return out;
  }

  /**
   * Collects the transitions in a range (a class, not a lambda: reading history is on the monitor's
   * start path, which spins no lambda class).
   */
  private static final class InRange implements Consumer<HistoryTransition>, java.util.Comparator<HistoryTransition> {
    static final InRange OLDEST_FIRST = new InRange(null, null, null);
    private final Instant from;
    private final Instant to;
    private final List<HistoryTransition> out;

    InRange(Instant from, Instant to, List<HistoryTransition> out) {
      this.from = from;
      this.to = to;
      this.out = out;
    }

    @Override
    public void accept(HistoryTransition t) {
      Instant at = t.change().at();
      if (!at.isBefore(from) && at.isBefore(to)) {
        out.add(t);
      }
    }

    @Override
    public int compare(HistoryTransition a, HistoryTransition b) {
      return a.change().at().compareTo(b.change().at());
    }
  }

  @Override
  public Optional<String> value(String key) {
    Objects.requireNonNull(key, "key");
    ensureOpen();
    return Optional.ofNullable(values.get(key));
  }

  @Override
  public void value(String key, String value) throws IOException {
    Objects.requireNonNull(key, "key");
    Objects.requireNonNull(value, "value");
    synchronized (writer) {
      ensureOpen();
      TreeMap<String, String> next = new TreeMap<>(values);
      next.put(key, value);
      ByteOut out = new ByteOut(256);
      int at = Frames.begin(out);
      out.u8(1); // version
      out.varint(next.size());
      for (Map.Entry<String, String> e : next.entrySet()) {
        out.string(e.getKey());
        out.string(e.getValue());
      }
      Frames.end(out, at);
      Path tmp = dir.resolve(VALUES + TMP);
      try {
        writeDurably(tmp, out.toByteArray());
        Files.move(tmp, dir.resolve(VALUES), StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        syncDirectory(dir);
      } catch (IOException e) {
        try {
          Files.deleteIfExists(tmp);
        } catch (IOException ignored) {
          // the next open deletes it
        }
        throw new IOException("history store " + describe() + ": cannot write the value '" + key + "': " + reason(e), e);
      }
      values = Collections.unmodifiableMap(next);
    }
  }

  private Map<String, String> readValues() throws IOException {
    Path p = dir.resolve(VALUES);
    byte[] data = DayLog.readFile(p);
    if (data == null) {
      return Map.of();
    }
    Frames.Scan scan = Frames.scan(data, data.length);
    String problem = scan.count == 1 && scan.validEnd == data.length ? null : "not one valid record";
    TreeMap<String, String> map = new TreeMap<>();
    if (problem == null) {
      try {
        ByteIn in = new ByteIn(data, scan.offsets[0], scan.offsets[0] + scan.lengths[0]);
        if (in.u8() != 1) {
          throw new ByteIn.Corrupt("unknown version");
        }
        long n = in.varint(1 << 20);
        for (long i = 0; i < n; i++) {
          map.put(in.string(), in.string());
        }
      } catch (ByteIn.Corrupt e) {
        problem = e.getMessage();
      }
    }
    if (problem != null) {
      Path aside = dir.resolve(VALUES + ".corrupt");
      Files.move(p, aside, StandardCopyOption.REPLACE_EXISTING);
      warn("history values " + p + " are unreadable (" + problem + "): moved to " + aside.getFileName()
          + ", named values (such as the day of the last summary) start empty");
      return Map.of();
    }
    return Collections.unmodifiableMap(map);
  }

  @Override
  public void prune(Instant before) throws IOException {
    Objects.requireNonNull(before, "before");
    synchronized (writer) {
      ensureOpen();
      if (compactionDue) {
        compactFinishedDays();
        compactionDue = false;
      }
      // a day goes when it ends at or before 'before'
      long lastGone = Math.floorDiv(before.getEpochSecond(), Codec.SECONDS_PER_DAY) - 1;
      files.writeLock().lock();
      try {
        NavigableMap<Long, DayFiles> days = list();
        boolean deleted = false;
        for (DayFiles f : days.headMap(lastGone, true).values()) {
          deleteDay(f);
          deleted = true;
        }
        if (deleted) {
          syncDirectory(dir);
        }
        bytes = totalBytes(list());
      } finally {
        files.writeLock().unlock();
      }
      if (bytes > maxBytes) {
        enforceCap();
      }
    }
  }

  @Override
  public void close() {
    synchronized (writer) {
      if (closed) {
        return;
      }
      closed = true;
      for (DayLog l : logs.values()) {
        l.close();
      }
      logs.clear();
      try {
        lock.release();
      } catch (IOException e) {
        // closing the channel releases it too
      }
      closeQuietly(lockChannel);
    }
  }

  @Override
  public String toString() {
    return "FileHistoryStore[" + describe() + "]";
  }

  private void ensureOpen() {
    if (closed) {
      throw new IllegalStateException("history store " + describe() + " is closed");
    }
  }

  // ---- files

  /** The files of one day. */
  static final class DayFiles {
    final long day;
    boolean log;
    boolean segment;
    long size;

    DayFiles(long day) {
      this.day = day;
    }
  }

  Path logPath(long day) {
    return dir.resolve(PREFIX + LocalDate.ofEpochDay(day) + LOG);
  }

  Path segmentPath(long day) {
    return dir.resolve(PREFIX + LocalDate.ofEpochDay(day) + SEGMENT);
  }

  private NavigableMap<Long, DayFiles> listLocked() throws IOException {
    files.readLock().lock();
    try {
      return list();
    } finally {
      files.readLock().unlock();
    }
  }

  /** The days with files, oldest first, with the files' sizes. */
  private NavigableMap<Long, DayFiles> list() throws IOException {
    TreeMap<Long, DayFiles> days = new TreeMap<>();
    try (DirectoryStream<Path> ds = Files.newDirectoryStream(dir, PREFIX + "*")) {
      for (Path p : ds) {
        String name = p.getFileName().toString();
        boolean log = name.endsWith(LOG);
        if (!log && !name.endsWith(SEGMENT)) {
          continue;
        }
        long day;
        try {
          day = LocalDate.parse(name.substring(PREFIX.length(), name.length() - 4)).toEpochDay();
        } catch (DateTimeParseException e) {
          continue; // not ours
        }
        DayFiles f = days.get(day);
        if (f == null) {
          f = new DayFiles(day);
          days.put(day, f);
        }
        if (log) {
          f.log = true;
        } else {
          f.segment = true;
        }
        try {
          f.size += Files.size(p);
        } catch (NoSuchFileException e) {
          // deleted meanwhile
        }
      }
    } catch (IOException e) {
      throw new IOException("cannot read the history directory " + dir + ": " + reason(e), e);
    }
    return days;
  }

  private long totalBytes(NavigableMap<Long, DayFiles> days) throws IOException {
    long total = 0;
    for (DayFiles f : days.values()) {
      total += f.size;
    }
    try {
      total += Files.size(dir.resolve(VALUES));
    } catch (NoSuchFileException e) {
      // no values yet
    }
    return total;
  }

  /** A day's segment, or null (with a WARN) when it does not decode. */
  private Segment readSegment(long day) throws IOException {
    Path p = segmentPath(day);
    byte[] data = DayLog.readFile(p);
    if (data == null) {
      return null;
    }
    try {
      return Segment.decode(data);
    } catch (ByteIn.Corrupt e) {
      warn("history segment " + p + " does not decode (" + e.getMessage() + "): the history of "
          + LocalDate.ofEpochDay(day) + " is skipped");
      return null;
    }
  }

  /** Writes a file and forces it to the device. */
  private static void writeDurably(Path path, byte[] data) throws IOException {
    try (FileChannel ch = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
        StandardOpenOption.WRITE)) {
      ByteBuffer buf = ByteBuffer.wrap(data);
      while (buf.hasRemaining()) {
        ch.write(buf);
      }
      ch.force(true);
    } catch (IOException e) {
      try {
        Files.deleteIfExists(path);
      } catch (IOException ignored) {
        // the next open deletes temporary files
      }
      throw e;
    }
  }

  /** Forces a directory's entries (a created, renamed or deleted file) to the device. */
  static void syncDirectory(Path dir) throws IOException {
    if (WINDOWS) {
      return; // a directory cannot be opened there; NTFS journals its metadata
    }
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static void closeQuietly(FileChannel ch) {
    try {
      ch.close();
    } catch (IOException e) {
      // nothing to do
    }
  }

  /** The reason of a failure, for messages: the exception's message, or its type. */
  static String reason(Throwable e) {
    String m = e.getMessage();
    if (e instanceof NoSuchFileException) {
      return "no such file or directory: " + m;
    }
    if (e instanceof java.nio.file.AccessDeniedException) {
      return "permission denied: " + m;
    }
    return m == null || m.isBlank() ? e.getClass().getSimpleName() : m;
  }

  static void warn(String message) {
    Log.LOG.warn(message);
  }

  /** SLF4J, loaded only when the store has something to say. */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(FileHistoryStore.class);
  }
}
