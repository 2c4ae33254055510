package dev.vitals.probes.jvm;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;

/**
 * Type {@code threads}: the JVM's live threads ({@link ThreadMXBean#getThreadCount()}) against
 * {@code max}. {@code DOWN} above {@code max}, {@code DEGRADED} at {@code degraded-ratio} of it.
 * Details {@code threads}, {@code daemonThreads}, {@code peakThreads}, {@code max}.
 *
 * <p>Stateless and thread-safe.
 */
final class ThreadsProbe extends JvmProbe {

  static final String TYPE = "threads";

  private static final ThreadMXBean THREADS = ManagementFactory.getThreadMXBean();

  private final int max;
  private final double degradedRatio;
  private final int degradedAt;

  ThreadsProbe(String name, int max, double degradedRatio) {
    super(name, TYPE);
    this.max = max;
    this.degradedRatio = degradedRatio;
    this.degradedAt = (int) Math.ceil(max * degradedRatio);
  }

  @Override
  public ProbeResult check() {
    int live = THREADS.getThreadCount();
    String figures = live + " live threads (max " + max + ")";
    Status status;
    String message;
    if (live > max) {
      status = Status.DOWN;
      message = figures + ": more than max";
    } else if (live >= degradedAt) {
      status = Status.DEGRADED;
      message = figures + ": at or above degraded-ratio " + percent(degradedRatio) + " of max (" + degradedAt + ")";
    } else {
      status = Status.UP;
      message = figures;
    }
    return ProbeResult.builder(status).message(message).detail("threads", live)
        .detail("daemonThreads", THREADS.getDaemonThreadCount()).detail("peakThreads", THREADS.getPeakThreadCount())
        .detail("max", max).build();
  }
}
