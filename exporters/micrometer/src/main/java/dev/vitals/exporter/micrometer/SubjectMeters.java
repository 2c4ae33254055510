package dev.vitals.exporter.micrometer;

import dev.vitals.api.HealthReport;
import dev.vitals.api.NotifierStats;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.SloReport;
import dev.vitals.api.Status;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.BaseUnits;
import java.util.List;
import java.util.Map;
import java.util.function.ToDoubleFunction;
import java.util.function.ToLongFunction;

/**
 * The meters of one probe or tracker: the object every one of its gauges reads from. Finds its report
 * in the latest {@link HealthReport} without allocating: it remembers the position of its name in the
 * report's list (stable, since lists keep registration order) and only scans when that misses.
 *
 * @param <R> the report type
 */
abstract class SubjectMeters<R> {

  /** The latency percentiles published, with the tag value each gets. */
  enum Percentile {
    P50("p50", WindowStats::p50Nanos),
    P95("p95", WindowStats::p95Nanos),
    P99("p99", WindowStats::p99Nanos),
    MAX("max", WindowStats::maxNanos);

    final String id;
    private final ToLongFunction<WindowStats> nanos;

    Percentile(String id, ToLongFunction<WindowStats> nanos) {
      this.id = id;
      this.nanos = nanos;
    }

    double seconds(WindowStats stats) {
      return nanos.applyAsLong(stats) / 1e9;
    }
  }

  final VitalsMeterBinder binder;
  final String name;
  /** Where the name was last found; a hint only, so races on it are harmless. */
  private int hint;

  SubjectMeters(VitalsMeterBinder binder, String name) {
    this.binder = binder;
    this.name = name;
  }

  abstract List<R> list(HealthReport report);

  abstract String nameOf(R subject);

  abstract void bindTo(MeterRegistry registry, List<Meter> out);

  /**
   * This subject's report in the latest health report.
   *
   * @return the report, or null when the name is not (or no longer) in it
   */
  final R find() {
    HealthReport r = binder.current();
    if (r == null) {
      return null;
    }
    List<R> all = list(r);
    int h = hint;
    if (h < all.size() && nameOf(all.get(h)).equals(name)) {
      return all.get(h);
    }
    for (int i = 0, n = all.size(); i < n; i++) {
      if (nameOf(all.get(i)).equals(name)) {
        hint = i;
        return all.get(i);
      }
    }
    return null;
  }

  final void gauge(MeterRegistry registry, List<Meter> out, String meter, String description, Tags tags,
      String unit, ToDoubleFunction<R> value) {
    out.add(Gauge.builder(meter, this, m -> {
      R s = m.find();
      return s == null ? Double.NaN : value.applyAsDouble(s);
    }).description(description).tags(tags).baseUnit(unit).strongReference(true).register(registry));
  }

  static double ratio(Map<String, Double> byWindow, String window) {
    Double v = byWindow.get(window);
    return v == null ? Double.NaN : v;
  }

  static double flag(boolean b) {
    return b ? 1 : 0;
  }

  /** A probe's meters, tag {@code probe}. */
  static final class Probe extends SubjectMeters<ProbeReport> {
    static final List<String> WINDOWS = List.of("1h", "24h", "7d", "30d");

    Probe(VitalsMeterBinder binder, String name) {
      super(binder, name);
    }

    @Override
    List<ProbeReport> list(HealthReport report) {
      return report.probes();
    }

    @Override
    String nameOf(ProbeReport subject) {
      return subject.name();
    }

    @Override
    void bindTo(MeterRegistry registry, List<Meter> out) {
      Tags tags = Tags.of(VitalsMeterBinder.PROBE, name);
      for (Status s : Status.values()) {
        gauge(registry, out, "vitals.probe.status", "A probe's status: 1 for the current one, else 0",
            tags.and(VitalsMeterBinder.STATUS, s.id()), null, p -> flag(p.status() == s));
      }
      gauge(registry, out, "vitals.probe.up", "1 when the probe is UP or DEGRADED, else 0", tags, null,
          p -> flag(p.status().isAvailable()));
      gauge(registry, out, "vitals.probe.score", "A probe's health score, 0 to 100", tags, null,
          ProbeReport::score);
      gauge(registry, out, "vitals.probe.last.latency", "The latency of the probe's latest run", tags,
          VitalsMeterBinder.SECONDS, Probe::lastLatency);
      for (Percentile q : Percentile.values()) {
        gauge(registry, out, "vitals.probe.latency", "A probe's latency percentile over 5 minutes",
            tags.and("percentile", q.id), VitalsMeterBinder.SECONDS, p -> q.seconds(p.summary()));
      }
      gauge(registry, out, "vitals.probe.error.ratio", "The share of a probe's runs that failed, over 5 minutes",
          tags, null, p -> p.summary().errorRate());
      for (String w : WINDOWS) {
        gauge(registry, out, "vitals.probe.availability.ratio", "The share of time a probe was available",
            tags.and("window", w), null, p -> ratio(p.availability(), w));
      }
      gauge(registry, out, "vitals.probe.stale", "1 when the probe's latest result is stale", tags, null,
          p -> flag(p.stale()));
      gauge(registry, out, "vitals.probe.regression", "1 when the probe's p95 regressed against its baseline",
          tags, null, p -> flag(p.regression()));
    }

    private static double lastLatency(ProbeReport p) {
      if (p.lastResult().isEmpty()) {
        return Double.NaN;
      }
      long nanos = p.lastResult().get().latencyNanos();
      return nanos < 0 ? Double.NaN : nanos / 1e9;
    }
  }

  /** A tracker's meters, tag {@code tracker}. */
  static final class Tracker extends SubjectMeters<TrackerReport> {
    static final List<String> WINDOWS = List.of("1h");

    /** The totals of the last report checked, kept for when the tracker is gone. */
    private volatile long count;
    private volatile long errors;

    Tracker(VitalsMeterBinder binder, String name) {
      super(binder, name);
    }

    @Override
    List<TrackerReport> list(HealthReport report) {
      return report.trackers();
    }

    @Override
    String nameOf(TrackerReport subject) {
      return subject.name();
    }

    /** Called for each report that holds the tracker, once per report, so totals survive its removal. */
    void remember(TrackerReport t) {
      count = t.count();
      errors = t.errors();
    }

    double count() {
      TrackerReport t = find();
      return t != null ? t.count() : count;
    }

    double errors() {
      TrackerReport t = find();
      return t != null ? t.errors() : errors;
    }

    @Override
    void bindTo(MeterRegistry registry, List<Meter> out) {
      Tags tags = Tags.of(VitalsMeterBinder.TRACKER, name);
      gauge(registry, out, "vitals.tracker.score", "A tracker's health score, 0 to 100", tags, null,
          TrackerReport::score);
      for (Percentile q : Percentile.values()) {
        gauge(registry, out, "vitals.tracker.latency", "A tracker's latency percentile over 5 minutes",
            tags.and("percentile", q.id), VitalsMeterBinder.SECONDS, t -> q.seconds(t.summary()));
      }
      gauge(registry, out, "vitals.tracker.error.ratio",
          "The share of a tracker's operations that failed, over 5 minutes", tags, null,
          t -> t.summary().errorRate());
      for (String w : WINDOWS) {
        gauge(registry, out, "vitals.tracker.availability.ratio", "The share of a tracker's operations that succeeded",
            tags.and("window", w), null, t -> ratio(t.availability(), w));
      }
      out.add(FunctionCounter.builder("vitals.tracker.operations", this, Tracker::count)
          .description("Operations recorded by a tracker").tags(tags).baseUnit(BaseUnits.OPERATIONS)
          .register(registry));
      out.add(FunctionCounter.builder("vitals.tracker.errors", this, Tracker::errors)
          .description("Failed operations recorded by a tracker").tags(tags).baseUnit("errors")
          .register(registry));
      gauge(registry, out, "vitals.tracker.regression", "1 when the tracker's p95 regressed against its baseline",
          tags, null, t -> flag(t.regression()));
    }
  }

  /** A service-level objective's meters, tag {@code slo}. */
  static final class Slo extends SubjectMeters<SloReport> {
    private final String tracker;
    private final List<String> windows;

    /** The meters of one objective: tracker (fixed by configuration) and burn-rate windows from its report. */
    Slo(VitalsMeterBinder binder, String name, String tracker, List<String> windows) {
      super(binder, name);
      this.tracker = tracker;
      this.windows = List.copyOf(windows);
    }

    @Override
    List<SloReport> list(HealthReport report) {
      return report.slos();
    }

    @Override
    String nameOf(SloReport subject) {
      return subject.name();
    }

    @Override
    void bindTo(MeterRegistry registry, List<Meter> out) {
      Tags tags = Tags.of(VitalsMeterBinder.SLO, name);
      gauge(registry, out, "vitals.slo.objective.ratio", "An objective's target share of good operations",
          tags.and(VitalsMeterBinder.TRACKER, tracker), null, SloReport::objective);
      gauge(registry, out, "vitals.slo.compliance.ratio", "The share of an objective's operations that were good",
          tags, null, SloReport::compliance);
      gauge(registry, out, "vitals.slo.error.budget.remaining.ratio",
          "The share of an objective's error budget left: 1 untouched, below 0 overspent", tags, null,
          SloReport::errorBudgetRemaining);
      for (String w : windows) {
        gauge(registry, out, "vitals.slo.burn.rate", "How fast an objective burns its error budget (1: exactly "
            + "over its window)", tags.and("window", w), null, s -> ratio(s.burnRates(), w));
      }
    }
  }

  /** A notifier's delivery counters, tag {@code notifier}. */
  static final class Notifier extends SubjectMeters<NotifierStats> {
    /** The totals of the last report checked, kept for when the notifier is gone. */
    private volatile long sent;
    private volatile long dropped;

    Notifier(VitalsMeterBinder binder, String name) {
      super(binder, name);
    }

    @Override
    List<NotifierStats> list(HealthReport report) {
      return report.notifiers();
    }

    @Override
    String nameOf(NotifierStats subject) {
      return subject.name();
    }

    /** Called for each report that holds the notifier, once per report, so totals survive its removal. */
    void remember(NotifierStats n) {
      sent = n.sent();
      dropped = n.dropped();
    }

    double sent() {
      NotifierStats n = find();
      return n != null ? n.sent() : sent;
    }

    double dropped() {
      NotifierStats n = find();
      return n != null ? n.dropped() : dropped;
    }

    @Override
    void bindTo(MeterRegistry registry, List<Meter> out) {
      Tags tags = Tags.of(VitalsMeterBinder.NOTIFIER, name);
      out.add(FunctionCounter.builder("vitals.notifier.sent", this, Notifier::sent)
          .description("Alerts a notifier delivered").tags(tags).register(registry));
      out.add(FunctionCounter.builder("vitals.notifier.dropped", this, Notifier::dropped)
          .description("Alerts a notifier dropped (queue full, or every attempt failed)").tags(tags)
          .register(registry));
    }
  }
}
