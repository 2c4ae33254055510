package dev.vitals.core;

import dev.vitals.api.Baseline;
import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import dev.vitals.api.spi.ConfigException;
import java.io.IOException;
import java.io.Reader;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Recorded latency baselines by subject ({@code probe.<name>} or {@code tracker.<name>}) and the
 * regression rule: a summary p95 more than {@code tolerance} above the baseline's, once the window
 * holds at least {@link #MIN_SAMPLES} operations.
 *
 * <p>The file is a properties file ({@code probe.db.p95Nanos = 1234567} ...), written atomically
 * (a temporary file in the same directory, then a move).
 */
final class Baselines {

  /** Fewer operations than this in the summary window never count as a regression. */
  static final int MIN_SAMPLES = 10;

  private final Map<String, Baseline> bySubject = new ConcurrentHashMap<>();
  private final double tolerance;

  Baselines(double tolerance) {
    this.tolerance = tolerance;
  }

  static String probeKey(String name) {
    return "probe." + name;
  }

  static String trackerKey(String name) {
    return "tracker." + name;
  }

  Optional<Baseline> get(String subject) {
    return Optional.ofNullable(bySubject.get(subject));
  }

  boolean regressed(String subject, WindowStats summary) {
    Baseline b = bySubject.get(subject);
    return b != null && summary.count() >= MIN_SAMPLES && summary.p95Nanos() > b.p95Nanos() * (1.0 + tolerance);
  }

  /** Reads a baseline file; a missing file is no baseline. */
  void load(Path file) {
    if (!Files.exists(file)) {
      return;
    }
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the Vitals baseline file " + file + ": " + e.getMessage(), e);
    }
    List<String> problems = new ArrayList<>();
    TreeSet<String> subjects = new TreeSet<>();
    for (String k : p.stringPropertyNames()) {
      int dot = k.lastIndexOf('.');
      if (dot > 0) {
        subjects.add(k.substring(0, dot));
      }
    }
    for (String s : subjects) {
      try {
        bySubject.put(s, new Baseline(number(p, s + ".p50Nanos", file), number(p, s + ".p95Nanos", file),
            number(p, s + ".p99Nanos", file), Instant.parse(p.getProperty(s + ".recordedAt", "1970-01-01T00:00:00Z"))));
      } catch (RuntimeException e) {
        problems.add("baseline " + file + ": " + s + ": " + e.getMessage());
      }
    }
    ConfigReads.check(problems);
  }

  private static long number(Properties p, String key, Path file) {
    String v = p.getProperty(key);
    try {
      long n = Long.parseLong(v == null ? "" : v.trim());
      if (n >= 0) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new ConfigException(key + " in " + file, v, "a number of nanoseconds, zero or more");
  }

  /** Records the summary percentiles of every probe and tracker with data, and writes them. */
  void save(HealthReport report, Path file) {
    Instant now = report.time();
    for (ProbeReport pr : report.probes()) {
      if (pr.summary().count() > 0) {
        bySubject.put(probeKey(pr.name()), of(pr.summary(), now));
      }
    }
    for (TrackerReport tr : report.trackers()) {
      if (tr.summary().count() > 0) {
        bySubject.put(trackerKey(tr.name()), of(tr.summary(), now));
      }
    }
    StringBuilder sb = new StringBuilder("# Vitals latency baselines (nanoseconds), recorded " + now + "\n");
    new TreeSet<>(bySubject.keySet()).forEach(s -> {
      Baseline b = bySubject.get(s);
      sb.append(s).append(".p50Nanos=").append(b.p50Nanos()).append('\n')
          .append(s).append(".p95Nanos=").append(b.p95Nanos()).append('\n')
          .append(s).append(".p99Nanos=").append(b.p99Nanos()).append('\n')
          .append(s).append(".recordedAt=").append(b.recordedAt()).append('\n');
    });
    try {
      Path dir = file.toAbsolutePath().getParent();
      Files.createDirectories(dir);
      Path tmp = Files.createTempFile(dir, file.getFileName().toString(), ".tmp");
      try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
        w.write(sb.toString());
      }
      try {
        Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      } catch (AtomicMoveNotSupportedException e) {
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Vitals baseline file " + file + ": " + e.getMessage(), e);
    }
  }

  private static Baseline of(WindowStats w, Instant now) {
    return new Baseline(w.p50Nanos(), w.p95Nanos(), w.p99Nanos(), now);
  }
}
