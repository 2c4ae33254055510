package dev.vitals.exporter.prometheus;

import dev.vitals.api.HealthReport;
import dev.vitals.api.spi.MetricsWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/**
 * Writes Vitals metrics in the Prometheus text format 0.0.4, or in OpenMetrics 1.0.0 when the
 * request's {@code Accept} header asks for {@code application/openmetrics-text} (as Prometheus
 * servers do). Found with {@link java.util.ServiceLoader}; the {@code /metrics} endpoint uses it.
 *
 * <p>Stateless and thread-safe: each call builds the metrics from the immutable report it is given.
 */
public final class PrometheusMetricsWriter implements MetricsWriter {

  /**
   * Creates the writer; called by {@link java.util.ServiceLoader}. Checks the Prometheus Java client on
   * the class path now, so that an unsupported one fails at start-up rather than at a scrape.
   *
   * @throws IllegalStateException if the client is not supported (see {@link VitalsPrometheus}): the
   *     message names the versions found and the supported range
   */
  public PrometheusMetricsWriter() {
    PrometheusClient.get();
  }

  /**
   * Chooses the format from a request's {@code Accept} header.
   *
   * @param accept the header, or null when the request had none
   * @return {@link VitalsPrometheus#OPENMETRICS_CONTENT_TYPE} when OpenMetrics is asked for,
   *     otherwise {@link VitalsPrometheus#TEXT_CONTENT_TYPE}
   */
  @Override
  public String contentType(String accept) {
    return VitalsPrometheus.wantsOpenMetrics(accept)
        ? VitalsPrometheus.OPENMETRICS_CONTENT_TYPE
        : VitalsPrometheus.TEXT_CONTENT_TYPE;
  }

  /**
   * Writes a report in the format of a content type.
   *
   * @param report the report to write, not null
   * @param now the current time, for the uptime, not null
   * @param contentType a value returned by {@link #contentType(String)}
   * @param out where to write; flushed, not closed
   * @throws IOException when writing fails
   * @throws IllegalArgumentException when the content type is neither OpenMetrics nor
   *     {@code text/plain}
   */
  @Override
  public void write(HealthReport report, Instant now, String contentType, OutputStream out) throws IOException {
    VitalsPrometheus.write(report, now, out, VitalsPrometheus.isOpenMetrics(contentType));
  }
}
