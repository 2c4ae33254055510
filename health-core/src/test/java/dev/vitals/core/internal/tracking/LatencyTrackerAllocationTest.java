package dev.vitals.core.internal.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.management.ManagementFactory;
import org.junit.jupiter.api.Test;

/** record allocates nothing once compiled. */
class LatencyTrackerAllocationTest {

  @Test
  void recordAllocatesNothing() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    assertThat(threads.isThreadAllocatedMemorySupported()).isTrue();
    threads.setThreadAllocatedMemoryEnabled(true);
    long self = Thread.currentThread().getId();
    LatencyTracker tracker = new LatencyTracker(0);

    long sink = 0;
    for (int i = 0; i < 3_000_000; i++) { // warm-up: let the JIT compile record
      tracker.record(i * 37L, (i & 7) != 0);
    }
    threads.getThreadAllocatedBytes(self);

    long before = threads.getThreadAllocatedBytes(self);
    for (int i = 0; i < 1_000_000; i++) {
      tracker.record(i * 1013L, (i & 15) != 0);
      sink += i;
    }
    long after = threads.getThreadAllocatedBytes(self);

    assertThat(after - before).as("bytes allocated by 1M records").isLessThan(1024);
    assertThat(sink).isPositive();
  }

  @Test
  void anIdleTrackerHoldsOnlyItsStripesAndTheRestComesWithTheFirstData() {
    com.sun.management.ThreadMXBean threads =
        (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    threads.setThreadAllocatedMemoryEnabled(true);
    long self = Thread.currentThread().getId();
    new LatencyTracker(0).snapshot(0); // classes loaded and initialised
    long stripes = 16 + 8L * (16 + 8 * 1040);

    long before = threads.getThreadAllocatedBytes(self);
    LatencyTracker tracker = new LatencyTracker(0);
    tracker.snapshot(5_000_000_000L);
    long idle = threads.getThreadAllocatedBytes(self) - before;
    assertThat(idle).as("an idle tracker: stripes and small objects").isBetween(stripes, stripes + 4096);

    tracker.record(1_000_000, true);
    tracker.snapshot(300_000_000_000L); // closes slot 0, minute 0 and block 0: every ring, and the scratch
    long used = threads.getThreadAllocatedBytes(self) - before;
    assertThat(used).as("once used, about the documented footprint")
        .isBetween(tracker.footprintBytes() - 4096, tracker.footprintBytes() + 16_384);
  }
}
