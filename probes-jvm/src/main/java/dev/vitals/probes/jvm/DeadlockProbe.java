package dev.vitals.probes.jvm;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;

/**
 * Type {@code deadlock}: {@link ThreadMXBean#findDeadlockedThreads()} (object monitors and ownable
 * synchronizers such as {@code ReentrantLock}), or {@link ThreadMXBean#findMonitorDeadlockedThreads()}
 * where the JVM does not track synchronizers. {@code DOWN} naming each deadlocked thread and the lock
 * it waits for; {@code UP} otherwise. Detail {@code threads}: how many threads are deadlocked.
 *
 * <p>Stateless and thread-safe. The search runs at a safepoint; its cost grows with the number of
 * threads, not with the heap.
 */
final class DeadlockProbe extends JvmProbe {

  static final String TYPE = "deadlock";
  /** The most threads named in a message. */
  static final int NAMED = 8;

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  DeadlockProbe(String name) {
    super(name, TYPE);
  }

  @Override
  public ProbeResult check() {
    boolean synchronizers = THREADS.isSynchronizerUsageSupported();
    long[] ids = synchronizers ? THREADS.findDeadlockedThreads() : THREADS.findMonitorDeadlockedThreads();
    if (ids == null || ids.length == 0) {
      return ProbeResult.builder(Status.UP)
          .message(synchronizers ? "no deadlocked threads (monitors and locks)" : "no deadlocked threads (monitors)")
          .detail("threads", 0).build();
    }
    ThreadInfo[] infos = THREADS.getThreadInfo(ids);
    StringBuilder m = new StringBuilder().append(ids.length).append(" threads deadlocked: ");
    int named = 0;
    for (ThreadInfo t : infos) {
      if (t == null) {
        continue; // ended since the search
      }
      if (named == NAMED) {
        m.append("; and ").append(ids.length - NAMED).append(" more");
        break;
      }
      if (named > 0) {
        m.append("; ");
      }
      m.append('"').append(t.getThreadName()).append("\" waits for ").append(t.getLockName());
      if (t.getLockOwnerName() != null) {
        m.append(" held by \"").append(t.getLockOwnerName()).append('"');
      }
      named++;
    }
    return ProbeResult.builder(Status.DOWN).message(m.toString()).detail("threads", ids.length).build();
  }
}
