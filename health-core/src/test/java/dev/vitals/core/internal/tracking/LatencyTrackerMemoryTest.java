package dev.vitals.core.internal.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Memory per tracker is fixed and within the 256 KiB budget. */
class LatencyTrackerMemoryTest {

  private static final long SECOND = 1_000_000_000L;

  @Test
  void footprintIsTheDocumentedSizeAndWithinBudget() {
    LatencyTracker tracker = new LatencyTracker(0);

    long stripes = 16 + 8 * (16 + 8L * 1040);
    long rings = (16 + 8 + 24) * 3
        + 16 + 8 * 6 * 1024L + 2 * (16 + 8 * 6)
        + 16 + 8 * 5 * 512L + 2 * (16 + 8 * 5)
        + 16 + 8 * 12 * 512L + 2 * (16 + 8 * 12);
    long scratch = 16 + 8 * 1024L + 2 * (16 + 8 * 512L);
    long self = 16 + 9 * 8 + 5 * 8 + 16 + 16;
    long lastSnapshot = 16 + 3 * 8 + 2 * 8 + 3 * (16 + 8 + 6 * 8);
    assertThat(tracker.footprintBytes()).isEqualTo(stripes + rings + scratch + self + lastSnapshot)
        .isEqualTo(203_008L)
        .isLessThanOrEqualTo(256 * 1024);
  }

  @Test
  void aTrackerWithOneStripeHoldsLess() {
    LatencyTracker probe = new LatencyTracker(0, 1);
    long oneStripe = 16 + 8 * (16 + 1040L);
    assertThat(probe.footprintBytes()).isEqualTo(new LatencyTracker(0).footprintBytes() - (16 + 8 * (16 + 8 * 1040L))
        + oneStripe).isEqualTo(144_768L);
    probe.record(5_000_000, false);
    probe.record(7_000_000, true);
    LatencySnapshot s = probe.snapshot(0);
    assertThat(s.totalCount()).isEqualTo(2);
    assertThat(s.totalErrors()).isEqualTo(1);
    org.assertj.core.api.Assertions.assertThatThrownBy(() -> new LatencyTracker(0, 3))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("stripes must be 1, 2, 4 or 8, was 3");
  }

  @Test
  void footprintDoesNotGrowAfterRecordingAcrossManyRotations() {
    LatencyTracker tracker = new LatencyTracker(0);
    long initial = tracker.footprintBytes();
    long now = 0;
    for (int slot = 0; slot < 6 * 60 * 3; slot++) { // three simulated hours
      for (int i = 0; i < 1000; i++) {
        tracker.record((long) i * i * 997, i % 50 != 0);
      }
      now += 10 * SECOND;
      tracker.snapshot(now);
    }

    assertThat(tracker.footprintBytes()).isEqualTo(initial);
    assertThat(tracker.snapshot(now).totalCount()).isEqualTo(6 * 60 * 3 * 1000L);
  }

  @Test
  void availabilityFootprintIsFixed() {
    AvailabilityTracker availability = new AvailabilityTracker(0);
    long initial = availability.footprintBytes();
    for (int i = 0; i < 10_000; i++) {
      availability.transition(i % 3 == 0 ? dev.vitals.api.Status.DOWN : dev.vitals.api.Status.UP,
          i * 97 * SECOND);
    }
    assertThat(availability.footprintBytes()).isEqualTo(initial).isEqualTo(19_016L);
  }
}
