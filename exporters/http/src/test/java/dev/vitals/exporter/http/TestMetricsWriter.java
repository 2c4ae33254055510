package dev.vitals.exporter.http;

import dev.vitals.api.HealthReport;
import dev.vitals.api.spi.MetricsWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;

/** A metrics writer registered in the test class path's META-INF/services, as exporter-prometheus does. */
public final class TestMetricsWriter implements MetricsWriter {

  static final String TEXT = "text/plain; version=0.0.4; charset=utf-8";
  static final String OPEN_METRICS = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  /** Used by ServiceLoader. */
  public TestMetricsWriter() {}

  @Override
  public String contentType(String accept) {
    return accept != null && accept.contains("application/openmetrics-text") ? OPEN_METRICS : TEXT;
  }

  @Override
  public void write(HealthReport report, Instant now, String contentType, OutputStream out) throws IOException {
    String text = "vitals_service_score " + report.score() + "\nvitals_uptime_seconds "
        + report.uptime(now).getSeconds() + "\n" + (contentType.equals(OPEN_METRICS) ? "# EOF\n" : "");
    out.write(text.getBytes(StandardCharsets.UTF_8));
  }
}
