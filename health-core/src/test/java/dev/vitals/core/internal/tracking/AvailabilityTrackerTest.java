package dev.vitals.core.internal.tracking;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatNullPointerException;
import static org.assertj.core.api.Assertions.within;

import dev.vitals.api.Status;
import dev.vitals.core.internal.tracking.AvailabilityTracker.Window;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import org.junit.jupiter.api.Test;

/** Availability windows with an explicit clock, against exact interval arithmetic. */
class AvailabilityTrackerTest {

  private static final long ORIGIN = 5_000_000_000_000L;
  private static final long SECOND = 1_000_000_000L;
  private static final long MINUTE = 60 * SECOND;
  private static final long HOUR = 60 * MINUTE;
  private static final long DAY = 24 * HOUR;

  private final AvailabilityTracker tracker = new AvailabilityTracker(ORIGIN);

  @Test
  void noCountedTimeGivesNoShare() {
    assertThat(tracker.shares(ORIGIN + 3 * HOUR)).isEmpty();
    tracker.transition(Status.UNKNOWN, ORIGIN + HOUR);
    assertThat(tracker.share(Window.ONE_HOUR, ORIGIN + 2 * HOUR)).isEmpty();
    assertThat(tracker.status()).isEqualTo(Status.UNKNOWN);
  }

  @Test
  void alignedMixedHistoryIsExactAndUnknownTimeIsNotCounted() {
    tracker.transition(Status.UP, ORIGIN);                          // 30 min up
    tracker.transition(Status.DOWN, ORIGIN + 30 * MINUTE);          // 15 min down
    tracker.transition(Status.UNKNOWN, ORIGIN + 45 * MINUTE);       // 10 min not counted
    tracker.transition(Status.DEGRADED, ORIGIN + 55 * MINUTE);      // 5 min degraded, available

    assertThat(tracker.share(Window.ONE_HOUR, ORIGIN + HOUR)).hasValue(35.0 / 50);
    assertThat(tracker.shares(ORIGIN + HOUR)).containsExactly(
        java.util.Map.entry("1h", 0.7), java.util.Map.entry("24h", 0.7),
        java.util.Map.entry("7d", 0.7), java.util.Map.entry("30d", 0.7));
  }

  @Test
  void oneHourWindowDropsAMinuteExactlyWhenTheSixtyFirstMinuteAfterItBegins() {
    tracker.transition(Status.DOWN, ORIGIN);
    tracker.transition(Status.UP, ORIGIN + MINUTE);                 // minute 0 down, then up

    assertThat(tracker.share(Window.ONE_HOUR, ORIGIN + 61 * MINUTE - 1)).hasValue(
        (61.0 * MINUTE - 1 - MINUTE) / (61.0 * MINUTE - 1));
    assertThat(tracker.share(Window.ONE_HOUR, ORIGIN + 61 * MINUTE)).hasValue(1.0);
    assertThat(tracker.share(Window.ONE_DAY, ORIGIN + 61 * MINUTE)).hasValue(60.0 / 61);
  }

  @Test
  void dayWeekAndMonthWindowsDropHoursAtHourBoundaries() {
    tracker.transition(Status.DOWN, ORIGIN);
    tracker.transition(Status.UP, ORIGIN + HOUR);                   // hour 0 down

    assertThat(tracker.share(Window.ONE_DAY, ORIGIN + 25 * HOUR - 1).getAsDouble())
        .isEqualTo((24.0 * HOUR - 1) / (25.0 * HOUR - 1));
    assertThat(tracker.share(Window.ONE_DAY, ORIGIN + 25 * HOUR)).hasValue(1.0);
    assertThat(tracker.share(Window.SEVEN_DAYS, ORIGIN + 7 * DAY + HOUR - 1).getAsDouble())
        .isEqualTo((7.0 * DAY - 1) / (7.0 * DAY + HOUR - 1));
    assertThat(tracker.share(Window.SEVEN_DAYS, ORIGIN + 7 * DAY + HOUR)).hasValue(1.0);
    assertThat(tracker.share(Window.THIRTY_DAYS, ORIGIN + 30 * DAY)).hasValue(
        (30.0 * 24 - 1) / (30 * 24));
    assertThat(tracker.share(Window.THIRTY_DAYS, ORIGIN + 30 * DAY + HOUR)).hasValue(1.0);
  }

  @Test
  void randomMixedHistoriesMatchExactIntervalArithmetic() {
    SplittableRandom random = new SplittableRandom(11);
    for (int run = 0; run < 20; run++) {
      AvailabilityTracker t = new AvailabilityTracker(ORIGIN);
      List<long[]> history = new ArrayList<>(); // {time since origin, status ordinal}
      long now = 0;
      long step = run % 2 == 0 ? 7 * MINUTE : 9 * HOUR; // dense and sparse histories
      long span = run % 2 == 0 ? 3 * DAY : 40 * DAY;
      while (now < span) {
        now += random.nextLong(1, step);
        Status s = Status.values()[random.nextInt(4)];
        t.transition(s, ORIGIN + now);
        history.add(new long[] {now, s.ordinal()});
        if (random.nextInt(5) == 0) {
          long at = now + random.nextLong(0, step);
          for (Window w : Window.values()) {
            long len = w == Window.ONE_HOUR ? MINUTE : HOUR;
            long complete = switch (w) {
              case ONE_HOUR -> 60;
              case ONE_DAY -> 24;
              case SEVEN_DAYS -> 7 * 24;
              case THIRTY_DAYS -> 30 * 24;
            };
            long from = Math.max(0, (at / len - complete) * len);
            long[] exact = integrate(history, from, at);
            var share = t.share(w, ORIGIN + at);
            if (exact[1] == 0) {
              assertThat(share).isEmpty();
            } else {
              assertThat(share.getAsDouble()).as("%s at %d", w, at)
                  .isCloseTo((double) exact[0] / exact[1], within(1e-12));
            }
          }
          now = at; // the next transition comes later still
        }
      }
    }
  }

  @Test
  void timeGoingBackwardsCountsNothing() {
    tracker.transition(Status.UP, ORIGIN + 10 * MINUTE);
    tracker.transition(Status.DOWN, ORIGIN + 5 * MINUTE); // late report: counts from 10 min
    assertThat(tracker.share(Window.ONE_HOUR, ORIGIN + 20 * MINUTE)).hasValue(0.0);
    tracker.transition(Status.UP, ORIGIN - HOUR);
    assertThat(tracker.share(Window.ONE_HOUR, ORIGIN + 30 * MINUTE)).hasValue(0.5);
  }

  @Test
  void nullStatusIsRefused() {
    assertThatNullPointerException().isThrownBy(() -> tracker.transition(null, ORIGIN))
        .withMessageContaining("status");
  }

  /** {available, counted} nanoseconds of a history over {@code [from, to)}. */
  private static long[] integrate(List<long[]> history, long from, long to) {
    long available = 0;
    long counted = 0;
    for (int i = 0; i < history.size(); i++) {
      long start = Math.max(from, history.get(i)[0]);
      long end = Math.min(to, i + 1 < history.size() ? history.get(i + 1)[0] : Long.MAX_VALUE);
      if (end <= start) {
        continue;
      }
      Status s = Status.values()[(int) history.get(i)[1]];
      if (s != Status.UNKNOWN) {
        counted += end - start;
        if (s.isAvailable()) {
          available += end - start;
        }
      }
    }
    return new long[] {available, counted};
  }
}
