package dev.vitals.exporter.http;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthReport;
import dev.vitals.api.History;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.Redaction;
import dev.vitals.api.Status;
import dev.vitals.api.spi.MetricsWriter;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.Iterator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.Supplier;

/**
 * Turns a request (method, path relative to the mount, {@code Accept} and {@code Authorization}
 * headers) into a {@link Response}: the routing, status codes, content negotiation and details
 * policy shared by the JDK server and the servlet, so both serve the same bytes.
 *
 * <p><b>Cost per request.</b> Answers are rendered from the latest report only, never by running a
 * probe, and are kept per (report, second, path, format, details level): while the report is the same
 * object and the wall clock is in the same second (uptime is shown to the second), a request costs a
 * supplier call, a clock read, a few comparisons and an array read. A new report or a new second
 * renders each answer again on first use.
 *
 * <p>Thread-safe. Two threads may render the same answer at once; both results are equal and either
 * is kept.
 */
final class Responder {

  static final int SERVICE = 0;
  static final int LIVENESS = 1;
  static final int READINESS = 2;
  static final int STARTUP = 3;
  private static final int PROBE = 4;
  private static final int METRICS = 5;
  private static final int STATUS_PAGE = 6;
  private static final int HISTORY = 7;
  private static final int BADGE = 8;
  private static final int SERVICE_BADGE = 9;
  private static final int NONE = -1;

  private static final ProbeKind[] KINDS = {null, ProbeKind.LIVENESS, ProbeKind.READINESS, ProbeKind.STARTUP};

  static final Response NOT_FOUND = Response.text(404,
      "Not Found: the paths are /health, /health/live, /health/ready, /health/started, /health/{probe}, /metrics, "
          + "/status, /history/{name}, /badge and /badge/{name}");
  static final Response NO_SUCH_PROBE = Response.text(404, "Not Found: no probe with that name");
  static final Response METHOD_NOT_ALLOWED = new Response(405, Response.TEXT,
      "Method Not Allowed: use GET or HEAD\n".getBytes(StandardCharsets.UTF_8), Response.ALLOW, null, null);
  static final Response NO_METRICS_WRITER = Response.text(404,
      "Not Found: no metrics writer on the class path; add the exporter-prometheus module "
          + "(dev.vitals:exporter-prometheus) to serve /metrics");
  static final Response NO_REPORT = Response.text(503, "Service Unavailable: no health report yet");
  static final Response NO_STATUS_PAGE = Response.text(404, "Not Found: no status page in this build");
  static final Response INTERNAL_ERROR = Response.text(500, "Internal Server Error");

  private final Supplier<HealthReport> reports;
  private final Clock clock;
  private final Details details;
  private final byte[] tokenHash;
  private final Supplier<Optional<MetricsWriter>> metricsLookup;
  private final PageRenderer statusPage;
  private final HistoryViews historyViews;
  private final HistoryAnswer historyAnswer = new HistoryAnswer();
  private volatile Optional<MetricsWriter> metricsWriter;
  private volatile Snapshot snapshot;

  /**
   * @param reports the latest report, a cheap read
   * @param clock the wall clock for uptime and "now"
   * @param details the details policy
   * @param token the token for {@link Details#AUTHORIZED}, null otherwise
   * @param metricsLookup finds the metrics writer, called once on the first {@code /metrics} request
   * @param statusPage renders the status page, or null when there is none
   */
  Responder(Supplier<HealthReport> reports, Clock clock, Details details, String token,
      Supplier<Optional<MetricsWriter>> metricsLookup, PageRenderer statusPage) {
    this(reports, clock, details, token, metricsLookup, statusPage, Optional::empty);
  }

  /**
   * @param history the monitor's history, asked on each use that needs it (empty: no store); read off the
   *     caller's path only for {@code /history}, {@code /badge} and {@code /status}
   */
  Responder(Supplier<HealthReport> reports, Clock clock, Details details, String token,
      Supplier<Optional<MetricsWriter>> metricsLookup, PageRenderer statusPage,
      Supplier<Optional<History>> history) {
    this.reports = Objects.requireNonNull(reports, "reports");
    this.clock = Objects.requireNonNull(clock, "clock");
    this.details = Objects.requireNonNull(details, "details");
    if (details == Details.AUTHORIZED && (token == null || token.isBlank())) {
      throw new IllegalArgumentException("details AUTHORIZED needs a token");
    }
    this.tokenHash = details == Details.AUTHORIZED ? sha256(token.trim()) : null;
    this.metricsLookup = Objects.requireNonNull(metricsLookup, "metricsLookup");
    this.statusPage = statusPage;
    this.historyViews = new HistoryViews(Objects.requireNonNull(history, "history"), clock);
  }

  /** The answer to one request without a query string; see {@link #respond(String, String, String, String, String)}. */
  Response respond(String method, String path, String accept, String authorization) {
    return respond(method, path, null, accept, authorization);
  }

  /**
   * The answer to one request.
   *
   * @param method the request method, as sent
   * @param path the path relative to the mount as sent, not percent-decoded, such as
   *     {@code /health/ready}; null when it cannot be routed (answered {@code 404})
   * @param rawQuery the query string as sent, not percent-decoded, or null; only {@code /history} reads it
   * @param accept the {@code Accept} header, or null
   * @param authorization the {@code Authorization} header, or null
   * @return the answer, never null; for {@code HEAD} the caller sends its headers only
   */
  Response respond(String method, String path, String rawQuery, String accept, String authorization) {
    int route = route(path);
    if (route == NONE) {
      return NOT_FOUND;
    }
    if (!"GET".equals(method) && !"HEAD".equals(method)) {
      return METHOD_NOT_ALLOWED;
    }
    try {
      HealthReport report = reports.get();
      if (report == null) {
        return NO_REPORT;
      }
      Snapshot s = snapshot(report);
      switch (route) {
        case PROBE:
          return probe(s, path.substring("/health/".length()), isHealthJson(accept), isFull(authorization));
        case METRICS:
          return metrics(s, accept);
        case STATUS_PAGE:
          return statusPage(s, authorization);
        case HISTORY:
          return historyAnswer.answer(historyViews.history(), path.substring("/history/".length()), rawQuery,
              clock.instant(), isFull(authorization));
        case BADGE:
          return Badge.answer(report, path.substring("/badge/".length()), historyViews.days(report));
        case SERVICE_BADGE:
          return Badge.answer(report, null, historyViews.days(report));
        default:
          return fixed(s, route, isHealthJson(accept), isFull(authorization));
      }
    } catch (RuntimeException e) {
      // the path is the client's text: it stays out of the log
      Log.LOG.warn("Failed to answer a health request: {}", Redaction.redact(e.toString()));
      return INTERNAL_ERROR;
    }
  }

  static int route(String path) {
    if (path == null) {
      return NONE;
    }
    switch (path) {
      case "/health":
        return SERVICE;
      case "/health/live":
        return LIVENESS;
      case "/health/ready":
        return READINESS;
      case "/health/started":
        return STARTUP;
      case "/metrics":
        return METRICS;
      case "/status":
        return STATUS_PAGE;
      case "/badge":
        return SERVICE_BADGE;
      default:
        if (path.startsWith("/health/") && path.length() > "/health/".length()) {
          return PROBE;
        }
        if (path.startsWith("/history/") && path.length() > "/history/".length()) {
          return HISTORY;
        }
        return path.startsWith("/badge/") && path.length() > "/badge/".length() ? BADGE : NONE;
    }
  }

  private Snapshot snapshot(HealthReport report) {
    long second = Math.floorDiv(clock.wallTimeMillis(), 1000L);
    Snapshot s = snapshot;
    if (s == null || s.report != report || s.second != second) {
      s = new Snapshot(report, second);
      snapshot = s;
    }
    return s;
  }

  private Response fixed(Snapshot s, int target, boolean ietf, boolean full) {
    int index = target * 4 + (ietf ? 2 : 0) + (full ? 1 : 0);
    Response r = s.fixed.get(index);
    if (r == null) {
      r = renderFixed(s, target, ietf, full);
      s.fixed.lazySet(index, r);
    }
    return r;
  }

  private static Response renderFixed(Snapshot s, int target, boolean ietf, boolean full) {
    HealthReport report = s.report;
    Instant now = s.now();
    if (target == SERVICE) {
      int code = report.status().isAvailable() ? 200 : 503;
      return ietf
          ? new Response(code, Response.HEALTH_JSON, IetfHealthJson.service(report, now, code, full))
          : new Response(code, Response.JSON, HealthJson.service(report, now, full));
    }
    ProbeKind kind = KINDS[target];
    if (kind == ProbeKind.LIVENESS && report.stalled(now)) {
      // the engine's heartbeat: a monitor whose scheduler has published nothing for three rotations is stuck,
      // however healthy its last report looked; liveness answers DOWN (HealthReport#nextReportBy)
      report = stalledLiveness(report);
    }
    Status status = report.status(kind);
    // Before a first result a liveness probe is UNKNOWN, and a process that has not yet checked
    // itself must not be restarted for it: only DOWN fails liveness.
    boolean ok = kind == ProbeKind.LIVENESS ? status != Status.DOWN : status.isAvailable();
    int code = ok ? 200 : 503;
    return ietf
        ? new Response(code, Response.HEALTH_JSON, IetfHealthJson.group(report, kind, now, code, full))
        : new Response(code, Response.JSON, HealthJson.group(report, kind, now, full));
  }

  /** The report with its liveness group DOWN and the reason among its problems. */
  private static HealthReport stalledLiveness(HealthReport report) {
    java.util.EnumMap<ProbeKind, Status> groups = new java.util.EnumMap<>(ProbeKind.class);
    for (ProbeKind k : ProbeKind.values()) {
      groups.put(k, report.status(k));
    }
    groups.put(ProbeKind.LIVENESS, Status.DOWN);
    java.util.List<String> problems = new java.util.ArrayList<>(report.problems());
    problems.add("the monitor has published no report since " + report.time() + ": its scheduler is stalled");
    return report.toBuilder().groups(groups).problems(problems).build();
  }

  private static Response probe(Snapshot s, String name, boolean ietf, boolean full) {
    ConcurrentHashMap<String, Response> cache = s.probes.get((ietf ? 2 : 0) + (full ? 1 : 0));
    Response r = cache.get(name);
    if (r != null) {
      return r;
    }
    Optional<ProbeReport> probe = s.report.probe(name);
    if (probe.isEmpty()) {
      return NO_SUCH_PROBE; // unknown names are not kept: a scan of random paths costs no memory
    }
    ProbeReport p = probe.get();
    int code = p.status().isAvailable() ? 200 : 503;
    r = ietf
        ? new Response(code, Response.HEALTH_JSON, IetfHealthJson.probe(s.report, p, s.now(), code, full))
        : new Response(code, Response.JSON, HealthJson.probe(p, full));
    cache.put(name, r);
    return r;
  }

  private Response metrics(Snapshot s, String accept) {
    Optional<MetricsWriter> writer = metricsWriter;
    if (writer == null) {
      writer = metricsLookup.get();
      metricsWriter = writer;
    }
    if (writer.isEmpty()) {
      return NO_METRICS_WRITER;
    }
    MetricsWriter w = writer.get();
    if (w instanceof Unavailable) {
      return ((Unavailable) w).answer;
    }
    String contentType = w.contentType(accept);
    Response r = s.metrics.get(contentType);
    if (r == null) {
      ByteArrayOutputStream out = new ByteArrayOutputStream(4096);
      try {
        w.write(s.report, s.now(), contentType, out);
      } catch (IOException e) {
        Log.LOG.warn("The metrics writer failed: {}", Redaction.redact(e.toString()));
        return INTERNAL_ERROR;
      }
      r = new Response(200, contentType, out.toByteArray());
      s.metrics.put(contentType, r);
    }
    return r;
  }

  private Response statusPage(Snapshot s, String authorization) {
    if (statusPage == null) {
      return NO_STATUS_PAGE;
    }
    // without details the page still shows names, statuses and figures, but no messages or details
    boolean full = isFull(authorization);
    Response r = full ? s.page : s.reducedPage;
    if (r == null) {
      HistoryViews.Days days = historyViews.days(s.report).orElse(null);
      byte[] html = statusPage.render(s.report, s.now(), full, days).getBytes(StandardCharsets.UTF_8);
      r = new Response(200, Response.HTML, html, null, null, Response.PAGE_POLICY);
      if (full) {
        s.page = r;
      } else {
        s.reducedPage = r;
      }
    }
    return r;
  }

  /** Renders the status page; {@code StatusPage::render} in production. */
  @FunctionalInterface
  interface PageRenderer {
    /** @param history the history's days, or null without a history store */
    String render(HealthReport report, Instant now, boolean showDetails, HistoryViews.Days history);
  }

  private boolean isFull(String authorization) {
    switch (details) {
      case ALWAYS:
        return true;
      case AUTHORIZED:
        return authorized(authorization);
      default:
        return false;
    }
  }

  /**
   * Whether a request's {@code Authorization} header carries the token. Both sides are hashed first,
   * and the hashes compared with {@link MessageDigest#isEqual}, so the time taken tells nothing of
   * the token, not even its length.
   */
  private boolean authorized(String authorization) {
    if (authorization == null || authorization.length() < 8
        || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      return false;
    }
    String presented = authorization.substring(7).trim();
    return MessageDigest.isEqual(tokenHash, sha256(presented));
  }

  static boolean isHealthJson(String accept) {
    if (accept == null) {
      return false;
    }
    String wanted = Response.HEALTH_JSON;
    int last = accept.length() - wanted.length();
    for (int i = 0; i <= last; i++) {
      if (accept.regionMatches(true, i, wanted, 0, wanted.length())) {
        return true;
      }
    }
    return false;
  }

  private static byte[] sha256(String text) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every Java platform", e);
    }
  }

  /**
   * Finds the first {@link MetricsWriter} with {@link ServiceLoader}, skipping (and logging) a
   * provider that fails to load.
   */
  static Optional<MetricsWriter> findMetricsWriter(ClassLoader loader) {
    Iterator<MetricsWriter> it = ServiceLoader.load(MetricsWriter.class, loader).iterator();
    String failure = null;
    for (int attempt = 0; attempt < 100; attempt++) {
      try {
        if (!it.hasNext()) {
          break;
        }
        return Optional.of(it.next());
      } catch (ServiceConfigurationError e) {
        failure = loadFailure(e);
        Log.LOG.error("Skipping a metrics writer that failed to load: {}", failure);
      }
    }
    return failure == null ? Optional.empty() : Optional.of(new Unavailable(failure));
  }

  /**
   * Stands for a metrics writer that is on the class path but failed to load (exporter-prometheus beside
   * an unsupported Prometheus client): {@code /metrics} answers 500 with the reason, not a 404 saying no
   * writer is there.
   */
  static final class Unavailable implements MetricsWriter {
    final Response answer;

    Unavailable(String reason) {
      this.answer = Response.text(500, "Internal Server Error: the metrics writer on the class path failed to load: "
          + reason);
    }

    @Override
    public String contentType(String accept) {
      return Response.TEXT;
    }

    @Override
    public void write(HealthReport report, Instant now, String contentType, OutputStream out) throws IOException {
      throw new IOException("the metrics writer failed to load");
    }
  }

  /**
   * What a provider that failed to load says, its cause included: a writer that refuses its environment
   * (exporter-prometheus beside an unsupported Prometheus client) explains why in the cause's message.
   */
  static String loadFailure(ServiceConfigurationError e) {
    String text = String.valueOf(e.getMessage());
    Throwable cause = e.getCause();
    if (cause != null && cause.getMessage() != null) {
      text += ": " + cause.getMessage();
    }
    return Redaction.redact(text);
  }

  /** The answers rendered for one report in one second. */
  private static final class Snapshot {
    final HealthReport report;
    final long second;
    final AtomicReferenceArray<Response> fixed = new AtomicReferenceArray<>(16);
    /** One-probe answers by name, per (format, details level). */
    final List<ConcurrentHashMap<String, Response>> probes = List.of(new ConcurrentHashMap<>(),
        new ConcurrentHashMap<>(), new ConcurrentHashMap<>(), new ConcurrentHashMap<>());
    final ConcurrentHashMap<String, Response> metrics = new ConcurrentHashMap<>(4);
    volatile Response page;
    volatile Response reducedPage;

    Snapshot(HealthReport report, long second) {
      this.report = report;
      this.second = second;
    }

    Instant now() {
      return Instant.ofEpochSecond(second);
    }
  }
}
