package dev.vitals.core;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads of one monitor: the scheduler (one daemon thread, or the one the builder was given) and
 * the {@link Workers} that run checks (the builder's executor, virtual threads, or a bounded pool sized
 * from the probes' timeouts). It shuts down only what it started. Not thread-safe: the monitor calls it
 * under its state lock.
 */
final class MonitorThreads {

  /** The largest {@code vitals.engine.threads}. */
  static final int MAX_THREADS = 10_000;

  private ScheduledExecutorService scheduler;
  private Workers workers;
  private ScheduledExecutorService ownScheduler;
  private ExecutorService ownWorkers;

  /**
   * Checks {@code vitals.engine.threads}: a number from 1 to {@value #MAX_THREADS}, or {@code virtual}
   * on a Java that has virtual threads (21 or later).
   *
   * @param all the configuration
   * @param problems where a bad value goes
   */
  static void checkEngineThreads(Config all, List<String> problems) {
    Optional<String> value = all.get("vitals.engine.threads");
    if (value.isEmpty()) {
      return;
    }
    if (value.get().equals(Workers.VIRTUAL)) {
      if (!Workers.virtualAvailable()) {
        problems.add("vitals.engine.threads = 'virtual' is not allowed on Java " + Runtime.version().feature()
            + ": virtual threads need Java " + Workers.VIRTUAL_SINCE + " or later; expected a number of threads from 1 to "
            + MAX_THREADS);
      }
      return;
    }
    try {
      all.integer("vitals.engine.threads", 1, 1, MAX_THREADS);
    } catch (ConfigException e) {
      problems.add("vitals.engine.threads = '" + value.get() + "' is not allowed: expected a number of threads from 1 to "
          + MAX_THREADS + ", or 'virtual' (Java " + Workers.VIRTUAL_SINCE + " or later)");
    }
  }

  /**
   * Takes the given scheduler and executor, or starts the monitor's own.
   *
   * @param givenScheduler the builder's (or the on-demand queue), or null
   * @param ownsScheduler whether this monitor made the given scheduler (then it shuts it down)
   * @param givenExecutor the builder's, or null
   * @param config the checked configuration ({@code vitals.engine.threads})
   * @param settings the probes' settings, which size the default pool
   */
  void start(ScheduledExecutorService givenScheduler, boolean ownsScheduler, ExecutorService givenExecutor,
      Config config, List<ProbeSettings> settings) {
    if (givenScheduler != null) {
      scheduler = givenScheduler;
      if (ownsScheduler) {
        ownScheduler = givenScheduler;
      }
    } else {
      ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, new DaemonThreads("vitals-scheduler"));
      s.setRemoveOnCancelPolicy(true);
      s.setExecuteExistingDelayedTasksAfterShutdownPolicy(false);
      scheduler = ownScheduler = s;
    }
    if (givenExecutor != null) {
      workers = Workers.of(givenExecutor);
      return;
    }
    // bounded: runs beyond the bound queue (and show as schedule lag); a run stuck past its timeout gets its
    // thread replaced while it is held, so stuck probes never starve the others; or, from Java 24 (or asked
    // for from 21), a virtual thread per run: a run waiting on the network then holds no platform thread
    Optional<String> asked = config.get("vitals.engine.threads");
    Workers virtual = null;
    if (asked.isPresent() ? asked.get().equals(Workers.VIRTUAL) : Workers.virtualByDefault()) {
      virtual = Workers.virtual("vitals-probe");
    }
    if (virtual != null) {
      workers = virtual;
    } else {
      int threads = asked.isPresent() ? config.integer("vitals.engine.threads", 1, 1, MAX_THREADS)
          : Workers.defaultThreads(timeoutsPerInterval(settings), settings.size());
      workers = Workers.own(threads, settings.size(), new DaemonThreads("vitals-probe"));
    }
    ownWorkers = workers.ownExecutor();
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  Workers workers() {
    return workers;
  }

  /** Stops the scheduler and workers this monitor started, waiting up to a second for each. */
  void shutdown() {
    shutdown(ownScheduler);
    shutdown(ownWorkers);
  }

  /** The sum over the probes of timeout / interval: the threads they hold on average when all hang. */
  private static double timeoutsPerInterval(List<ProbeSettings> settings) {
    double sum = 0;
    for (ProbeSettings s : settings) {
      sum += s.timeout.toNanos() / (double) Math.max(1, s.interval.toNanos());
    }
    return sum;
  }

  private static void shutdown(ExecutorService executor) {
    if (executor == null) {
      return;
    }
    executor.shutdownNow();
    try {
      executor.awaitTermination(1, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Daemon threads named prefix-1, prefix-2, ... (a class, not a lambda: start-up rules, package doc). */
  private static final class DaemonThreads implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger n = new AtomicInteger();

    DaemonThreads(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable r) {
      Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    }
  }
}
