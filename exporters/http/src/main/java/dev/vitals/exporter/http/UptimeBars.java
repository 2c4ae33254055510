package dev.vitals.exporter.http;

import static dev.vitals.exporter.http.Formats.STAMP;
import static dev.vitals.exporter.http.Formats.duration;
import static dev.vitals.exporter.http.Formats.percent;
import static dev.vitals.exporter.http.Formats.range;
import static dev.vitals.exporter.http.Html.esc;

import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.Incident;
import dev.vitals.exporter.http.HistoryViews.Days;
import dev.vitals.exporter.http.HistoryViews.SubjectDays;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;

/**
 * The status page's history sections, drawn from {@link HistoryViews.Days} when a history store is
 * configured: per probe and tracker a 30-day and a 90-day bar of one mark per day, and the list of
 * incidents.
 *
 * <p>A day is coloured by its availability over the time observed (99.9 % or more green, 99 % or more
 * yellow, less red); a day with nothing observed (before the history began, while the process was not
 * running) is drawn light and hatched as "not observed", never as down. Each day's tooltip (an SVG
 * {@code title}) gives the date, the availability, the share not observed and the incidents that
 * touched the day with their durations; messages only with details. Every text is escaped.
 * Stateless and thread-safe.
 */
final class UptimeBars {

  /** The incidents listed at most, newest first. */
  static final int MAX_INCIDENTS = 50;
  private static final int MARK = 10;
  private static final int GAP = 2;
  private static final int HEIGHT = 28;

  private UptimeBars() {}

  /** Both sections: the bars, then the incidents. */
  static void render(StringBuilder h, Days days, boolean showDetails) {
    h.append("<section aria-labelledby=\"uptime-history\">\n<h2 id=\"uptime-history\">Uptime history</h2>\n");
    if (days.failure != null) {
      h.append("<p class=\"empty history-failed\">The history could not be read")
          .append(showDetails ? ": " + esc(days.failure) : "").append(". It is tried again within a minute.</p>\n")
          .append("</section>\n");
      return;
    }
    if (days.bySubject.isEmpty()) {
      h.append("<p class=\"empty\">No probes or operations to show.</p>\n</section>\n");
      return;
    }
    h.append("<svg class=\"defs\" width=\"0\" height=\"0\" aria-hidden=\"true\"><defs>")
        .append("<pattern id=\"vh-hatch\" width=\"4\" height=\"4\" patternUnits=\"userSpaceOnUse\" ")
        .append("patternTransform=\"rotate(45)\"><rect class=\"hatch-bg\" width=\"4\" height=\"4\"/>")
        .append("<line class=\"hatch-line\" x1=\"0\" y1=\"0\" x2=\"0\" y2=\"4\"/></pattern></defs></svg>\n")
        .append("<div class=\"scroll\"><table class=\"history\">\n<thead><tr>")
        .append("<th scope=\"col\">Probe or operation</th><th scope=\"col\">Last 30 days</th>")
        .append("<th scope=\"col\">Last 90 days</th></tr></thead>\n<tbody>\n");
    for (SubjectDays s : days.bySubject) {
      boolean probe = s.subject.kind() == HistorySubject.Kind.PROBE;
      h.append("<tr data-history=\"").append(esc(s.subject.key())).append("\"><th scope=\"row\" class=\"name\">")
          .append("<div class=\"pname\">").append(esc(s.subject.name())).append("</div><div class=\"meta\">")
          .append(probe ? "probe" : "operation").append("</div></th>\n<td class=\"day-bars\">");
      bar(h, days, s, 30, showDetails);
      h.append("</td>\n<td class=\"day-bars\">");
      bar(h, days, s, 90, showDetails);
      h.append("</td></tr>\n");
    }
    h.append("</tbody></table></div>\n<p class=\"meta note\">One mark per day (UTC), coloured by the share of the "
        + "time observed that was up (for an operation: of its calls that succeeded): 99.9 % or more green, "
        + "99 % or more yellow, less red; hatched where nothing was observed.</p>\n</section>\n");
    incidents(h, days, showDetails);
  }

  /** One bar of the last {@code n} days, and its availability in words. */
  private static void bar(StringBuilder h, Days days, SubjectDays s, int n, boolean showDetails) {
    Map<LocalDate, HistoryPeriod> byDate = new HashMap<>();
    for (HistoryPeriod p : s.days) {
      byDate.put(LocalDate.ofInstant(p.start(), HistoryViews.ZONE), p);
    }
    List<LocalDate> dates = days.dates.subList(days.dates.size() - n, days.dates.size());
    java.util.Optional<HistoryPeriod> all = s.last(n);
    OptionalDouble avail = all.map(HistoryPeriod::availability).orElse(OptionalDouble.empty());
    String summary = avail.isPresent() ? percent(avail.getAsDouble()) + " available" : "nothing observed yet";
    int width = n * (MARK + GAP) - GAP;
    h.append("<svg class=\"days days-").append(n).append("\" viewBox=\"0 0 ").append(width).append(' ').append(HEIGHT)
        .append("\" preserveAspectRatio=\"none\" role=\"img\" aria-label=\"")
        .append(esc(s.subject.name() + ", last " + n + " days: " + summary)).append("\">");
    for (int i = 0; i < dates.size(); i++) {
      LocalDate date = dates.get(i);
      HistoryPeriod p = byDate.get(date);
      OptionalDouble a = p == null ? OptionalDouble.empty() : p.availability();
      String cls = a.isEmpty() ? "day-none" : a.getAsDouble() >= 0.999 ? "day-good" : a.getAsDouble() >= 0.99
          ? "day-warn" : "day-bad";
      h.append("<rect class=\"day ").append(cls).append("\" x=\"").append(i * (MARK + GAP))
          .append("\" y=\"0\" width=\"").append(MARK).append("\" height=\"").append(HEIGHT).append('"')
          .append(a.isEmpty() ? " fill=\"url(#vh-hatch)\"" : "").append("><title>");
      tooltip(h, date, p, a, s.incidents, days.now, showDetails);
      h.append("</title></rect>");
    }
    h.append("</svg><div class=\"axis\"><span>").append(n).append(" days ago</span><span class=\"avail\">")
        .append(esc(summary));
    if (all.isPresent() && avail.isPresent()) {
      long notObserved = all.get().notObservedMillis();
      long length = all.get().length().toMillis();
      if (s.subject.kind() == HistorySubject.Kind.PROBE && notObserved > 0 && length > 0) {
        h.append(" \u00b7 observed ").append(esc(duration(Duration.ofMillis(length - notObserved))));
      }
    }
    h.append("</span><span>today</span></div>");
  }

  private static void tooltip(StringBuilder h, LocalDate date, HistoryPeriod p, OptionalDouble a,
      List<Incident> incidents, Instant now, boolean showDetails) {
    h.append(date).append(" (UTC)\n");
    if (a.isEmpty()) {
      h.append(p != null && p.subject().kind() == HistorySubject.Kind.TRACKER && p.count() == 0
          ? "no operations" : "not observed");
    } else {
      h.append(percent(a.getAsDouble())).append(" available");
      if (p.subject().kind() == HistorySubject.Kind.PROBE) {
        long notObserved = p.notObservedMillis();
        long length = p.length().toMillis();
        if (notObserved > 0 && length > 0) {
          h.append(" of the time observed\nnot observed: ").append(percent((double) notObserved / length))
              .append(" (").append(esc(duration(Duration.ofMillis(notObserved)))).append(')');
        }
      } else {
        h.append(" (").append(p.errors()).append(" of ").append(p.count()).append(" calls failed)");
      }
    }
    Instant dayStart = date.atStartOfDay(HistoryViews.ZONE).toInstant();
    Instant dayEnd = date.plusDays(1).atStartOfDay(HistoryViews.ZONE).toInstant();
    for (Incident i : incidents) {
      Instant end = i.end().orElse(now);
      if (i.start().isBefore(dayEnd) && end.isAfter(dayStart)) {
        h.append('\n').append(i.worst().name()).append(' ').append(range(i.start(), end))
            .append(i.end().isEmpty() ? ", ongoing" : "").append(" (").append(esc(duration(i.duration(now))))
            .append(')');
        if (showDetails && !i.message().isEmpty()) {
          h.append(": ").append(esc(i.message()));
        }
      }
    }
  }

  /** The incidents of every probe, newest first, at most {@value #MAX_INCIDENTS}. */
  private static void incidents(StringBuilder h, Days days, boolean showDetails) {
    List<Object[]> all = new ArrayList<>();
    for (SubjectDays s : days.bySubject) {
      for (Incident i : s.incidents) {
        all.add(new Object[] {s.subject.name(), i});
      }
    }
    all.sort(Comparator.comparing((Object[] o) -> ((Incident) o[1]).start()).reversed());
    h.append("<section aria-labelledby=\"incidents\">\n<h2 id=\"incidents\">Incidents</h2>\n");
    if (all.isEmpty()) {
      h.append("<p class=\"empty\">No incidents in the last ").append(HistoryViews.DAYS).append(" days.</p>\n")
          .append("</section>\n");
      return;
    }
    h.append("<div class=\"scroll\"><table class=\"incidents\">\n<thead><tr>")
        .append("<th scope=\"col\">Start</th><th scope=\"col\">End</th><th scope=\"col\" class=\"r\">Duration</th>")
        .append("<th scope=\"col\">Probe</th><th scope=\"col\">Worst</th>")
        .append(showDetails ? "<th scope=\"col\">Message</th>" : "").append("</tr></thead>\n<tbody>\n");
    int shown = Math.min(MAX_INCIDENTS, all.size());
    for (int k = 0; k < shown; k++) {
      String name = (String) all.get(k)[0];
      Incident i = (Incident) all.get(k)[1];
      h.append("<tr class=\"incident s-").append(i.worst().id()).append(i.end().isEmpty() ? " ongoing" : "")
          .append("\" data-probe=\"").append(esc(name)).append("\"><td>").append(STAMP.format(i.start()))
          .append("</td><td>").append(i.end().isEmpty() ? "<span class=\"bad\">ongoing</span>"
              : STAMP.format(i.end().get()))
          .append("</td><td class=\"r\">").append(esc(duration(i.duration(days.now)))).append("</td><td class=\"pname\">")
          .append(esc(name)).append("</td><td><span class=\"pill s-").append(i.worst().id()).append("\">")
          .append(i.worst().name()).append("</span></td>");
      if (showDetails) {
        h.append("<td class=\"msg\">").append(esc(i.message())).append("</td>");
      }
      h.append("</tr>\n");
    }
    h.append("</tbody></table></div>\n");
    if (all.size() > shown) {
      h.append("<p class=\"meta note\">and ").append(all.size() - shown).append(" older incidents (").append("see ")
          .append("<code>/history/{probe}</code>)</p>\n");
    }
    h.append("</section>\n");
  }
}
