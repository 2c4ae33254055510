package dev.vitals.spring.boot.web;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthReport;
import dev.vitals.api.spi.MetricsWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.boot.actuate.endpoint.Producible;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.util.MimeType;

/**
 * {@code /actuator/vitals}: the Vitals metrics in Prometheus text format 0.0.4, or OpenMetrics 1.0.0 when the
 * request's {@code Accept} asks for it, written by {@code exporter-prometheus}'s own writer from the monitor's
 * latest report (the same bytes as the stand-alone {@code /metrics}). Exists only when
 * {@code exporter-prometheus} is on the class path.
 *
 * <p>Public because Actuator calls its operation; thread-safe.
 */
@WebEndpoint(id = VitalsScrapeEndpoint.ID)
public final class VitalsScrapeEndpoint {

  /** The endpoint id, as in {@code management.endpoints.web.exposure.include}. */
  public static final String ID = "vitals";

  private final Supplier<HealthReport> reports;
  private final MetricsWriter writer;
  private final Clock clock;

  VitalsScrapeEndpoint(Supplier<HealthReport> reports, MetricsWriter writer, Clock clock) {
    this.reports = Objects.requireNonNull(reports, "reports");
    this.writer = Objects.requireNonNull(writer, "writer");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Writes the latest report.
   *
   * @param format the format negotiated from {@code Accept}
   * @return {@code 200} with the exposition, or {@code 503} before the monitor's first report
   */
  @ReadOperation(producesFrom = Format.class)
  public WebEndpointResponse<byte[]> scrape(Format format) {
    HealthReport report = reports.get();
    if (report == null) {
      return new WebEndpointResponse<>("no health report yet\n".getBytes(java.nio.charset.StandardCharsets.UTF_8),
          WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, MimeType.valueOf("text/plain;charset=utf-8"));
    }
    String contentType = writer.contentType(format.accept);
    ByteArrayOutputStream out = new ByteArrayOutputStream(8192);
    try {
      writer.write(report, clock.instant(), contentType, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return new WebEndpointResponse<>(out.toByteArray(), WebEndpointResponse.STATUS_OK, MimeType.valueOf(contentType));
  }

  /** The formats {@code /actuator/vitals} produces; text 0.0.4 unless OpenMetrics is asked for. */
  public enum Format implements Producible<Format> {
    /** Prometheus text format 0.0.4, the default. */
    TEXT("text/plain;version=0.0.4;charset=utf-8", "text/plain"),
    /** OpenMetrics text 1.0.0. */
    OPENMETRICS("application/openmetrics-text;version=1.0.0;charset=utf-8", "application/openmetrics-text");

    private final MimeType mimeType;
    final String accept;

    Format(String mimeType, String accept) {
      this.mimeType = MimeType.valueOf(mimeType);
      this.accept = accept;
    }

    @Override
    public MimeType getProducedMimeType() {
      return mimeType;
    }

    @Override
    public boolean isDefault() {
      return this == TEXT;
    }
  }
}
