package dev.vitals.probes.jvm;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.LongSupplier;

/**
 * Type {@code memory}: the heap live after the last garbage collection against the heap's maximum,
 * and the share of the last minute spent collecting garbage.
 *
 * <ul>
 *   <li>Heap after GC: the sum over the heap pools of {@link MemoryPoolMXBean#getCollectionUsage()}
 *       (what each pool held after its last collection), against {@link MemoryMXBean#getHeapMemoryUsage()}'s
 *       maximum. Used-now figures swing with every allocation; after-GC figures show the live set.</li>
 *   <li>GC share: the collectors' accumulated collection time ({@link GarbageCollectorMXBean#getCollectionTime()}),
 *       sampled at each run; the share is the growth over the last minute (over the JVM's whole life while
 *       it is younger than a minute) divided by the time elapsed.</li>
 * </ul>
 *
 * <p>Thread-safe for one run at a time (the engine never runs two checks of one probe at once). The
 * samples live in a ring allocated once, long enough to span a minute at the probe's interval.
 */
final class MemoryProbe extends JvmProbe {

  static final String TYPE = "memory";
  static final Duration GC_WINDOW = Duration.ofMinutes(1);

  private static final MemoryMXBean MEMORY = ManagementFactory.getMemoryMXBean();

  private final Thresholds heap;
  private final Thresholds gc;
  private final MemoryPoolMXBean[] heapPools;
  private final GarbageCollectorMXBean[] collectors;
  private final LongSupplier ticker;
  private final long windowNanos;
  /** Ring of (time, accumulated GC ms) samples, oldest at {@code head}. */
  private final long[] times;
  private final long[] gcMillis;
  private int head;
  private int size;

  MemoryProbe(String name, Thresholds heap, Thresholds gc, Duration interval, LongSupplier ticker) {
    super(name, TYPE);
    this.heap = heap;
    this.gc = gc;
    this.ticker = ticker;
    this.windowNanos = GC_WINDOW.toNanos();
    List<MemoryPoolMXBean> pools = new ArrayList<>();
    for (MemoryPoolMXBean p : ManagementFactory.getMemoryPoolMXBeans()) {
      if (p.getType() == MemoryType.HEAP && p.isCollectionUsageThresholdSupported()) {
        pools.add(p);
      }
    }
    this.heapPools = pools.toArray(new MemoryPoolMXBean[0]);
    this.collectors = ManagementFactory.getGarbageCollectorMXBeans().toArray(new GarbageCollectorMXBean[0]);
    long per = Math.max(1, interval.toNanos());
    int capacity = (int) Math.min(4096, windowNanos / per + 2);
    this.times = new long[capacity];
    this.gcMillis = new long[capacity];
    // the JVM's start, with no GC time yet: the first share covers the JVM's life so far
    long now = ticker.getAsLong();
    add(now - ManagementFactory.getRuntimeMXBean().getUptime() * 1_000_000L, 0);
  }

  @Override
  public synchronized ProbeResult check() {
    long usedAfterGc = 0;
    for (MemoryPoolMXBean p : heapPools) {
      MemoryUsage u = p.getCollectionUsage();
      if (u != null) {
        usedAfterGc += u.getUsed();
      }
    }
    long max = MEMORY.getHeapMemoryUsage().getMax();
    long gcNow = 0;
    for (GarbageCollectorMXBean c : collectors) {
      long t = c.getCollectionTime();
      if (t > 0) {
        gcNow += t;
      }
    }
    long now = ticker.getAsLong();
    // the base: the newest sample at least a window old, else the oldest there is
    int base = head;
    for (int i = 1; i < size; i++) {
      int idx = (head + i) % times.length;
      if (now - times[idx] >= windowNanos) {
        base = idx;
      } else {
        break;
      }
    }
    long elapsed = now - times[base];
    double gcShare = elapsed <= 0 ? 0.0 : Math.min(1.0, Math.max(0, gcNow - gcMillis[base]) * 1_000_000.0 / elapsed);
    // drop what is older than the base, then record this run
    while (head != base) {
      head = (head + 1) % times.length;
      size--;
    }
    add(now, gcNow);

    double heapRatio = max > 0 ? (double) usedAfterGc / max : 0.0;
    Status status = Status.UP;
    StringBuilder m = new StringBuilder();
    String heapText = "heap after GC " + percent(heapRatio) + " of max (" + mb(usedAfterGc) + " of " + mb(max) + ")";
    String gcText = "GC time " + percent(gcShare) + " of the last minute";
    if (max > 0 && heapRatio >= heap.down) {
      status = Status.DOWN;
      m.append(heapText).append(", at or above heap-down ").append(percent(heap.down));
    } else if (max > 0 && heapRatio >= heap.degraded) {
      status = Status.DEGRADED;
      m.append(heapText).append(", at or above heap-degraded ").append(percent(heap.degraded));
    }
    if (gcShare >= gc.down || gcShare >= gc.degraded) {
      boolean down = gcShare >= gc.down;
      if (m.length() > 0) {
        m.append("; ");
      }
      m.append(gcText).append(down ? ", at or above gc-down " + percent(gc.down)
          : ", at or above gc-degraded " + percent(gc.degraded));
      if (down) {
        status = Status.DOWN;
      } else if (status == Status.UP) {
        status = Status.DEGRADED;
      }
    }
    if (status == Status.UP) {
      m.append(max > 0 ? heapText : "heap maximum undefined (no -Xmx and no limit the JVM knows)")
          .append("; ").append(gcText);
    }
    return ProbeResult.builder(status).message(m.toString())
        .detail("heapUsedAfterGcBytes", usedAfterGc)
        .detail("heapMaxBytes", max)
        .detail("heapRatio", round4(heapRatio))
        .detail("gcShare", round4(gcShare))
        .build();
  }

  private void add(long time, long gc) {
    if (size == times.length) {
      head = (head + 1) % times.length;
      size--;
    }
    int idx = (head + size) % times.length;
    times[idx] = time;
    gcMillis[idx] = gc;
    size++;
  }

  private static String mb(long bytes) {
    return bytes < 0 ? "undefined" : Math.round(bytes / 104_857.6) / 10.0 + " MB";
  }
}
