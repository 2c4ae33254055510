package dev.vitals.core;

import dev.vitals.api.HealthListener;
import dev.vitals.api.StatusChange;
import dev.vitals.test.ManualClock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.AbstractExecutorService;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** Builders for monitors driven by a manual clock, with checks run inline on the advancing thread. */
final class MonitorTestSupport {

  private MonitorTestSupport() {}

  static HealthMonitor.Builder manual(ManualClock clock) {
    return HealthMonitor.builder()
        .clock(clock)
        .scheduler(clock.scheduler())
        .executor(new DirectExecutor())
        .environment(Map.of())
        .jitter(0)
        .discoverExporters(false)
        .startTime(clock.instant());
  }

  /** Runs each task on the calling thread. */
  static final class DirectExecutor extends AbstractExecutorService {
    private volatile boolean shutdown;

    @Override
    public void execute(Runnable command) {
      command.run();
    }

    @Override
    public void shutdown() {
      shutdown = true;
    }

    @Override
    public List<Runnable> shutdownNow() {
      shutdown = true;
      return List.of();
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
      return true;
    }
  }

  /** Records status changes. */
  static final class Changes implements HealthListener {
    final List<StatusChange> seen = new CopyOnWriteArrayList<>();

    @Override
    public void onStatusChange(StatusChange change) {
      seen.add(change);
    }
  }
}
