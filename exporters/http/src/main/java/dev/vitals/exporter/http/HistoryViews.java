package dev.vitals.exporter.http;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthReport;
import dev.vitals.api.History;
import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.Incident;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.Redaction;
import dev.vitals.api.TrackerReport;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

/**
 * The history the status page and the badges show: for every probe and tracker of the report, its
 * figures per day over the last {@value #DAYS} days and its incidents, read from the {@link History}
 * at most once a minute (by the endpoint's clock) and kept in one volatile value.
 *
 * <p>Reading history may be slow (a file, a database). One thread at a time reads it: a request that finds
 * the value a minute old while another thread reads serves the old value instead of waiting; only
 * requests that find no value at all wait for the first. A failed read is kept as a value too (with its
 * redacted reason), so a broken store is asked once a minute, not once per request.
 *
 * <p>Days are calendar days in {@link #ZONE} (UTC, as every time on the status page); the last day ends
 * at the time of the read.
 *
 * <p>Thread-safe.
 */
final class HistoryViews {

  /** Days kept: the longest bar drawn. */
  static final int DAYS = 90;
  /** The zone whose calendar days the bars show: UTC, as every time on the status page. */
  static final ZoneId ZONE = ZoneOffset.UTC;
  private static final long MINUTE_MILLIS = 60_000L;

  private final Supplier<Optional<History>> source;
  private final Clock clock;
  private final ReentrantLock reading = new ReentrantLock();
  private volatile Days current;

  /**
   * @param source the monitor's history, asked on each use (empty: no store is configured)
   * @param clock the endpoint's clock, for "now" and the once-a-minute refresh
   */
  HistoryViews(Supplier<Optional<History>> source, Clock clock) {
    this.source = Objects.requireNonNull(source, "source");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /** The history, or empty when no store is configured. */
  Optional<History> history() {
    Optional<History> h = source.get();
    return h == null ? Optional.empty() : h;
  }

  /**
   * The days of the report's probes and trackers, at most a minute old.
   *
   * @param report the latest report, whose probes and trackers are shown
   * @return the days, or empty when no history store is configured
   */
  Optional<Days> days(HealthReport report) {
    Optional<History> history = history();
    if (history.isEmpty()) {
      return Optional.empty();
    }
    long minute = Math.floorDiv(clock.wallTimeMillis(), MINUTE_MILLIS);
    List<HistorySubject> subjects = subjects(report);
    Days d = current;
    if (d != null && d.minute == minute && d.subjects.equals(subjects)) {
      return Optional.of(d);
    }
    if (d != null && !reading.tryLock()) {
      return Optional.of(d); // another thread reads; the value a minute old will do meanwhile
    }
    if (d == null) {
      try {
        // interruptible: the endpoint's watchdog cuts an exchange that waits too long by interrupting it
        reading.lockInterruptibly();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted while waiting for the history to be read", e);
      }
    }
    try {
      Days again = current;
      if (again != null && again.minute == minute && again.subjects.equals(subjects)) {
        return Optional.of(again);
      }
      Days read = read(history.get(), subjects, minute);
      current = read;
      return Optional.of(read);
    } finally {
      reading.unlock();
    }
  }

  private static List<HistorySubject> subjects(HealthReport report) {
    List<HistorySubject> out = new ArrayList<>(report.probes().size() + report.trackers().size());
    for (ProbeReport p : report.probes()) {
      out.add(HistorySubject.probe(p.name()));
    }
    for (TrackerReport t : report.trackers()) {
      out.add(HistorySubject.tracker(t.name()));
    }
    return List.copyOf(out);
  }

  private Days read(History history, List<HistorySubject> subjects, long minute) {
    Instant now = clock.instant();
    LocalDate today = LocalDate.ofInstant(now, ZONE);
    LocalDate first = today.minusDays(DAYS - 1L);
    Instant from = first.atStartOfDay(ZONE).toInstant();
    List<LocalDate> dates = new ArrayList<>(DAYS);
    for (int i = 0; i < DAYS; i++) {
      dates.add(first.plusDays(i));
    }
    List<SubjectDays> out = new ArrayList<>(subjects.size());
    try {
      for (HistorySubject s : subjects) {
        List<HistoryPeriod> days = history.periods(s, from, now, Duration.ofDays(1));
        List<Incident> incidents = s.kind() == HistorySubject.Kind.PROBE ? history.incidents(s, from, now) : List.of();
        out.add(new SubjectDays(s, List.copyOf(days), List.copyOf(incidents)));
      }
      return new Days(minute, subjects, now, dates, out, null);
    } catch (RuntimeException e) {
      String reason = Redaction.redact(e.toString());
      Log.LOG.warn("Failed to read the history for the status page and badges: {}", reason);
      return new Days(minute, subjects, now, dates, List.of(), reason);
    }
  }

  /** What one read of the history gave: per subject its days and incidents, or why it failed. */
  static final class Days {
    final long minute;
    final List<HistorySubject> subjects;
    /** When it was read: the end of the last day. */
    final Instant now;
    /** The {@value HistoryViews#DAYS} days, oldest first. */
    final List<LocalDate> dates;
    /** Per subject, in the report's order (probes, then trackers); empty when the read failed. */
    final List<SubjectDays> bySubject;
    /** Why the read failed (redacted), or null. */
    final String failure;

    Days(long minute, List<HistorySubject> subjects, Instant now, List<LocalDate> dates, List<SubjectDays> bySubject,
        String failure) {
      this.minute = minute;
      this.subjects = subjects;
      this.now = now;
      this.dates = dates;
      this.bySubject = bySubject;
      this.failure = failure;
    }

    Optional<SubjectDays> of(HistorySubject subject) {
      for (SubjectDays d : bySubject) {
        if (d.subject.equals(subject)) {
          return Optional.of(d);
        }
      }
      return Optional.empty();
    }
  }

  /** One subject's days (one period per day, oldest first, the last ending at the read) and incidents. */
  static final class SubjectDays {
    final HistorySubject subject;
    final List<HistoryPeriod> days;
    final List<Incident> incidents;

    SubjectDays(HistorySubject subject, List<HistoryPeriod> days, List<Incident> incidents) {
      this.subject = subject;
      this.days = days;
      this.incidents = incidents;
    }

    /** The last {@code n} days together, or empty when there are none. */
    Optional<HistoryPeriod> last(int n) {
      HistoryPeriod sum = null;
      for (int i = Math.max(0, days.size() - n); i < days.size(); i++) {
        sum = sum == null ? days.get(i) : sum.merge(days.get(i));
      }
      return Optional.ofNullable(sum);
    }

    /** The availability over the observed part of the last {@code n} days. */
    OptionalDouble availability(int n) {
      return last(n).map(HistoryPeriod::availability).orElse(OptionalDouble.empty());
    }
  }
}
