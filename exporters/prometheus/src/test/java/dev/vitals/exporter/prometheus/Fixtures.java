package dev.vitals.exporter.prometheus;

import dev.vitals.api.Baseline;
import dev.vitals.api.HealthReport;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.NotifierStats;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.SloReport;
import dev.vitals.api.Status;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Hand-built reports for the exporter tests. */
final class Fixtures {

  static final Instant NOW = Instant.parse("2026-11-27T10:41:07Z");
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

  private Fixtures() {}

  static ProbeReport probe(String name, Status status, double score, boolean stale, boolean critical,
      Optional<ProbeResult> result, WindowStats summary, boolean regression) {
    Map<String, Double> availability = new LinkedHashMap<>();
    availability.put("1h", 0.75);
    availability.put("24h", 0.99);
    availability.put("7d", 0.995);
    availability.put("30d", 0.999);
    return new ProbeReport(name, "jdbc", status, score, critical, Set.of(ProbeKind.READINESS),
        LatencyBudget.DATABASE, Duration.ofSeconds(10), Duration.ofSeconds(2), result, NOW.minusSeconds(60),
        stale, status == Status.DOWN ? 3 : 0, summary, List.of(summary), availability, List.of(),
        List.of(1_000_000L, 2_000_000L), Optional.empty(), regression);
  }

  static TrackerReport tracker(String name, long count, long errors, WindowStats summary, boolean regression) {
    return new TrackerReport(name, 87.5, LatencyBudget.API, count, errors, summary, List.of(summary),
        Map.of("1h", 0.98), regression
            ? Optional.of(new Baseline(10_000_000, 20_000_000, 30_000_000, STARTED))
            : Optional.empty(),
        regression);
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
    return new HealthReport(Status.DOWN, 41.25, NOW.minusMillis(100), STARTED,
        Optional.of(Duration.ofMillis(212)), List.of(db, cache), List.of(api, checkout),
        Map.of(ProbeKind.LIVENESS, Status.UP, ProbeKind.READINESS, Status.DOWN, ProbeKind.STARTUP, Status.UP),
        List.of());
  }

  static Map<String, Double> burnRates(double m5, double m30, double h1, double h2, double h6, double h24,
      double d3) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("5m", m5);
    m.put("30m", m30);
    m.put("1h", h1);
    m.put("2h", h2);
    m.put("6h", h6);
    m.put("24h", h24);
    m.put("3d", d3);
    return m;
  }

  /**
   * {@link #twoProbesTwoTrackers()} with two objectives and two notifiers: {@code checkout-fast}
   * (99.9 % of {@code checkout} within 300 ms over 30 days; 100,000 operations, 40 bad, 60 % of the
   * budget left, burning fast over 1h and 5m) and {@code api-ok} (99 % of {@code api} succeed over 7
   * days; nothing bad), notifiers {@code slack} (12 sent, 1 dropped) and {@code pager} (3 sent).
   */
  static HealthReport withSlosAndNotifiers() {
    HealthReport r = twoProbesTwoTrackers();
    SloReport fast = new SloReport("checkout-fast", "checkout", 0.999, Optional.of(Duration.ofMillis(300)),
        Duration.ofDays(30), 100_000, 40, 0.6, burnRates(20.0, 8.0, 15.0, 2.5, 7.0, 1.2, 0.4));
    SloReport ok = new SloReport("api-ok", "api", 0.99, Optional.empty(), Duration.ofDays(7), 5_000, 0, 1.0,
        burnRates(0, 0, 0, 0, 0, 0, 0));
    return new HealthReport(r.status(), r.score(), r.time(), r.startedAt(), r.coldStart(), r.probes(), r.trackers(),
        Map.of(ProbeKind.LIVENESS, Status.UP, ProbeKind.READINESS, Status.DOWN, ProbeKind.STARTUP, Status.UP),
        List.of(), List.of(fast, ok), List.of(new NotifierStats("slack", 12, 1), new NotifierStats("pager", 3, 0)));
  }

  /** A report with no probes, no trackers and no cold start yet. */
  static HealthReport empty() {
    return new HealthReport(Status.UP, 100, NOW, STARTED, Optional.empty(), List.of(), List.of(),
        Map.of(ProbeKind.LIVENESS, Status.UP, ProbeKind.READINESS, Status.UP, ProbeKind.STARTUP, Status.UP),
        List.of());
  }

  /** One probe per awkward name, and one UNKNOWN probe without a result. */
  static HealthReport awkwardNames(String... names) {
    List<ProbeReport> probes = new java.util.ArrayList<>();
    for (String n : names) {
      probes.add(probe(n, Status.UP, 100, false, true,
          Optional.of(ProbeResult.up().withTiming(1_000_000, NOW)),
          new WindowStats(FIVE_MINUTES, 1, 0, 1_000_000, 1_000_000, 1_000_000, 1_000_000), false));
    }
    probes.add(probe("fresh", Status.UNKNOWN, 0, false, true, Optional.empty(), WindowStats.empty(FIVE_MINUTES),
        false));
    return new HealthReport(Status.UNKNOWN, 50, NOW, STARTED, Optional.empty(), probes, List.of(),
        Map.of(ProbeKind.LIVENESS, Status.UP, ProbeKind.READINESS, Status.UNKNOWN, ProbeKind.STARTUP, Status.UP),
        List.of());
  }
}
