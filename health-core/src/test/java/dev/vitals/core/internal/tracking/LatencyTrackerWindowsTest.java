package dev.vitals.core.internal.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.WindowStats;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** Window semantics with an explicit clock: windows move exactly at slot boundaries. */
class LatencyTrackerWindowsTest {

  /** An arbitrary, negative origin: nanoTime may be anything. */
  private static final long ORIGIN = -7_123_456_789_012L;
  private static final long MS = 1_000_000L;

  private static long at(double seconds) {
    return ORIGIN + Math.round(seconds * 1e9);
  }

  private static long atNanos(long secondsPart, long nanosPart) {
    return ORIGIN + secondsPart * 1_000_000_000L + nanosPart;
  }

  private final LatencyTracker tracker = new LatencyTracker(ORIGIN);

  @Test
  void emptyTrackerReportsEmptyWindowsAndZeroTotals() {
    LatencySnapshot s = tracker.snapshot(at(0));

    assertThat(s.windows()).containsExactly(WindowStats.empty(Duration.ofMinutes(1)),
        WindowStats.empty(Duration.ofMinutes(5)), WindowStats.empty(Duration.ofHours(1)));
    assertThat(s.totalCount()).isZero();
    assertThat(s.totalErrors()).isZero();
    assertThat(tracker.snapshot(at(12_345)).windows()).allSatisfy(w -> {
      assertThat(w.count()).isZero();
      assertThat(w.p99Nanos()).isZero();
      assertThat(w.maxNanos()).isZero();
    });
  }

  @Test
  void aSnapshotIsReusedUntilSomethingIsRecordedOrTheSlotEnds() {
    LatencySnapshot first = tracker.snapshot(at(1));
    assertThat(tracker.snapshot(at(9.9))).isSameAs(first);

    tracker.record(4 * MS, true);
    LatencySnapshot afterRecord = tracker.snapshot(at(9.9));
    assertThat(afterRecord).isNotSameAs(first);
    assertThat(afterRecord.oneMinute().count()).isEqualTo(1);
    assertThat(tracker.snapshot(at(9.95))).isSameAs(afterRecord);

    LatencySnapshot nextSlot = tracker.snapshot(at(10));
    assertThat(nextSlot).isNotSameAs(afterRecord);
    assertThat(nextSlot.oneMinute().count()).isEqualTo(1);
    assertThat(nextSlot.totalCount()).isEqualTo(1);
    // seven slots later the record has left the 1-minute window although nothing was recorded since
    assertThat(tracker.snapshot(at(70)).oneMinute().count()).isZero();
    assertThat(tracker.snapshot(at(70)).fiveMinutes().count()).isEqualTo(1);
  }

  @Test
  void recordShowsAtOnceInEveryWindowAndTheTotals() {
    tracker.record(3 * MS, true);
    tracker.record(5 * MS, false);

    LatencySnapshot s = tracker.snapshot(at(0.5));

    assertThat(s.windows()).allSatisfy(w -> {
      assertThat(w.count()).isEqualTo(2);
      assertThat(w.errors()).isEqualTo(1);
      assertThat(w.errorRate()).isEqualTo(0.5);
      assertThat(w.p50Nanos()).isCloseTo(3 * MS, withinPercent(3.2));
      assertThat(w.maxNanos()).isCloseTo(5 * MS, withinPercent(3.2));
    });
    assertThat(s.totalCount()).isEqualTo(2);
    assertThat(s.totalErrors()).isEqualTo(1);
  }

  @Test
  void oneMinuteWindowDropsSlotZeroExactlyWhenSlotSevenBegins() {
    tracker.record(2 * MS, false);

    assertThat(tracker.snapshot(atNanos(69, 999_999_999)).oneMinute().count()).isEqualTo(1);
    LatencySnapshot s = tracker.snapshot(at(70));
    assertThat(s.oneMinute()).isEqualTo(WindowStats.empty(Duration.ofMinutes(1)));
    assertThat(s.fiveMinutes().count()).isEqualTo(1);
    assertThat(s.fiveMinutes().errors()).isEqualTo(1);
    assertThat(s.totalCount()).isEqualTo(1);
  }

  @Test
  void fiveMinuteWindowDropsMinuteZeroExactlyWhenMinuteSixBegins() {
    tracker.rotate(at(55)); // slot 5, the last slot of minute 0
    tracker.record(2 * MS, true);

    assertThat(tracker.snapshot(atNanos(359, 999_999_999)).fiveMinutes().count()).isEqualTo(1);
    LatencySnapshot s = tracker.snapshot(at(360));
    assertThat(s.fiveMinutes().count()).isZero();
    assertThat(s.oneHour().count()).isEqualTo(1);
  }

  @Test
  void oneHourWindowDropsBlockZeroExactlyWhenBlockThirteenBegins() {
    tracker.rotate(at(299)); // slot 29, the last slot of block 0
    tracker.record(2 * MS, true);

    assertThat(tracker.snapshot(atNanos(3899, 999_999_999)).oneHour().count()).isEqualTo(1);
    LatencySnapshot s = tracker.snapshot(at(3900));
    assertThat(s.oneHour().count()).isZero();
    assertThat(s.totalCount()).isEqualTo(1);
  }

  @Test
  void aSlotInTheMiddleLeavesEachWindowAtItsDocumentedBoundary() {
    tracker.rotate(at(405)); // slot 40: minute 6, block 1
    tracker.record(7 * MS, true);

    // 1 minute: until slot 47 begins (470 s)
    assertThat(tracker.snapshot(atNanos(469, 999_999_999)).oneMinute().count()).isEqualTo(1);
    assertThat(tracker.snapshot(at(470)).oneMinute().count()).isZero();
    // 5 minutes: until minute 12 begins (slot 72, 720 s)
    assertThat(tracker.snapshot(atNanos(719, 999_999_999)).fiveMinutes().count()).isEqualTo(1);
    assertThat(tracker.snapshot(at(720)).fiveMinutes().count()).isZero();
    // 1 hour: until block 14 begins (slot 420, 4200 s)
    assertThat(tracker.snapshot(atNanos(4199, 999_999_999)).oneHour().count()).isEqualTo(1);
    assertThat(tracker.snapshot(at(4200)).oneHour().count()).isZero();
  }

  @Test
  void lateRotationCreditsTheSlotThatWasCurrentAndClosesEmptyGaps() {
    tracker.record(2 * MS, true);

    tracker.rotate(at(45)); // late by 35 s: slot 0 holds the record, slots 1 to 3 are empty

    assertThat(tracker.snapshot(atNanos(69, 999_999_999)).oneMinute().count()).isEqualTo(1);
    assertThat(tracker.snapshot(at(70)).oneMinute().count()).isZero();
  }

  @Test
  void rotatingTwiceOrBackwardsOrBeforeTheOriginChangesNothing() {
    tracker.rotate(at(-30));
    tracker.record(2 * MS, true);
    tracker.rotate(at(15));
    tracker.rotate(at(15));
    tracker.rotate(at(5));
    tracker.record(4 * MS, true);

    // the first record is in slot 0, the second in slot 1
    assertThat(tracker.snapshot(at(69)).oneMinute().count()).isEqualTo(2);
    assertThat(tracker.snapshot(at(70)).oneMinute().count()).isEqualTo(1);
    assertThat(tracker.snapshot(at(80)).oneMinute().count()).isZero();
  }

  @Test
  void nextRotationIsTheEndOfTheCurrentSlot() {
    assertThat(tracker.nextRotationNanos()).isEqualTo(at(10));
    tracker.rotate(at(25));
    assertThat(tracker.nextRotationNanos()).isEqualTo(at(30));
  }

  @Test
  void aLongPauseForgetsWindowsButKeepsTotals() {
    tracker.record(2 * MS, false);
    tracker.snapshot(at(20));
    tracker.record(3 * MS, true);

    LatencySnapshot afterDays = tracker.snapshot(at(3 * 86_400));
    assertThat(afterDays.windows()).allSatisfy(w -> assertThat(w.count()).isZero());
    assertThat(afterDays.totalCount()).isEqualTo(2);
    assertThat(afterDays.totalErrors()).isEqualTo(1);

    tracker.record(4 * MS, true);
    LatencySnapshot next = tracker.snapshot(at(3 * 86_400 + 1));
    assertThat(next.windows()).allSatisfy(w -> assertThat(w.count()).isEqualTo(1));
    assertThat(next.oneMinute().maxNanos()).isCloseTo(4 * MS, withinPercent(1.6));
  }

  @Test
  void negativeDurationsCountAsZeroAndHugeOnesInTheTopBucket() {
    tracker.record(-5, true);
    tracker.record(Long.MIN_VALUE, true);
    tracker.record(Long.MAX_VALUE, false);

    WindowStats w = tracker.snapshot(at(1)).oneMinute();
    assertThat(w.count()).isEqualTo(3);
    assertThat(w.errors()).isEqualTo(1);
    assertThat(w.p50Nanos()).isEqualTo(8); // midpoint of [0, 16 ns)
    assertThat(w.maxNanos()).isBetween(LatencyTracker.MAX_TRACKED_NANOS * 63 / 64,
        LatencyTracker.MAX_TRACKED_NANOS);
  }

  @Test
  void errorsAndCountsAddUpAcrossSlotsMinutesAndBlocks() {
    long expectedCount = 0;
    long expectedErrors = 0;
    // one operation every 10 s for 50 minutes, every third one failing
    for (int slot = 0; slot < 300; slot++) {
      tracker.rotate(at(slot * 10 + 1));
      boolean ok = slot % 3 != 0;
      tracker.record((slot + 1) * MS, ok);
      expectedCount++;
      expectedErrors += ok ? 0 : 1;
    }
    LatencySnapshot s = tracker.snapshot(at(2999));

    assertThat(s.oneHour().count()).isEqualTo(expectedCount);
    assertThat(s.oneHour().errors()).isEqualTo(expectedErrors);
    assertThat(s.oneMinute().count()).isEqualTo(7); // slots 293 .. 299
    assertThat(s.fiveMinutes().count()).isEqualTo(300 - 6 * (49 - 5)); // minutes 44 .. 49
    assertThat(s.totalCount()).isEqualTo(expectedCount);
    assertThat(s.totalErrors()).isEqualTo(expectedErrors);
  }

  private static org.assertj.core.data.Percentage withinPercent(double p) {
    return org.assertj.core.data.Percentage.withPercentage(p);
  }
}
