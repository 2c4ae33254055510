package dev.vitals.test;

import dev.vitals.api.HealthReport;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.SloReport;
import dev.vitals.api.Status;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Reports built by hand, for tests of exporters, notifiers and anything else that reads what the
 * monitor reports: typical probe, tracker and objective reports as builders to change, and a health
 * report whose statuses are aggregated from its probes as the engine does.
 *
 * <p>Every method returns a new builder of the public report types ({@link ProbeReport.Builder},
 * {@link TrackerReport.Builder}, {@link SloReport.Builder}, {@link HealthReport.Builder}) preset with the
 * values documented on it, so a test changes only what it asserts on and a component added to a report
 * later needs no change in the tests that do not care about it:
 *
 * <pre>{@code
 * ProbeReport db = Reports.down("db", "connection refused").summary(Reports.fiveMinutes(30, 6, 1_500_000,
 *     250_000_000, 2_000_000_000L, 2_000_000_000L)).build();
 * HealthReport report = Reports.report(db, Reports.probe("cache").type("redis").critical(false).build())
 *     .trackers(List.of(Reports.tracker("api").build())).build();
 * }</pre>
 *
 * <p>Times are fixed ({@link #NOW}, {@link #STARTED}), so output that shows them is stable. Stateless
 * and thread-safe.
 */
public final class Reports {

  /** The fixtures' present: when the latest results were taken and the report was built. */
  public static final Instant NOW = Instant.parse("2026-11-27T10:41:07Z");
  /** When the fixtures' process started: 41 minutes and 7 seconds before {@link #NOW}. */
  public static final Instant STARTED = Instant.parse("2026-11-27T10:00:00Z");
  /** The length of a report's summary window. */
  public static final Duration FIVE_MINUTES = Duration.ofMinutes(5);

  private Reports() {}

  /**
   * A healthy database probe: type {@code jdbc}, {@code UP} with score 100 since {@link #STARTED},
   * critical, in the readiness group, the {@link LatencyBudget#DATABASE} budget, run every 10 s with a
   * 2 s timeout; its latest result {@code UP} in 1.2 ms at {@link #NOW}; a 5-minute summary of 30 runs
   * without error (p50 1.1 ms, p95 2 ms, p99 3.4 ms, max 4 ms) as its only window; available the whole
   * time (1.0 for {@code 1h}, {@code 24h}, {@code 7d} and {@code 30d}); recent latencies the latest
   * run's; no history, baseline or regression.
   *
   * @param name the probe's name
   * @return a new builder to change what the test needs
   */
  public static ProbeReport.Builder probe(String name) {
    return ProbeReport.builder(name)
        .type("jdbc")
        .status(Status.UP)
        .score(100)
        .critical(true)
        .kinds(ProbeKind.READINESS)
        .budget(LatencyBudget.DATABASE)
        .interval(Duration.ofSeconds(10))
        .timeout(Duration.ofSeconds(2))
        .lastResult(ProbeResult.up().withTiming(1_200_000, NOW))
        .since(STARTED)
        .summary(fiveMinutes(30, 0, 1_100_000, 2_000_000, 3_400_000, 4_000_000))
        .availability(availability(1.0, 1.0, 1.0, 1.0))
        .recentLatenciesNanos(List.of(1_200_000L));
  }

  /**
   * {@link #probe(String)} gone {@code DOWN}: score 0, its latest result {@code DOWN} with
   * {@code message} after 2 s (its timeout) at {@link #NOW}, 3 consecutive failures, 6 of the 30 runs of
   * its summary failed.
   *
   * @param name the probe's name
   * @param message the latest result's message
   * @return a new builder to change what the test needs
   */
  public static ProbeReport.Builder down(String name, String message) {
    return probe(name)
        .status(Status.DOWN)
        .score(0)
        .lastResult(ProbeResult.down(message).withTiming(2_000_000_000L, NOW))
        .consecutiveFailures(3)
        .summary(fiveMinutes(30, 6, 1_500_000, 250_000_000, 2_000_000_000L, 2_000_000_000L))
        .recentLatenciesNanos(List.of(2_000_000_000L));
  }

  /**
   * {@link #probe(String)} that has not run yet: {@code UNKNOWN} with score 0 since {@link #NOW}, no
   * result, an empty summary, no availability and no recent latencies.
   *
   * @param name the probe's name
   * @return a new builder to change what the test needs
   */
  public static ProbeReport.Builder unknown(String name) {
    return probe(name)
        .status(Status.UNKNOWN)
        .score(0)
        .lastResult(java.util.Optional.empty())
        .since(NOW)
        .summary(WindowStats.empty(FIVE_MINUTES))
        .availability(Map.of())
        .recentLatenciesNanos(List.of());
  }

  /**
   * A tracker of the service's own operations with score 91.25 and the {@link LatencyBudget#API} budget:
   * 1,200 operations and 6 errors since start; a 5-minute summary of 400 operations, 2 failed (p50 12 ms,
   * p95 48 ms, p99 96 ms, max 144 ms) as its only window; 99.5 % of the last hour's operations
   * succeeded; no baseline or regression.
   *
   * @param name the tracker's name
   * @return a new builder to change what the test needs
   */
  public static TrackerReport.Builder tracker(String name) {
    return TrackerReport.builder(name)
        .score(91.25)
        .budget(LatencyBudget.API)
        .counts(1_200, 6)
        .summary(fiveMinutes(400, 2, 12_000_000, 48_000_000, 96_000_000, 144_000_000))
        .availability(Map.of("1h", 0.995));
  }

  /**
   * An objective on {@code tracker}: 99.9 % of its operations succeed within 300 ms over 30 days; no
   * operation yet, so the whole error budget is left and every burn rate is 0.
   *
   * @param name the objective's name
   * @param tracker the tracker it is measured on
   * @return a new builder to change what the test needs
   */
  public static SloReport.Builder slo(String name, String tracker) {
    return SloReport.builder(name)
        .tracker(tracker)
        .objective(0.999)
        .latencyThreshold(Duration.ofMillis(300))
        .window(Duration.ofDays(30))
        .burnRates(burnRates(0, 0, 0, 0, 0, 0, 0));
  }

  /**
   * A health report of these probes, built at {@link #NOW} for a process started at {@link #STARTED},
   * score 100, whose status and group statuses are aggregated from the probes as the engine does (see
   * {@link #aggregate(List)}); no trackers, cold start or anything else yet.
   *
   * @param probes the probes' reports, names unique
   * @return a new builder to change what the test needs
   */
  public static HealthReport.Builder report(ProbeReport... probes) {
    return report(Arrays.asList(probes));
  }

  /**
   * A health report of these probes: see {@link #report(ProbeReport...)}.
   *
   * @param probes the probes' reports, names unique
   * @return a new builder to change what the test needs
   */
  public static HealthReport.Builder report(List<ProbeReport> probes) {
    return HealthReport.builder()
        .status(aggregate(probes))
        .score(100)
        .time(NOW)
        .startedAt(STARTED)
        .probes(probes)
        .groups(groups(probes));
  }

  /**
   * The status of a set of probes as the engine aggregates it: the worst of their statuses, where a
   * non-critical probe that is {@code DOWN} counts as {@code DEGRADED}; {@code UP} for none.
   *
   * @param probes the probes' reports
   * @return the aggregate status
   */
  public static Status aggregate(List<ProbeReport> probes) {
    Status s = Status.UP;
    for (ProbeReport p : probes) {
      s = s.worse(!p.critical() && p.status() == Status.DOWN ? Status.DEGRADED : p.status());
    }
    return s;
  }

  /**
   * The status of every group: the {@link #aggregate(List) aggregate} of the probes in it.
   *
   * @param probes the probes' reports
   * @return a status for every {@link ProbeKind}
   */
  public static Map<ProbeKind, Status> groups(List<ProbeReport> probes) {
    Map<ProbeKind, Status> groups = new EnumMap<>(ProbeKind.class);
    for (ProbeKind k : ProbeKind.values()) {
      List<ProbeReport> members = new ArrayList<>();
      for (ProbeReport p : probes) {
        if (p.is(k)) {
          members.add(p);
        }
      }
      groups.put(k, aggregate(members));
    }
    return groups;
  }

  /**
   * A 5-minute window's figures.
   *
   * @param count operations in the window
   * @param errors failed operations, at most {@code count}
   * @param p50Nanos median latency, nanoseconds
   * @param p95Nanos 95th percentile, nanoseconds
   * @param p99Nanos 99th percentile, nanoseconds
   * @param maxNanos highest latency, nanoseconds
   * @return the window's stats
   */
  public static WindowStats fiveMinutes(long count, long errors, long p50Nanos, long p95Nanos, long p99Nanos,
      long maxNanos) {
    return new WindowStats(FIVE_MINUTES, count, errors, p50Nanos, p95Nanos, p99Nanos, maxNanos);
  }

  /**
   * A probe's availability by window, in the report's order.
   *
   * @param h1 the last hour's ratio
   * @param h24 the last 24 hours' ratio
   * @param d7 the last 7 days' ratio
   * @param d30 the last 30 days' ratio
   * @return keys {@code 1h}, {@code 24h}, {@code 7d}, {@code 30d} in that order
   */
  public static Map<String, Double> availability(double h1, double h24, double d7, double d30) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("1h", h1);
    m.put("24h", h24);
    m.put("7d", d7);
    m.put("30d", d30);
    return m;
  }

  /**
   * An objective's burn rates by window, in the report's order.
   *
   * @param m5 over 5 minutes
   * @param m30 over 30 minutes
   * @param h1 over 1 hour
   * @param h2 over 2 hours
   * @param h6 over 6 hours
   * @param h24 over 24 hours
   * @param d3 over 3 days
   * @return keys {@code 5m}, {@code 30m}, {@code 1h}, {@code 2h}, {@code 6h}, {@code 24h}, {@code 3d} in
   *     that order
   */
  public static Map<String, Double> burnRates(double m5, double m30, double h1, double h2, double h6, double h24,
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
   * A deterministic wavy series of run latencies, for sparklines.
   *
   * @param n how many
   * @param lowNanos the lowest, nanoseconds
   * @param highNanos the highest, nanoseconds
   * @return {@code n} latencies between {@code lowNanos} and {@code highNanos}, oldest first
   */
  public static List<Long> latencies(int n, long lowNanos, long highNanos) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double wave = (Math.sin(i * 0.7) + 1) / 2 * 0.7 + ((i * 7919) % 13) / 13.0 * 0.3;
      out.add(lowNanos + (long) ((highNanos - lowNanos) * wave));
    }
    return out;
  }
}
