package dev.vitals.core.internal.tracking;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Stress, bounded: 4 writers and a rotating reader lose nothing and the memory stays flat. */
class LatencyTrackerConcurrencyTest {

  private static final int WRITERS = 4;
  private static final int PER_WRITER = 2_500_000;
  private static final long TOTAL = (long) WRITERS * PER_WRITER;
  private static final long SIMULATED_SPAN = 50 * 60 * 1_000_000_000L; // 50 minutes: inside 1 hour

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void fourWritersRecordTenMillionWhileAnotherThreadRotatesAndNoneIsLost() throws Exception {
    long origin = 1_000_000_000_000L;
    LatencyTracker tracker = new LatencyTracker(origin);
    long footprint = tracker.footprintBytes();
    AtomicLong progress = new AtomicLong();
    AtomicBoolean writersDone = new AtomicBoolean();
    AtomicReference<Throwable> failure = new AtomicReference<>();
    CountDownLatch start = new CountDownLatch(1);

    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < WRITERS; w++) {
      int id = w;
      writers.add(new Thread(() -> {
        try {
          start.await();
          long v = 1_000L + id;
          for (int i = 1; i <= PER_WRITER; i++) {
            v = v * 6364136223846793005L + 1442695040888963407L; // LCG: varied durations
            tracker.record((v >>> 28) & ((1L << 34) - 1), i % 10 != 0);
            if (i % 10_000 == 0) {
              progress.addAndGet(10_000);
            }
          }
        } catch (Throwable t) {
          failure.compareAndSet(null, t);
        }
      }, "writer-" + w));
    }
    AtomicLong rotations = new AtomicLong();
    Thread rotator = new Thread(() -> {
      try {
        start.await();
        long lastTotal = 0;
        while (!writersDone.get()) {
          // simulated time follows the writers' progress, so rotations happen all along
          long now = origin + SIMULATED_SPAN * progress.get() / TOTAL;
          tracker.rotate(now);
          rotations.incrementAndGet();
          LatencySnapshot s = tracker.snapshot(now);
          assertThat(s.totalCount()).isGreaterThanOrEqualTo(lastTotal).isLessThanOrEqualTo(TOTAL);
          assertThat(s.oneHour().count()).isEqualTo(s.totalCount());
          lastTotal = s.totalCount();
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
    }, "rotator");

    writers.forEach(Thread::start);
    rotator.start();
    start.countDown();
    for (Thread t : writers) {
      t.join();
    }
    writersDone.set(true);
    rotator.join();

    assertThat(failure.get()).isNull();
    LatencySnapshot end = tracker.snapshot(origin + SIMULATED_SPAN);
    assertThat(end.totalCount()).isEqualTo(TOTAL);
    assertThat(end.totalErrors()).isEqualTo(TOTAL / 10);
    assertThat(end.oneHour().count()).isEqualTo(TOTAL);
    assertThat(end.oneHour().errors()).isEqualTo(TOTAL / 10);
    assertThat(rotations.get()).isGreaterThan(10);
    assertThat(tracker.footprintBytes()).isEqualTo(footprint);
  }

  @Test
  @Timeout(value = 60, unit = TimeUnit.SECONDS)
  void snapshotsInOneSlotWhileTwoThreadsRecordNeverMissAFinishedRecord() throws Exception {
    LatencyTracker tracker = new LatencyTracker(0);
    int perWriter = 1_000_000;
    AtomicLong done = new AtomicLong(); // records finished, counted by the writers after each record
    AtomicReference<Throwable> failure = new AtomicReference<>();
    AtomicBoolean writersDone = new AtomicBoolean();
    List<Thread> writers = new ArrayList<>();
    for (int w = 0; w < 2; w++) {
      writers.add(new Thread(() -> {
        for (int i = 0; i < perWriter; i++) {
          tracker.record(1_000L + i, true);
          done.incrementAndGet();
        }
      }, "writer-" + w));
    }
    Thread reader = new Thread(() -> {
      try {
        long last = 0;
        while (!writersDone.get()) {
          long finished = done.get(); // read before the snapshot: every one of them must be in it
          LatencySnapshot s = tracker.snapshot(5_000_000_000L); // always slot 0: only the flag decides
          assertThat(s.totalCount()).isGreaterThanOrEqualTo(Math.max(last, finished));
          last = s.totalCount();
        }
      } catch (Throwable t) {
        failure.compareAndSet(null, t);
      }
    }, "reader");
    writers.forEach(Thread::start);
    reader.start();
    for (Thread t : writers) {
      t.join();
    }
    writersDone.set(true);
    reader.join();

    assertThat(failure.get()).isNull();
    assertThat(tracker.snapshot(5_000_000_000L).totalCount()).isEqualTo(2L * perWriter);
  }
}
