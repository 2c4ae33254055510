package dev.vitals.exporter.prometheus;

import dev.vitals.api.HealthReport;
import dev.vitals.api.HistoryStats;
import dev.vitals.api.NotifierStats;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.SloReport;
import dev.vitals.api.Status;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import io.prometheus.metrics.model.snapshots.CounterSnapshot;
import io.prometheus.metrics.model.snapshots.CounterSnapshot.CounterDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot;
import io.prometheus.metrics.model.snapshots.GaugeSnapshot.GaugeDataPointSnapshot;
import io.prometheus.metrics.model.snapshots.Labels;
import io.prometheus.metrics.model.snapshots.MetricSnapshot;
import io.prometheus.metrics.model.snapshots.MetricSnapshots;
import io.prometheus.metrics.model.snapshots.Unit;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Turns a {@link HealthReport} into Prometheus metric snapshots with the names of the metric
 * contract (the module's README). Builds everything from the immutable report at scrape time; holds
 * no state. Thread-safe.
 */
final class ReportSnapshots {

  /** The states of every state-set gauge, in exposition order. */
  private static final Status[] STATES = {Status.UP, Status.DEGRADED, Status.DOWN, Status.UNKNOWN};

  private ReportSnapshots() {}

  /**
   * Builds the snapshots of one report.
   *
   * @param report the report
   * @param now the current time, for the uptime
   * @return every Vitals metric; families without series are left out
   */
  static MetricSnapshots of(HealthReport report, Instant now) {
    List<MetricSnapshot> out = new ArrayList<>(32);

    // Service
    gauge("vitals_service_score", "Health score of the whole service, 0 to 100.", null)
        .add(report.score()).addTo(out);
    Gauge serviceStatus = gauge("vitals_service_status",
        "Status of the whole service: 1 for the current status, 0 for the others.", null);
    states(serviceStatus, report.status());
    serviceStatus.addTo(out);
    Gauge groups = gauge("vitals_group_status",
        "Status of each group of probes (liveness, readiness, startup): 1 for the current status, 0 for the others.",
        null);
    for (ProbeKind kind : ProbeKind.values()) {
      states(groups, report.status(kind), "group", kind.id());
    }
    groups.addTo(out);
    gauge("vitals_uptime_seconds", "Time since the monitored process started.", Unit.SECONDS)
        .add(nanosToSeconds(report.uptime(now).toNanos())).addTo(out);
    Gauge coldStart = gauge("vitals_cold_start_seconds",
        "Time from process start until the service was ready; absent until then.", Unit.SECONDS);
    report.coldStart().ifPresent(d -> coldStart.add(nanosToSeconds(d.toNanos())));
    coldStart.addTo(out);
    gauge("vitals_schedule_lag_seconds",
        "Longest delay, over the last 10 to 20 seconds, between a probe run's due time and its start.", Unit.SECONDS)
        .add(nanosToSeconds(report.scheduleLag().toNanos())).addTo(out);

    // Probes
    Gauge probeStatus = gauge("vitals_probe_status",
        "Status of each probe: 1 for the current status, 0 for the others.", null);
    Gauge probeUp = gauge("vitals_probe_up", "1 when the probe is UP or DEGRADED, 0 when DOWN or UNKNOWN.", null);
    Gauge probeScore = gauge("vitals_probe_score", "Health score of each probe, 0 to 100.", null);
    Gauge lastLatency = gauge("vitals_probe_last_latency_seconds",
        "Latency of each probe's latest run; absent before its first result.", Unit.SECONDS);
    Gauge probeLatency = gauge("vitals_probe_latency_seconds",
        "Latency percentiles of each probe over the last 5 minutes (p50, p95, p99, max); NaN without runs.",
        Unit.SECONDS);
    Gauge probeErrors = gauge("vitals_probe_error_ratio",
        "Share of each probe's runs over the last 5 minutes that failed, 0 to 1.", Unit.RATIO);
    Gauge probeAvailability = gauge("vitals_probe_availability_ratio",
        "Share of time each probe was UP or DEGRADED, by window (1h, 24h, 7d, 30d), 0 to 1.", Unit.RATIO);
    Gauge probeStale = gauge("vitals_probe_stale",
        "1 when the probe's latest result is older than twice its interval.", null);
    Gauge probeRegression = gauge("vitals_probe_regression",
        "1 when the probe's p95 is more than 20 % above its recorded baseline.", null);
    for (ProbeReport p : report.probes()) {
      String name = p.name();
      states(probeStatus, p.status(), "probe", name);
      probeUp.add(p.status().isAvailable() ? 1 : 0, "probe", name);
      probeScore.add(p.score(), "probe", name);
      p.lastResult().filter(r -> r.latencyNanos() >= 0)
          .ifPresent(r -> lastLatency.add(nanosToSeconds(r.latencyNanos()), "probe", name));
      percentiles(probeLatency, p.summary(), "probe", name);
      probeErrors.add(p.summary().errorRate(), "probe", name);
      availability(probeAvailability, p.availability(), "probe", name);
      probeStale.add(p.stale() ? 1 : 0, "probe", name);
      probeRegression.add(p.regression() ? 1 : 0, "probe", name);
    }
    for (Gauge g : List.of(probeStatus, probeUp, probeScore, lastLatency, probeLatency, probeErrors,
        probeAvailability, probeStale, probeRegression)) {
      g.addTo(out);
    }

    // Trackers
    Gauge trackerScore = gauge("vitals_tracker_score", "Health score of each tracked operation, 0 to 100.", null);
    Gauge trackerLatency = gauge("vitals_tracker_latency_seconds",
        "Latency percentiles of each tracked operation over the last 5 minutes (p50, p95, p99, max); "
            + "NaN without operations.", Unit.SECONDS);
    Gauge trackerErrors = gauge("vitals_tracker_error_ratio",
        "Share of each tracked operation's calls over the last 5 minutes that failed, 0 to 1.", Unit.RATIO);
    Gauge trackerAvailability = gauge("vitals_tracker_availability_ratio",
        "Share of each tracked operation's calls that succeeded, by window (1h), 0 to 1.", Unit.RATIO);
    Gauge trackerRegression = gauge("vitals_tracker_regression",
        "1 when the operation's p95 is more than 20 % above its recorded baseline.", null);
    CounterSnapshot.Builder operations = CounterSnapshot.builder().name("vitals_tracker_operations")
        .help("Operations recorded by each tracker since the monitor started.");
    CounterSnapshot.Builder failures = CounterSnapshot.builder().name("vitals_tracker_errors")
        .help("Failed operations recorded by each tracker since the monitor started.");
    for (TrackerReport t : report.trackers()) {
      String name = t.name();
      trackerScore.add(t.score(), "tracker", name);
      percentiles(trackerLatency, t.summary(), "tracker", name);
      trackerErrors.add(t.summary().errorRate(), "tracker", name);
      availability(trackerAvailability, t.availability(), "tracker", name);
      trackerRegression.add(t.regression() ? 1 : 0, "tracker", name);
      operations.dataPoint(CounterDataPointSnapshot.builder().value(t.count())
          .labels(Labels.of("tracker", name)).build());
      failures.dataPoint(CounterDataPointSnapshot.builder().value(t.errors())
          .labels(Labels.of("tracker", name)).build());
    }
    for (Gauge g : List.of(trackerScore, trackerLatency, trackerErrors, trackerAvailability, trackerRegression)) {
      g.addTo(out);
    }
    if (!report.trackers().isEmpty()) {
      out.add(operations.build());
      out.add(failures.build());
    }

    // Service-level objectives
    Gauge sloObjective = gauge("vitals_slo_objective_ratio",
        "Target share of good operations of each service-level objective, 0 to 1; tracker: the tracker it is "
            + "measured on.", Unit.RATIO);
    Gauge sloCompliance = gauge("vitals_slo_compliance_ratio",
        "Share of good operations of each service-level objective over its window, 0 to 1.", Unit.RATIO);
    Gauge sloBudget = gauge("vitals_slo_error_budget_remaining_ratio",
        "Share of each service-level objective's error budget left over its window: 1 untouched, below 0 spent.",
        Unit.RATIO);
    Gauge sloBurn = gauge("vitals_slo_burn_rate",
        "How fast each service-level objective burns its error budget, by window (5m, 30m, 1h, 2h, 6h, 24h, 3d): "
            + "1 spends it exactly over the objective's window.", null);
    for (SloReport s : report.slos()) {
      String name = s.name();
      sloObjective.add(s.objective(), "slo", name, "tracker", s.tracker());
      sloCompliance.add(s.compliance(), "slo", name);
      sloBudget.add(s.errorBudgetRemaining(), "slo", name);
      for (Map.Entry<String, Double> e : s.burnRates().entrySet()) {
        if (e.getValue() != null) {
          sloBurn.add(e.getValue(), "slo", name, "window", e.getKey());
        }
      }
    }
    for (Gauge g : List.of(sloObjective, sloCompliance, sloBudget, sloBurn)) {
      g.addTo(out);
    }

    // Notifiers
    if (!report.notifiers().isEmpty()) {
      CounterSnapshot.Builder sent = CounterSnapshot.builder().name("vitals_notifier_sent")
          .help("Alerts each notifier delivered since the monitor started.");
      CounterSnapshot.Builder dropped = CounterSnapshot.builder().name("vitals_notifier_dropped")
          .help("Alerts each notifier dropped (queue full, or every attempt failed) since the monitor started.");
      for (NotifierStats n : report.notifiers()) {
        sent.dataPoint(CounterDataPointSnapshot.builder().value(n.sent())
            .labels(Labels.of("notifier", n.name())).build());
        dropped.dataPoint(CounterDataPointSnapshot.builder().value(n.dropped())
            .labels(Labels.of("notifier", n.name())).build());
      }
      out.add(sent.build());
      out.add(dropped.build());
    }

    // History store: no label (its description may name a path or a database host)
    report.history().ifPresent(h -> history(h, out));
    return new MetricSnapshots(out);
  }

  private static void history(HistoryStats h, List<MetricSnapshot> out) {
    out.add(counter("vitals_history_records_written",
        "Minute records the history store wrote since the monitor started.", h.minutesWritten()));
    out.add(counter("vitals_history_write_failures",
        "Failed attempts to write to the history store since the monitor started.", h.failures()));
    gauge("vitals_history_pending_records",
        "Minute records waiting in memory to be written to the history store.", null)
        .add(h.pending()).addTo(out);
    out.add(counter("vitals_history_dropped_records",
        "Minute records dropped since the monitor started because the history store stayed unavailable "
            + "longer than the memory kept for them.", h.dropped()));
    Gauge lastWrite = gauge("vitals_history_last_write_timestamp_seconds",
        "When a write to the history store last succeeded, in seconds since the epoch; absent before the first.",
        Unit.SECONDS);
    h.lastWrite().ifPresent(t -> lastWrite.add(t.getEpochSecond() + t.getNano() / 1e9));
    lastWrite.addTo(out);
  }

  private static CounterSnapshot counter(String name, String help, double value) {
    return CounterSnapshot.builder().name(name).help(help)
        .dataPoint(CounterDataPointSnapshot.builder().value(value).build()).build();
  }

  private static void states(Gauge g, Status current, String... labels) {
    for (Status s : STATES) {
      String[] all = new String[labels.length + 2];
      System.arraycopy(labels, 0, all, 0, labels.length);
      all[labels.length] = "status";
      all[labels.length + 1] = s.id();
      g.add(s == current ? 1 : 0, all);
    }
  }

  private static void percentiles(Gauge g, WindowStats s, String labelName, String name) {
    boolean empty = s.count() == 0;
    g.add(empty ? Double.NaN : nanosToSeconds(s.p50Nanos()), labelName, name, "percentile", "p50");
    g.add(empty ? Double.NaN : nanosToSeconds(s.p95Nanos()), labelName, name, "percentile", "p95");
    g.add(empty ? Double.NaN : nanosToSeconds(s.p99Nanos()), labelName, name, "percentile", "p99");
    g.add(empty ? Double.NaN : nanosToSeconds(s.maxNanos()), labelName, name, "percentile", "max");
  }

  private static void availability(Gauge g, Map<String, Double> byWindow, String labelName, String name) {
    for (Map.Entry<String, Double> e : byWindow.entrySet()) {
      if (e.getValue() != null) {
        g.add(e.getValue(), labelName, name, "window", e.getKey());
      }
    }
  }

  private static double nanosToSeconds(long nanos) {
    return nanos / 1e9;
  }

  private static Gauge gauge(String name, String help, Unit unit) {
    return new Gauge(name, help, unit);
  }

  /** Collects the series of one gauge family. */
  private static final class Gauge {
    private final GaugeSnapshot.Builder builder;
    private int points;

    Gauge(String name, String help, Unit unit) {
      builder = GaugeSnapshot.builder().name(name).help(help);
      if (unit != null) {
        builder.unit(unit);
      }
    }

    Gauge add(double value, String... labels) {
      builder.dataPoint(GaugeDataPointSnapshot.builder().value(value).labels(Labels.of(labels)).build());
      points++;
      return this;
    }

    void addTo(List<MetricSnapshot> out) {
      if (points > 0) {
        out.add(builder.build());
      }
    }
  }
}
