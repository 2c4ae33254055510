package dev.vitals.exporter.http;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthReport;
import java.time.Instant;
import java.util.function.Supplier;

/**
 * Benchmarks only: reaches the HTTP exporter's package-private renderers. It lives in the exporter's
 * package inside the {@code jmh-benchmarks} module, which runs on the class path (never the module
 * path), so it sees exactly the code the endpoint runs. Stateless and thread-safe.
 */
public final class RenderBridge {

  private RenderBridge() {}

  /**
   * The {@code /health} JSON body of a report, as the endpoint renders it for a new report.
   *
   * @param report the report, not null
   * @param now the time the body states (uptime), not null
   * @param details whether checks carry their figures and data ({@code vitals.http.details=always})
   * @return the UTF-8 body
   */
  public static byte[] healthJson(HealthReport report, Instant now, boolean details) {
    return HealthJson.service(report, now, details);
  }

  /**
   * The {@code /health} body in the IETF draft format ({@code Accept: application/health+json}).
   *
   * @param report the report, not null
   * @param now the time the body states, not null
   * @param details whether checks carry their figures and data
   * @return the UTF-8 body
   */
  public static byte[] ietfHealthJson(HealthReport report, Instant now, boolean details) {
    return IetfHealthJson.service(report, now, report.status().isAvailable() ? 200 : 503, details);
  }

  /**
   * The endpoint's request logic without the socket: what {@code HttpEndpoint} runs for each request
   * once it has parsed it (routing, the per-report answer cache, rendering on a miss).
   *
   * @param reports where reports come from, usually {@code monitor::report}
   * @param details the details policy
   * @return a handle that answers requests
   */
  public static Served served(Supplier<HealthReport> reports, Details details) {
    ClassLoader loader = RenderBridge.class.getClassLoader();
    return new Served(new Responder(reports, Clock.system(), details, null,
        () -> Responder.findMetricsWriter(loader), StatusPage::render));
  }

  /** Answers requests as the endpoint does. Thread-safe. */
  public static final class Served {
    private final Responder responder;

    private Served(Responder responder) {
      this.responder = responder;
    }

    /**
     * Answers {@code GET path} without an {@code Accept} or {@code Authorization} header.
     *
     * @param path the request path, such as {@code /health} or {@code /metrics}
     * @return the body; the same array for as long as the report and the second do not change
     */
    public byte[] get(String path) {
      return responder.respond("GET", path, null, null).body;
    }

    /**
     * The status code of {@code GET path}.
     *
     * @param path the request path
     * @return the HTTP status code
     */
    public int status(String path) {
      return responder.respond("GET", path, null, null).status;
    }
  }
}
