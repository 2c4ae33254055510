/**
 * Prometheus and OpenMetrics exposition of Vitals figures, written with the official Prometheus Java
 * client's model and text formats (no HTTP server, no registry). Provides the
 * {@link dev.vitals.api.spi.MetricsWriter} that the {@code /health} endpoint uses for {@code /metrics};
 * {@link dev.vitals.exporter.prometheus.VitalsPrometheus} serves users who expose metrics themselves.
 */
module dev.vitals.exporter.prometheus {
  requires transitive dev.vitals.api;
  requires transitive io.prometheus.metrics.model;
  requires io.prometheus.writer.text;

  exports dev.vitals.exporter.prometheus;

  provides dev.vitals.api.spi.MetricsWriter with dev.vitals.exporter.prometheus.PrometheusMetricsWriter;
}
