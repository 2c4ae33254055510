package dev.vitals.exporter.http;

import dev.vitals.api.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;

/**
 * The bounded executor behind the JDK server, with a watchdog that keeps slow clients from stalling
 * everyone else.
 *
 * <p><b>Why a watchdog.</b> The JDK server hands a connection to an executor thread as soon as its
 * first bytes arrive, and that thread then blocks reading the rest of the request line and headers.
 * A client that sends its headers slowly (slowloris) holds a thread for as long as it likes; with a
 * bounded pool, a few hundred such clients would leave none for anybody else. So:
 * <ul>
 *   <li>{@code threads} workers serve normal load from a bounded queue; when the queue is full the
 *       pool grows to {@code maxThreads}, and beyond that a new exchange is rejected, which makes the
 *       JDK server close its connection at once: nothing queues without bound.</li>
 *   <li>Every {@link #TICK}, the watchdog looks at the head of the queue: if the same exchange is
 *       still waiting and every worker has been in its exchange since the last look, the workers
 *       are stuck (slow clients, not load, which moves in microseconds), so it raises the core size
 *       by the number waiting (up to {@code maxThreads}), which starts threads for them right away.
 *       It drops back to {@code threads} once the queue is empty; the extra threads end when idle.
 *       A look that comes late (the watchdog itself was paused) decides nothing.</li>
 *   <li>An exchange that has run longer than {@code requestTimeout} has its thread interrupted. The
 *       JDK server reads and writes through blocking {@link java.nio.channels.SocketChannel}s, which an
 *       interrupt closes, so the slow client's connection is closed and the thread is free. When the
 *       pool is at {@code maxThreads} and still stuck, exchanges older than {@link #SHED_AFTER} (or
 *       the request timeout, if shorter) are cut the same way: a health answer takes microseconds of
 *       work, so anything that old is waiting on its client.</li>
 * </ul>
 *
 * <p><b>Shed connections.</b> A connection refused because the queue and the pool were full, and an
 * exchange cut while every thread was taken, are <em>shed</em>: counted ({@link #shed()}) and logged
 * by the watchdog at {@code WARN}, at most once a minute by the given clock, with the number shed
 * since the last such line. An exchange cut at the request timeout while threads were left is a slow
 * client, not shedding, and is counted in {@link #cut()} only.
 *
 * <p>Threads are daemons named {@code <prefix>-worker-<n>}; the watchdog is {@code <prefix>-watchdog}.
 * Thread-safe.
 */
final class WorkerPool implements Executor {

  static final long TICK = TimeUnit.MILLISECONDS.toNanos(50);
  static final long SHED_AFTER = TimeUnit.SECONDS.toNanos(1);
  /** The least time between two warnings about shed connections. */
  static final long WARN_EVERY = TimeUnit.MINUTES.toNanos(1);

  private final int threads;
  private final int maxThreads;
  private final long requestTimeoutNanos;
  private final long shedAfterNanos;
  private final Pool pool;
  private final ArrayBlockingQueue<Runnable> queue;
  private final Set<Worker> workers = ConcurrentHashMap.newKeySet();
  private final Thread watchdog;
  private final AtomicLong rejected = new AtomicLong();
  private final AtomicLong cut = new AtomicLong();
  private final AtomicLong shed = new AtomicLong();
  private final Clock clock;
  private final String name;
  /** The shed count at the last warning, and when that was (clock nanos); the watchdog's own. */
  private long warnedShed;
  private long warnedAt;
  private boolean warnedOnce;
  /** The shed count as the watchdog last saw it, for tests. */
  private volatile long seenShed;
  private volatile boolean closed;
  private volatile Runnable announcement;
  /** When the watchdog last looked (System.nanoTime); the watchdog's own. */
  private long lastTick = System.nanoTime();

  WorkerPool(String prefix, int threads, int maxThreads, int queueSize, Duration requestTimeout) {
    this(prefix, threads, maxThreads, queueSize, requestTimeout, Clock.system(), prefix);
  }

  /**
   * @param name what the warning about shed connections calls the pool, such as
   *     {@code endpoint http://127.0.0.1:8080/}
   * @param clock times the warnings about shed connections
   */
  WorkerPool(String prefix, int threads, int maxThreads, int queueSize, Duration requestTimeout, Clock clock,
      String name) {
    if (threads < 1 || maxThreads < threads || queueSize < 1) {
      throw new IllegalArgumentException("need 1 <= threads <= maxThreads and queue >= 1, was threads="
          + threads + ", maxThreads=" + maxThreads + ", queue=" + queueSize);
    }
    this.clock = clock;
    this.name = name;
    this.threads = threads;
    this.maxThreads = maxThreads;
    this.requestTimeoutNanos = requestTimeout.toNanos();
    this.shedAfterNanos = Math.min(SHED_AFTER, requestTimeoutNanos);
    this.queue = new ArrayBlockingQueue<>(queueSize);
    this.pool = new Pool(threads, maxThreads, queue, new Factory(prefix));
    this.pool.allowCoreThreadTimeOut(true);
    this.watchdog = new Thread(this::watch, prefix + "-watchdog");
    this.watchdog.setDaemon(true);
    this.watchdog.start();
  }

  @Override
  public void execute(Runnable exchange) {
    try {
      pool.execute(exchange);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      rejected.incrementAndGet();
      shed.incrementAndGet();
      throw e; // the JDK server closes the connection
    }
  }

  /** Exchanges refused because the queue and the pool were full. */
  long rejected() {
    return rejected.get();
  }

  /** Exchanges cut by the watchdog (slow clients, or shed). */
  long cut() {
    return cut.get();
  }

  /** Connections shed: refused with the queue and the pool full, or cut while every thread was taken. */
  long shed() {
    return shed.get();
  }

  /** The shed count as the watchdog saw it at its last look (it warns from there), for tests. */
  long seenShed() {
    return seenShed;
  }

  /** Exchanges waiting for a thread now. */
  int queued() {
    return queue.size();
  }

  /** Threads alive now. */
  int poolSize() {
    return pool.getPoolSize();
  }

  /** The most threads there ever were at once. */
  int largestPoolSize() {
    return pool.getLargestPoolSize();
  }

  void close() {
    closed = true;
    LockSupport.unpark(watchdog);
    pool.shutdownNow();
  }

  /**
   * Runs a short task (the endpoint's start-up log line) on the watchdog thread at its next look
   * (within {@link #TICK}), and in any case before the watchdog ends: setting up the logging
   * backend for the first log line of a process takes tens of milliseconds, which
   * {@code start()} need not wait for, nor the first requests share the processor with.
   */
  void announce(Runnable task) {
    announcement = task;
  }

  private void runAnnouncement() {
    Runnable a = announcement;
    if (a != null) {
      announcement = null;
      try {
        a.run();
      } catch (RuntimeException e) {
        // a log line that could not be written: nothing else to do with it
      }
    }
  }

  private void watch() {
    try {
      watchUntilClosed();
    } finally {
      runAnnouncement();
    }
  }

  private void watchUntilClosed() {
    Runnable head = null;
    while (!closed) {
      LockSupport.parkNanos(TICK);
      runAnnouncement();
      if (closed) {
        return;
      }
      try {
        head = tick(head);
        warnIfShed();
      } catch (RuntimeException e) {
        Log.LOG.warn("HTTP watchdog: {}", e.toString());
      }
    }
  }

  /** One look at the pool; returns the queue's head for the next look. */
  private Runnable tick(Runnable previousHead) {
    long now = System.nanoTime();
    // A late tick means this thread was not running (a GC pause, an overloaded machine): then nobody
    // made progress, which says nothing about the clients. Decide nothing on such a tick.
    boolean late = now - lastTick > 3 * TICK;
    lastTick = now;
    Runnable head = queue.peek();
    boolean stuck = !late && head != null && head == previousHead && allBusySince(now - TICK);
    if (stuck && pool.getCorePoolSize() < maxThreads) {
      pool.setCorePoolSize(Math.min(maxThreads, pool.getPoolSize() + queue.size()));
    } else if (head == null && pool.getCorePoolSize() > threads) {
      pool.setCorePoolSize(threads);
    }
    boolean shedding = stuck && pool.getPoolSize() >= maxThreads;
    for (Worker w : workers) {
      if (w.cutIfOlder(now, shedding ? shedAfterNanos : requestTimeoutNanos) && shedding) {
        shed.incrementAndGet();
      }
    }
    return late ? null : head;
  }

  /** Warns of connections shed since the last warning, at most once per {@link #WARN_EVERY}. */
  private void warnIfShed() {
    long total = shed.get();
    if (total > warnedShed) {
      long at = clock.nanoTime();
      if (!warnedOnce || at - warnedAt >= WARN_EVERY) {
        Log.LOG.warn("Vitals HTTP {} shed {} connections ({} since it started): every one of its {} threads was"
            + " taken and its queue full, or an exchange was cut while they were. Slow clients, or more load than"
            + " vitals.http.max-threads and vitals.http.queue allow; this is logged at most once a minute",
            name, total - warnedShed, total, maxThreads);
        warnedShed = total;
        warnedAt = at;
        warnedOnce = true;
      }
    }
    seenShed = total;
  }

  /** Whether every worker is in an exchange that started before a moment: none is making progress. */
  private boolean allBusySince(long moment) {
    for (Worker w : workers) {
      long started = w.started;
      if (started == 0 || started - moment > 0) {
        return false;
      }
    }
    return true;
  }

  /** A worker thread that knows when its current exchange started. */
  private final class Worker extends Thread {
    /** When the current exchange started (System.nanoTime), or 0 between exchanges. Written under this. */
    private volatile long started;

    Worker(Runnable r, String name) {
      super(null, r, name, 0, false);
      setDaemon(true);
    }

    @Override
    public void run() {
      workers.add(this);
      try {
        super.run();
      } finally {
        workers.remove(this);
      }
    }

    synchronized void begin() {
      long t = System.nanoTime();
      started = t == 0 ? 1 : t;
    }

    void end() {
      synchronized (this) {
        started = 0;
      }
      // an interrupt meant for the exchange that just ended must not hit the next one
      Thread.interrupted();
    }

    /** Cuts the current exchange if it started more than a limit ago; returns whether it did. */
    synchronized boolean cutIfOlder(long now, long limitNanos) {
      if (started != 0 && now - started > limitNanos) {
        started = 0;
        cut.incrementAndGet();
        interrupt();
        return true;
      }
      return false;
    }
  }

  private final class Factory implements ThreadFactory {
    private final String prefix;
    private final AtomicInteger count = new AtomicInteger();

    Factory(String prefix) {
      this.prefix = prefix;
    }

    @Override
    public Thread newThread(Runnable r) {
      return new Worker(r, prefix + "-worker-" + count.incrementAndGet());
    }
  }

  private static final class Pool extends ThreadPoolExecutor {
    Pool(int core, int max, ArrayBlockingQueue<Runnable> queue, ThreadFactory factory) {
      super(core, max, 30, TimeUnit.SECONDS, queue, factory, new AbortPolicy());
    }

    @Override
    protected void beforeExecute(Thread t, Runnable r) {
      if (t instanceof Worker) {
        ((Worker) t).begin();
      }
    }

    @Override
    protected void afterExecute(Runnable r, Throwable t) {
      Thread current = Thread.currentThread();
      if (current instanceof Worker) {
        ((Worker) current).end();
      }
    }
  }
}
