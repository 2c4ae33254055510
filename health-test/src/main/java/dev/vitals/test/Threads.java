package dev.vitals.test;

import java.time.Duration;
import java.util.HashSet;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Shows that code leaves no thread behind: take a snapshot of the live threads with {@link #live()}
 * before the code runs, then {@link #awaitNoneBeyond(Set) wait} until no thread is alive that was not
 * in it.
 *
 * <pre>{@code
 * Set<Thread> before = Threads.live();
 * try (Notifier n = factory.create(config)) {
 *   n.send(alert);
 * }
 * Threads.awaitNoneBeyond(before);
 * }</pre>
 *
 * <p>The JDK's common fork-join pool is left out of every snapshot: it is shared by the whole JVM,
 * has a fixed size, and the JDK's HTTP client hands it the completion of asynchronous calls (on a
 * 2-core machine the JDK runs such tasks on a short-lived thread instead, which a snapshot does
 * include). Waiting joins the new threads with a deadline: it returns as soon as the last one ends,
 * never sleeps a fixed time. Other tests running in parallel in the same JVM start threads of their
 * own: use these methods in tests that run alone. Stateless and thread-safe.
 */
public final class Threads {

  /** How long {@link #awaitNoneBeyond(Set)} waits: 10 seconds. */
  public static final Duration DEFAULT_WAIT = Duration.ofSeconds(10);

  /** The longest a wait joins one thread before it checks again for new threads. */
  private static final long SLICE_NANOS = Duration.ofMillis(100).toNanos();

  private Threads() {}

  /**
   * The threads alive now, except the workers of the JDK's common fork-join pool.
   *
   * @return a new, mutable set, the caller's
   */
  public static Set<Thread> live() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> !t.getName().startsWith("ForkJoinPool.commonPool-worker"))
        .collect(Collectors.toCollection(HashSet::new));
  }

  /**
   * The names of the threads alive now that were not in a snapshot.
   *
   * @param before a snapshot from {@link #live()}, not null
   * @return the names, sorted; empty when no new thread is alive
   * @throws NullPointerException if {@code before} is null
   */
  public static Set<String> beyond(Set<Thread> before) {
    return newThreads(before).stream().map(Thread::getName).collect(Collectors.toCollection(TreeSet::new));
  }

  /**
   * Waits up to {@link #DEFAULT_WAIT} until no thread is alive that was not in a snapshot.
   *
   * @param before a snapshot from {@link #live()}, not null
   * @throws AssertionError naming the threads still alive when the time is up
   * @throws NullPointerException if {@code before} is null
   */
  public static void awaitNoneBeyond(Set<Thread> before) {
    awaitNoneBeyond(before, DEFAULT_WAIT);
  }

  /**
   * Waits until no thread is alive that was not in a snapshot.
   *
   * @param before a snapshot from {@link #live()}, not null
   * @param timeout how long to wait at most, positive
   * @throws AssertionError naming the threads still alive when the time is up, or when the calling
   *     thread is interrupted (its interrupt flag is then set again)
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   * @throws NullPointerException if an argument is null
   */
  public static void awaitNoneBeyond(Set<Thread> before, Duration timeout) {
    await(before, timeout, false);
  }

  /**
   * Waits until no thread is alive that was not in a snapshot, asking for a garbage collection
   * ({@link System#gc()}) before each check: for threads that end only once the object that owns them
   * is unreachable, such as the selector thread of Java 17's {@code HttpClient}, which has no
   * {@code close()}.
   *
   * @param before a snapshot from {@link #live()}, not null
   * @param timeout how long to wait at most, positive
   * @throws AssertionError naming the threads still alive when the time is up, or when the calling
   *     thread is interrupted (its interrupt flag is then set again)
   * @throws IllegalArgumentException if {@code timeout} is zero or negative
   * @throws NullPointerException if an argument is null
   */
  public static void awaitNoneBeyondCollectingGarbage(Set<Thread> before, Duration timeout) {
    await(before, timeout, true);
  }

  private static void await(Set<Thread> before, Duration timeout, boolean gc) {
    Objects.requireNonNull(before, "before");
    Objects.requireNonNull(timeout, "timeout");
    if (timeout.isZero() || timeout.isNegative()) {
      throw new IllegalArgumentException("timeout must be positive: " + timeout);
    }
    long deadline = System.nanoTime() + timeout.toNanos();
    // the JVM stops listing a thread once its run() has returned, a moment before isAlive() turns false:
    // every new thread seen is joined before returning, so none of them is still exiting then
    Set<Thread> seen = new java.util.HashSet<>();
    while (true) {
      if (gc) {
        System.gc();
      }
      Set<Thread> alive = newThreads(before);
      seen.addAll(alive);
      if (alive.isEmpty()) {
        joinExiting(seen, deadline, before);
        return;
      }
      long left = deadline - System.nanoTime();
      if (left <= 0) {
        throw new AssertionError("threads started since the snapshot are still alive after " + timeout + ": "
            + alive.stream().map(Thread::getName).sorted().collect(Collectors.toList()));
      }
      Thread one = alive.iterator().next();
      long slice = Math.min(left, SLICE_NANOS);
      try {
        one.join(slice / 1_000_000, (int) (slice % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for threads to end: " + beyond(before), e);
      }
    }
  }

  /** Joins threads no longer listed (they have left run()) until the deadline. */
  private static void joinExiting(Set<Thread> seen, long deadline, Set<Thread> before) {
    for (Thread t : seen) {
      long left = Math.max(1, deadline - System.nanoTime());
      try {
        t.join(left / 1_000_000, (int) (left % 1_000_000));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new AssertionError("interrupted while waiting for threads to end: " + beyond(before), e);
      }
    }
  }

  private static Set<Thread> newThreads(Set<Thread> before) {
    Objects.requireNonNull(before, "before");
    Set<Thread> now = live();
    now.removeAll(before);
    return now;
  }
}
