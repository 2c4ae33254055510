/**
 * Vitals through Micrometer: {@link dev.vitals.exporter.micrometer.VitalsMeterBinder} (meters in any
 * registry), {@link dev.vitals.exporter.micrometer.VitalsObservations} (an observation, hence a span,
 * per probe run) and the {@code micrometer} exporter
 * ({@link dev.vitals.exporter.micrometer.MicrometerExporterFactory}).
 */
package dev.vitals.exporter.micrometer;
