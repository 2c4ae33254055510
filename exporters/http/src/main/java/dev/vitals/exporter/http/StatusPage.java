package dev.vitals.exporter.http;

import dev.vitals.api.HealthReport;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.ScoreBand;
import dev.vitals.api.SloReport;
import dev.vitals.api.Status;
import dev.vitals.api.StatusTransition;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import dev.vitals.api.spi.Config;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Comparator;
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
 * <p>Stateless and thread-safe; rendering costs a few microseconds per probe.
 */
final class StatusPage {

  /** Seconds between the page's own refreshes. */
  static final int REFRESH_SECONDS = 10;

  private static final Duration DAY = Duration.ofHours(24);
  private static final DateTimeFormatter DATE =
      DateTimeFormatter.ofPattern("yyyy-MM-dd", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK =
      DateTimeFormatter.ofPattern("HH:mm", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter CLOCK_SECONDS =
      DateTimeFormatter.ofPattern("HH:mm:ss", Locale.ROOT).withZone(ZoneOffset.UTC);
  private static final DateTimeFormatter STAMP =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);
  /** Width of the uptime bar's SVG coordinate system, whatever the span it shows. */
  private static final double BAR_WIDTH = 1000.0;
  private static final int SPARK_WIDTH = 160;
  private static final int SPARK_HEIGHT = 36;

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
   * @return the HTML document
   */
  static String render(HealthReport report, Instant now, boolean showDetails) {
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
        .append("<style>").append(CSS).append("</style>\n</head>\n<body>\n<main>\n");

    header(h, report, now);
    problems(h, report);
    probes(h, report, now, showDetails);
    trackers(h, report);
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
    uptimeBar(h, p, now, showDetails);
    h.append("</td>\n<td class=\"spark\">");
    sparkline(h, p);
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
      budgetBar(h, s);
      h.append("</td><td class=\"burn\">");
      burnRates(h, s);
      h.append("</td></tr>\n");
    }
    h.append("</tbody></table></div>\n<p class=\"meta note\">Burn rate: how fast the error budget is being "
        + "spent; 1\u00d7 spends it exactly over the objective\u2019s window.</p>\n</section>\n");
  }

  private static void budgetBar(StringBuilder h, SloReport s) {
    double left = s.errorBudgetRemaining();
    double width = Math.max(0, Math.min(1, left)) * 100;
    String level = left >= 0.5 ? "good" : left >= 0.2 ? "warn" : "bad";
    String text = left < 0 ? "overspent (" + percent(left) + ")" : percent(left);
    String label = "Error budget of " + s.name() + ": " + text + " left";
    h.append("<svg class=\"budget-bar\" viewBox=\"0 0 100 10\" preserveAspectRatio=\"none\" role=\"img\" ")
        .append("aria-label=\"").append(esc(label)).append("\"><title>").append(esc(label)).append("</title>")
        .append("<rect class=\"budget-track\" x=\"0\" y=\"0\" width=\"100\" height=\"10\"/>")
        .append("<rect class=\"budget-fill ").append(level).append("\" x=\"0\" y=\"0\" width=\"")
        .append(fmt2(width)).append("\" height=\"10\"/></svg>")
        .append("<div class=\"meta\"><span class=\"").append(level).append("\">").append(esc(text))
        .append("</span></div>");
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

  /** An objective in percent with up to three decimals: {@code 99.9 %}, {@code 99.95 %}, {@code 99 %}. */
  static String objectivePercent(double ratio) {
    BigDecimal pct = BigDecimal.valueOf(ratio).movePointRight(2).setScale(3, RoundingMode.HALF_UP)
        .stripTrailingZeros();
    return (pct.scale() < 0 ? pct.setScale(0) : pct).toPlainString() + " %";
  }

  // ---------------------------------------------------------------- uptime bar

  /** A stretch of time in one status, for the uptime bar. */
  static final class Segment {
    final Status status;
    final Instant start;
    final Instant end;
    final String message;

    Segment(Status status, Instant start, Instant end, String message) {
      this.status = status;
      this.start = start;
      this.end = end;
      this.message = message;
    }

    @Override
    public String toString() {
      return status + "[" + start + ".." + end + ")";
    }
  }

  /**
   * The statuses of a probe over {@code [from, to)}: built from its transitions and from
   * {@link ProbeReport#since()}; before the first known change, {@link Status#UNKNOWN}.
   *
   * @param p the probe
   * @param from the start of the span
   * @param to the end of the span, usually now
   * @return the segments, in time order, adjacent, covering the span
   */
  static List<Segment> timeline(ProbeReport p, Instant from, Instant to) {
    List<StatusTransition> points = new ArrayList<>(p.history());
    points.sort(Comparator.comparing(StatusTransition::at));
    StatusTransition last = points.isEmpty() ? null : points.get(points.size() - 1);
    if (last == null || last.to() != p.status()) {
      Instant at = last == null || p.since().isAfter(last.at()) ? p.since() : last.at();
      points.add(new StatusTransition(last == null ? Status.UNKNOWN : last.to(), p.status(), at, ""));
    }
    List<Segment> out = new ArrayList<>();
    Status cur = Status.UNKNOWN;
    String msg = "";
    Instant curStart = from;
    for (StatusTransition t : points) {
      if (!t.at().isAfter(from)) {
        cur = t.to();
        msg = t.message();
        continue;
      }
      if (!t.at().isBefore(to)) {
        break;
      }
      if (t.to() != cur) {
        add(out, cur, curStart, t.at(), msg);
        cur = t.to();
        curStart = t.at();
      }
      msg = t.message();
    }
    add(out, cur, curStart, to, msg);
    return out;
  }

  private static void add(List<Segment> out, Status status, Instant start, Instant end, String msg) {
    if (end.isAfter(start)) {
      out.add(new Segment(status, start, end, msg));
    }
  }

  /**
   * The observed part of a timeline: without the stretch of {@link Status#UNKNOWN} it starts with,
   * which is time before the probe's first result (or before the process started), not time observed.
   *
   * @param timeline segments from {@link #timeline}
   * @return the segments from the first known status on; empty when there is none
   */
  static List<Segment> observed(List<Segment> timeline) {
    int first = 0;
    while (first < timeline.size() && timeline.get(first).status == Status.UNKNOWN) {
      first++;
    }
    return timeline.subList(first, timeline.size());
  }

  /**
   * A time range for people, forward and dated, in UTC: {@code 2026-11-27 17:19–17:21 UTC}, with the
   * second date when the range crosses midnight and seconds when it starts and ends in the same minute.
   *
   * @param start the start, not after {@code end}
   * @param end the end
   * @return the range
   */
  static String range(Instant start, Instant end) {
    DateTimeFormatter clock = CLOCK.format(start).equals(CLOCK.format(end))
        && DATE.format(start).equals(DATE.format(end)) ? CLOCK_SECONDS : CLOCK;
    String from = DATE.format(start) + ' ' + clock.format(start);
    if (DATE.format(start).equals(DATE.format(end))) {
      return from + '\u2013' + clock.format(end) + " UTC";
    }
    return from + " \u2013 " + DATE.format(end) + ' ' + clock.format(end) + " UTC";
  }

  /**
   * The availability bar of the last 24 hours, drawn over the time observed only: when the probe's
   * first result is younger than 24 hours, the bar spans from that result to now (its axis says how
   * long), so a minute of data is never a sliver next to a day of grey.
   */
  private static void uptimeBar(StringBuilder h, ProbeReport p, Instant now, boolean showDetails) {
    Instant dayAgo = now.minus(DAY);
    List<Segment> segs = observed(timeline(p, dayAgo, now));
    Double avail = p.availability().get("24h");
    if (segs.isEmpty()) {
      h.append("<svg class=\"uptime\" viewBox=\"0 0 ").append((int) BAR_WIDTH)
          .append(" 24\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
          .append(esc("No results from " + p.name() + " yet")).append("\"></svg><div class=\"axis\">")
          .append("<span>no results yet</span><span>now</span></div>");
      return;
    }
    Instant from = segs.get(0).start;
    boolean wholeDay = !from.isAfter(dayAgo);
    double spanNanos = Duration.between(from, now).toNanos();
    String span = wholeDay ? "24 hours" : duration(Duration.between(from, now));
    String label = "Last " + span + " of " + p.name()
        + (wholeDay ? "" : " (observed since " + STAMP.format(from) + ")") + ": "
        + (avail == null ? "availability unknown" : percent(avail) + " available");
    h.append("<svg class=\"uptime\" viewBox=\"0 0 ").append((int) BAR_WIDTH)
        .append(" 24\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"").append(esc(label)).append("\">");
    // Healthy and unknown stretches first, problems on top with a minimum width, so a short outage
    // in a long day stays visible.
    for (int pass = 0; pass < 2; pass++) {
      for (Segment s : segs) {
        boolean problem = s.status == Status.DOWN || s.status == Status.DEGRADED;
        if (problem != (pass == 1)) {
          continue;
        }
        double x = Duration.between(from, s.start).toNanos() / spanNanos * BAR_WIDTH;
        double w = Duration.between(s.start, s.end).toNanos() / spanNanos * BAR_WIDTH;
        if (problem && w < 4) {
          x = Math.max(0, Math.min(x, BAR_WIDTH - 4));
          w = 4;
        }
        h.append("<rect class=\"seg-").append(s.status.id()).append("\" x=\"").append(fmt2(x))
            .append("\" y=\"0\" width=\"").append(fmt2(w)).append("\" height=\"24\"><title>")
            .append(s.status.name()).append(' ').append(range(s.start, s.end)).append(" (")
            .append(esc(duration(Duration.between(s.start, s.end)))).append(s.end.equals(now) ? ", until now" : "")
            .append(')');
        if (showDetails && !s.message.isEmpty()) {
          h.append(": ").append(esc(s.message));
        }
        h.append("</title></rect>");
      }
    }
    h.append("</svg><div class=\"axis\">");
    if (wholeDay) {
      h.append("<span>24 h ago</span>");
    } else {
      h.append("<span title=\"observed since ").append(STAMP.format(from)).append("\">")
          .append(esc(span)).append(" ago</span>");
    }
    h.append("<span class=\"avail\">")
        .append(avail == null || p.lastResult().isEmpty() ? "" : percent(avail) + " up")
        .append("</span><span>now</span></div>");
  }

  // ---------------------------------------------------------------- sparkline

  private static void sparkline(StringBuilder h, ProbeReport p) {
    List<Long> values = p.recentLatenciesNanos();
    if (values.isEmpty()) {
      h.append("<span class=\"muted\">no runs yet</span>");
      return;
    }
    long max = 1;
    long min = Long.MAX_VALUE;
    for (long v : values) {
      max = Math.max(max, v);
      min = Math.min(min, v);
    }
    long lastValue = values.get(values.size() - 1);
    double top = max * 1.1;
    int n = values.size();
    double pad = 3;
    double plotH = SPARK_HEIGHT - 2 * pad;
    StringBuilder pts = new StringBuilder();
    double lx = 0;
    double ly = 0;
    for (int i = 0; i < n; i++) {
      double x = n == 1 ? SPARK_WIDTH / 2.0 : pad + i * (SPARK_WIDTH - 2 * pad) / (n - 1);
      double y = pad + plotH - values.get(i) / top * plotH;
      pts.append(i == 0 ? "" : " ").append(fmt2(x)).append(',').append(fmt2(y));
      lx = x;
      ly = y;
    }
    String label = "Latency of the last " + n + " runs of " + p.name() + ": min " + millis(min)
        + ", max " + millis(max) + ", last " + millis(lastValue);
    h.append("<svg class=\"sparkline\" width=\"").append(SPARK_WIDTH).append("\" height=\"").append(SPARK_HEIGHT)
        .append("\" viewBox=\"0 0 ").append(SPARK_WIDTH).append(' ').append(SPARK_HEIGHT)
        .append("\" role=\"img\" aria-label=\"").append(esc(label)).append("\"><title>").append(esc(label))
        .append("</title>");
    long budget = p.budget().acceptableNanos();
    if (budget <= top) {
      double y = pad + plotH - budget / top * plotH;
      h.append("<line class=\"budget\" x1=\"0\" x2=\"").append(SPARK_WIDTH).append("\" y1=\"").append(fmt2(y))
          .append("\" y2=\"").append(fmt2(y)).append("\"/>");
    }
    if (n > 1) {
      h.append("<polygon class=\"area\" points=\"").append(fmt2(pad)).append(',')
          .append(fmt2(SPARK_HEIGHT - pad)).append(' ').append(pts).append(' ').append(fmt2(lx)).append(',')
          .append(fmt2(SPARK_HEIGHT - pad)).append("\"/>");
      h.append("<polyline class=\"line\" points=\"").append(pts).append("\"/>");
    }
    h.append("<circle class=\"dot\" cx=\"").append(fmt2(lx)).append("\" cy=\"").append(fmt2(ly))
        .append("\" r=\"2.5\"/></svg><div class=\"meta\">last ").append(esc(millis(lastValue)))
        .append(" \u00b7 max ").append(esc(millis(max))).append("</div>");
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
   * Escapes text for HTML element content and double- or single-quoted attribute values.
   *
   * @param text any text, may be null
   * @return the escaped text; empty for null
   */
  static String esc(String text) {
    if (text == null) {
      return "";
    }
    StringBuilder sb = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      String r;
      switch (c) {
        case '&':
          r = "&amp;";
          break;
        case '<':
          r = "&lt;";
          break;
        case '>':
          r = "&gt;";
          break;
        case '"':
          r = "&quot;";
          break;
        case '\'':
          r = "&#39;";
          break;
        default:
          // Control characters other than tab and newlines are not allowed in HTML text.
          r = c < 0x20 && c != '\t' && c != '\n' && c != '\r' ? "\uFFFD" : null;
          break;
      }
      if (r != null) {
        if (sb == null) {
          sb = new StringBuilder(text.length() + 16).append(text, 0, i);
        }
        sb.append(r);
      } else if (sb != null) {
        sb.append(c);
      }
    }
    return sb == null ? text : sb.toString();
  }

  /**
   * Formats a latency for people: microseconds below 1 ms, milliseconds below 10 s.
   *
   * @param nanos a latency in nanoseconds
   * @return for example {@code "0.42 ms"}, {@code "12.3 ms"}, {@code "240 ms"} or {@code "1.25 s"}
   */
  static String millis(long nanos) {
    double ms = nanos / 1_000_000.0;
    if (ms < 10) {
      return String.format(Locale.ROOT, "%.2f ms", ms);
    }
    if (ms < 100) {
      return String.format(Locale.ROOT, "%.1f ms", ms);
    }
    if (ms < 1000) {
      return String.format(Locale.ROOT, "%.0f ms", ms);
    }
    return String.format(Locale.ROOT, "%.2f s", ms / 1000);
  }

  /**
   * Formats a duration with its two largest units.
   *
   * @param d a duration, not negative
   * @return for example {@code "3d 4h"}, {@code "5h 12m"}, {@code "12m 5s"} or {@code "42s"}
   */
  static String duration(Duration d) {
    long s = Math.max(0, d.getSeconds());
    long days = s / 86_400;
    long hours = s % 86_400 / 3600;
    long minutes = s % 3600 / 60;
    long seconds = s % 60;
    if (days > 0) {
      return days + "d " + hours + "h";
    }
    if (hours > 0) {
      return hours + "h " + minutes + "m";
    }
    if (minutes > 0) {
      return minutes + "m " + seconds + "s";
    }
    return seconds + "s";
  }

  private static String percent(double ratio) {
    double pct = ratio * 100;
    if (pct > 99.99 && pct < 100) {
      return "99.99 %";
    }
    return String.format(Locale.ROOT, pct == Math.rint(pct) ? "%.0f %%" : "%.2f %%", pct);
  }

  private static String fmt1(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static String fmt2(double v) {
    return String.format(Locale.ROOT, "%.2f", v);
  }

  private static final String CSS = String.join("\n",
      ":root{--bg:#f6f8fa;--card:#fff;--fg:#1f2328;--muted:#59636e;--line:#d1d9e0;",
      "--up:#1a7f37;--degraded:#9a6700;--down:#cf222e;--unknown:#6e7781;",
      "--up-bar:#2da44e;--degraded-bar:#d4a72c;--down-bar:#cf222e;--unknown-bar:#d0d7de;",
      "--spark:#0969da;color-scheme:light dark}",
      "@media (prefers-color-scheme:dark){:root{--bg:#0d1117;--card:#161b22;--fg:#e6edf3;--muted:#9198a1;",
      "--line:#30363d;--unknown-bar:#3d444d;--spark:#4493f8}}",
      "*{box-sizing:border-box}",
      "body{margin:0;background:var(--bg);color:var(--fg);",
      "font:14px/1.45 system-ui,-apple-system,'Segoe UI',Roboto,'Helvetica Neue',Arial,sans-serif}",
      "main{max-width:1240px;margin:0 auto;padding:20px 24px 32px}",
      "h1{font-size:22px;margin:0;font-weight:600}",
      "h2{font-size:16px;margin:28px 0 10px;font-weight:600}",
      ".hero{background:var(--card);border:1px solid var(--line);border-left:6px solid var(--unknown);",
      "border-radius:10px;padding:18px 22px}",
      ".hero.s-up{border-left-color:var(--up)}.hero.s-degraded{border-left-color:var(--degraded)}",
      ".hero.s-down{border-left-color:var(--down)}",
      ".hero-main{display:flex;align-items:center;gap:14px;flex-wrap:wrap}",
      ".stats{display:flex;flex-wrap:wrap;gap:10px 40px;margin:16px 0 0}",
      ".stats dt{color:var(--muted);font-size:12px;text-transform:uppercase;letter-spacing:.04em}",
      ".stats dd{margin:2px 0 0;font-size:20px;font-weight:600}",
      ".unit{font-size:13px;font-weight:400;color:var(--muted)}",
      ".groups{list-style:none;display:flex;flex-wrap:wrap;gap:8px 22px;margin:16px 0 0;padding:0}",
      ".group-name{color:var(--muted);margin-right:2px}",
      ".pill{display:inline-block;padding:1px 9px;border-radius:999px;color:#fff;font-weight:600;",
      "font-size:12px;letter-spacing:.03em;white-space:nowrap;background:var(--unknown)}",
      ".pill.s-up{background:var(--up)}.pill.s-degraded{background:var(--degraded)}",
      ".pill.s-down{background:var(--down)}",
      ".pill-lg{font-size:15px;padding:4px 14px}",
      ".badge{display:inline-block;padding:0 6px;border-radius:4px;font-size:11px;font-weight:700;",
      "border:1px solid currentColor;vertical-align:1px}",
      ".badge-stale{color:var(--degraded)}.badge-reg{color:var(--down)}",
      ".scroll{overflow-x:auto;background:var(--card);border:1px solid var(--line);border-radius:10px}",
      "table{border-collapse:collapse;width:100%}",
      "th,td{padding:10px 12px;text-align:left;vertical-align:top;border-top:1px solid var(--line)}",
      "thead th{border-top:0;font-size:12px;font-weight:600;color:var(--muted);text-transform:uppercase;",
      "letter-spacing:.04em;white-space:nowrap}",
      "th.name{font-weight:400;min-width:180px;max-width:300px;overflow-wrap:break-word}",
      ".pname{font-weight:600}",
      "tr.probe.s-down td:first-child,tr.probe.s-down th:first-child{box-shadow:inset 4px 0 var(--down)}",
      "tr.probe.s-degraded th:first-child{box-shadow:inset 4px 0 var(--degraded)}",
      "tr.probe.s-unknown th:first-child{box-shadow:inset 4px 0 var(--unknown)}",
      "tr.stale th:first-child{box-shadow:inset 4px 0 var(--degraded)}",
      ".r{text-align:right;white-space:nowrap}",
      ".meta{color:var(--muted);font-size:12px}",
      ".msg{margin-top:4px;font-size:13px;overflow-wrap:break-word}",
      ".msg.err{font-family:ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;font-size:12px;color:var(--down)}",
      ".details{display:flex;flex-wrap:wrap;gap:2px 12px;margin:4px 0 0;font-size:12px;color:var(--muted)}",
      ".details div{display:flex;gap:4px}.details dd{margin:0;color:var(--fg)}",
      ".details dt::after{content:':'}",
      ".num{font-weight:600;font-size:15px}",
      ".good{color:var(--up)}.warn{color:var(--degraded)}.bad{color:var(--down);font-weight:600}",
      ".muted{color:var(--muted)}.stale-text{color:var(--degraded);font-weight:600}",
      "td.bar{min-width:200px;width:26%}",
      ".uptime{display:block;width:100%;height:22px;border-radius:4px;overflow:hidden;margin-top:2px;",
      "box-shadow:inset 0 0 0 1px var(--line)}",
      ".seg-up{fill:var(--up-bar)}.seg-degraded{fill:var(--degraded-bar)}.seg-down{fill:var(--down-bar)}",
      ".seg-unknown{fill:var(--unknown-bar)}",
      ".axis{display:flex;justify-content:space-between;color:var(--muted);font-size:11px;margin-top:3px}",
      ".axis .avail{color:var(--fg);font-weight:600}",
      "td.spark{width:180px}td.spark .meta{white-space:nowrap}",
      ".sparkline{display:block}",
      ".sparkline .line{fill:none;stroke:var(--spark);stroke-width:1.6;stroke-linejoin:round}",
      ".sparkline .area{fill:var(--spark);opacity:.12}",
      ".sparkline .dot{fill:var(--spark)}",
      ".sparkline .budget{stroke:var(--down);stroke-width:1;stroke-dasharray:3 3;opacity:.7}",
      ".empty{background:var(--card);border:1px dashed var(--line);border-radius:10px;padding:18px;",
      "color:var(--muted);margin:0}",
      ".problems{background:var(--card);border:1px solid var(--degraded);border-radius:10px;",
      "padding:4px 18px;margin-top:16px}",
      ".problems h2{margin:10px 0 4px;color:var(--degraded)}",
      "td.budget{min-width:160px;width:22%}",
      ".budget-bar{display:block;width:100%;height:12px;border-radius:4px;overflow:hidden;margin-top:4px}",
      ".budget-track{fill:var(--unknown-bar)}",
      ".budget-fill.good{fill:var(--up-bar)}.budget-fill.warn{fill:var(--degraded-bar)}",
      ".budget-fill.bad{fill:var(--down-bar)}",
      ".rates{display:flex;flex-wrap:wrap;gap:2px 14px;margin:0;font-size:12px}",
      ".rates div{display:flex;gap:4px}.rates dt{color:var(--muted)}.rates dd{margin:0}",
      ".note{margin:6px 2px 0}",
      "footer{margin-top:24px;color:var(--muted);font-size:12px}");
}
