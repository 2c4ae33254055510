package dev.vitals.spring.boot.web;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthReport;
import dev.vitals.exporter.http.StatusPage;
import java.nio.charset.StandardCharsets;
import java.util.Objects;
import java.util.function.Supplier;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.WebEndpoint;
import org.springframework.util.MimeType;

/**
 * {@code /actuator/vitals-status}: Vitals' human status page (HTML, no external assets, no scripts), rendered
 * from the monitor's latest report. An actuator endpoint, so it is served where Actuator is: under the
 * management base path, on the management port when {@code management.server.port} differs, for MVC and
 * WebFlux alike, and only when exposed ({@code management.endpoints.web.exposure.include}).
 *
 * <p>Probe messages and details are shown only with {@code vitals.http.details=always}, as on Vitals' own
 * {@code /status}; otherwise names, statuses and figures. Public because Actuator calls its operation;
 * thread-safe.
 */
@WebEndpoint(id = VitalsStatusEndpoint.ID)
public final class VitalsStatusEndpoint {

  /** The endpoint id, as in {@code management.endpoints.web.exposure.include}. */
  public static final String ID = "vitalsstatus";

  private static final MimeType HTML = MimeType.valueOf("text/html;charset=utf-8");

  private final Supplier<HealthReport> reports;
  private final Clock clock;
  private final boolean details;
  /** The page with the history's bars and incidents when a history store is configured. */
  private final StatusPage.WithHistory page;

  VitalsStatusEndpoint(Supplier<HealthReport> reports, Clock clock, boolean details,
      Supplier<java.util.Optional<dev.vitals.api.History>> history) {
    this.reports = Objects.requireNonNull(reports, "reports");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.details = details;
    this.page = StatusPage.withHistory(history, clock);
  }

  /**
   * Renders the page.
   *
   * @return {@code 200} with the page, or {@code 503} before the monitor's first report
   */
  @ReadOperation(produces = "text/html;charset=utf-8")
  public WebEndpointResponse<byte[]> page() {
    HealthReport report = reports.get();
    if (report == null) {
      return new WebEndpointResponse<>("no health report yet".getBytes(StandardCharsets.UTF_8),
          WebEndpointResponse.STATUS_SERVICE_UNAVAILABLE, HTML);
    }
    byte[] html = page.render(report, clock.instant(), details).getBytes(StandardCharsets.UTF_8);
    return new WebEndpointResponse<>(html, WebEndpointResponse.STATUS_OK, HTML);
  }
}
