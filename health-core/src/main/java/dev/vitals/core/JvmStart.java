package dev.vitals.core;

import java.io.File;
import java.io.FileInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * When the process started, read once per process, for uptime and cold start.
 *
 * <p>On Linux it comes from {@code /proc}: the process's start in clock ticks since boot
 * ({@code /proc/self/stat}, with the tick rate from {@code /proc/self/auxv}) against the time since
 * boot ({@code /proc/uptime}), both on the boot-time clock. That is the moment the process was
 * created, which includes the JVM's own launch (10 to 20 ms before {@code RuntimeMXBean}'s start time,
 * which is when the JVM began creating itself), to within 10 ms (the resolution of both files). It
 * costs two small file reads. Elsewhere, or when {@code /proc} cannot be read, it is
 * {@code RuntimeMXBean.getStartTime()}, which loads and initialises some fifty classes (8 to 11 ms in
 * a fresh JVM): {@link #prefetch()} (called by {@code HealthMonitor.builder()}) then starts that read
 * on a short-lived daemon thread ({@code vitals-jvm-start}) so that {@code start()} finds it done.
 * ({@code ProcessHandle}'s start instant is no substitute: on Linux it is whole seconds of boot time
 * plus clock ticks, up to a second off.)
 *
 * <p>Thread-safe.
 */
final class JvmStart {

  private static final boolean PROC = new File("/proc/self/stat").isFile();
  private static final FutureTask<Instant> READ = new FutureTask<>(new Callable<Instant>() {
    @Override
    public Instant call() {
      Instant start = PROC ? fromProc() : null;
      if (start == null) {
        try {
          start = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
        } catch (RuntimeException | LinkageError e) {
          start = null; // no java.management: the caller falls back to its clock
        }
      }
      return start;
    }
  });

  static {
    if (!PROC) {
      try {
        Thread t = new Thread(READ, "vitals-jvm-start");
        t.setDaemon(true);
        t.start();
      } catch (RuntimeException | Error e) {
        // no thread (a restricted environment, out of memory): get() reads it on the caller's thread
      }
    }
  }

  private JvmStart() {}

  /** Starts reading the start time in the background when it takes long, once per process. */
  static void prefetch() {
    // the class initialiser does it
  }

  /**
   * The process's start time.
   *
   * @return the start time, or null when it cannot be read
   */
  static Instant get() {
    READ.run(); // reads it here unless another thread has started: then waits for it
    boolean interrupted = false;
    try {
      while (true) {
        try {
          return READ.get();
        } catch (InterruptedException e) {
          interrupted = true; // the read is short: wait for it, and keep the interrupt
        } catch (ExecutionException e) {
          return null;
        }
      }
    } finally {
      if (interrupted) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /**
   * The process's start from {@code /proc}, or null when a file is missing or not as expected.
   *
   * @return the start, to within 10 ms
   */
  static Instant fromProc() {
    try {
      byte[] stat = read("/proc/self/stat");
      byte[] uptime = read("/proc/uptime");
      long nowMillis = System.currentTimeMillis();
      long ticks = startTicks(stat);
      long hz = clockTicksPerSecond(read("/proc/self/auxv"));
      long uptimeMillis = uptimeMillis(uptime);
      if (ticks < 0 || hz <= 0 || uptimeMillis < 0) {
        return null;
      }
      long ageMillis = uptimeMillis - ticks * 1000 / hz;
      return ageMillis < 0 ? null : Instant.ofEpochMilli(nowMillis - ageMillis);
    } catch (IOException | RuntimeException e) {
      return null;
    }
  }

  /** Field 22 of {@code /proc/self/stat} (after the command in parentheses, which may hold spaces). */
  static long startTicks(byte[] stat) {
    int i = stat.length - 1;
    while (i >= 0 && stat[i] != ')') {
      i--;
    }
    if (i < 0) {
      return -1;
    }
    i += 2; // ") " then field 3
    for (int field = 3; field < 22; field++) {
      while (i < stat.length && stat[i] != ' ') {
        i++;
      }
      i++;
    }
    return digits(stat, i);
  }

  /** {@code AT_CLKTCK} (17) of the 64-bit little-endian auxiliary vector; 100 (Linux's USER_HZ) when absent. */
  static long clockTicksPerSecond(byte[] auxv) {
    for (int i = 0; i + 16 <= auxv.length; i += 16) {
      long type = littleEndian(auxv, i);
      if (type == 0) {
        break;
      }
      if (type == 17) {
        return littleEndian(auxv, i + 8);
      }
    }
    return 100;
  }

  /** {@code /proc/uptime}'s first field, seconds with two decimals, in milliseconds. */
  static long uptimeMillis(byte[] uptime) {
    long seconds = digits(uptime, 0);
    int dot = 0;
    while (dot < uptime.length && uptime[dot] != '.') {
      dot++;
    }
    if (seconds < 0 || dot + 2 >= uptime.length) {
      return -1;
    }
    long hundredths = digits(uptime, dot + 1);
    return hundredths < 0 || hundredths > 99 ? -1 : seconds * 1000 + hundredths * 10;
  }

  private static long digits(byte[] b, int from) {
    long v = 0;
    int i = from;
    while (i < b.length && b[i] >= '0' && b[i] <= '9') {
      v = v * 10 + (b[i] - '0');
      i++;
    }
    return i == from ? -1 : v;
  }

  private static long littleEndian(byte[] b, int at) {
    long v = 0;
    for (int k = 7; k >= 0; k--) {
      v = (v << 8) | (b[at + k] & 0xff);
    }
    return v;
  }

  private static byte[] read(String file) throws IOException {
    try (InputStream in = new FileInputStream(file)) {
      return in.readAllBytes();
    }
  }
}
