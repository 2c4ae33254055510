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
}
