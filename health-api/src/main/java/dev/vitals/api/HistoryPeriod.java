package dev.vitals.api;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.OptionalDouble;

/**
 * What history holds for one subject over one period (a minute, an hour, a day, any window):
 * operations, errors, time up and down, and latency.
 *
 * <p>Time the monitor did not observe (before the subject existed, while the process was not
 * running, before a probe's first result) is neither up nor down: it is {@link #notObservedMillis()},
 * shown, and left out of {@link #availability()}. Immutable.
 *
 * @param subject the probe or tracker
 * @param start the period's start, inclusive
 * @param end the period's end, exclusive; after {@code start}
 * @param count operations (a probe's runs, a tracker's recorded operations)
 * @param errors failed operations, at most {@code count}
 * @param upMillis milliseconds a probe was UP or DEGRADED; 0 for a tracker
 * @param downMillis milliseconds a probe was DOWN; 0 for a tracker
 * @param latency the operations' latency
 */
public record HistoryPeriod(HistorySubject subject, Instant start, Instant end, long count, long errors,
    long upMillis, long downMillis, LatencyHistogram latency) {

  /**
   * Checks the values.
   *
   * @param subject see {@link #subject()}
   * @param start see {@link #start()}
   * @param end see {@link #end()}
   * @param count see {@link #count()}
   * @param errors see {@link #errors()}
   * @param upMillis see {@link #upMillis()}
   * @param downMillis see {@link #downMillis()}
   * @param latency see {@link #latency()}
   */
  public HistoryPeriod {
    Objects.requireNonNull(subject, "subject");
    Objects.requireNonNull(start, "start");
    Objects.requireNonNull(end, "end");
    Objects.requireNonNull(latency, "latency");
    if (!end.isAfter(start)) {
      throw new IllegalArgumentException("a period ends after it starts: " + start + " .. " + end);
    }
    if (count < 0 || errors < 0 || errors > count || upMillis < 0 || downMillis < 0) {
      throw new IllegalArgumentException("counts and times are zero or more, errors at most count: count " + count
          + ", errors " + errors + ", up " + upMillis + " ms, down " + downMillis + " ms");
    }
  }

  /**
   * The period's length.
   *
   * @return {@code end - start}
   */
  public Duration length() {
    return Duration.between(start, end);
  }

  /**
   * Milliseconds of the period the monitor observed a probe's status: up plus down.
   *
   * @return milliseconds; 0 for a tracker
   */
  public long observedMillis() {
    return upMillis + downMillis;
  }

  /**
   * Milliseconds of the period not observed: the period's length less up and down time. For a
   * tracker, the whole period when it has no operation, else 0.
   *
   * @return milliseconds, zero or more
   */
  public long notObservedMillis() {
    long length = length().toMillis();
    if (subject.kind() == HistorySubject.Kind.TRACKER) {
      return count == 0 ? length : 0;
    }
    return Math.max(0, length - observedMillis());
  }

  /**
   * The availability over the observed part of the period: for a probe up / (up + down) time, for a
   * tracker the share of successful operations.
   *
   * @return a ratio from 0 to 1, or empty when nothing was observed
   */
  public OptionalDouble availability() {
    if (subject.kind() == HistorySubject.Kind.TRACKER) {
      return count == 0 ? OptionalDouble.empty() : OptionalDouble.of(1.0 - (double) errors / count);
    }
    long observed = observedMillis();
    return observed == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) upMillis / observed);
  }

  /**
   * The share of failed operations.
   *
   * @return errors / count, or empty without operations
   */
  public OptionalDouble errorRate() {
    return count == 0 ? OptionalDouble.empty() : OptionalDouble.of((double) errors / count);
  }

  /**
   * This period and an adjacent or overlapping one of the same subject together.
   *
   * @param other another period of the same subject
   * @return a period from the earlier start to the later end with the sums of both
   * @throws IllegalArgumentException for another subject
   */
  public HistoryPeriod merge(HistoryPeriod other) {
    if (!subject.equals(other.subject)) {
      throw new IllegalArgumentException("cannot merge the history of " + subject.key() + " with " + other.subject.key());
    }
    return new HistoryPeriod(subject, start.isBefore(other.start) ? start : other.start,
        end.isAfter(other.end) ? end : other.end, count + other.count, errors + other.errors,
        upMillis + other.upMillis, downMillis + other.downMillis, latency.merge(other.latency));
  }
}
