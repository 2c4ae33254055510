package dev.vitals.exporter.http;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthListener;
import dev.vitals.api.HealthReport;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ExporterContext;
import dev.vitals.api.spi.ProbeObserver;
import java.util.Map;
import java.util.function.Supplier;

/** What a monitor gives its exporters: configuration, the latest report, a clock and maybe a history. */
final class TestContext implements ExporterContext {
  private final Config config;
  private final Supplier<HealthReport> reports;
  private final java.util.Optional<dev.vitals.api.History> history;

  TestContext(Map<String, String> settings, Supplier<HealthReport> reports) {
    this(settings, reports, java.util.Optional.empty());
  }

  /** A monitor with a history store. */
  TestContext(Map<String, String> settings, Supplier<HealthReport> reports,
      java.util.Optional<dev.vitals.api.History> history) {
    this.config = Config.of(settings);
    this.reports = reports;
    this.history = history;
  }

  @Override
  public java.util.Optional<dev.vitals.api.History> history() {
    return history;
  }

  /** The {@code vitals.http.*} part of a configuration, as the factory reads it. */
  static Config httpConfig(Map<String, String> settings) {
    return Config.of(settings).scoped(HttpExporterFactory.PREFIX);
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
    return Clock.system();
  }

  @Override
  public void addListener(HealthListener listener) {
    // the HTTP endpoint listens to nothing
  }

  @Override
  public void addProbeObserver(ProbeObserver observer) {
    // the HTTP endpoint observes nothing
  }
}
