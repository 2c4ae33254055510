package dev.vitals.exporter.http;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthReport;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The endpoint's answers without a server: a report rendered as the {@code /health} JSON (Vitals'
 * own format or the IETF draft's), as the status page, or answered per request path with the
 * endpoint's routing and per-report cache. The bytes are exactly those {@link HttpEndpoint} and
 * {@link HealthServlet} send, so a benchmark, a test or another server can use them.
 *
 * <p>Rendering never runs a probe and never blocks. Stateless and thread-safe; the render methods
 * return a new array or string, which the caller owns.
 */
public final class HealthRendering {

  private HealthRendering() {}

  /**
   * The {@code /health} JSON body of a report, in Vitals' format ({@code application/json}).
   *
   * @param report the report, not null
   * @param now the time the body states (uptime), not null
   * @param details true for what {@code vitals.http.details=always} shows (every check's figures,
   *     message and data, the trackers and objectives); false for names and statuses, the default
   * @return the UTF-8 body
   * @throws NullPointerException if {@code report} or {@code now} is null
   */
  public static byte[] healthJson(HealthReport report, Instant now, boolean details) {
    return HealthJson.service(Objects.requireNonNull(report, "report"), Objects.requireNonNull(now, "now"), details);
  }

  /**
   * The {@code /health} body in the IETF draft format ({@code application/health+json}), as sent to
   * a client that asks for it with {@code Accept}.
   *
   * @param report the report, not null
   * @param now the time the body states, not null
   * @param details whether checks carry their figures, message and data (see {@link #healthJson})
   * @return the UTF-8 body
   * @throws NullPointerException if {@code report} or {@code now} is null
   */
  public static byte[] ietfHealthJson(HealthReport report, Instant now, boolean details) {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(now, "now");
    return IetfHealthJson.service(report, now, report.status().isAvailable() ? 200 : 503, details);
  }

  /**
   * The status page ({@code /status}) of a report: one self-contained HTML document (styles
   * inline, no script) that refreshes itself every 10 seconds.
   *
   * @param report the report, not null
   * @param now the current time, for uptime, ages and the 24-hour bars, not null
   * @param details false to leave out every probe message, error, detail and transition message
   *     (names, statuses and figures remain), as the endpoint does with details off
   * @return the HTML document
   * @throws NullPointerException if {@code report} or {@code now} is null
   */
  public static String statusPage(HealthReport report, Instant now, boolean details) {
    return StatusPage.render(report, now, details);
  }

  /**
   * Answers {@code GET} requests as the endpoint does once it has read a request: routing
   * ({@code /health}, its groups and probes, {@code /metrics}, {@code /status}), the details
   * policy and the per-report answer cache, without a socket. {@code /metrics} needs a
   * {@link dev.vitals.api.spi.MetricsWriter} on the class path (such as {@code exporter-prometheus}),
   * found the first time it is asked for, as the endpoint finds it.
   *
   * @param reports where reports come from, usually {@code monitor::report}; a cheap read, not null
   * @param details the details policy; not {@link Details#AUTHORIZED}, which needs a token
   * @return answers for requests without {@code Accept} and {@code Authorization} headers, on the
   *     system clock
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if {@code details} is {@link Details#AUTHORIZED}
   */
  public static Answers answers(Supplier<HealthReport> reports, Details details) {
    return answers(reports, details, Clock.system());
  }

  /** {@link #answers(Supplier, Details)} on a given clock (the cache's second comes from it). */
  static Answers answers(Supplier<HealthReport> reports, Details details, Clock clock) {
    Objects.requireNonNull(reports, "reports");
    Objects.requireNonNull(details, "details");
    if (details == Details.AUTHORIZED) {
      throw new IllegalArgumentException("details AUTHORIZED needs a token; answers are for NEVER or ALWAYS");
    }
    return new Answers(new Responder(reports, clock, details, null, new MetricsLookup(), new PageRenderer()));
  }

  /**
   * Answers to {@code GET} requests, from {@link #answers(Supplier, Details)}. Thread-safe; the
   * answer to a path is rendered once per report and second, then served from the cache.
   */
  public static final class Answers {
    private final Responder responder;

    private Answers(Responder responder) {
      this.responder = responder;
    }

    /**
     * The body of {@code GET path}.
     *
     * @param path the request path as sent, such as {@code /health} or {@code /metrics}, not null
     * @return the body; the same array for as long as the report and the second do not change, so
     *     the caller must not modify it
     */
    public byte[] get(String path) {
      return responder.respond("GET", Objects.requireNonNull(path, "path"), null, null).body;
    }

    /**
     * The status code of {@code GET path}.
     *
     * @param path the request path as sent, not null
     * @return the HTTP status code, such as 200, 503 (a status that is not available) or 404
     */
    public int status(String path) {
      return responder.respond("GET", Objects.requireNonNull(path, "path"), null, null).status;
    }
  }

  /** Finds the metrics writer with this module's class loader, as the endpoint does. */
  private static final class MetricsLookup implements Supplier<Optional<dev.vitals.api.spi.MetricsWriter>> {
    @Override
    public Optional<dev.vitals.api.spi.MetricsWriter> get() {
      return Responder.findMetricsWriter(HealthRendering.class.getClassLoader());
    }
  }

  /** The status page as the endpoint renders it. */
  private static final class PageRenderer implements Responder.PageRenderer {
    @Override
    public String render(HealthReport report, Instant now, boolean showDetails, HistoryViews.Days history) {
      return StatusPage.render(report, now, showDetails, history);
    }
  }
}
