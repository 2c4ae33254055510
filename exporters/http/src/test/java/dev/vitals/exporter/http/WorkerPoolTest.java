package dev.vitals.exporter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The executor's watchdog, with tasks standing in for exchanges: blocked ones for slow clients. */
class WorkerPoolTest {

  private final CountDownLatch release = new CountDownLatch(1);
  private final AtomicInteger interrupted = new AtomicInteger();
  private WorkerPool pool;

  @AfterEach
  void close() {
    release.countDown();
    pool.close();
  }

  /** Blocks like a thread reading a slow client's headers, until released or interrupted. */
  private void slowClient() {
    try {
      release.await();
    } catch (InterruptedException e) {
      interrupted.incrementAndGet();
    }
  }

  @Test
  void quickExchangesNeverGrowThePool() {
    pool = new WorkerPool("quick", 2, 64, 100_000, Duration.ofSeconds(10));
    AtomicLong sum = new AtomicLong();
    CountDownLatch done = new CountDownLatch(20_000);
    for (int i = 0; i < 20_000; i++) {
      int n = i;
      pool.execute(() -> {
        sum.addAndGet(Integer.toString(n).hashCode());
        done.countDown();
      });
    }
    await().atMost(Duration.ofSeconds(20)).until(() -> done.getCount() == 0);
    assertThat(pool.largestPoolSize()).isEqualTo(2);
    assertThat(pool.cut()).isZero();
  }

  @Test
  void stuckWorkersMakeThePoolGrowForTheWaitingExchanges() {
    pool = new WorkerPool("grow", 2, 32, 100, Duration.ofSeconds(10));
    for (int i = 0; i < 20; i++) {
      pool.execute(this::slowClient);
    }
    await().atMost(Duration.ofSeconds(2)).until(() -> pool.poolSize() == 20);
    AtomicInteger quick = new AtomicInteger();
    pool.execute(quick::incrementAndGet); // a normal client behind twenty slow ones
    await().atMost(Duration.ofSeconds(1)).untilAtomic(quick, org.hamcrest.Matchers.equalTo(1));
    assertThat(pool.cut()).isZero();
  }

  @Test
  void anExchangeLongerThanTheRequestTimeoutIsInterrupted() {
    pool = new WorkerPool("timeout", 1, 4, 100, Duration.ofMillis(300));
    long start = System.nanoTime();
    AtomicLong tookNanos = new AtomicLong();
    pool.execute(() -> {
      slowClient();
      tookNanos.set(System.nanoTime() - start);
    });
    await().atMost(Duration.ofSeconds(3)).until(() -> interrupted.get() == 1);
    assertThat(TimeUnit.NANOSECONDS.toMillis(tookNanos.get())).isBetween(300L, 1_500L);
    assertThat(pool.cut()).isEqualTo(1);
    // the interrupt does not leak into the next exchange on the same thread
    AtomicInteger wasInterrupted = new AtomicInteger(-1);
    pool.execute(() -> wasInterrupted.set(Thread.currentThread().isInterrupted() ? 1 : 0));
    await().atMost(Duration.ofSeconds(2)).untilAtomic(wasInterrupted, org.hamcrest.Matchers.equalTo(0));
  }

  @Test
  void withEveryThreadTakenTheOldestExchangesAreCut() {
    pool = new WorkerPool("shed", 2, 4, 100, Duration.ofSeconds(30));
    for (int i = 0; i < 6; i++) {
      pool.execute(this::slowClient);
    }
    AtomicInteger quick = new AtomicInteger();
    pool.execute(quick::incrementAndGet);
    // four threads stuck, three waiting: exchanges older than a second are cut, long before 30 s
    await().atMost(Duration.ofSeconds(5)).untilAtomic(quick, org.hamcrest.Matchers.equalTo(1));
    assertThat(interrupted.get()).isGreaterThanOrEqualTo(1);
    assertThat(pool.poolSize()).isLessThanOrEqualTo(4);
  }

  @Test
  void aFullQueueAndPoolRefuseAtOnce() {
    pool = new WorkerPool("full", 1, 1, 1, Duration.ofSeconds(30));
    pool.execute(this::slowClient);
    pool.execute(this::slowClient);
    assertThatThrownBy(() -> pool.execute(this::slowClient)).isInstanceOf(RejectedExecutionException.class);
    assertThat(pool.rejected()).isEqualTo(1);
  }

  @Test
  void threadsAreNamedDaemons() {
    pool = new WorkerPool("named", 1, 1, 10, Duration.ofSeconds(30));
    AtomicInteger daemon = new AtomicInteger(-1);
    StringBuilder name = new StringBuilder();
    CountDownLatch ran = new CountDownLatch(1);
    pool.execute(() -> {
      daemon.set(Thread.currentThread().isDaemon() ? 1 : 0);
      name.append(Thread.currentThread().getName());
      ran.countDown();
    });
    await().atMost(Duration.ofSeconds(2)).until(() -> ran.getCount() == 0);
    assertThat(daemon).hasValue(1);
    assertThat(name.toString()).isEqualTo("named-worker-1");
  }
}
