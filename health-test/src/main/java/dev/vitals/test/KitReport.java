package dev.vitals.test;

import dev.vitals.api.Baseline;
import dev.vitals.api.HealthReport;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.HistoryEntry;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import java.time.Duration;
import java.time.Instant;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The report the exporter and metrics-writer kits use: every status, a tracker, a cold start, a start-up problem. */
final class KitReport {

  private KitReport() {}

  /**
   * The report of the kit: every status, a tracker, a cold start and a start-up problem.
   */
  static HealthReport of(Instant now) {
    Duration fiveMinutes = Duration.ofMinutes(5);
    WindowStats busy = new WindowStats(fiveMinutes, 30, 6, 1_500_000, 25_000_000, 90_000_000, 120_000_000);
    WindowStats quiet = new WindowStats(fiveMinutes, 30, 0, 1_000_000, 1_200_000, 1_500_000, 2_000_000);
    Map<String, Double> availability = new LinkedHashMap<>();
    availability.put("1h", 0.98);
    availability.put("24h", 0.995);
    availability.put("7d", 0.999);
    availability.put("30d", 0.9995);
    List<ProbeReport> probes = List.of(
        probe("kit-up", Status.UP, 100, true, EnumSet.of(ProbeKind.LIVENESS, ProbeKind.READINESS),
            Optional.of(ProbeResult.up().withTiming(1_200_000, now.minusSeconds(2))), quiet, availability,
            Optional.empty(), false, now),
        probe("kit-degraded", Status.DEGRADED, 61.5, false, EnumSet.of(ProbeKind.READINESS),
            Optional.of(ProbeResult.degraded("pool waiting: 3 threads").withTiming(150_000_000, now.minusSeconds(3))),
            quiet, availability, Optional.empty(), false, now),
        probe("kit-down", Status.DOWN, 12.5, true, EnumSet.of(ProbeKind.READINESS),
            Optional.of(ProbeResult.down("connection refused").withTiming(2_000_000_000L, now.minusSeconds(4))),
            busy, availability, Optional.of(new Baseline(1_000_000, 10_000_000, 20_000_000, now.minusSeconds(3600))),
            true, now),
        probe("kit-unknown", Status.UNKNOWN, 0, true, EnumSet.of(ProbeKind.STARTUP), Optional.empty(),
            WindowStats.empty(fiveMinutes), Map.of(), Optional.empty(), false, now));
    WindowStats apiWindow = new WindowStats(fiveMinutes, 200, 4, 40_000_000, 120_000_000, 300_000_000, 410_000_000);
    TrackerReport api = TrackerReport.builder("kit-api").score(87.5).budget(LatencyBudget.API).counts(1_234, 17)
        .summary(apiWindow).windows(List.of(apiWindow)).availability(Map.of("1h", 0.98)).build();
    Map<ProbeKind, Status> groups = new EnumMap<>(ProbeKind.class);
    groups.put(ProbeKind.LIVENESS, Status.UP);
    groups.put(ProbeKind.READINESS, Status.DOWN);
    groups.put(ProbeKind.STARTUP, Status.UNKNOWN);
    return HealthReport.builder().status(Status.DOWN).score(48.0).time(now).startedAt(now.minusSeconds(3600))
        .coldStart(Duration.ofMillis(212)).probes(probes).trackers(List.of(api)).groups(groups)
        .problems(List.of("exporter 'kit-broken' failed to load: ClassNotFoundException")).build();
  }

  private static ProbeReport probe(String name, Status status, double score, boolean critical, Set<ProbeKind> kinds,
      Optional<ProbeResult> result, WindowStats summary, Map<String, Double> availability,
      Optional<Baseline> baseline, boolean regression, Instant now) {
    List<HistoryEntry> history = status == Status.UNKNOWN ? List.of()
        : List.of(new HistoryEntry(Status.UNKNOWN, status, now.minusSeconds(60), status.id()));
    return ProbeReport.builder(name).type("kit").status(status).score(score).critical(critical).kinds(kinds)
        .budget(LatencyBudget.DATABASE).interval(Duration.ofSeconds(10)).timeout(Duration.ofSeconds(2))
        .lastResult(result).since(now.minusSeconds(60)).consecutiveFailures(status == Status.DOWN ? 3 : 0)
        .summary(summary).windows(List.of(summary)).availability(availability).history(history)
        .recentLatenciesNanos(result.isPresent() ? List.of(1_000_000L, result.get().latencyNanos()) : List.of())
        .baseline(baseline).regression(regression).build();
  }
}
