package dev.vitals.notifier.webhook;

import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.HashSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Counts the JVM's live threads, to show that a notifier leaves none behind. */
final class Threads {

  private Threads() {}

  /** The live threads, except the JDK's shared common fork-join pool. */
  static Set<Thread> live() {
    return Thread.getAllStackTraces().keySet().stream()
        .filter(Thread::isAlive)
        .filter(t -> !t.getName().startsWith("ForkJoinPool.commonPool-worker"))
        .collect(Collectors.toCollection(HashSet::new));
  }

  /** Waits (up to 10 s) until no thread is alive that was not alive in {@code before}. */
  static void awaitNoneBeyond(Set<Thread> before) {
    await("threads started by the notifier to end").atMost(Duration.ofSeconds(10)).pollInSameThread()
        .until(() -> beyond(before), Set::isEmpty);
  }

  /** The names of the threads alive now that were not in {@code before}. */
  static Set<String> beyond(Set<Thread> before) {
    Set<Thread> now = live();
    now.removeAll(before);
    return now.stream().map(Thread::getName).collect(Collectors.toSet());
  }
}
