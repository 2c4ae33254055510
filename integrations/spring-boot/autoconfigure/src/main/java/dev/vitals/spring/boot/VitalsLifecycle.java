package dev.vitals.spring.boot;

import dev.vitals.core.HealthMonitor;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.springframework.context.SmartLifecycle;

/**
 * Starts the monitor with the context and closes it on shutdown, readiness first: when Spring declares the
 * application {@link ReadinessState#REFUSING_TRAFFIC} (a web application does as its context starts closing),
 * or at the latest when this lifecycle stops, the monitor is {@linkplain HealthMonitor#drain(String) drained}, so
 * Vitals' readiness (and Actuator's readiness group, which shows it) is {@code DOWN} while the web server finishes
 * its requests; then the monitor is closed. Its phase is below the web server's: it starts before the server
 * takes traffic and stops after the server has stopped.
 */
final class VitalsLifecycle implements SmartLifecycle, ApplicationListener<AvailabilityChangeEvent<?>> {

  /** Below the web server's start/stop (DEFAULT_PHASE - 2048) and graceful shutdown (DEFAULT_PHASE - 1024). */
  static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;
  static final String SHUTTING_DOWN = "the application is shutting down";

  private final HealthMonitor monitor;
  private volatile boolean running;

  VitalsLifecycle(HealthMonitor monitor) {
    this.monitor = monitor;
  }

  @Override
  public void start() {
    try {
      monitor.start();
    } catch (IllegalStateException alreadyStarted) {
      // a HealthMonitor bean of the application's own, started by it: it is still drained and closed with the context
    }
    running = true;
  }

  @Override
  public void stop() {
    if (running) {
      running = false;
      monitor.drain(SHUTTING_DOWN);
      monitor.close();
    }
  }

  @Override
  public boolean isRunning() {
    return running;
  }

  @Override
  public int getPhase() {
    return PHASE;
  }

  @Override
  public void onApplicationEvent(AvailabilityChangeEvent<?> event) {
    if (event.getState() == ReadinessState.REFUSING_TRAFFIC && running) {
      monitor.drain(SHUTTING_DOWN + " (readiness: REFUSING_TRAFFIC)");
    }
  }
}
