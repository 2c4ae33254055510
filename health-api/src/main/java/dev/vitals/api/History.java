package dev.vitals.api;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * A monitor's history across restarts, read side: per-period figures and status transitions of
 * every probe and tracker, from its history store and the minutes not yet written. Exporters get it
 * from {@code ExporterContext.history()} when a store is configured.
 *
 * <p>Thread-safe. Reads may touch the store (a file, a database): call them off hot paths, and expect
 * {@link java.io.UncheckedIOException} or {@link IllegalStateException} when the store cannot be read.
 */
public interface History {

  /**
   * Every subject the history knows: the monitor's probes and trackers and those with stored history.
   *
   * @return the subjects, probes first, each group by name
   */
  List<HistorySubject> subjects();

  /**
   * The subject of a name: the probe of that name, else the tracker.
   *
   * @param name a probe's or tracker's name
   * @return the subject, or empty when no probe or tracker of that name is monitored or stored
   */
  Optional<HistorySubject> find(String name);

  /**
   * The figures of consecutive periods: {@code [from, from + step)}, {@code [from + step, from + 2 step)},
   * … up to {@code to} (the last period ends at {@code to}, and may be shorter). A period holds the
   * minutes that start in it; a minute the monitor did not observe counts as not observed.
   *
   * @param subject the probe or tracker
   * @param from the first period's start
   * @param to the last period's end, after {@code from}
   * @param step the periods' length, one minute or more
   * @return one period per step, oldest first
   * @throws IllegalArgumentException for an empty range, a step under a minute, or more than 100,000 periods
   */
  List<HistoryPeriod> periods(HistorySubject subject, Instant from, Instant to, Duration step);

  /**
   * The status transitions of a probe in {@code [from, to)}.
   *
   * @param subject the probe (a tracker has none)
   * @param from the range's start, inclusive
   * @param to the range's end, exclusive
   * @return transitions, oldest first; their messages are redacted
   */
  List<HistoryEntry> transitions(HistorySubject subject, Instant from, Instant to);

  /**
   * The incidents that overlap {@code [from, to)}: spells not UP, from the transitions (an incident
   * that began before {@code from} is found from the stored transitions before it).
   *
   * @param subject the probe
   * @param from the range's start
   * @param to the range's end
   * @return incidents, oldest first
   */
  List<Incident> incidents(HistorySubject subject, Instant from, Instant to);

  /**
   * The oldest time the history holds anything for.
   *
   * @return the start of the oldest stored minute, or empty for a new history
   */
  Optional<Instant> since();
}
