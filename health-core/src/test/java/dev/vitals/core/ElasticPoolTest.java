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
 * The default pool grows while runs wait behind blocked ones, up to one thread per probe and at most
 * {@value Workers#ELASTIC_MAX}; a pool whose size was set does not.
 */
class ElasticPoolTest {

  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger started = new AtomicInteger();
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
    workers = Workers.elastic(200, daemons());
    submitBlocking(200);
    await().atMost(Duration.ofSeconds(10)).untilAtomic(started, org.hamcrest.Matchers.equalTo(64));
    assertThat(workers.queued()).isEqualTo(136);

    workers.late();

    await().atMost(Duration.ofSeconds(10)).untilAtomic(started, org.hamcrest.Matchers.equalTo(200));
    assertThat(workers.bound()).isEqualTo(200);
    assertThat(workers.threads()).isEqualTo(200);
  }

  @Test
  void itNeverGrowsPastOneThreadPerProbeNorTheCap() {
    workers = Workers.elastic(5_000, daemons());
    submitBlocking(1_100);
    await().atMost(Duration.ofSeconds(10)).untilAtomic(started, org.hamcrest.Matchers.equalTo(64));
    workers.late();
    workers.late();
    await().atMost(Duration.ofSeconds(20)).untilAtomic(started, org.hamcrest.Matchers.equalTo(Workers.ELASTIC_MAX));
    assertThat(workers.bound()).isEqualTo(Workers.ELASTIC_MAX);
    assertThat(workers.queued()).isEqualTo(1_100 - Workers.ELASTIC_MAX);
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
