package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Formats.STAMP;
import static dev.vitals.exporter.http.Formats.duration;
import static dev.vitals.exporter.http.Formats.fmt2;
import static dev.vitals.exporter.http.Formats.millis;
import static dev.vitals.exporter.http.Formats.percent;
import static dev.vitals.exporter.http.Formats.range;
import static dev.vitals.exporter.http.Html.esc;

import dev.vitals.api.ProbeReport;
import dev.vitals.api.SloReport;
import dev.vitals.api.Status;
import dev.vitals.exporter.http.Timeline.Segment;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The status page's inline SVG charts: the 24-hour uptime bar, the latency sparkline and an
 * objective's error-budget bar. Every text from a probe is escaped, in titles and labels alike.
 * Stateless and thread-safe.
 */
final class Charts {

  private static final Duration DAY = Duration.ofHours(24);
  /** Width of the uptime bar's SVG coordinate system, whatever the span it shows. */
  private static final double BAR_WIDTH = 1000.0;
  private static final int SPARK_WIDTH = 160;
  private static final int SPARK_HEIGHT = 36;

  private Charts() {}

  /**
   * The availability bar of the last 24 hours, drawn over the time observed only: when the probe's
   * first result is younger than 24 hours, the bar spans from that result to now (its axis says how
   * long), so a minute of data is never a sliver next to a day of grey.
   */
  static void uptimeBar(StringBuilder h, ProbeReport p, Instant now, boolean showDetails) {
    Instant dayAgo = now.minus(DAY);
    List<Segment> segs = Timeline.observed(Timeline.of(p, dayAgo, now));
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

  /**
   * The latencies of the probe's recent runs as a line, with its latency budget as a dashed line
   * when the budget falls within the drawn range.
   */
  static void sparkline(StringBuilder h, ProbeReport p) {
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

  /** An objective's error budget left, as a bar coloured by how much is left, and in words. */
  static void budgetBar(StringBuilder h, SloReport s) {
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
}
