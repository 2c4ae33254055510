package dev.vitals.api.spi;

import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * Where a monitor keeps its history: per-minute figures of every probe and tracker, their status
 * transitions, and a few named values (such as the day of the last summary sent). Built by a
 * {@link HistoryStoreFactory}; the monitor ships a file store ({@code vitals.history.dir}).
 *
 * <p><b>Threading.</b> The monitor writes from one thread of its own, never from a probe's or a
 * request's thread, and never calls {@link #append} concurrently with itself. Reads may come from
 * other threads at the same time (the status page, the history endpoint), so an implementation is
 * thread-safe.
 *
 * <p><b>Failures.</b> Every method may throw; the monitor keeps what it could not write (bounded),
 * reports the failure, and tries again later. A method's exception message must carry no secret (no
 * password of a JDBC URL).
 *
 * <p><b>Durability.</b> What {@link #append} returned from is durable: a crash (even {@code kill -9})
 * afterwards loses none of it, and a crash during it loses at most that batch and corrupts nothing
 * written before.
 */
public interface HistoryStore extends AutoCloseable {

  /**
   * Writes one batch: the minute figures of every subject for the minutes just closed, and the
   * transitions since the last batch. A minute of one subject is written once; should the same minute
   * and subject come again (a batch retried after a failure that had written part of it), the
   * monitor's readers keep one of them, so a store need not check.
   *
   * @param minutes periods of exactly one minute, each starting on a minute of UTC; may be empty
   * @param transitions transitions, oldest first; may be empty
   * @throws Exception when the batch was not written (the monitor retries it)
   */
  void append(List<HistoryPeriod> minutes, List<HistoryTransition> transitions) throws Exception;

  /**
   * Reads the stored minutes that start in {@code [from, to)}, in no particular order.
   *
   * @param subject one subject, or null for every subject
   * @param from the range's start, inclusive
   * @param to the range's end, exclusive
   * @param sink receives each stored minute
   * @throws Exception when the store cannot be read
   */
  void readMinutes(HistorySubject subject, Instant from, Instant to, Consumer<HistoryPeriod> sink) throws Exception;

  /**
   * Reads the stored transitions in {@code [from, to)}, oldest first.
   *
   * @param subject one subject, or null for every subject
   * @param from the range's start, inclusive
   * @param to the range's end, exclusive
   * @return the transitions
   * @throws Exception when the store cannot be read
   */
  List<HistoryTransition> transitions(HistorySubject subject, Instant from, Instant to) throws Exception;

  /**
   * A named value kept across restarts.
   *
   * @param key the name, such as {@code summary.daily.last}
   * @return the value, or empty when never set
   * @throws Exception when the store cannot be read
   */
  Optional<String> value(String key) throws Exception;

  /**
   * Sets a named value, durably (as {@link #append}).
   *
   * @param key the name
   * @param value the value, not null
   * @throws Exception when it was not written
   */
  void value(String key, String value) throws Exception;

  /**
   * Drops minutes and transitions older than {@code before}. The monitor calls it at start and
   * about once an hour with its retention (30 days by default).
   *
   * @param before the oldest time to keep
   * @throws Exception when the store could not be pruned
   */
  void prune(Instant before) throws Exception;

  /**
   * What the store is, for reports and messages: {@code file:/var/lib/app/vitals}, a JDBC URL
   * without credentials.
   *
   * @return a description with no secret in it
   */
  String describe();

  /** Releases the store's files or connections. Idempotent; never throws. */
  @Override
  default void close() {}
}
