package dev.vitals.probes.jvm;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.lang.management.ManagementFactory;
import java.lang.management.OperatingSystemMXBean;

/**
 * Type {@code file-descriptors}: the process's open file descriptors against its limit
 * ({@code ulimit -n}), from {@code com.sun.management.UnixOperatingSystemMXBean}. {@code DEGRADED} at
 * {@code degraded-ratio} of the limit, {@code DOWN} at {@code down-ratio}. {@code UP} with the detail
 * {@code supported = false} where the JVM does not give these figures (Windows, a runtime without the
 * {@code jdk.management} module). Details {@code openFileDescriptors}, {@code maxFileDescriptors},
 * {@code ratio}.
 *
 * <p>Stateless and thread-safe. On Linux the JVM counts the entries of {@code /proc/self/fd}.
 */
final class FileDescriptorsProbe extends JvmProbe {

  static final String TYPE = "file-descriptors";

  private final Thresholds thresholds;
  private final Counter counter;

  FileDescriptorsProbe(String name, Thresholds thresholds) {
    super(name, TYPE);
    this.thresholds = thresholds;
    this.counter = Counter.find();
  }

  @Override
  public ProbeResult check() {
    if (counter == null) {
      return ProbeResult.builder(Status.UP)
          .message("not supported on this platform: the JVM does not count open file descriptors here")
          .detail("supported", false).build();
    }
    long open = counter.open();
    long max = counter.max();
    if (open < 0 || max <= 0) {
      return ProbeResult.builder(Status.UP)
          .message("not supported on this platform: the JVM gives no count (open " + open + ", max " + max + ")")
          .detail("supported", false).build();
    }
    double ratio = (double) open / max;
    String figures = open + " of " + max + " file descriptors open (" + percent(ratio) + ")";
    Status status;
    String message;
    if (ratio >= thresholds.down) {
      status = Status.DOWN;
      message = figures + ", at or above down-ratio " + percent(thresholds.down);
    } else if (ratio >= thresholds.degraded) {
      status = Status.DEGRADED;
      message = figures + ", at or above degraded-ratio " + percent(thresholds.degraded);
    } else {
      status = Status.UP;
      message = figures;
    }
    return ProbeResult.builder(status).message(message).detail("openFileDescriptors", open)
        .detail("maxFileDescriptors", max).detail("ratio", round4(ratio)).build();
  }

  /** The Unix bean, kept apart so that a runtime without {@code jdk.management} only loses this probe's figures. */
  static final class Counter {
    private final com.sun.management.UnixOperatingSystemMXBean bean;

    private Counter(com.sun.management.UnixOperatingSystemMXBean bean) {
      this.bean = bean;
    }

    static Counter find() {
      try {
        OperatingSystemMXBean os = ManagementFactory.getOperatingSystemMXBean();
        if (os instanceof com.sun.management.UnixOperatingSystemMXBean) {
          return new Counter((com.sun.management.UnixOperatingSystemMXBean) os);
        }
      } catch (LinkageError e) {
        // jdk.management is not in this runtime
      }
      return null;
    }

    long open() {
      return bean.getOpenFileDescriptorCount();
    }

    long max() {
      return bean.getMaxFileDescriptorCount();
    }
  }
}
