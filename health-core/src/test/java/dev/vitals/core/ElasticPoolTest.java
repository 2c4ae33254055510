package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The default pool grows to the demand while runs wait behind blocked ones, up to one thread per probe
 * and at most {@value Workers#ELASTIC_MAX}; runs late because the machine is busy add no thread; a pool
 * whose size was set does not grow.
 */
class ElasticPoolTest {

  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger started = new AtomicInteger();
  /** The time of the pool's demand estimate, driven by the test. */
  private final java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
  private Workers workers;

  @AfterEach
  void stop() {
    release.countDown();
    if (workers != null) {
      workers.ownExecutor().shutdownNow();
    }
  }

  private void submitBlocking(int n) {
    for (int i = 0; i < n; i++) {
      workers.execute(() -> {
        started.incrementAndGet();
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      });
    }
  }

  private static ThreadFactory daemons() {
    return r -> {
      Thread t = Executors.defaultThreadFactory().newThread(r);
      t.setDaemon(true);
      return t;
    };
  }

  @Test
  void runsWaitingBehindBlockedOnesGetThreadsWhenOneStartsLate() {
    workers = Workers.elastic(200, daemons(), now::get);
    submitBlocking(200);
    await().atMost(Duration.ofSeconds(10)).untilAtomic(started, org.hamcrest.Matchers.equalTo(64));
    assertThat(workers.queued()).isEqualTo(136);

    // 200 runs in 2 s, the 64 running blocked for those 2 s: a demand of 200 threads (and a quarter)
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    workers.late();

    await().atMost(Duration.ofSeconds(10)).untilAtomic(started, org.hamcrest.Matchers.equalTo(200));
    assertThat(workers.bound()).isEqualTo(200);
    assertThat(workers.threads()).isEqualTo(200);
  }

  @Test
  void itNeverGrowsPastOneThreadPerProbeNorTheCap() {
    workers = Workers.elastic(5_000, daemons(), now::get);
    submitBlocking(1_100);
    await().atMost(Duration.ofSeconds(10)).untilAtomic(started, org.hamcrest.Matchers.equalTo(64));
    now.addAndGet(Duration.ofSeconds(2).toNanos());
    workers.late();
    await().atMost(Duration.ofSeconds(20)).untilAtomic(started, org.hamcrest.Matchers.equalTo(Workers.ELASTIC_MAX));
    assertThat(workers.bound()).isEqualTo(Workers.ELASTIC_MAX);
    assertThat(workers.queued()).isEqualTo(1_100 - Workers.ELASTIC_MAX);
  }

  @Test
  void runsThatAreLateBecauseTheMachineIsBusyAddNoThread() {
    workers = Workers.elastic(10_000, daemons(), now::get);
    CountDownLatch go = new CountDownLatch(1);
    // 64 runs that take 1 ms each (the test's time) and 1,000 more queued behind them: late, but short
    for (int i = 0; i < 1_064; i++) {
      workers.execute(() -> {
        started.incrementAndGet();
        try {
          go.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        now.addAndGet(Duration.ofNanos(15_000).toNanos()); // 64 at a time: about 1 ms of the test's time each
      });
    }
    await().atMost(Duration.ofSeconds(10)).untilAtomic(started, org.hamcrest.Matchers.equalTo(64));
    go.countDown();
    await().atMost(Duration.ofSeconds(10)).untilAtomic(started, org.hamcrest.Matchers.greaterThan(500));
    now.addAndGet(Duration.ofSeconds(1).toNanos()); // 1,064 runs in about a second, of about 1 ms each
    workers.late();
    assertThat(workers.bound()).as("a demand of about one thread").isEqualTo(64);
  }

  @Test
  void aPoolOfASetSizeStaysThatSize() {
    workers = Workers.own(64, 200, daemons());
    submitBlocking(200);
    await().atMost(Duration.ofSeconds(10)).untilAtomic(started, org.hamcrest.Matchers.equalTo(64));
    workers.late();
    assertThat(workers.bound()).isEqualTo(64);
    assertThat(workers.queued()).isEqualTo(136);
    assertThat(started).hasValue(64);
  }

  @Test
  void withoutWaitingRunsItDoesNotGrow() {
    workers = Workers.elastic(200, daemons());
    submitBlocking(10);
    await().atMost(Duration.ofSeconds(10)).untilAtomic(started, org.hamcrest.Matchers.equalTo(10));
    workers.late();
    assertThat(workers.bound()).isEqualTo(64);
  }
}
