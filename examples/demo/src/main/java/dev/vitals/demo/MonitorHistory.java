package dev.vitals.demo;

import dev.vitals.api.History;
import dev.vitals.api.HistoryEntry;
import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.Incident;
import dev.vitals.core.HealthMonitor;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The history of the demo's monitor, for an endpoint that starts before the monitor does: until the
 * monitor has started, every read fails as a store that cannot be read (the endpoint answers 503).
 */
final class MonitorHistory implements History {

  private final Supplier<HealthMonitor> monitor;

  MonitorHistory(Supplier<HealthMonitor> monitor) {
    this.monitor = monitor;
  }

  private History history() {
    HealthMonitor m = monitor.get();
    Optional<History> h = m == null ? Optional.empty() : m.history();
    return h.orElseThrow(() -> new IllegalStateException("the monitor is still starting"));
  }

  @Override
  public List<HistorySubject> subjects() {
    return history().subjects();
  }

  @Override
  public Optional<HistorySubject> find(String name) {
    return history().find(name);
  }

  @Override
  public List<HistoryPeriod> periods(HistorySubject subject, Instant from, Instant to, Duration step) {
    return history().periods(subject, from, to, step);
  }

  @Override
  public List<HistoryEntry> transitions(HistorySubject subject, Instant from, Instant to) {
    return history().transitions(subject, from, to);
  }

  @Override
  public List<Incident> incidents(HistorySubject subject, Instant from, Instant to) {
    return history().incidents(subject, from, to);
  }

  @Override
  public Optional<Instant> since() {
    return history().since();
  }
}
