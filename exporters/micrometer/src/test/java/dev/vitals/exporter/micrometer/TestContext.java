package dev.vitals.exporter.micrometer;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthListener;
import dev.vitals.api.HealthReport;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ExporterContext;
import dev.vitals.api.spi.ProbeObserver;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/** A real, minimal {@link ExporterContext}: fixed settings, reports from a supplier, listeners kept in lists. */
final class TestContext implements ExporterContext {
  final List<HealthListener> listeners = new CopyOnWriteArrayList<>();
  final List<ProbeObserver> observers = new CopyOnWriteArrayList<>();
  private final Config config;
  private final Supplier<HealthReport> reports;
  private final Clock clock;

  TestContext(Map<String, String> settings, Supplier<HealthReport> reports, Clock clock) {
    this.config = Config.of(settings);
    this.reports = reports;
    this.clock = clock;
  }

  @Override
  public Config config() {
    return config;
  }

  @Override
  public HealthReport report() {
    return reports.get();
  }

  @Override
  public Clock clock() {
    return clock;
  }

  @Override
  public void addListener(HealthListener listener) {
    listeners.add(listener);
  }

  @Override
  public void addProbeObserver(ProbeObserver observer) {
    observers.add(observer);
  }
}
