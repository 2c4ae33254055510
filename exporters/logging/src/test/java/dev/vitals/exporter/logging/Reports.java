package dev.vitals.exporter.logging;

import dev.vitals.api.HealthReport;
import dev.vitals.api.HistoryStats;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.StatusChange;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reports and status changes the logging tests log, built with the shared {@link dev.vitals.test.Reports}. */
final class Reports {

  static final Instant NOW = dev.vitals.test.Reports.NOW;

  private Reports() {}

  /** A probe of {@code type} in {@code status} since {@link #NOW}; its last result took 1.5 ms; no figures yet. */
  private static ProbeReport probe(String name, String type, Status status, boolean critical, double score) {
    return dev.vitals.test.Reports.probe(name).type(type).status(status).critical(critical).score(score)
        .lastResult(status == Status.UNKNOWN ? Optional.empty()
            : Optional.of(ProbeResult.builder(status).build().withTiming(1_500_000, NOW)))
        .since(NOW).summary(WindowStats.empty(dev.vitals.test.Reports.FIVE_MINUTES)).availability(Map.of("1h", 1.0))
        .recentLatenciesNanos(List.of()).build();
  }

  /**
   * Probes {@code db} (jdbc, critical, DOWN, score 12.5) and {@code cache} (redis, not critical, UP, score
   * 99), tracker {@code api} without operations; the service UP with score 100, every group UP, started a
   * minute before {@link #NOW}.
   */
  static HealthReport standard(List<String> problems) {
    TrackerReport api = TrackerReport.builder("api").budget(LatencyBudget.API).availability(Map.of("1h", 1.0)).build();
    return HealthReport.builder().status(Status.UP).score(100.0).time(NOW).startedAt(NOW.minusSeconds(60))
        .probes(List.of(probe("db", "jdbc", Status.DOWN, true, 12.5), probe("cache", "redis", Status.UP, false, 99.0)))
        .trackers(List.of(api)).problems(problems).build();
  }

  /** Where the history store of {@link #withHistory} keeps its files. */
  static final String STORE = "file:/var/lib/orders/vitals";

  /**
   * {@link #standard(List)} with a history store.
   *
   * @param problems the report's problems
   * @param failures failed attempts so far
   * @param pending records waiting in memory
   * @param dropped records dropped so far
   * @param problem why the last attempt failed, or null while writes succeed
   */
  static HealthReport withHistory(List<String> problems, long failures, int pending, long dropped, String problem) {
    return standard(problems).toBuilder().history(new HistoryStats(STORE, 1_000 + failures, failures, pending, dropped,
        Optional.of(NOW.minusSeconds(60)), Optional.ofNullable(problem))).build();
  }

  static StatusChange change(String probe, Status from, Status to, ProbeResult result) {
    return new StatusChange(probe, from, to, result.withTiming(2_345_678, NOW), NOW);
  }
}
