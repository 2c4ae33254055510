package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Html.esc;

import dev.vitals.api.HealthReport;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.Status;
import dev.vitals.api.TrackerReport;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * {@code GET /badge} and {@code GET /badge/{name}}: an SVG status badge in the flat style of
 * shields.io, for READMEs and wikis: the name on the left on grey, the status and 30-day uptime on the
 * right, coloured by status ({@code UP · 99.95%}).
 *
 * <ul>
 *   <li>Uptime: from the history store when one is configured (the 30 days up to the last minute,
 *       over the time observed); without one, the report's {@code 30d} availability, or its {@code 24h}
 *       one, marked {@code 24h}.</li>
 *   <li>{@code /badge}: the service's status (label {@code health}) and the lowest uptime among its
 *       critical probes (all probes when none is critical): the service was available at most that.</li>
 *   <li>A tracker has no status: its badge shows its uptime (the share of successful operations),
 *       coloured as the status page colours a day (99.9 % or more green, 99 % or more yellow, else red).</li>
 *   <li>An unknown name: {@code 404} with a grey {@code unknown} badge.</li>
 * </ul>
 * No external assets, no script; every text is XML-escaped and the widths come from approximate widths
 * of Verdana 11px glyphs, with {@code textLength} so the text fits them exactly. Stateless and thread-safe.
 */
final class Badge {

  static final String LABEL_GREY = "#555";
  static final String GREEN = "#4c1";
  static final String YELLOW = "#dfb317";
  static final String ORANGE = "#fe7d37";
  static final String RED = "#e05d44";
  static final String GREY = "#9f9f9f";
  private static final int DAYS = 30;

  private Badge() {}

  /**
   * The badge of a name, or of the service for a null name.
   *
   * @param report the latest report
   * @param name a probe's or tracker's name, or null for the service
   * @param days the history's days, or empty without a store (or when it could not be read)
   */
  static Response answer(HealthReport report, String name, Optional<HistoryViews.Days> days) {
    Optional<HistoryViews.Days> read = days.filter(d -> d.failure == null);
    if (name == null) {
      return ok(service(report, read));
    }
    Optional<ProbeReport> probe = report.probe(name);
    if (probe.isPresent()) {
      ProbeReport p = probe.get();
      Uptime u = uptime(read, HistorySubject.probe(name), p.availability());
      String value = p.status().name() + u.suffix();
      return ok(svg(name, value, colour(p.status()), name + ": " + p.status().name() + u.description()));
    }
    Optional<TrackerReport> tracker = report.tracker(name);
    if (tracker.isPresent()) {
      Uptime u = uptime(read, HistorySubject.tracker(name), tracker.get().availability());
      String value = u.ratio.isPresent() ? u.text() : "no data";
      String colour = u.ratio.isPresent() ? availabilityColour(u.ratio.getAsDouble()) : GREY;
      return ok(svg(name, value, colour, name + ": " + (u.ratio.isPresent() ? u.description().substring(2) : "no data")));
    }
    byte[] body = svg("vitals", "unknown", GREY, "no probe or tracker with that name").getBytes(StandardCharsets.UTF_8);
    return new Response(404, Response.SVG, body, null, null, Response.PAGE_POLICY, Response.BADGE_CACHE_CONTROL);
  }

  private static String service(HealthReport report, Optional<HistoryViews.Days> days) {
    List<ProbeReport> probes = new ArrayList<>();
    for (ProbeReport p : report.probes()) {
      if (p.critical()) {
        probes.add(p);
      }
    }
    if (probes.isEmpty()) {
      probes = report.probes();
    }
    Uptime lowest = null;
    for (ProbeReport p : probes) {
      Uptime u = uptime(days, HistorySubject.probe(p.name()), p.availability());
      if (u.ratio.isPresent() && (lowest == null || u.ratio.getAsDouble() < lowest.ratio.getAsDouble())) {
        lowest = u;
      }
    }
    Status s = report.status();
    String value = s.name() + (lowest == null ? "" : lowest.suffix());
    return svg("health", value, colour(s), "service: " + s.name() + (lowest == null ? "" : lowest.description()
        + (probes.size() > 1 ? " (the lowest of its critical probes)" : "")));
  }

  private static Response ok(String svg) {
    return new Response(200, Response.SVG, svg.getBytes(StandardCharsets.UTF_8), null, null, Response.PAGE_POLICY,
        Response.BADGE_CACHE_CONTROL);
  }

  /** An uptime and the window it is over. */
  private static final class Uptime {
    final OptionalDouble ratio;
    /** {@code 30d} or {@code 24h}. */
    final String window;

    Uptime(OptionalDouble ratio, String window) {
      this.ratio = ratio;
      this.window = window;
    }

    String text() {
      double pct = ratio.getAsDouble() * 100;
      String n = pct >= 100 ? "100" : pct > 99.99 ? "99.99" : String.format(Locale.ROOT, "%.2f", pct);
      if (n.indexOf('.') >= 0) {
        n = n.replaceAll("0+$", "");
        n = n.endsWith(".") ? n.substring(0, n.length() - 1) : n;
      }
      return n + "%" + ("30d".equals(window) ? "" : " " + window);
    }

    String suffix() {
      return ratio.isPresent() ? " \u00b7 " + text() : "";
    }

    String description() {
      return ratio.isPresent() ? ", " + text().replace(" " + window, "") + " available over the last "
          + ("30d".equals(window) ? "30 days" : "24 hours") : "";
    }
  }

  private static Uptime uptime(Optional<HistoryViews.Days> days, HistorySubject subject, Map<String, Double> report) {
    if (days.isPresent()) {
      Optional<HistoryViews.SubjectDays> d = days.get().of(subject);
      if (d.isPresent()) {
        return new Uptime(d.get().availability(DAYS), "30d");
      }
    }
    Double a = report.get("30d");
    if (a != null) {
      return new Uptime(OptionalDouble.of(a), "30d");
    }
    a = report.get("24h");
    return a == null ? new Uptime(OptionalDouble.empty(), "30d") : new Uptime(OptionalDouble.of(a), "24h");
  }

  static String colour(Status s) {
    switch (s) {
      case UP:
        return GREEN;
      case DEGRADED:
        return ORANGE;
      case DOWN:
        return RED;
      default:
        return GREY;
    }
  }

  /** As the status page colours a day: 99.9 % or more green, 99 % or more yellow, else red. */
  static String availabilityColour(double ratio) {
    return ratio >= 0.999 ? GREEN : ratio >= 0.99 ? YELLOW : RED;
  }

  /**
   * The SVG: two rounded boxes, the label's and the value's, each 10 px wider than its text.
   *
   * @param label the left text
   * @param value the right text
   * @param colour the value box's colour
   * @param title the accessible title (also the tooltip)
   */
  static String svg(String label, String value, String colour, String title) {
    int lw = width(label) + 10;
    int vw = width(value) + 10;
    int w = lw + vw;
    StringBuilder s = new StringBuilder(1024);
    s.append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(w).append("\" height=\"20\" role=\"img\"")
        .append(" aria-label=\"").append(esc(label + ": " + value)).append("\">")
        .append("<title>").append(esc(title)).append("</title>")
        .append("<linearGradient id=\"s\" x2=\"0\" y2=\"100%\"><stop offset=\"0\" stop-color=\"#bbb\" stop-opacity=\".1\"/>")
        .append("<stop offset=\"1\" stop-opacity=\".1\"/></linearGradient>")
        .append("<clipPath id=\"r\"><rect width=\"").append(w).append("\" height=\"20\" rx=\"3\" fill=\"#fff\"/></clipPath>")
        .append("<g clip-path=\"url(#r)\"><rect width=\"").append(lw).append("\" height=\"20\" fill=\"").append(LABEL_GREY)
        .append("\"/><rect x=\"").append(lw).append("\" width=\"").append(vw).append("\" height=\"20\" fill=\"")
        .append(colour).append("\"/><rect width=\"").append(w).append("\" height=\"20\" fill=\"url(#s)\"/></g>")
        .append("<g fill=\"#fff\" text-anchor=\"middle\" font-family=\"Verdana,Geneva,DejaVu Sans,sans-serif\"")
        .append(" font-size=\"11\">");
    text(s, label, lw / 2.0, lw - 10);
    text(s, value, lw + vw / 2.0, vw - 10);
    s.append("</g></svg>");
    return s.toString();
  }

  private static void text(StringBuilder s, String text, double x, int length) {
    String e = esc(text);
    String cx = String.format(Locale.ROOT, "%.1f", x);
    // a shadow one pixel down, then the text, as shields.io draws it
    s.append("<text x=\"").append(cx).append("\" y=\"15\" fill=\"#010101\" fill-opacity=\".3\" textLength=\"")
        .append(length).append("\" aria-hidden=\"true\">").append(e).append("</text>")
        .append("<text x=\"").append(cx).append("\" y=\"14\" textLength=\"").append(length).append("\">")
        .append(e).append("</text>");
  }

  /**
   * The approximate width of a text in Verdana 11px, in pixels: Verdana is wide, about 7 px for a digit
   * or a lower-case letter, 7.5 to 9 for capitals, less for narrow glyphs.
   */
  static int width(String text) {
    double w = 0;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if ("iljI.,:;'|!\u00b7 ".indexOf(c) >= 0) {
        w += c == ' ' || c == '\u00b7' ? 3.9 : 3.3;
      } else if ("frt()-[]/".indexOf(c) >= 0) {
        w += 4.6;
      } else if ("mwMW%".indexOf(c) >= 0) {
        w += 10.5;
      } else if (c >= 'A' && c <= 'Z') {
        w += 7.8;
      } else {
        w += 6.9;
      }
    }
    return (int) Math.ceil(w);
  }
}
