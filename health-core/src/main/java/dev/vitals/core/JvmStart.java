package dev.vitals.core;

import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;

/**
 * The JVM's start time, read once per process. Reading it through {@code java.lang.management} loads
 * and initialises some fifty classes (a ServiceLoader scan of the platform MBean providers, streams,
 * lambdas: 8 to 11 ms in a fresh JVM), so {@link #prefetch()} (called by
 * {@code HealthMonitor.builder()}) starts the read on a short-lived daemon thread
 * ({@code vitals-jvm-start}) while the caller builds the monitor, and {@code start()} finds it done.
 * (ProcessHandle's start instant is no substitute: on Linux it is whole seconds of boot time plus
 * clock ticks, up to a second off.)
 *
 * <p>Thread-safe.
 */
final class JvmStart {

  private static final FutureTask<Instant> READ = new FutureTask<>(new Callable<Instant>() {
    @Override
    public Instant call() {
      Instant start;
      try {
        start = Instant.ofEpochMilli(ManagementFactory.getRuntimeMXBean().getStartTime());
      } catch (RuntimeException | LinkageError e) {
        start = null; // no java.management: the caller falls back to its clock
      }
      return start;
    }
  });

  static {
    try {
      Thread t = new Thread(READ, "vitals-jvm-start");
      t.setDaemon(true);
      t.start();
    } catch (RuntimeException | Error e) {
      // no thread (a restricted environment, out of memory): get() reads it on the caller's thread
    }
  }

  private JvmStart() {}

  /** Starts reading the start time in the background, once per process. */
  static void prefetch() {
    // the class initialiser does it
  }

  /**
   * The JVM's start time.
   *
   * @return the start time, or null when it cannot be read
   */
  static Instant get() {
    READ.run(); // reads it here unless the background thread has started: then returns at once
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
}
