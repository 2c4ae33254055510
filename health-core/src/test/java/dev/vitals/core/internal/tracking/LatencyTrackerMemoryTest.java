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
    long self = 16 + 9 * 8 + 5 * 8 + 8 + 16;
    long lastSnapshot = 16 + 3 * 8 + 2 * 8 + 3 * (16 + 8 + 6 * 8);
    assertThat(tracker.footprintBytes()).isEqualTo(stripes + rings + scratch + self + lastSnapshot)
        .isEqualTo(203_000L)
        .isLessThanOrEqualTo(256 * 1024);
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
    assertThat(availability.footprintBytes()).isEqualTo(initial).isEqualTo(19_008L);
  }
}
