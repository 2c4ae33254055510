package dev.vitals.exporter.micrometer;

import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.ExporterContext;
import dev.vitals.api.spi.ExporterFactory;
import io.micrometer.core.instrument.Metrics;
import java.util.Optional;

/**
 * The {@code micrometer} exporter: when {@code vitals.micrometer.enabled=true}, binds a
 * {@link VitalsMeterBinder} over the monitor's reports to Micrometer's global registry
 * ({@link Metrics#globalRegistry}), so every registry added there (by the service or by a framework
 * such as Spring Boot) receives the figures. Closing the exporter removes the meters again.
 *
 * <p>It does metrics only. Micrometer has no global {@code ObservationRegistry}, so a span per probe
 * run needs the programmatic API: register a {@link VitalsObservations} over your own registry with the
 * monitor. To bind to a registry other than the global one, use {@link VitalsMeterBinder} directly.
 *
 * <p>Found with {@link java.util.ServiceLoader}; stateless and thread-safe.
 */
public final class MicrometerExporterFactory implements ExporterFactory {

  /** The setting that enables this exporter: {@code true} or {@code false} (the default). */
  public static final String ENABLED = "vitals.micrometer.enabled";

  /** For {@link java.util.ServiceLoader}. */
  public MicrometerExporterFactory() {
  }

  /**
   * The exporter's name.
   *
   * @return {@code micrometer}
   */
  @Override
  public String name() {
    return "micrometer";
  }

  /**
   * The one key this exporter reads.
   *
   * @return {@value #ENABLED}
   */
  @Override
  public java.util.Set<String> keys() {
    return java.util.Set.of(ENABLED);
  }

  /**
   * Checks {@value #ENABLED} when the monitor is built.
   *
   * @param config the whole configuration
   * @throws ConfigException when {@value #ENABLED} is neither {@code true} nor {@code false}
   */
  @Override
  public void validate(dev.vitals.api.spi.Config config) {
    config.bool(ENABLED, false);
  }

  /**
   * Binds to the global registry when enabled.
   *
   * @param context the monitor's context, not null
   * @return the started exporter, empty unless {@value #ENABLED} is {@code true}
   * @throws ConfigException when {@value #ENABLED} is neither {@code true} nor {@code false}
   */
  @Override
  public Optional<Exporter> create(ExporterContext context) {
    if (!context.config().bool(ENABLED, false)) {
      return Optional.empty();
    }
    VitalsMeterBinder binder = new VitalsMeterBinder(context::report, context.clock());
    binder.bindTo(Metrics.globalRegistry);
    return Optional.of(new MicrometerExporter(binder));
  }

  /** The running exporter: closing it removes the meters. */
  private static final class MicrometerExporter implements Exporter {
    private final VitalsMeterBinder binder;

    MicrometerExporter(VitalsMeterBinder binder) {
      this.binder = binder;
    }

    @Override
    public String name() {
      return "micrometer";
    }

    @Override
    public void close() {
      binder.close();
    }
  }
}
