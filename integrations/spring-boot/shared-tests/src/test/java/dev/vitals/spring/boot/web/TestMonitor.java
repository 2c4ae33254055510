package dev.vitals.spring.boot.web;

import dev.vitals.core.HealthMonitor;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import org.springframework.beans.factory.ObjectProvider;

/**
 * The test applications' clock: the starter's own {@code vitalsMonitor} bean runs its engine on it (through a
 * {@link dev.vitals.spring.boot.VitalsMonitorCustomizer}), and requests are timed on it, so a test publishes a
 * report with the trackers' latest figures by advancing it, and a handler's work takes the time it says.
 */
final class TestMonitor {

  final ManualClock clock = new ManualClock();
  private final ObjectProvider<HealthMonitor> monitor;

  TestMonitor(ObjectProvider<HealthMonitor> monitor) {
    this.monitor = monitor;
  }

  /** The starter's monitor. */
  HealthMonitor monitor() {
    return monitor.getObject();
  }

  /** Moves the engine one tracker rotation on, which publishes a report with the trackers' figures. */
  void rotate() {
    clock.advance(Duration.ofSeconds(10));
  }
}
