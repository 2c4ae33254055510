package dev.vitals.bench;

import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.LatencyHistogram;
import dev.vitals.core.internal.history.FileHistoryStore;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The embedded history store ({@code vitals.history.dir}), on the disk of {@code java.io.tmpdir}:
 *
 * <ul>
 *   <li>{@code appendMinute}: what the monitor's writer pays once a minute: one append of 20 subjects'
 *       minutes (6 runs each, 1-3 latency buckets), framed, checksummed, written and forced
 *       ({@code fdatasync}). Each call writes the next minute, so a day's compaction runs once in 1440
 *       calls and is counted. {@code forceBaseline} is the floor: the same number of bytes appended to a
 *       plain file and forced.</li>
 *   <li>{@code load30Days}: what a start pays: reading 30 days of 10 probes (29 compacted days and
 *       today's log, 432,000 minutes) and merging them into hourly figures per subject, as the
 *       monitor does to restore its 24 h / 7 d / 30 d windows.</li>
 * </ul>
 *
 * <p>A force costs what the device makes it cost (on tmpfs nothing, on a cloud disk about a
 * millisecond): compare {@code appendMinute} with {@code forceBaseline} of the same run.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(value = 1, jvmArgsAppend = {"-Xms512m", "-Xmx512m"})
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Threads(1)
public class HistoryStoreBenchmark {

  /** 2026-11-01T00:00Z as a minute since the epoch. */
  static final long START_MINUTE = Instant.parse("2026-11-01T00:00:00Z").getEpochSecond() / 60;
  static final Instant FAR = Instant.parse("2100-01-01T00:00:00Z");

  /** Creates the benchmark; JMH calls it. */
  public HistoryStoreBenchmark() {}

  /** Latency histograms of a probe run 6 times a minute around 2 ms: 64 variants, so inputs vary. */
  static LatencyHistogram[] histograms(SplittableRandom random) {
    LatencyHistogram[] out = new LatencyHistogram[64];
    for (int v = 0; v < out.length; v++) {
      long[] dense = new long[LatencyHistogram.BUCKETS];
      for (int i = 0; i < 6; i++) {
        dense[LatencyHistogram.bucketOf(1_800_000 + random.nextInt(300_000))]++;
      }
      out[v] = LatencyHistogram.ofDense(dense);
    }
    return out;
  }

  static HistoryPeriod minute(HistorySubject subject, long epochMinute, LatencyHistogram h, boolean down) {
    Instant start = Instant.ofEpochSecond(epochMinute * 60);
    return new HistoryPeriod(subject, start, start.plusSeconds(60), 6, down ? 6 : 0, down ? 0 : 60_000,
        down ? 60_000 : 0, h);
  }

  static List<HistorySubject> subjects(int n) {
    List<HistorySubject> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      out.add(i % 4 == 3 ? HistorySubject.tracker("operation-" + i) : HistorySubject.probe("dependency-" + i));
    }
    return out;
  }

  static void delete(Path dir) throws IOException {
    if (dir == null || !Files.exists(dir)) {
      return;
    }
    try (Stream<Path> s = Files.walk(dir)) {
      for (Path p : s.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }

  /** A store being written, one minute of 20 subjects per call. */
  @State(Scope.Benchmark)
  public static class Writing {
    Path dir;
    FileHistoryStore store;
    List<HistorySubject> subjects;
    LatencyHistogram[] histograms;
    long next = START_MINUTE;
    SplittableRandom random = new SplittableRandom(7);
    /** The baseline's plain file. */
    FileChannel plain;
    ByteBuffer bytes;

    /** Creates the state; JMH calls it. */
    public Writing() {}

    /**
     * Opens a store in a fresh temporary directory and measures how many bytes a minute takes, for
     * the baseline.
     *
     * @throws IOException when the directory cannot be written
     */
    @Setup
    public void setUp() throws IOException {
      dir = Files.createTempDirectory("vitals-history-bench");
      store = FileHistoryStore.open(dir.resolve("store"), 1L << 30);
      subjects = subjects(20);
      histograms = histograms(random);
      long before = size(dir.resolve("store"));
      appendOne(this);
      appendOne(this);
      long perMinute = size(dir.resolve("store")) - before;
      plain = FileChannel.open(dir.resolve("plain"), StandardOpenOption.CREATE, StandardOpenOption.WRITE,
          StandardOpenOption.APPEND);
      bytes = ByteBuffer.allocate((int) (perMinute / 2));
    }

    private static long size(Path dir) throws IOException {
      try (Stream<Path> s = Files.list(dir)) {
        long total = 0;
        for (Path p : s.toList()) {
          total += Files.size(p);
        }
        return total;
      }
    }

    /**
     * Closes the store and deletes its files.
     *
     * @throws IOException when they cannot be deleted
     */
    @TearDown
    public void tearDown() throws IOException {
      store.close();
      plain.close();
      delete(dir);
    }
  }

  static int appendOne(Writing w) throws IOException {
    List<HistoryPeriod> batch = new ArrayList<>(w.subjects.size());
    long m = w.next++;
    for (HistorySubject s : w.subjects) {
      batch.add(minute(s, m, w.histograms[w.random.nextInt(w.histograms.length)], w.random.nextInt(1000) == 0));
    }
    w.store.append(batch, List.of());
    return batch.size();
  }

  /**
   * One minute of 20 subjects appended and forced.
   *
   * @param w the store
   * @return the minutes written
   * @throws IOException when the write fails
   */
  @Benchmark
  public int appendMinute(Writing w) throws IOException {
    return appendOne(w);
  }

  /**
   * The floor: as many bytes as a minute takes in the log, appended to a plain file and forced.
   *
   * @param w the plain file
   * @return the bytes written
   * @throws IOException when the write fails
   */
  @Benchmark
  public int forceBaseline(Writing w) throws IOException {
    w.bytes.clear();
    w.bytes.put(0, (byte) w.random.nextInt());
    int n = w.plain.write(w.bytes);
    w.plain.force(false);
    return n;
  }

  /** 30 days of 10 subjects, written as the monitor writes them (today's day still a log). */
  @State(Scope.Benchmark)
  public static class Loaded {
    Path dir;
    FileHistoryStore store;
    List<HistorySubject> subjects;
    /** The start of the 30 days. */
    Instant from;
    /** Just after the last minute. */
    Instant to;

    /** Creates the state; JMH calls it. */
    public Loaded() {}

    /**
     * Writes the 30 days, an hour at a time (the store's files do not depend on the batching).
     *
     * @throws IOException when the directory cannot be written
     */
    @Setup
    public void setUp() throws IOException {
      dir = Files.createTempDirectory("vitals-history-bench");
      store = FileHistoryStore.open(dir, 1L << 30);
      subjects = subjects(10);
      SplittableRandom random = new SplittableRandom(11);
      LatencyHistogram[] histograms = histograms(random);
      long end = START_MINUTE + 30 * 1440;
      for (long hour = START_MINUTE; hour < end; hour += 60) {
        List<HistoryPeriod> batch = new ArrayList<>(600);
        for (long m = hour; m < hour + 60; m++) {
          for (HistorySubject s : subjects) {
            batch.add(minute(s, m, histograms[random.nextInt(histograms.length)], random.nextInt(1000) == 0));
          }
        }
        store.append(batch, List.of());
      }
      from = Instant.ofEpochSecond(START_MINUTE * 60);
      to = Instant.ofEpochSecond(end * 60);
    }

    /**
     * Closes the store and deletes its files.
     *
     * @throws IOException when they cannot be deleted
     */
    @TearDown
    public void tearDown() throws IOException {
      store.close();
      delete(dir);
    }
  }

  /**
   * Reads 30 days of 10 subjects and merges them into hourly figures.
   *
   * @param l the store
   * @return the minutes merged (checked against what was written)
   * @throws Exception when the read fails
   */
  @Benchmark
  @OutputTimeUnit(TimeUnit.MILLISECONDS)
  public long load30Days(Loaded l) throws Exception {
    long fromMinute = l.from.getEpochSecond() / 60;
    Map<HistorySubject, HistoryPeriod[]> hours = new HashMap<>();
    for (HistorySubject s : l.subjects) {
      hours.put(s, new HistoryPeriod[30 * 24]);
    }
    long[] merged = new long[1];
    l.store.readMinutes(null, l.from, l.to, p -> {
      HistoryPeriod[] slots = hours.get(p.subject());
      int hour = (int) ((p.start().getEpochSecond() / 60 - fromMinute) / 60);
      slots[hour] = slots[hour] == null ? p : slots[hour].merge(p);
      merged[0]++;
    });
    if (merged[0] != 30L * 1440 * l.subjects.size()) {
      throw new IllegalStateException("read " + merged[0] + " minutes, wrote " + 30L * 1440 * l.subjects.size());
    }
    return merged[0];
  }
}
