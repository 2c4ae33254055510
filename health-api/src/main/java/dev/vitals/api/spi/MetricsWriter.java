package dev.vitals.api.spi;

import dev.vitals.api.HealthReport;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;

/**
 * Writes a report as metrics in a text exposition format, for an endpoint such as {@code /metrics}.
 * Found with {@link java.util.ServiceLoader}: the HTTP endpoint serves {@code /metrics} with the
 * first writer it finds (the {@code exporter-prometheus} module provides one).
 *
 * <p>Implementations need a public no-argument constructor and must be thread-safe.
 */
public interface MetricsWriter {

  /**
   * The content type to answer with, chosen from a request's {@code Accept} header.
   *
   * @param accept the request's {@code Accept} header, or null when it had none
   * @return a content type this writer produces, such as {@code text/plain; version=0.0.4; charset=utf-8}
   */
  String contentType(String accept);

  /**
   * Writes a report.
   *
   * @param report the report to write
   * @param now the current time, for figures such as uptime
   * @param contentType a value returned by {@link #contentType(String)}
   * @param out where to write; not closed by this method
   * @throws IOException when writing fails
   */
  void write(HealthReport report, Instant now, String contentType, OutputStream out) throws IOException;
}
