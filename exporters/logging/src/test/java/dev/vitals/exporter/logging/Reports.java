package dev.vitals.exporter.logging;

import dev.vitals.api.HealthReport;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.StatusChange;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Hand-built reports and status changes for the tests. */
final class Reports {

  static final Instant NOW = Instant.parse("2026-11-27T10:41:07Z");

  private Reports() {}

  static ProbeReport probe(String name, String type, Status status, boolean critical, double score) {
    ProbeResult last = ProbeResult.builder(status == Status.UNKNOWN ? Status.UP : status).build()
        .withTiming(1_500_000, NOW);
    WindowStats summary = WindowStats.empty(Duration.ofMinutes(5));
    return new ProbeReport(name, type, status, score, critical, Set.of(ProbeKind.READINESS), LatencyBudget.DATABASE,
        Duration.ofSeconds(10), Duration.ofSeconds(2), status == Status.UNKNOWN ? Optional.empty() : Optional.of(last),
        NOW, false, 0, summary, List.of(summary), Map.of("1h", 1.0), List.of(), List.of(), Optional.empty(), false);
  }

  static TrackerReport tracker(String name) {
    WindowStats summary = WindowStats.empty(Duration.ofMinutes(5));
    return new TrackerReport(name, 100.0, LatencyBudget.API, 0, 0, summary, List.of(summary), Map.of("1h", 1.0),
        Optional.empty(), false);
  }

  static HealthReport report(List<ProbeReport> probes, List<TrackerReport> trackers, List<String> problems) {
    Map<ProbeKind, Status> groups = new EnumMap<>(ProbeKind.class);
    for (ProbeKind k : ProbeKind.values()) {
      groups.put(k, Status.UP);
    }
    return new HealthReport(Status.UP, 100.0, NOW, NOW.minusSeconds(60), Optional.empty(), probes, trackers, groups,
        problems);
  }

  /** Probes {@code db} (jdbc, critical, score 12.5) and {@code cache} (redis, not critical), tracker {@code api}. */
  static HealthReport standard(List<String> problems) {
    return report(List.of(probe("db", "jdbc", Status.DOWN, true, 12.5), probe("cache", "redis", Status.UP, false, 99.0)),
        List.of(tracker("api")), problems);
  }

  static StatusChange change(String probe, Status from, Status to, ProbeResult result) {
    return new StatusChange(probe, from, to, result.withTiming(2_345_678, NOW), NOW);
  }
}
