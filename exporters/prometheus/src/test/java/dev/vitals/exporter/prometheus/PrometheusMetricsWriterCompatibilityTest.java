package dev.vitals.exporter.prometheus;

import dev.vitals.api.spi.MetricsWriter;
import dev.vitals.test.MetricsWriterCompatibilityKit;

/**
 * The Prometheus writer against the metrics-writer compatibility kit (this
 * module provides a {@link MetricsWriter}, not an exporter): registered for ServiceLoader, a content
 * type for any {@code Accept} header, every probe and tracker written, the stream left open, the same
 * bytes from two threads at once.
 */
class PrometheusMetricsWriterCompatibilityTest extends MetricsWriterCompatibilityKit {

  @Override
  protected Class<? extends MetricsWriter> writerType() {
    return PrometheusMetricsWriter.class;
  }
}
