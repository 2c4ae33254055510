package dev.vitals.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.lang.ref.ReferenceQueue;
import java.lang.ref.WeakReference;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ThreadsTest {

  private static Thread started(String name, CountDownLatch until) {
    Thread t = new Thread(() -> {
      try {
        until.await();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }, name);
    t.setDaemon(true);
    t.start();
    return t;
  }

  @Test
  void aSnapshotHoldsTheLiveThreadsButNotTheCommonPool() throws Exception {
    ForkJoinPool.commonPool().submit(() -> "warm").get(5, TimeUnit.SECONDS);
    Set<Thread> live = Threads.live();

    assertThat(live).contains(Thread.currentThread()).allMatch(Thread::isAlive)
        .noneMatch(t -> t.getName().startsWith("ForkJoinPool.commonPool-worker"));
    assertThat(Threads.live()).as("a new set each time").isNotSameAs(live);
  }

  @Test
  void beyondNamesOnlyTheThreadsStartedSinceTheSnapshot() throws Exception {
    Set<Thread> before = Threads.live();
    CountDownLatch end = new CountDownLatch(1);
    Thread b = started("threads-test-b", end);
    Thread a = started("threads-test-a", end);
    try {
      assertThat(Threads.beyond(before)).containsExactly("threads-test-a", "threads-test-b");
    } finally {
      end.countDown();
      a.join();
      b.join();
    }
    assertThat(Threads.beyond(before)).isEmpty();
  }

  @Test
  void awaitNoneBeyondReturnsOnceTheNewThreadsEnd() throws Exception {
    Set<Thread> before = Threads.live();
    CountDownLatch end = new CountDownLatch(1);
    Thread t = started("threads-test-ending", end);
    Thread ender = new Thread(end::countDown, "threads-test-ender");
    ender.start();

    long start = System.nanoTime();
    Threads.awaitNoneBeyond(before);

    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofSeconds(5));
    assertThat(t.isAlive()).isFalse();
    // ender may already have left run() when the wait first looked (the JVM no longer lists such a thread):
    // it ends within moments, never later than the wait's own bound
    ender.join(Duration.ofSeconds(5).toMillis());
    assertThat(ender.isAlive()).isFalse();
  }

  @Test
  void awaitNoneBeyondFailsNamingTheThreadsStillAliveAtTheTimeout() throws Exception {
    Set<Thread> before = Threads.live();
    CountDownLatch end = new CountDownLatch(1);
    Thread t = started("threads-test-lingering", end);
    try {
      long start = System.nanoTime();
      assertThatThrownBy(() -> Threads.awaitNoneBeyond(before, Duration.ofMillis(300)))
          .isInstanceOf(AssertionError.class)
          .hasMessage("threads started since the snapshot are still alive after PT0.3S: [threads-test-lingering]");
      assertThat(Duration.ofNanos(System.nanoTime() - start))
          .isGreaterThanOrEqualTo(Duration.ofMillis(300)).isLessThan(Duration.ofSeconds(3));
    } finally {
      end.countDown();
      t.join();
    }
  }

  @Test
  void collectingGarbageEndsAThreadThatLivesAsLongAsItsOwner() {
    Set<Thread> before = Threads.live();
    ReferenceQueue<Object> queue = new ReferenceQueue<>();
    Object owner = new Object();
    WeakReference<Object> ref = new WeakReference<>(owner, queue);
    Thread t = new Thread(() -> {
      try {
        queue.remove();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      ref.clear();
    }, "threads-test-owned");
    t.setDaemon(true);
    t.start();
    assertThat(Threads.beyond(before)).containsExactly("threads-test-owned");
    owner = null;

    Threads.awaitNoneBeyondCollectingGarbage(before, Duration.ofSeconds(20));

    assertThat(t.isAlive()).isFalse();
  }

  @Test
  void aTimeoutMustBePositive() {
    Set<Thread> before = Threads.live();
    assertThatThrownBy(() -> Threads.awaitNoneBeyond(before, Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("timeout must be positive: PT0S");
    assertThatThrownBy(() -> Threads.awaitNoneBeyond(null)).isInstanceOf(NullPointerException.class);
  }
}
