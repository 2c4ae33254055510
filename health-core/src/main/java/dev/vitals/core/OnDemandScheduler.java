package dev.vitals.core;

import dev.vitals.api.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.PriorityQueue;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.Callable;
import java.util.concurrent.Delayed;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * The scheduler of a monitor built {@code onDemand}: a queue of tasks on the monitor's clock that runs
 * nothing by itself. {@link #runDue} runs, on the caller's thread, the tasks that are due (probe ticks,
 * which hand their runs to the workers; timeouts; tracker rotation; notifier waits) and waits for the
 * probe runs it started, within a budget. No thread of its own: between two calls nothing of the monitor
 * runs, which is what a serverless runtime that freezes the process between invocations needs.
 *
 * <p>A periodic task that missed periods while nobody called (a frozen process) runs once, not once per
 * missed period. Thread-safe: tasks are scheduled from workers while a call runs.
 */
final class OnDemandScheduler extends AbstractExecutorService implements ScheduledExecutorService {

  private final Clock clock;
  private final PriorityQueue<Task> queue = new PriorityQueue<>();
  private long seq;
  private boolean shutdown;
  /** Probe runs started and not yet applied (a timed-out run counts as applied). Guarded by this. */
  private int pendingRuns;
  /** Results applied since this scheduler was made. Guarded by this. */
  private long results;

  OnDemandScheduler(Clock clock) {
    this.clock = clock;
  }

  /** A probe run was handed to a worker. */
  synchronized void runStarted() {
    pendingRuns++;
  }

  /** A probe run's result (or its timeout) was applied: wakes {@link #runDue}. */
  synchronized void runEnded() {
    pendingRuns--;
    results++;
    notifyAll();
  }

  /**
   * Runs what is due and waits for the probe runs it starts, until none is pending or the budget is
   * spent.
   *
   * @param budgetNanos the longest this may take
   * @return how many probe results were applied meanwhile
   * @throws InterruptedException when the caller is interrupted while waiting
   */
  int runDue(long budgetNanos) throws InterruptedException {
    long start = clock.nanoTime();
    long deadline = start + Math.max(0, budgetNanos);
    long resultsBefore;
    synchronized (this) {
      resultsBefore = results;
    }
    while (true) {
      for (Task t = pollDue(clock.nanoTime()); t != null; t = pollDue(clock.nanoTime())) {
        t.run();
      }
      long now = clock.nanoTime();
      synchronized (this) {
        if (pendingRuns <= 0 || now - deadline >= 0) {
          return (int) (results - resultsBefore);
        }
        Task next = queue.peek();
        long until = next != null && next.dueNanos - deadline < 0 ? next.dueNanos : deadline;
        long waitNanos = until - now;
        if (waitNanos > 0 && pendingRuns > 0) {
          TimeUnit.NANOSECONDS.timedWait(this, waitNanos);
        }
      }
    }
  }

  private synchronized Task pollDue(long now) {
    Task t = queue.peek();
    if (t == null || t.dueNanos - now > 0) {
      return null;
    }
    return queue.poll();
  }

  /** Tasks waiting, for tests. */
  synchronized int pendingTasks() {
    return queue.size();
  }

  private synchronized Task add(Callable<Object> c, long delayNanos, long periodNanos) {
    if (shutdown) {
      throw new RejectedExecutionException("the monitor is closed");
    }
    Task t = new Task(c, clock.nanoTime() + Math.max(0, delayNanos), periodNanos, seq++);
    queue.add(t);
    notifyAll(); // a timeout scheduled by a run that just started: runDue waits for it
    return t;
  }

  private synchronized void requeue(Task t) {
    if (!shutdown) {
      queue.add(t);
    }
  }

  private synchronized void remove(Task t) {
    queue.remove(t);
  }

  @Override
  public ScheduledFuture<?> schedule(Runnable command, long delay, TimeUnit unit) {
    return add(Executors.callable(Objects.requireNonNull(command, "command")), unit.toNanos(delay), 0);
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
    return add(Executors.callable(Objects.requireNonNull(command, "command")), unit.toNanos(initialDelay),
        unit.toNanos(period));
  }

  @Override
  public ScheduledFuture<?> scheduleWithFixedDelay(Runnable command, long initialDelay, long delay, TimeUnit unit) {
    if (delay <= 0) {
      throw new IllegalArgumentException("delay must be positive, was " + delay);
    }
    return add(Executors.callable(Objects.requireNonNull(command, "command")), unit.toNanos(initialDelay),
        -unit.toNanos(delay));
  }

  @Override
  public void execute(Runnable command) {
    schedule(command, 0, TimeUnit.NANOSECONDS);
  }

  @Override
  public synchronized void shutdown() {
    shutdown = true;
    queue.clear();
    notifyAll();
  }

  @Override
  public synchronized List<Runnable> shutdownNow() {
    List<Runnable> pending = new ArrayList<>(queue);
    shutdown();
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

  private final class Task extends FutureTask<Object> implements ScheduledFuture<Object> {
    private final long seq;
    private long dueNanos;
    /** Above 0 fixed rate, below 0 fixed delay, 0 once. */
    private final long periodNanos;

    Task(Callable<Object> c, long dueNanos, long periodNanos, long seq) {
      super(c);
      this.dueNanos = dueNanos;
      this.periodNanos = periodNanos;
      this.seq = seq;
    }

    @Override
    public long getDelay(TimeUnit unit) {
      return unit.convert(dueNanos - clock.nanoTime(), TimeUnit.NANOSECONDS);
    }

    @Override
    public int compareTo(Delayed o) {
      if (o instanceof Task) {
        Task t = (Task) o;
        int c = Long.compare(dueNanos - t.dueNanos, 0);
        return c != 0 ? c : Long.compare(seq, t.seq);
      }
      return Long.compare(getDelay(TimeUnit.NANOSECONDS), o.getDelay(TimeUnit.NANOSECONDS));
    }

    @Override
    public void run() {
      if (periodNanos == 0) {
        super.run();
      } else if (super.runAndReset()) {
        long now = clock.nanoTime();
        if (periodNanos > 0) {
          dueNanos += periodNanos;
          if (dueNanos - now <= 0) { // periods missed while frozen: once, not once per period
            dueNanos = now + periodNanos;
          }
        } else {
          dueNanos = now - periodNanos;
        }
        requeue(this);
      }
    }

    @Override
    public boolean cancel(boolean mayInterruptIfRunning) {
      boolean cancelled = super.cancel(mayInterruptIfRunning);
      remove(this);
      return cancelled;
    }
  }
}
