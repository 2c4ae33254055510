package dev.vitals.exporter.prometheus;

import dev.vitals.api.HealthReport;
import io.prometheus.metrics.config.EscapingScheme;
import io.prometheus.metrics.expositionformats.ExpositionFormatWriter;
import io.prometheus.metrics.expositionformats.OpenMetricsTextFormatWriter;
import io.prometheus.metrics.expositionformats.PrometheusTextFormatWriter;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import java.io.IOException;
import java.io.OutputStream;
import java.time.Instant;
import java.util.Locale;
import java.util.Objects;

/**
 * Vitals figures as Prometheus metrics, for a service that exposes metrics itself. The
 * {@code /metrics} endpoint of {@code exporter-http} needs none of this: it finds
 * {@link PrometheusMetricsWriter} on its own.
 *
 * <p>Write a report in the Prometheus text format or in OpenMetrics:
 * <pre>{@code
 * VitalsPrometheus.write(monitor.report(), Instant.now(), out, false);
 * }</pre>
 * or serve Vitals figures from a Prometheus Java client registry you already run:
 * <pre>{@code
 * PrometheusRegistry.defaultRegistry.register(
 *     (MultiCollector) () -> VitalsPrometheus.snapshots(monitor.report(), Instant.now()));
 * }</pre>
 *
 * <p>Everything is built from the immutable report when called; nothing is registered or cached.
 * Latencies are exported in seconds, ratios from 0 to 1, scores from 0 to 100. Stateless and
 * thread-safe. No argument may be null.
 */
public final class VitalsPrometheus {

  /** The content type of the Prometheus text format 0.0.4. */
  public static final String TEXT_CONTENT_TYPE = "text/plain; version=0.0.4; charset=utf-8";
  /** The content type of OpenMetrics 1.0.0 text. */
  public static final String OPENMETRICS_CONTENT_TYPE = "application/openmetrics-text; version=1.0.0; charset=utf-8";

  private static final ExpositionFormatWriter TEXT = PrometheusTextFormatWriter.create();
  private static final ExpositionFormatWriter OPENMETRICS = OpenMetricsTextFormatWriter.create();
  private static final String OPENMETRICS_TYPE = "application/openmetrics-text";

  private VitalsPrometheus() {}

  /**
   * The Vitals metrics of a report as Prometheus snapshots.
   *
   * @param report the report to export
   * @param now the current time, for {@code vitals_uptime_seconds}
   * @return a new set of snapshots; families without series (no trackers, no cold start yet) are left out
   * @throws NullPointerException if an argument is null
   */
  public static MetricSnapshots snapshots(HealthReport report, Instant now) {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(now, "now");
    return ReportSnapshots.of(report, now);
  }

  /**
   * Writes the Vitals metrics of a report as UTF-8 text.
   *
   * @param report the report to export
   * @param now the current time, for {@code vitals_uptime_seconds}
   * @param out where to write; flushed, not closed
   * @param openMetrics true for OpenMetrics 1.0.0 (ending with {@code # EOF}), false for the
   *     Prometheus text format 0.0.4
   * @throws IOException when writing fails
   * @throws NullPointerException if an argument is null
   */
  public static void write(HealthReport report, Instant now, OutputStream out, boolean openMetrics)
      throws IOException {
    Objects.requireNonNull(out, "out");
    MetricSnapshots snapshots = snapshots(report, now);
    (openMetrics ? OPENMETRICS : TEXT).write(out, snapshots, EscapingScheme.UNDERSCORE_ESCAPING);
    out.flush();
  }

  /**
   * Whether a request's {@code Accept} header asks for OpenMetrics: it names
   * {@code application/openmetrics-text} with a non-zero quality, and no {@code text/plain} range
   * with a higher one. Prometheus servers send such headers.
   *
   * @param accept the header, may be null
   * @return true for OpenMetrics, false for the Prometheus text format
   */
  static boolean wantsOpenMetrics(String accept) {
    if (accept == null) {
      return false;
    }
    double openMetrics = -1;
    double text = -1;
    for (String range : accept.split(",")) {
      String[] parts = range.split(";");
      String type = parts[0].trim().toLowerCase(Locale.ROOT);
      double q = 1;
      for (int i = 1; i < parts.length; i++) {
        String param = parts[i].trim();
        if (param.regionMatches(true, 0, "q=", 0, 2)) {
          try {
            q = Double.parseDouble(param.substring(2).trim());
          } catch (NumberFormatException e) {
            q = 0;
          }
        }
      }
      if (type.equals(OPENMETRICS_TYPE)) {
        openMetrics = Math.max(openMetrics, q);
      } else if (type.equals("text/plain")) {
        text = Math.max(text, q);
      }
    }
    return openMetrics > 0 && openMetrics >= text;
  }

  /**
   * Whether a content type is OpenMetrics or the Prometheus text format.
   *
   * @param contentType a content type such as {@link #OPENMETRICS_CONTENT_TYPE}
   * @return true for OpenMetrics, false for the text format
   * @throws IllegalArgumentException naming the value and the allowed ones when it is neither
   */
  static boolean isOpenMetrics(String contentType) {
    String type = contentType == null ? "" : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
    if (type.equals(OPENMETRICS_TYPE)) {
      return true;
    }
    if (type.equals("text/plain")) {
      return false;
    }
    throw new IllegalArgumentException("Unsupported content type '" + contentType + "'; allowed: "
        + TEXT_CONTENT_TYPE + " or " + OPENMETRICS_CONTENT_TYPE);
  }
}
