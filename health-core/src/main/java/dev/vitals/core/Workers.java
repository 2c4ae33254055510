package dev.vitals.core;

import java.lang.reflect.Method;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The threads probes run on.
 *
 * <p>The monitor's own pool is bounded ({@code vitals.engine.threads}; by default as many threads as
 * the probes need when every one of them waits for its whole timeout, at least {@value #DEFAULT_MAX}
 * and at most {@value #DEFAULT_CAP}, see {@link #defaultThreads(double, int)}) and queues runs beyond it. A run that outlives its timeout and
 * ignores interruption holds its thread until it returns; such a thread is counted as stuck and the
 * pool gets one more thread for as long as it is held, so stuck probes never starve the others (a
 * probe never runs twice at once, so each holds at most one, and the pool never exceeds one thread
 * per probe). Threads are daemon threads and end after a minute idle.
 *
 * <p>On Java 21 and later the monitor may instead run each run on a virtual thread
 * ({@code vitals.engine.threads=virtual}; the default from Java 24, where a virtual thread blocked in a
 * {@code synchronized} block no longer holds its carrier): a run waiting on the network then holds no
 * platform thread, so a large monitor of slow or hanging dependencies keeps its schedule. A probe never
 * runs twice at once, so there are never more virtual threads than probes.
 *
 * <p>A user's executor (the builder's {@code executor(...)}) is used as it is: the engine neither
 * grows nor counts it.
 *
 * <p>Thread-safe.
 */
final class Workers {

  /** The default pool has at least this many threads (or one per probe with fewer probes). */
  static final int DEFAULT_MAX = 64;
  /** The default pool has at most this many threads, whatever the probes' timeouts. */
  static final int DEFAULT_CAP = 1_024;

  /** The value of {@code vitals.engine.threads} that asks for virtual threads. */
  static final String VIRTUAL = "virtual";
  /** The first Java release whose virtual threads exist. */
  static final int VIRTUAL_SINCE = 21;
  /** The first Java release whose virtual threads are the default (no pinning in synchronized). */
  static final int VIRTUAL_DEFAULT_SINCE = 24;

  private final ExecutorService executor;
  /** Null for a user's executor and for virtual threads. */
  private final ThreadPoolExecutor own;
  /** Whether runs go to virtual threads. */
  private final boolean virtual;
  private final int base;
  /** The most threads the pool ever needs: one per probe. */
  private final int cap;
  private final AtomicInteger stuck = new AtomicInteger();

  private Workers(ExecutorService executor, ThreadPoolExecutor own, int base, int cap) {
    this(executor, own, base, cap, false);
  }

  private Workers(ExecutorService executor, ThreadPoolExecutor own, int base, int cap, boolean virtual) {
    this(executor, own, base, cap, virtual, null);
  }

  private Workers(ExecutorService executor, ThreadPoolExecutor own, int base, int cap, boolean virtual,
      RunQueue queue) {
    this.queue = queue;
    this.executor = executor;
    this.own = own;
    this.virtual = virtual;
    this.base = base;
    this.cap = cap;
  }

  /**
   * The engine's own pool.
   *
   * @param threads how many runs may go on at once, 1 or more
   * @param probes how many probes there are: the pool never grows past one thread per probe
   * @param factory where threads come from
   * @return the workers
   */
  static Workers own(int threads, int probes, ThreadFactory factory) {
    int size = Math.max(1, Math.min(threads, probes));
    if (size <= DEFAULT_MAX) { // every thread starts as runs come, as the JDK pool does: nothing to add
      ThreadPoolExecutor pool = new ThreadPoolExecutor(size, size, 60, TimeUnit.SECONDS,
          new LinkedBlockingQueue<>(), factory);
      pool.allowCoreThreadTimeOut(true);
      return new Workers(pool, pool, size, Math.max(size, probes), false, null);
    }
    RunQueue queue = new RunQueue();
    // threads start as runs need them: up to DEFAULT_MAX as the JDK pool does, beyond only while every
    // thread is busy (a run waits behind blocked ones); those end after a minute idle
    ThreadPoolExecutor pool = new ThreadPoolExecutor(Math.min(size, DEFAULT_MAX), size, 60, TimeUnit.SECONDS,
        queue, factory, queue);
    pool.allowCoreThreadTimeOut(true);
    queue.pool = pool;
    return new Workers(pool, pool, size, Math.max(size, probes), false, queue);
  }

  /** The own pool's queue; null for a user's executor and for virtual threads. */
  private final RunQueue queue;

  /**
   * The own pool's queue: it refuses a run while every thread is busy and the pool may still grow, so
   * that the pool starts a thread for it (a {@link ThreadPoolExecutor} grows past its core size only
   * when its queue refuses); at the maximum it takes every run ({@link #rejectedExecution}).
   */
  private static final class RunQueue extends LinkedBlockingQueue<Runnable>
      implements java.util.concurrent.RejectedExecutionHandler {
    private static final long serialVersionUID = 1L;
    /** Runs handed to the pool and not yet ended: waiting or on a thread. */
    final AtomicInteger busy = new AtomicInteger();
    transient volatile ThreadPoolExecutor pool;

    @Override
    public boolean offer(Runnable run) {
      ThreadPoolExecutor p = pool;
      if (p != null && busy.get() > p.getPoolSize() && p.getPoolSize() < p.getMaximumPoolSize()) {
        return false; // more runs than threads: the pool starts one
      }
      return super.offer(run);
    }

    @Override
    public void rejectedExecution(Runnable run, ThreadPoolExecutor executor) {
      if (executor.isShutdown() || !super.offer(run)) {
        throw new java.util.concurrent.RejectedExecutionException("the monitor is closed");
      }
    }
  }

  /** A run on the own pool, counted from the moment it is handed over until it ends. */
  private static final class Counted implements Runnable {
    private final Runnable task;
    private final AtomicInteger busy;

    Counted(Runnable task, AtomicInteger busy) {
      this.task = task;
      this.busy = busy;
    }

    @Override
    public void run() {
      try {
        task.run();
      } finally {
        busy.decrementAndGet();
      }
    }
  }

  /**
   * A user's executor, used as it is.
   *
   * @param executor the executor
   * @return the workers
   */
  static Workers of(ExecutorService executor) {
    return new Workers(executor, null, 0, 0);
  }

  /**
   * A virtual thread per run, named {@code prefix} and a number.
   *
   * @param prefix the threads' name prefix
   * @return the workers, or null when this Java has no virtual threads (before 21)
   */
  static Workers virtual(String prefix) {
    ExecutorService executor = virtualExecutor(prefix);
    return executor == null ? null : new Workers(executor, null, 0, 0, true);
  }

  /** Whether this Java runs probes on virtual threads unless told otherwise. */
  static boolean virtualByDefault() {
    return Runtime.version().feature() >= VIRTUAL_DEFAULT_SINCE;
  }

  /** Whether this Java has virtual threads. */
  static boolean virtualAvailable() {
    return Runtime.version().feature() >= VIRTUAL_SINCE;
  }

  /**
   * {@code Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name(prefix, 0).factory())}, reached by
   * reflection so that the library still compiles and runs on Java 17; null before Java 21.
   */
  private static ExecutorService virtualExecutor(String prefix) {
    if (!virtualAvailable()) {
      return null;
    }
    try {
      Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
      Class<?> builderType = Class.forName("java.lang.Thread$Builder");
      builder = builderType.getMethod("name", String.class, long.class).invoke(builder, prefix + "-", 0L);
      ThreadFactory factory = (ThreadFactory) builderType.getMethod("factory").invoke(builder);
      Method perTask = Executors.class.getMethod("newThreadPerTaskExecutor", ThreadFactory.class);
      return (ExecutorService) perTask.invoke(null, factory);
    } catch (ReflectiveOperationException | RuntimeException e) {
      return null;
    }
  }

  /** Whether runs go to virtual threads. */
  boolean isVirtual() {
    return virtual;
  }

  /**
   * The default bound: enough threads for every probe to wait for its whole timeout at once on schedule
   * (1.25 x the sum of timeout / interval, Little's law for the worst case: every dependency hangs), at
   * least {@value #DEFAULT_MAX} and at most {@value #DEFAULT_CAP}, never more than one per probe.
   *
   * @param timeoutsPerInterval the sum over the probes of timeout / interval
   * @param probes how many probes there are
   * @return the bound, 1 or more
   */
  static int defaultThreads(double timeoutsPerInterval, int probes) {
    double need = Math.min(DEFAULT_CAP, 1.25 * timeoutsPerInterval);
    int worstCase = (int) need;
    if (worstCase < need) {
      worstCase++; // rounded up without Math.ceil, which loads StrictMath on the start path
    }
    return Math.max(1, Math.min(probes, Math.max(DEFAULT_MAX, worstCase)));
  }

  void execute(Runnable task) {
    RunQueue q = queue;
    if (q == null) {
      executor.execute(task);
      return;
    }
    q.busy.incrementAndGet();
    try {
      executor.execute(new Counted(task, q.busy));
    } catch (RuntimeException e) {
      q.busy.decrementAndGet();
      throw e;
    }
  }

  /** A run outlived its timeout and still holds its thread: one more thread for the others. */
  void stuck() {
    stuck.incrementAndGet();
    resize();
  }

  /** A stuck run returned: its extra thread goes. */
  void unstuck() {
    stuck.decrementAndGet();
    resize();
  }

  private void resize() {
    if (own == null) {
      return;
    }
    synchronized (this) {
      // read again under the lock: the last of concurrent resizes sets the size that holds now
      int extra = Math.max(0, stuck.get());
      int size = Math.min(cap, base + extra);
      int core = Math.min(size, Math.min(base, DEFAULT_MAX) + extra);
      if (size > own.getMaximumPoolSize()) {
        own.setMaximumPoolSize(size);
        own.setCorePoolSize(core);
      } else {
        own.setCorePoolSize(core);
        own.setMaximumPoolSize(size);
      }
    }
  }

  /**
   * Runs that hold a thread past their timeout.
   *
   * @return 0 or more
   */
  int stuckRuns() {
    return Math.max(0, stuck.get());
  }

  /**
   * Runs waiting for a thread (0 for a user's executor).
   *
   * @return 0 or more
   */
  int queued() {
    return own == null ? 0 : own.getQueue().size();
  }

  /**
   * The pool's bound without stuck runs (0 for a user's executor).
   *
   * @return the bound
   */
  int bound() {
    return base;
  }

  /**
   * The pool's live threads (0 for a user's executor).
   *
   * @return 0 or more
   */
  int threads() {
    return own == null ? 0 : own.getPoolSize();
  }

  /** The executor, to shut it down when it is the engine's own; null for a user's. */
  ExecutorService ownExecutor() {
    return virtual ? executor : own;
  }
}
