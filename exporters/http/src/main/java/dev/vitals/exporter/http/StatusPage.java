package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Formats.STAMP;
import static dev.vitals.exporter.http.Formats.duration;
import static dev.vitals.exporter.http.Formats.fmt1;
import static dev.vitals.exporter.http.Formats.millis;
import static dev.vitals.exporter.http.Formats.objectivePercent;
import static dev.vitals.exporter.http.Formats.percent;
import static dev.vitals.exporter.http.Html.esc;

import dev.vitals.api.HealthReport;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.ScoreBand;
import dev.vitals.api.SloReport;
import dev.vitals.api.Status;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import dev.vitals.api.spi.Config;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * Renders a {@link HealthReport} as the human status page served at {@code /status}: one
 * self-contained HTML document (inline CSS and SVG, no scripts, no external assets, no web fonts)
 * that refreshes itself every 10 seconds.
 *
 * <p>Every text that comes from a probe, tracker or objective (names, types, messages, errors, details,
 * transition messages, start-up problems) is HTML-escaped, in element content and in attributes.
 * The document also carries a Content-Security-Policy that forbids scripts, so even a mistake here
 * could not run injected code.
 *
 * <p>With a history store ({@code ExporterContext.history()}), the endpoint and the servlet add a 30- and a
 * 90-day uptime bar per probe and tracker (one mark per UTC day, with a tooltip per day) and the list of
 * incidents, read from the store at most once a minute ({@link UptimeBars}); without one the page is as it
 * was, with its bar of the last 24 hours.
 *
 * <p>This class lays out the sections; the uptime bar, sparkline and error-budget bar are
 * {@link Charts}, the probe's status over time is a {@link Timeline}, numbers, latencies and times are
 * written by {@link Formats}, text is escaped by {@link Html}, and the style sheet is the resource
 * {@code status-page.css}, read on the first render.
 *
 * <p>Stateless and thread-safe; rendering costs a few microseconds per probe. Public for hosts that serve
 * the page themselves (the Spring Boot starter's actuator endpoint); {@link HealthServlet} and
 * {@link HttpEndpoint} serve it at {@code /status}.
 */
public final class StatusPage {

  /** Seconds between the page's own refreshes. */
  static final int REFRESH_SECONDS = 10;

  private StatusPage() {}

  /**
   * Renders the whole page with every detail: messages, errors and the details probes report.
   *
   * @param report the report to show, not null
   * @param now the current time, for uptime, ages and the 24-hour bars, not null
   * @return the HTML document
   */
  static String render(HealthReport report, Instant now) {
    return render(report, now, true);
  }

  /**
   * Renders the page.
   *
   * @param report the report to show, not null
   * @param now the current time, for uptime, ages and the 24-hour bars, not null
   * @param showDetails false to leave out every probe message, error, detail and transition
   *     message (names, statuses and figures remain), as {@code /health} does with details off
   * @return the HTML document, with a Content-Security-Policy {@code meta} element that forbids scripts
   * @throws NullPointerException if {@code report} or {@code now} is null
   */
  public static String render(HealthReport report, Instant now, boolean showDetails) {
    return render(report, now, showDetails, null);
  }

  /**
   * A renderer of the page with the monitor's history: the 30- and 90-day bars and the incident list
   * when a history store is configured, read at most once a minute (as the endpoint reads it), for
   * hosts that serve the page themselves (the Spring Boot starter's {@code /actuator/vitals-status}).
   * Thread-safe.
   *
   * @param history the monitor's history, asked on each use (empty: no store, the page as without one)
   * @param clock the clock of the once-a-minute refresh
   * @return a renderer
   */
  public static WithHistory withHistory(java.util.function.Supplier<java.util.Optional<dev.vitals.api.History>> history,
      dev.vitals.api.Clock clock) {
    return new WithHistory(new HistoryViews(history, clock));
  }

  /** Renders the page with the monitor's history ({@link #withHistory}). Thread-safe. */
  public static final class WithHistory {
    private final HistoryViews views;

    private WithHistory(HistoryViews views) {
      this.views = views;
    }

    /**
     * Renders the page.
     *
     * @param report the report to show, not null
     * @param now the time the page is rendered at
     * @param showDetails whether messages and details are shown
     * @return the HTML page
     */
    public String render(HealthReport report, Instant now, boolean showDetails) {
      return StatusPage.render(report, now, showDetails, views.days(report).orElse(null));
    }
  }

  /**
   * Renders the page, with the history sections (30- and 90-day bars, incidents) when {@code history}
   * is given.
   *
   * @param history the history's days, or null without a history store
   */
  static String render(HealthReport report, Instant now, boolean showDetails, HistoryViews.Days history) {
    Objects.requireNonNull(report, "report");
    Objects.requireNonNull(now, "now");
    StringBuilder h = new StringBuilder(8192 + 4096 * report.probes().size());
    Status status = report.status();
    h.append("<!DOCTYPE html>\n<html lang=\"en\">\n<head>\n<meta charset=\"utf-8\">\n")
        .append("<meta http-equiv=\"refresh\" content=\"").append(REFRESH_SECONDS).append("\">\n")
        .append("<meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; "
            + "style-src 'unsafe-inline'; img-src data:; base-uri 'none'; form-action 'none'\">\n")
        .append("<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n")
        .append("<meta name=\"color-scheme\" content=\"light dark\">\n")
        .append("<meta name=\"robots\" content=\"noindex\">\n")
        .append("<title>").append(status.name()).append(" \u00b7 Vitals status</title>\n")
        .append("<style>").append(Style.CSS).append("</style>\n</head>\n<body>\n<main>\n");

    header(h, report, now);
    problems(h, report);
    probes(h, report, now, showDetails);
    trackers(h, report);
    if (history != null) {
      UptimeBars.render(h, history, showDetails);
    }
    objectives(h, report);

    h.append("<footer>Updated ").append(STAMP.format(now))
        .append(" \u00b7 figures from ").append(STAMP.format(report.time()))
        .append(" \u00b7 refreshes every ").append(REFRESH_SECONDS).append(" s")
        .append(" \u00b7 latency, error rate and p95 over the last 5 minutes")
        .append(" \u00b7 Vitals</footer>\n</main>\n</body>\n</html>\n");
    return h.toString();
  }

  // ---------------------------------------------------------------- sections

  private static void header(StringBuilder h, HealthReport report, Instant now) {
    Status status = report.status();
    h.append("<header class=\"hero s-").append(status.id()).append("\">\n")
        .append("<div class=\"hero-main\">").append(pill(status, "pill-lg"))
        .append("<h1>").append(headline(report)).append("</h1></div>\n")
        .append("<dl class=\"stats\">\n");
    stat(h, "Health score", "<span class=\"num " + scoreClass(report.score()) + "\">"
        + fmt1(report.score()) + "</span><span class=\"unit\"> / 100</span>");
    stat(h, "Uptime", esc(duration(report.uptime(now))));
    stat(h, "Cold start", report.coldStart()
        .map(d -> "<span class=\"" + (LatencyBudget.COLD_START.exceeds(d.toNanos()) ? "bad" : "") + "\">"
            + esc(millis(d.toNanos())) + "</span>")
        .orElse("<span class=\"muted\">not yet ready</span>"));
    stat(h, "Probes", probeCounts(report));
    h.append("</dl>\n<ul class=\"groups\" aria-label=\"Probe groups\">");
    for (ProbeKind kind : ProbeKind.values()) {
      h.append("<li><span class=\"group-name\">").append(groupName(kind)).append("</span> ")
          .append(pill(report.status(kind), "")).append("</li>");
    }
    h.append("</ul>\n</header>\n");
  }

  private static void stat(StringBuilder h, String label, String valueHtml) {
    h.append("<div><dt>").append(label).append("</dt><dd>").append(valueHtml).append("</dd></div>\n");
  }

  private static String probeCounts(HealthReport report) {
    if (report.probes().isEmpty()) {
      return "<span class=\"muted\">none</span>";
    }
    Map<Status, Integer> counts = new EnumMap<>(Status.class);
    int stale = 0;
    for (ProbeReport p : report.probes()) {
      counts.merge(p.status(), 1, Integer::sum);
      if (p.stale()) {
        stale++;
      }
    }
    StringBuilder s = new StringBuilder().append(report.probes().size());
    StringBuilder parts = new StringBuilder();
    for (Status st : new Status[] {Status.DOWN, Status.DEGRADED, Status.UNKNOWN, Status.UP}) {
      Integer n = counts.get(st);
      if (n != null && st != Status.UP) {
        parts.append(parts.length() == 0 ? "" : ", ").append(n).append(' ').append(st.id());
      }
    }
    if (stale > 0) {
      parts.append(parts.length() == 0 ? "" : ", ").append(stale).append(" stale");
    }
    if (parts.length() == 0) {
      parts.append("all up");
    }
    s.append("<span class=\"unit\"> (").append(parts).append(")</span>");
    return s.toString();
  }

  private static void problems(StringBuilder h, HealthReport report) {
    if (report.problems().isEmpty()) {
      return;
    }
    h.append("<section class=\"problems\" aria-label=\"Start-up problems\"><h2>Start-up problems</h2><ul>");
    for (String p : report.problems()) {
      h.append("<li>").append(esc(p)).append("</li>");
    }
    h.append("</ul></section>\n");
  }

  private static void probes(StringBuilder h, HealthReport report, Instant now, boolean showDetails) {
    h.append("<section aria-labelledby=\"probes\">\n<h2 id=\"probes\">Probes</h2>\n");
    if (report.probes().isEmpty()) {
      h.append("<p class=\"empty\">No probes registered.</p>\n</section>\n");
      return;
    }
    h.append("<div class=\"scroll\"><table class=\"probes\">\n<thead><tr>")
        .append("<th scope=\"col\">Probe</th><th scope=\"col\">Status</th>")
        .append("<th scope=\"col\" class=\"r\">Score</th><th scope=\"col\" class=\"r\">p95</th>")
        .append("<th scope=\"col\" class=\"r\">Errors</th><th scope=\"col\">Last 24 hours</th>")
        .append("<th scope=\"col\">Recent latency</th></tr></thead>\n<tbody>\n");
    for (ProbeReport p : report.probes()) {
      probeRow(h, p, now, showDetails);
    }
    h.append("</tbody></table></div>\n</section>\n");
  }

  private static void probeRow(StringBuilder h, ProbeReport p, Instant now, boolean showDetails) {
    h.append("<tr class=\"probe s-").append(p.status().id()).append(p.stale() ? " stale" : "")
        .append("\" data-probe=\"").append(esc(p.name())).append("\">\n");

    // name, type, groups, message, details
    h.append("<th scope=\"row\" class=\"name\"><div class=\"pname\">").append(esc(p.name())).append("</div>")
        .append("<div class=\"meta\">").append(esc(p.type()));
    for (ProbeKind k : ProbeKind.values()) {
      if (p.is(k)) {
        h.append(" \u00b7 ").append(k.id());
      }
    }
    h.append(p.critical() ? "" : " \u00b7 non-critical").append("</div>");
    if (showDetails) {
      p.lastResult().ifPresent(r -> resultText(h, r));
    }
    h.append("</th>\n");

    // status
    h.append("<td class=\"status\">").append(pill(p.status(), ""));
    if (p.stale()) {
      h.append(" <span class=\"badge badge-stale\" title=\"The latest result is older than twice the "
          + "interval\">STALE</span>");
    }
    if (p.regression()) {
      h.append(" <span class=\"badge badge-reg\" title=\"p95 more than 20 % above its baseline\">SLOWER</span>");
    }
    h.append("<div class=\"meta\"><span title=\"since ").append(STAMP.format(p.since())).append("\">for ")
        .append(esc(duration(Duration.between(p.since(), now)))).append("</span><br>");
    if (p.time().isPresent()) {
      Instant t = p.time().get();
      h.append("<span class=\"").append(p.stale() ? "stale-text" : "").append("\" title=\"latest result at ")
          .append(STAMP.format(t)).append("\">checked ").append(esc(duration(Duration.between(t, now))))
          .append(" ago</span>");
    } else {
      h.append("no result yet");
    }
    h.append("</div></td>\n");

    // figures
    WindowStats s = p.summary();
    h.append("<td class=\"r\">").append(p.lastResult().isEmpty() ? "<span class=\"muted\">\u2013</span>"
        : "<span class=\"num " + scoreClass(p.score()) + "\">" + fmt1(p.score()) + "</span>").append("</td>\n");
    h.append("<td class=\"r\">").append(s.count() == 0 ? "<span class=\"muted\">\u2013</span>"
        : "<span class=\"" + (p.budget().exceeds(s.p95Nanos()) ? "bad" : "") + "\">"
            + esc(millis(s.p95Nanos())) + "</span>")
        .append("<div class=\"meta\">budget ").append(esc(millis(p.budget().acceptableNanos())))
        .append("</div></td>\n");
    h.append("<td class=\"r\">").append(s.count() == 0 ? "<span class=\"muted\">\u2013</span>"
        : "<span class=\"" + (s.errorRate() > 0.05 ? "bad" : "") + "\">" + percent(s.errorRate()) + "</span>")
        .append("<div class=\"meta\">").append(s.errors()).append(" of ").append(s.count()).append("</div></td>\n");

    // uptime bar and sparkline
    h.append("<td class=\"bar\">");
    Charts.uptimeBar(h, p, now, showDetails);
    h.append("</td>\n<td class=\"spark\">");
    Charts.sparkline(h, p);
    h.append("</td>\n</tr>\n");
  }

  private static void resultText(StringBuilder h, ProbeResult r) {
    r.message().ifPresent(m -> h.append("<div class=\"msg\">").append(esc(m)).append("</div>"));
    r.error().filter(e -> !r.message().map(e::endsWith).orElse(false))
        .ifPresent(e -> h.append("<div class=\"msg err\">").append(esc(e)).append("</div>"));
    if (!r.details().isEmpty()) {
      h.append("<dl class=\"details\">");
      for (Map.Entry<String, Object> d : r.details().entrySet()) {
        h.append("<div><dt>").append(esc(d.getKey())).append("</dt><dd>")
            .append(esc(String.valueOf(d.getValue()))).append("</dd></div>");
      }
      h.append("</dl>");
    }
  }

  private static void trackers(StringBuilder h, HealthReport report) {
    h.append("<section aria-labelledby=\"trackers\">\n<h2 id=\"trackers\">Operations</h2>\n");
    if (report.trackers().isEmpty()) {
      h.append("<p class=\"empty\">No operations tracked.</p>\n</section>\n");
      return;
    }
    h.append("<div class=\"scroll\"><table class=\"trackers\">\n<thead><tr>")
        .append("<th scope=\"col\">Operation</th><th scope=\"col\" class=\"r\">Score</th>")
        .append("<th scope=\"col\" class=\"r\">Count</th><th scope=\"col\" class=\"r\">Error rate</th>")
        .append("<th scope=\"col\" class=\"r\">p50</th><th scope=\"col\" class=\"r\">p95</th>")
        .append("<th scope=\"col\" class=\"r\">p99</th><th scope=\"col\" class=\"r\">Available, 1 h</th>")
        .append("</tr></thead>\n<tbody>\n");
    for (TrackerReport t : report.trackers()) {
      WindowStats s = t.summary();
      h.append("<tr data-tracker=\"").append(esc(t.name())).append("\"><th scope=\"row\" class=\"name\">")
          .append("<div class=\"pname\">").append(esc(t.name())).append("</div>")
          .append("<div class=\"meta\">budget ").append(esc(millis(t.budget().targetNanos()))).append(" / ")
          .append(esc(millis(t.budget().acceptableNanos())));
      if (t.regression()) {
        h.append(" <span class=\"badge badge-reg\" title=\"p95 more than 20 % above its baseline\">SLOWER</span>");
      }
      h.append("</div></th>");
      h.append("<td class=\"r\"><span class=\"num ").append(scoreClass(t.score())).append("\">")
          .append(fmt1(t.score())).append("</span></td>");
      h.append("<td class=\"r\">").append(String.format(Locale.ROOT, "%,d", t.count()))
          .append("<div class=\"meta\">").append(String.format(Locale.ROOT, "%,d", t.errors()))
          .append(" failed</div></td>");
      h.append("<td class=\"r\"><span class=\"").append(s.errorRate() > 0.05 ? "bad" : "").append("\">")
          .append(percent(s.errorRate())).append("</span></td>");
      for (long v : new long[] {s.p50Nanos(), s.p95Nanos(), s.p99Nanos()}) {
        h.append("<td class=\"r\"><span class=\"").append(t.budget().exceeds(v) ? "bad" : "").append("\">")
            .append(s.count() == 0 ? "\u2013" : esc(millis(v))).append("</span></td>");
      }
      Double a = t.availability().get("1h");
      h.append("<td class=\"r\">").append(a == null ? "\u2013" : percent(a)).append("</td></tr>\n");
    }
    h.append("</tbody></table></div>\n</section>\n");
  }

  /**
   * The service-level objectives, only when the report has any: target, compliance, the error budget
   * left as a bar, and the burn rates.
   */
  private static void objectives(StringBuilder h, HealthReport report) {
    if (report.slos().isEmpty()) {
      return;
    }
    h.append("<section aria-labelledby=\"objectives\">\n<h2 id=\"objectives\">Objectives</h2>\n")
        .append("<div class=\"scroll\"><table class=\"objectives\">\n<thead><tr>")
        .append("<th scope=\"col\">Objective</th><th scope=\"col\" class=\"r\">Target</th>")
        .append("<th scope=\"col\" class=\"r\">Compliance</th><th scope=\"col\">Error budget left</th>")
        .append("<th scope=\"col\">Burn rate</th></tr></thead>\n<tbody>\n");
    for (SloReport s : report.slos()) {
      h.append("<tr data-slo=\"").append(esc(s.name())).append("\"><th scope=\"row\" class=\"name\">")
          .append("<div class=\"pname\">").append(esc(s.name())).append("</div>")
          .append("<div class=\"meta\">").append(esc(s.tracker()));
      s.latencyThreshold().ifPresent(d -> h.append(" \u00b7 within ").append(esc(millis(d.toNanos()))));
      h.append(" \u00b7 ").append(esc(Config.formatDuration(s.window()))).append("</div></th>");
      h.append("<td class=\"r\"><span class=\"num\">").append(objectivePercent(s.objective()))
          .append("</span></td>");
      h.append("<td class=\"r\"><span class=\"").append(s.compliance() < s.objective() ? "bad" : "")
          .append("\">").append(s.total() == 0 ? "\u2013" : percent(s.compliance())).append("</span>")
          .append("<div class=\"meta\">").append(String.format(Locale.ROOT, "%,d", s.bad())).append(" bad of ")
          .append(String.format(Locale.ROOT, "%,d", s.total())).append("</div></td>");
      h.append("<td class=\"budget\">");
      Charts.budgetBar(h, s);
      h.append("</td><td class=\"burn\">");
      burnRates(h, s);
      h.append("</td></tr>\n");
    }
    h.append("</tbody></table></div>\n<p class=\"meta note\">Burn rate: how fast the error budget is being "
        + "spent; 1\u00d7 spends it exactly over the objective\u2019s window.</p>\n</section>\n");
  }

  private static void burnRates(StringBuilder h, SloReport s) {
    h.append("<dl class=\"rates\">");
    for (Map.Entry<String, Double> e : s.burnRates().entrySet()) {
      double v = e.getValue() == null ? Double.NaN : e.getValue();
      String level = !(v > 1) ? "" : v >= 14.4 ? "bad" : "warn";
      h.append("<div><dt>").append(esc(e.getKey())).append("</dt><dd class=\"").append(level).append("\">")
          .append(Double.isNaN(v) ? "\u2013" : String.format(Locale.ROOT, v < 10 ? "%.2f\u00d7" : "%.1f\u00d7", v))
          .append("</dd></div>");
    }
    h.append("</dl>");
  }

  // ---------------------------------------------------------------- small parts

  private static String pill(Status s, String extraClass) {
    String symbol;
    switch (s) {
      case UP:
        symbol = "\u2713";
        break;
      case DEGRADED:
        symbol = "!";
        break;
      case DOWN:
        symbol = "\u2715";
        break;
      default:
        symbol = "?";
        break;
    }
    return "<span class=\"pill s-" + s.id() + (extraClass.isEmpty() ? "" : " " + extraClass)
        + "\"><span aria-hidden=\"true\">" + symbol + "</span> " + s.name() + "</span>";
  }

  /**
   * The headline, HTML: from the service's status, and, when it is {@code UP}, from the scores shown
   * below it, so that it never says "All systems operational" above a score in red or amber. It names
   * up to three subjects (probes with a result, trackers with operations) whose score is in the bad
   * band, or else that need attention (score in the attention band, or a stale probe).
   */
  static String headline(HealthReport report) {
    switch (report.status()) {
      case DEGRADED:
        return "Degraded: working, with problems";
      case DOWN:
        return "Service down";
      case UNKNOWN:
        return "Waiting for first results";
      default:
        break;
    }
    List<String> bad = new ArrayList<>();
    List<String> attention = new ArrayList<>();
    for (ProbeReport p : report.probes()) {
      if (p.lastResult().isPresent()) {
        ScoreBand band = ScoreBand.of(p.score());
        if (band == ScoreBand.BAD) {
          bad.add(p.name());
        } else if (band == ScoreBand.ATTENTION || p.stale()) {
          attention.add(p.name());
        }
      }
    }
    for (TrackerReport t : report.trackers()) {
      if (t.count() > 0) {
        ScoreBand band = ScoreBand.of(t.score());
        if (band == ScoreBand.BAD) {
          bad.add(t.name());
        } else if (band == ScoreBand.ATTENTION) {
          attention.add(t.name());
        }
      }
    }
    if (!bad.isEmpty()) {
      return "Operational, with problems: " + names(bad);
    }
    if (!attention.isEmpty()) {
      return "Operational, needs attention: " + names(attention);
    }
    return "All systems operational";
  }

  /** Up to three names, escaped, then how many more. */
  private static String names(List<String> names) {
    StringBuilder s = new StringBuilder();
    int shown = Math.min(3, names.size());
    for (int i = 0; i < shown; i++) {
      s.append(i == 0 ? "" : ", ").append(esc(names.get(i)));
    }
    if (names.size() > shown) {
      s.append(" and ").append(names.size() - shown).append(" more");
    }
    return s.toString();
  }

  private static String groupName(ProbeKind k) {
    switch (k) {
      case LIVENESS:
        return "Liveness";
      case READINESS:
        return "Readiness";
      default:
        return "Startup";
    }
  }

  /** The CSS class of a score: its {@link ScoreBand}, green, amber or red. */
  private static String scoreClass(double score) {
    switch (ScoreBand.of(score)) {
      case HEALTHY:
        return "good";
      case ATTENTION:
        return "warn";
      default:
        return "bad";
    }
  }

  /**
   * The page's style sheet: the resource {@code status-page.css} beside this class, read once, on the
   * first render (a holder class, so neither the class path nor the jar is read while a monitor starts).
   */
  private static final class Style {
    static final String CSS = load();

    private static String load() {
      try (InputStream in = StatusPage.class.getResourceAsStream("status-page.css")) {
        if (in == null) {
          throw new IllegalStateException("dev/vitals/exporter/http/status-page.css is missing from exporter-http");
        }
        String css = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        return css.endsWith("\n") ? css.substring(0, css.length() - 1) : css;
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read dev/vitals/exporter/http/status-page.css", e);
      }
    }
  }
}
