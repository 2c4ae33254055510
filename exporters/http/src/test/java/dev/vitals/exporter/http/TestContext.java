package dev.vitals.exporter.http;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthListener;
import dev.vitals.api.HealthReport;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ExporterContext;
import dev.vitals.api.spi.ProbeObserver;
import java.util.Map;
import java.util.function.Supplier;

/** What a monitor gives its exporters: configuration, the latest report and a clock. */
final class TestContext implements ExporterContext {
  private final Config config;
  private final Supplier<HealthReport> reports;

  TestContext(Map<String, String> settings, Supplier<HealthReport> reports) {
    this.config = Config.of(settings);
    this.reports = reports;
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
