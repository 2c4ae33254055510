package dev.vitals.exporter.micrometer;

import dev.vitals.api.Baseline;
import dev.vitals.api.HealthReport;
import dev.vitals.api.HistoryStats;
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
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reports the meter tests bind, built with the shared {@link dev.vitals.test.Reports}. */
final class Reports {

  static final Instant STARTED = dev.vitals.test.Reports.STARTED;
  static final Instant NOW = STARTED.plusSeconds(125);

  private Reports() {}

  /** A probe with a 5-minute summary of 200 runs, 10 failed, p50 1 ms, p95 2 ms, p99 3 ms, max 4 ms. */
  static ProbeReport probe(String name, Status status, double score, long lastLatencyNanos) {
    WindowStats summary = dev.vitals.test.Reports.fiveMinutes(200, 10, 1_000_000, 2_000_000, 3_000_000, 4_000_000);
    return dev.vitals.test.Reports.probe(name).status(status).score(score)
        .lastResult(status == Status.UNKNOWN ? Optional.empty()
            : Optional.of(ProbeResult.builder(status).build().withTiming(lastLatencyNanos, NOW)))
        .summary(summary)
        .windows(List.of(WindowStats.empty(Duration.ofMinutes(1)), summary, WindowStats.empty(Duration.ofHours(1))))
        .availability(dev.vitals.test.Reports.availability(0.999, 0.998, 0.99, 0.95))
        .recentLatenciesNanos(List.of(lastLatencyNanos)).build();
  }

  /** A probe that is stale and regressed. */
  static ProbeReport staleRegressedProbe(String name) {
    return probe(name, Status.DEGRADED, 40.0, 9_000_000).toBuilder().critical(false).stale(true)
        .baseline(new Baseline(1_000_000, 1_000_000, 2_000_000, STARTED)).regression(true).build();
  }

  /** A tracker with a summary of 1000 operations, 50 failed, p50 10 ms ... max 400 ms. */
  static TrackerReport tracker(String name, long count, long errors, double score) {
    return TrackerReport.builder(name).score(score).counts(count, errors)
        .summary(dev.vitals.test.Reports.fiveMinutes(1000, 50, 10_000_000, 100_000_000, 200_000_000, 400_000_000))
        .availability(Map.of("1h", 0.95)).build();
  }

  /** A report at {@link #NOW}: liveness UP, readiness {@code status}, startup UNKNOWN. */
  static HealthReport report(Status status, double score, List<ProbeReport> probes, List<TrackerReport> trackers,
      Optional<Duration> coldStart) {
    Map<ProbeKind, Status> groups = new EnumMap<>(ProbeKind.class);
    groups.put(ProbeKind.LIVENESS, Status.UP);
    groups.put(ProbeKind.READINESS, status);
    groups.put(ProbeKind.STARTUP, Status.UNKNOWN);
    return HealthReport.builder().status(status).score(score).time(NOW).startedAt(STARTED)
        .coldStart(coldStart.orElse(null)).probes(probes).trackers(trackers).groups(groups).build();
  }

  /** An objective: 99.9 % of {@code api} within 300 ms over 30 days. */
  static SloReport slo(String name, long total, long bad, double remaining, double burn1h) {
    return dev.vitals.test.Reports.slo(name, "api").counts(total, bad).errorBudgetRemaining(remaining)
        .burnRates(dev.vitals.test.Reports.burnRates(2.0, 1.5, burn1h, 0.9, 0.8, 0.5, 0.25)).build();
  }

  static HealthReport withSlosAndNotifiers(List<SloReport> slos, List<NotifierStats> notifiers) {
    return standard().toBuilder().slos(slos).notifiers(notifiers).build();
  }

  /**
   * {@link #standard()} with objective {@code api-fast} (1h burn rate 1.25, 60 % of the budget left)
   * and notifier {@code slack} (12 sent, 1 dropped).
   */
  static HealthReport withSlosAndNotifiers() {
    return withSlosAndNotifiers(List.of(slo("api-fast", 10_000, 4, 0.6, 1.25)),
        List.of(new NotifierStats("slack", 12, 1)));
  }

  /** Where the history store of {@link #withHistory} keeps its files: never in a meter. */
  static final String STORE = "file:/var/lib/orders/vitals";

  /**
   * {@link #standard()} with a history store.
   *
   * @param written minute records written
   * @param failures failed attempts
   * @param pending records waiting
   * @param dropped records dropped
   * @param lastWrite the last successful write, or null before the first
   */
  static HealthReport withHistory(long written, long failures, int pending, long dropped, Instant lastWrite) {
    return standard().toBuilder().history(new HistoryStats(STORE, written, failures, pending, dropped,
        Optional.ofNullable(lastWrite), lastWrite == null ? Optional.of("disk full") : Optional.empty())).build();
  }

  /** Probe {@code db} UP (score 97.5, last run 1.5 ms), tracker {@code api}, cold start 0.25 s. */
  static HealthReport standard() {
    return report(Status.UP, 98.5, List.of(probe("db", Status.UP, 97.5, 1_500_000)),
        List.of(tracker("api", 1000, 50, 88.0)), Optional.of(Duration.ofMillis(250)));
  }
}
