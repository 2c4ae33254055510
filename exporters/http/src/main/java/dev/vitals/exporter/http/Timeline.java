package dev.vitals.exporter.http;

import dev.vitals.api.ProbeReport;
import dev.vitals.api.Status;
import dev.vitals.api.HistoryEntry;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * A probe's status over a span of time, as adjacent {@link Segment}s built from its transitions: the
 * model the status page's uptime bar is drawn from. Stateless and thread-safe.
 */
final class Timeline {

  private Timeline() {}

  /** A stretch of time in one status. */
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
  static List<Segment> of(ProbeReport p, Instant from, Instant to) {
    List<HistoryEntry> points = new ArrayList<>(p.history());
    points.sort(Comparator.comparing(HistoryEntry::at));
    HistoryEntry last = points.isEmpty() ? null : points.get(points.size() - 1);
    if (last == null || last.to() != p.status()) {
      Instant at = last == null || p.since().isAfter(last.at()) ? p.since() : last.at();
      points.add(new HistoryEntry(last == null ? Status.UNKNOWN : last.to(), p.status(), at, ""));
    }
    List<Segment> out = new ArrayList<>();
    Status cur = Status.UNKNOWN;
    String msg = "";
    Instant curStart = from;
    for (HistoryEntry t : points) {
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
   * @param timeline segments from {@link #of}
   * @return the segments from the first known status on; empty when there is none
   */
  static List<Segment> observed(List<Segment> timeline) {
    int first = 0;
    while (first < timeline.size() && timeline.get(first).status == Status.UNKNOWN) {
      first++;
    }
    return timeline.subList(first, timeline.size());
  }
}
