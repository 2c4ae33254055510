package dev.vitals.core;

import dev.vitals.api.HealthListener;
import dev.vitals.api.StatusChange;
import dev.vitals.test.ManualClock;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/** Builders for monitors driven by a manual clock, with checks run inline on the advancing thread. */
final class MonitorTestSupport {

  private MonitorTestSupport() {}

  static HealthMonitor.Builder manual(ManualClock clock) {
    return HealthMonitor.builder()
        .clock(clock)
        .scheduler(clock.scheduler())
        .executor(clock.executor())
        .environment(Map.of())
        .jitter(0)
        .discoverExporters(false)
        .startTime(clock.instant());
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
