/**
 * Vitals figures through Micrometer: {@link dev.vitals.exporter.micrometer.VitalsMeterBinder} publishes
 * every report as meters in any {@code MeterRegistry}, {@link dev.vitals.exporter.micrometer.VitalsObservations}
 * turns each probe run into an {@code Observation} (a span when tracing is set up), and
 * {@link dev.vitals.exporter.micrometer.MicrometerExporterFactory} binds to Micrometer's global registry
 * when {@code vitals.micrometer.enabled=true}.
 */
module dev.vitals.exporter.micrometer {
  requires transitive dev.vitals.api;
  requires transitive micrometer.core;
  requires transitive micrometer.observation;

  exports dev.vitals.exporter.micrometer;

  provides dev.vitals.api.spi.ExporterFactory with dev.vitals.exporter.micrometer.MicrometerExporterFactory;
}
