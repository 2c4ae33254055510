package dev.vitals.exporter.http;

import dev.vitals.api.HealthReport;
import dev.vitals.api.spi.MetricsWriter;
import java.io.OutputStream;
import java.time.Instant;

/** A metrics writer that refuses its environment when created, as exporter-prometheus does beside an unsupported client. */
public final class RefusingMetricsWriter implements MetricsWriter {

  /** Always throws. */
  public RefusingMetricsWriter() {
    throw new IllegalStateException("found prometheus-metrics-model 1.2.1; supported: 1.3.0 up to 2.0");
  }

  @Override
  public String contentType(String accept) {
    throw new AssertionError("never created");
  }

  @Override
  public void write(HealthReport report, Instant now, String contentType, OutputStream out) {
    throw new AssertionError("never created");
  }
}
