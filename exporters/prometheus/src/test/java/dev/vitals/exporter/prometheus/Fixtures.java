package dev.vitals.exporter.prometheus;

import dev.vitals.api.Baseline;
import dev.vitals.api.HealthReport;
import dev.vitals.api.HistoryStats;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.NotifierStats;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.SloReport;
import dev.vitals.api.Status;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import dev.vitals.test.Reports;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reports the exporter tests write, built with the shared {@link dev.vitals.test.Reports}. */
final class Fixtures {

  static final Instant NOW = Reports.NOW;
  static final Instant STARTED = NOW.minusSeconds(3600);
  static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  /** The metric names of the contract (METRICS.md / README), as they appear on sample lines. */
  static final List<String> CONTRACT = List.of(
      "vitals_service_score", "vitals_service_status", "vitals_group_status", "vitals_uptime_seconds",
      "vitals_cold_start_seconds", "vitals_schedule_lag_seconds",
      "vitals_probe_status", "vitals_probe_up", "vitals_probe_score", "vitals_probe_last_latency_seconds",
      "vitals_probe_latency_seconds", "vitals_probe_error_ratio", "vitals_probe_availability_ratio",
      "vitals_probe_stale", "vitals_probe_regression",
      "vitals_tracker_score", "vitals_tracker_latency_seconds", "vitals_tracker_error_ratio",
      "vitals_tracker_availability_ratio", "vitals_tracker_operations_total", "vitals_tracker_errors_total",
      "vitals_tracker_regression");

  /** The metric names of SLOs and notifiers, as they appear on sample lines. */
  static final List<String> SLO_AND_NOTIFIER_METRICS = List.of(
      "vitals_slo_objective_ratio", "vitals_slo_compliance_ratio", "vitals_slo_error_budget_remaining_ratio",
      "vitals_slo_burn_rate", "vitals_notifier_sent_total", "vitals_notifier_dropped_total");

  /** The metric names of the history store, as they appear on sample lines. */
  static final List<String> HISTORY_METRICS = List.of(
      "vitals_history_records_written_total", "vitals_history_write_failures_total",
      "vitals_history_pending_records", "vitals_history_dropped_records_total",
      "vitals_history_last_write_timestamp_seconds");

  /** Where the history store of {@link #withHistory()} keeps its files: never in a metric. */
  static final String STORE = "file:/var/lib/orders/vitals";

  private Fixtures() {}

  static ProbeReport probe(String name, Status status, double score, boolean stale, boolean critical,
      Optional<ProbeResult> result, WindowStats summary, boolean regression) {
    return Reports.probe(name).status(status).score(score).stale(stale).critical(critical).lastResult(result)
        .since(NOW.minusSeconds(60)).consecutiveFailures(status == Status.DOWN ? 3 : 0).summary(summary)
        .availability(Reports.availability(0.75, 0.99, 0.995, 0.999))
        .recentLatenciesNanos(List.of(1_000_000L, 2_000_000L)).regression(regression).build();
  }

  static TrackerReport tracker(String name, long count, long errors, WindowStats summary, boolean regression) {
    TrackerReport.Builder t = TrackerReport.builder(name).score(87.5).budget(LatencyBudget.API).counts(count, errors)
        .summary(summary).availability(Map.of("1h", 0.98)).regression(regression);
    if (regression) {
      t.baseline(new Baseline(10_000_000, 20_000_000, 30_000_000, STARTED));
    }
    return t.build();
  }

  /**
   * Two probes, {@code db} DOWN (critical, regressed) and {@code cache} UP but stale, and two
   * trackers, {@code api} and {@code checkout}. The service is DOWN, readiness DOWN, liveness and
   * startup UP.
   */
  static HealthReport twoProbesTwoTrackers() {
    ProbeReport db = probe("db", Status.DOWN, 12.5, false, true,
        Optional.of(ProbeResult.down("connection refused").withTiming(2_000_000_000L, NOW.minusSeconds(5))),
        new WindowStats(FIVE_MINUTES, 30, 6, 1_500_000, 250_000_000, 2_000_000_000L, 2_000_000_000L), true);
    ProbeReport cache = probe("cache", Status.UP, 96.0, true, false,
        Optional.of(ProbeResult.up().withTiming(750_000, NOW.minusSeconds(45))),
        new WindowStats(FIVE_MINUTES, 12, 0, 500_000, 900_000, 1_200_000, 1_300_000), false);
    TrackerReport api = tracker("api", 1_234, 17,
        new WindowStats(FIVE_MINUTES, 200, 4, 40_000_000, 120_000_000, 300_000_000, 410_000_000), false);
    TrackerReport checkout = tracker("checkout", 50, 0,
        new WindowStats(FIVE_MINUTES, 50, 0, 90_000_000, 180_000_000, 220_000_000, 250_000_000), true);
    return Reports.report(db, cache).score(41.25).time(NOW.minusMillis(100)).startedAt(STARTED)
        .coldStart(Duration.ofMillis(212)).trackers(List.of(api, checkout)).build();
  }

  /**
   * {@link #twoProbesTwoTrackers()} with two objectives and two notifiers: {@code checkout-fast}
   * (99.9 % of {@code checkout} within 300 ms over 30 days; 100,000 operations, 40 bad, 60 % of the
   * budget left, burning fast over 1h and 5m) and {@code api-ok} (99 % of {@code api} succeed over 7
   * days; nothing bad), notifiers {@code slack} (12 sent, 1 dropped) and {@code pager} (3 sent).
   */
  static HealthReport withSlosAndNotifiers() {
    SloReport fast = Reports.slo("checkout-fast", "checkout").counts(100_000, 40).errorBudgetRemaining(0.6)
        .burnRates(Reports.burnRates(20.0, 8.0, 15.0, 2.5, 7.0, 1.2, 0.4)).build();
    SloReport ok = Reports.slo("api-ok", "api").objective(0.99).latencyThreshold(Optional.empty())
        .window(Duration.ofDays(7)).counts(5_000, 0).build();
    return twoProbesTwoTrackers().toBuilder().slos(List.of(fast, ok))
        .notifiers(List.of(new NotifierStats("slack", 12, 1), new NotifierStats("pager", 3, 0))).build();
  }

  /**
   * {@link #withSlosAndNotifiers()} with a history store that works: 1,440 minutes written, 3 failed
   * attempts, 2 minutes pending, 5 dropped, the last write 30.25 s before {@link #NOW}.
   */
  static HealthReport withHistory() {
    return withSlosAndNotifiers().toBuilder().history(new HistoryStats(STORE, 1_440, 3, 2, 5,
        Optional.of(NOW.minusMillis(30_250)), Optional.empty())).build();
  }

  /** {@link #twoProbesTwoTrackers()} with the working history store of {@link #withHistory()}. */
  static HealthReport twoProbesTwoTrackersWithHistory() {
    return twoProbesTwoTrackers().toBuilder().history(withHistory().history().orElseThrow()).build();
  }

  /** {@link #twoProbesTwoTrackers()} with a history store that has never written: the disk is full. */
  static HealthReport withFailingHistory() {
    return twoProbesTwoTrackers().toBuilder().history(new HistoryStats(STORE, 0, 7, 12, 0, Optional.empty(),
        Optional.of("cannot write /var/lib/orders/vitals/minutes.log: No space left on device"))).build();
  }

  /** A report with no probes, no trackers and no cold start yet. */
  static HealthReport empty() {
    return Reports.report().startedAt(STARTED).build();
  }

  /** One probe per awkward name, and one UNKNOWN probe without a result. */
  static HealthReport awkwardNames(String... names) {
    List<ProbeReport> probes = new ArrayList<>();
    for (String n : names) {
      probes.add(probe(n, Status.UP, 100, false, true,
          Optional.of(ProbeResult.up().withTiming(1_000_000, NOW)),
          new WindowStats(FIVE_MINUTES, 1, 0, 1_000_000, 1_000_000, 1_000_000, 1_000_000), false));
    }
    probes.add(probe("fresh", Status.UNKNOWN, 0, false, true, Optional.empty(), WindowStats.empty(FIVE_MINUTES),
        false));
    return Reports.report(probes).score(50).startedAt(STARTED).build();
  }
}
