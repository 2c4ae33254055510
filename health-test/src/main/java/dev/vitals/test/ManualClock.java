package dev.vitals.test;

import dev.vitals.api.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock that moves only when a test says so, and a scheduler that it drives.
 *
 * <p>Give the monitor all three: {@code HealthMonitor.builder().clock(clock).scheduler(clock.scheduler())
 * .executor(clock.executor())}. Without the inline executor, checks run on real threads while the test
 * moves time, so a single large {@code advance} can pass a probe's timeout before its check has run.
 * Then {@link #advance(Duration)} moves time forward and, on the calling thread, runs every task that
 * falls due, in time order, with the clock set to each task's due time, including tasks scheduled
 * by tasks that ran during the advance. Nothing sleeps.
 *
 * <p>Thread-safe: the clock may be read from any thread; advances are serialised.
 */
public final class ManualClock implements Clock {

  private final AtomicLong nanos;
  private final long wallOriginMillis;
  private final long nanoOrigin;
  private final Scheduler scheduler = new Scheduler();
  private final Object advanceLock = new Object();

  /** A clock at 2026-01-01T00:00:00Z with a monotonic tick starting at an arbitrary positive value. */
  public ManualClock() {
    this(Instant.parse("2026-01-01T00:00:00Z"));
  }

  /**
   * A clock at a given wall time.
   *
   * @param start the wall time to start at, not null
   */
  public ManualClock(Instant start) {
    this.wallOriginMillis = Objects.requireNonNull(start, "start").toEpochMilli();
    this.nanoOrigin = 1_000_000_000_000L;
    this.nanos = new AtomicLong(nanoOrigin);
  }

  @Override
  public long nanoTime() {
    return nanos.get();
  }

  @Override
  public long wallTimeMillis() {
    return wallOriginMillis + (nanos.get() - nanoOrigin) / 1_000_000L;
  }

  /**
   * Moves time forward, running due tasks on the calling thread.
   *
   * @param amount how far, zero or more
   * @return this clock
   * @throws IllegalArgumentException if {@code amount} is negative
   */
  public ManualClock advance(Duration amount) {
    Objects.requireNonNull(amount, "amount");
    if (amount.isNegative()) {
      throw new IllegalArgumentException("cannot move a clock backwards: " + amount);
    }
    synchronized (advanceLock) {
      long target = nanos.get() + amount.toNanos();
      while (true) {
        Task next = scheduler.pollDue(target);
        if (next == null) {
          break;
        }
        nanos.accumulateAndGet(next.dueNanos, Math::max);
        next.run();
      }
      nanos.accumulateAndGet(target, Math::max);
    }
    return this;
  }

  /**
   * Moves time forward by some milliseconds.
   *
   * @param millis how far, zero or more
   * @return this clock
   */
  public ManualClock advanceMillis(long millis) {
    return advance(Duration.ofMillis(millis));
  }

  /**
   * Runs the tasks that are due now without moving time (for example tasks submitted with no delay).
   *
   * @return this clock
   */
  public ManualClock runDue() {
    return advance(Duration.ZERO);
  }

  /**
   * The scheduler this clock drives. Its tasks run only inside {@link #advance(Duration)}; periodic
   * tasks are supported; {@code shutdown} stops accepting tasks and drops pending ones.
   *
   * @return the scheduler, the same on every call
   */
  public ScheduledExecutorService scheduler() {
    return scheduler;
  }

  /**
   * An executor that runs each task at once on the calling thread: with it, a monitor runs its checks
   * inside {@link #advance(Duration)}, so a test sees their results when {@code advance} returns.
   * Shutting it down only stops it accepting tasks.
   *
   * @return the executor, the same on every call
   */
  public java.util.concurrent.ExecutorService executor() {
    return inline;
  }

  private final InlineExecutor inline = new InlineExecutor();

  /** Runs tasks on the calling thread. */
  private static final class InlineExecutor extends AbstractExecutorService {
    private volatile boolean shutdown;

    @Override
    public void execute(Runnable command) {
      if (shutdown) {
        throw new RejectedExecutionException("executor is shut down");
      }
      command.run();
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      return new ArrayList<>();
    }

    @Override
    public boolean isShutdown() {
      return shutdown;
    }

    @Override
    public boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return shutdown;
    }
  }

  /**
   * How many tasks are waiting to fall due.
   *
   * @return the number of pending tasks
   */
  public int pendingTasks() {
    return scheduler.size();
  }

  private final class Task extends FutureTask<Object> implements ScheduledFuture<Object> {
    private final long seq;
    private long dueNanos;
    private final long periodNanos; // >0 fixed rate, <0 fixed delay, 0 once

    Task(Callable<Object> c, long dueNanos, long periodNanos, long seq) {
      super(c);
      this.dueNanos = dueNanos;
      this.periodNanos = periodNanos;
      this.seq = seq;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - nanos.get(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      if (o instanceof Task) {
        Task t = (Task) o;
        int c = Long.compare(dueNanos, t.dueNanos);
        return c != 0 ? c : Long.compare(seq, t.seq);
      }
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }

    boolean isPeriodic() {
      return periodNanos != 0;
    }

    @Override
    public void run() {
      if (periodNanos == 0) {
        super.run();
      } else if (super.runAndReset()) {
        dueNanos = periodNanos > 0 ? dueNanos + periodNanos : nanos.get() - periodNanos;
        scheduler.requeue(this);
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      scheduler.remove(this);
      return cancelled;
    }
  }

  private final class Scheduler extends AbstractExecutorService implements ScheduledExecutorService {
    private final PriorityQueue<Task> queue = new PriorityQueue<>();
    private long seq;
    private boolean shutdown;

    synchronized Task pollDue(long targetNanos) {
      Task t = queue.peek();
      if (t == null || t.dueNanos > targetNanos) {
        return null;
      }
      return queue.poll();
    }

    synchronized int size() {
      return queue.size();
    }

    synchronized void requeue(Task t) {
      if (!shutdown) {
        queue.add(t);
      }
    }

    synchronized void remove(Task t) {
      queue.remove(t);
    }

    private synchronized Task add(Callable<Object> c, long delayNanos, long periodNanos) {
      if (shutdown) {
        throw new RejectedExecutionException("scheduler is shut down");
      }
      Task t = new Task(c, nanos.get() + Math.max(0, delayNanos), periodNanos, seq++);
      queue.add(t);
      return t;
    }

    @Override
    public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
      Objects.requireNonNull(command, "command");
      return add(() -> {
        command.run();
        return null;
      }, unit.toNanos(delay), 0);
    }

    @Override
    @SuppressWarnings("unchecked")
    public <V> ScheduledFuture<V> schedule(Callable<V> callable, long delay, TimeUnit unit) {
      Objects.requireNonNull(callable, "callable");
      return (ScheduledFuture<V>) add((Callable<Object>) callable, unit.toNanos(delay), 0);
    }

    @Override
    public ScheduledFuture<?> scheduleAtFixedRate(Runnable command, long initialDelay, long period, TimeUnit unit) {
      if (period <= 0) {
        throw new IllegalArgumentException("period must be positive, was " + period);
      }
      return add(() -> {
        command.run();
        return null;
      }, unit.toNanos(initialDelay), unit.toNanos(period));
    }

    @Override
    public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
      if (delay <= 0) {
        throw new IllegalArgumentException("delay must be positive, was " + delay);
      }
      return add(() -> {
        command.run();
        return null;
      }, unit.toNanos(initialDelay), -unit.toNanos(delay));
    }

    @Override
    public void execute(Runnable command) {
      schedule(command, 0, TimeUnit.NANOSECONDS);
    }

    @Override
    public synchronized void shutdown() {
      shutdown = true;
      queue.clear();
    }

    @Override
    public synchronized List<Runnable> shutdownNow() {
      shutdown = true;
      List<Runnable> pending = new ArrayList<>(queue);
      queue.clear();
      return pending;
    }

    @Override
    public synchronized boolean isShutdown() {
      return shutdown;
    }

    @Override
    public synchronized boolean isTerminated() {
      return shutdown;
    }

    @Override
    public boolean awaitTermination(long timeout, TimeUnit unit) {
      return isShutdown();
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks) throws ExecutionException {
      throw new RejectedExecutionException("invokeAny would block a manual scheduler");
    }

    @Override
    public <T> T invokeAny(Collection<? extends Callable<T>> tasks, long timeout, TimeUnit unit)
        throws ExecutionException {
      throw new RejectedExecutionException("invokeAny would block a manual scheduler");
    }
  }

  @Override
  public String toString() {
    return "ManualClock{" + instant() + ", pending=" + pendingTasks() + '}';
  }
}
