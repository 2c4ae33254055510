package dev.vitals.exporter.micrometer;

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
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Hand-built reports for the tests. */
final class Reports {

  static final Instant STARTED = Instant.parse("2026-11-27T10:00:00Z");
  static final Instant NOW = STARTED.plusSeconds(125);
  static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  private Reports() {}

  static Map<String, Double> availability(double h1, double h24, double d7, double d30) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("1h", h1);
    m.put("24h", h24);
    m.put("7d", d7);
    m.put("30d", d30);
    return m;
  }

  /** A probe with a 5-minute summary of 200 runs, 10 failed, p50 1 ms, p95 2 ms, p99 3 ms, max 4 ms. */
  static ProbeReport probe(String name, Status status, double score, long lastLatencyNanos) {
    WindowStats summary = new WindowStats(FIVE_MINUTES, 200, 10, 1_000_000, 2_000_000, 3_000_000, 4_000_000);
    ProbeResult last = ProbeResult.builder(status == Status.UNKNOWN ? Status.UP : status).build()
        .withTiming(lastLatencyNanos, NOW);
    return new ProbeReport(name, "jdbc", status, score, true, Set.of(ProbeKind.READINESS),
        LatencyBudget.DATABASE, Duration.ofSeconds(10), Duration.ofSeconds(2),
        status == Status.UNKNOWN ? Optional.empty() : Optional.of(last), STARTED, false, 0, summary,
        List.of(WindowStats.empty(Duration.ofMinutes(1)), summary, WindowStats.empty(Duration.ofHours(1))),
        availability(0.999, 0.998, 0.99, 0.95), List.of(), List.of(lastLatencyNanos), Optional.empty(), false);
  }

  /** A probe that is stale and regressed. */
  static ProbeReport staleRegressedProbe(String name) {
    ProbeReport p = probe(name, Status.DEGRADED, 40.0, 9_000_000);
    return new ProbeReport(p.name(), p.type(), p.status(), p.score(), false, p.kinds(), p.budget(), p.interval(),
        p.timeout(), p.lastResult(), p.since(), true, 0, p.summary(), p.windows(), p.availability(), p.history(),
        p.recentLatenciesNanos(), Optional.of(new Baseline(1_000_000, 1_000_000, 2_000_000, STARTED)), true);
  }

  /** A tracker with a summary of 1000 operations, 50 failed, p50 10 ms ... max 400 ms. */
  static TrackerReport tracker(String name, long count, long errors, double score) {
    WindowStats summary = new WindowStats(FIVE_MINUTES, 1000, 50, 10_000_000, 100_000_000, 200_000_000,
        400_000_000);
    return new TrackerReport(name, score, LatencyBudget.API, count, errors, summary, List.of(summary),
        Map.of("1h", 0.95), Optional.empty(), false);
  }

  static HealthReport report(Status status, double score, List<ProbeReport> probes, List<TrackerReport> trackers,
      Optional<Duration> coldStart) {
    Map<ProbeKind, Status> groups = new EnumMap<>(ProbeKind.class);
    groups.put(ProbeKind.LIVENESS, Status.UP);
    groups.put(ProbeKind.READINESS, status);
    groups.put(ProbeKind.STARTUP, Status.UNKNOWN);
    return new HealthReport(status, score, NOW, STARTED, coldStart, probes, trackers, groups, List.of());
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

  /** An objective: 99.9 % of {@code api} within 300 ms over 30 days. */
  static SloReport slo(String name, long total, long bad, double remaining, double burn1h) {
    return new SloReport(name, "api", 0.999, Optional.of(Duration.ofMillis(300)), Duration.ofDays(30), total, bad,
        remaining, burnRates(2.0, 1.5, burn1h, 0.9, 0.8, 0.5, 0.25));
  }

  static HealthReport withSlosAndNotifiers(List<SloReport> slos, List<NotifierStats> notifiers) {
    HealthReport r = standard();
    Map<ProbeKind, Status> groups = new EnumMap<>(ProbeKind.class);
    for (ProbeKind k : ProbeKind.values()) {
      groups.put(k, r.status(k));
    }
    return new HealthReport(r.status(), r.score(), r.time(), r.startedAt(), r.coldStart(), r.probes(), r.trackers(),
        groups, List.of(), slos, notifiers);
  }

  /**
   * {@link #standard()} with objective {@code api-fast} (1h burn rate 1.25, 60 % of the budget left)
   * and notifier {@code slack} (12 sent, 1 dropped).
   */
  static HealthReport withSlosAndNotifiers() {
    return withSlosAndNotifiers(List.of(slo("api-fast", 10_000, 4, 0.6, 1.25)),
        List.of(new NotifierStats("slack", 12, 1)));
  }

  /** Probe {@code db} UP (score 97.5, last run 1.5 ms), tracker {@code api}, cold start 0.25 s. */
  static HealthReport standard() {
    return report(Status.UP, 98.5, List.of(probe("db", Status.UP, 97.5, 1_500_000)),
        List.of(tracker("api", 1000, 50, 88.0)), Optional.of(Duration.ofMillis(250)));
  }
}
