package dev.vitals.exporter.http;

import dev.vitals.api.HealthReport;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.SloReport;
import dev.vitals.api.Status;
import dev.vitals.api.HistoryEntry;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import dev.vitals.test.Reports;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** The reports the status page tests render, built with the shared {@link Reports}. */
final class StatusPageFixtures {

  static final Instant NOW = Instant.parse("2026-11-27T10:41:07Z");
  static final Instant STARTED = NOW.minus(Duration.ofDays(3).plusHours(4).plusMinutes(12));
  static final String SCRIPT_MESSAGE = "<script>document.title='pwned'</script>";
  static final String IMG_MESSAGE = "<img src=x onerror=\"document.title='pwned-img'\">";

  private StatusPageFixtures() {}

  /**
   * A healthy {@code jdbc} probe, UP for two days, whose latest result took 1.2 ms four seconds ago;
   * change what a test needs with the wither-style methods. A DOWN probe has failed 3 times in a row.
   */
  static final class Probe {
    private final ProbeReport.Builder report;
    private Status status = Status.UP;
    private final List<HistoryEntry> history = new ArrayList<>();

    Probe(String name) {
      report = Reports.probe(name)
          .lastResult(ProbeResult.up().withTiming(1_200_000, NOW.minusSeconds(4)))
          .since(NOW.minus(Duration.ofDays(2)))
          .availability(Reports.availability(1.0, 1.0, 0.9995, 0.9991))
          .recentLatenciesNanos(Reports.latencies(30, 1_000_000, 3_000_000));
    }

    Probe type(String t) {
      report.type(t);
      return this;
    }

    Probe status(Status s, double sc) {
      this.status = s;
      report.score(sc);
      return this;
    }

    Probe critical(boolean c) {
      report.critical(c);
      return this;
    }

    Probe kinds(ProbeKind... k) {
      report.kinds(Set.of(k));
      return this;
    }

    Probe budget(LatencyBudget b) {
      report.budget(b);
      return this;
    }

    Probe result(ProbeResult r, long latencyNanos, Instant at) {
      report.lastResult(r.withTiming(latencyNanos, at));
      return this;
    }

    Probe noResult() {
      report.lastResult(Optional.empty()).summary(WindowStats.empty(Reports.FIVE_MINUTES))
          .recentLatenciesNanos(List.of()).availability(Reports.availability(0, 0, 0, 0));
      return this;
    }

    Probe since(Instant s) {
      report.since(s);
      return this;
    }

    Probe stale() {
      report.stale(true);
      return this;
    }

    Probe summary(long count, long errors, long p50, long p95, long p99, long max) {
      report.summary(Reports.fiveMinutes(count, errors, p50, p95, p99, max));
      return this;
    }

    Probe availability(double h1, double h24, double d7, double d30) {
      report.availability(Reports.availability(h1, h24, d7, d30));
      return this;
    }

    Probe transition(Status from, Status to, Instant at, String message) {
      history.add(new HistoryEntry(from, to, at, message));
      return this;
    }

    Probe latencies(List<Long> l) {
      report.recentLatenciesNanos(l);
      return this;
    }

    Probe regression() {
      report.regression(true);
      return this;
    }

    ProbeReport build() {
      return report.status(status).consecutiveFailures(status == Status.DOWN ? 3 : 0).history(history).build();
    }
  }

  /** A deterministic wavy series of latencies between {@code low} and {@code high} nanoseconds. */
  static List<Long> latencies(int n, long low, long high) {
    return Reports.latencies(n, low, high);
  }

  static TrackerReport tracker(String name, long count, long errors, long p50, long p95, long p99, double score) {
    long windowCount = Math.min(count, 1200);
    long windowErrors = count == 0 ? 0 : errors * windowCount / count;
    return TrackerReport.builder(name).score(score).budget(LatencyBudget.API).counts(count, errors)
        .summary(Reports.fiveMinutes(windowCount, windowErrors, p50, p95, p99, p99 * 2))
        .availability(Map.of("1h", count == 0 ? 1.0 : 1.0 - (double) errors / count)).build();
  }

  /** A report with these figures, groups aggregated from the probes, built 300 ms before {@link #NOW}. */
  static HealthReport report(Status status, double score, List<ProbeReport> probes, List<TrackerReport> trackers,
      List<String> problems) {
    return Reports.report(probes).status(status).score(score).time(NOW.minusMillis(300)).startedAt(STARTED)
        .coldStart(Duration.ofMillis(212)).trackers(trackers).problems(problems).build();
  }

  static HealthReport empty() {
    return Reports.report().startedAt(STARTED).build();
  }

  /**
   * A realistic report: a healthy database with an outage earlier today, a degraded cache, a payment
   * API that is down with a hostile message, a stale search probe and a probe without results yet.
   * Scores as docs/scoring.md computes them: the DOWN probe 0, the {@code api} tracker (0.17 % errors
   * in its window, p95 within target) 99, {@code checkout} (6.2 % errors, p95 at 3.2x target) 28,
   * and the service the engine's weighted mean of them.
   */
  static HealthReport realistic() {
    ProbeReport db = new Probe("orders-db")
        .result(ProbeResult.builder(Status.UP).message("PostgreSQL 16.4").detail("pool.active", 3)
            .detail("pool.max", 20).build(), 1_300_000, NOW.minusSeconds(3))
        .since(NOW.minus(Duration.ofHours(6).plusMinutes(40)))
        .transition(Status.UNKNOWN, Status.UP, STARTED.plusMillis(212), "")
        .transition(Status.UP, Status.DOWN, NOW.minus(Duration.ofHours(7).plusMinutes(10)),
            "Connection refused: orders-db:5432")
        .transition(Status.DOWN, Status.UP, NOW.minus(Duration.ofHours(6).plusMinutes(40)), "")
        .availability(1.0, 0.9792, 0.997, 0.9993)
        .build();
    ProbeReport cache = new Probe("session-cache").type("redis").kinds(ProbeKind.READINESS, ProbeKind.LIVENESS)
        .critical(false).status(Status.DEGRADED, 71.5)
        .result(ProbeResult.degraded("used_memory at 93 % of maxmemory"), 31_000_000, NOW.minusSeconds(6))
        .since(NOW.minus(Duration.ofMinutes(48)))
        .transition(Status.UP, Status.DEGRADED, NOW.minus(Duration.ofMinutes(48)), "used_memory at 91 % of maxmemory")
        .summary(30, 0, 14_000_000, 62_000_000, 88_000_000, 91_000_000)
        .latencies(latencies(30, 6_000_000, 90_000_000))
        .availability(1.0, 1.0, 1.0, 0.9999)
        .build();
    ProbeReport payments = new Probe("payments-api").type("http").budget(LatencyBudget.API)
        .status(Status.DOWN, 0.0)
        .result(ProbeResult.down(SCRIPT_MESSAGE + " " + IMG_MESSAGE + " & \"quoted\""), 2_000_000_000L,
            NOW.minusSeconds(8))
        .since(NOW.minus(Duration.ofMinutes(17)))
        .transition(Status.UNKNOWN, Status.UP, NOW.minus(Duration.ofHours(20)), "")
        .transition(Status.UP, Status.DEGRADED, NOW.minus(Duration.ofHours(2)), "p95 1.2 s above budget")
        .transition(Status.DEGRADED, Status.UP, NOW.minus(Duration.ofHours(1).plusMinutes(30)), "")
        .transition(Status.UP, Status.DOWN, NOW.minus(Duration.ofMinutes(17)), SCRIPT_MESSAGE)
        .summary(30, 11, 180_000_000, 2_000_000_000L, 2_000_000_000L, 2_000_000_000L)
        .latencies(join(latencies(20, 90_000_000, 260_000_000), List.of(2_000_000_000L, 2_000_000_000L,
            2_000_000_000L, 2_000_000_000L, 2_000_000_000L, 2_000_000_000L, 2_000_000_000L,
            2_000_000_000L, 2_000_000_000L, 2_000_000_000L)))
        .availability(0.716, 0.988, 0.998, 0.9995)
        .build();
    ProbeReport search = new Probe("search").type("http").budget(LatencyBudget.API).stale()
        .result(ProbeResult.up(), 45_000_000, NOW.minus(Duration.ofMinutes(3)))
        .since(NOW.minus(Duration.ofHours(30)))
        .summary(12, 0, 40_000_000, 52_000_000, 60_000_000, 61_000_000)
        .latencies(latencies(12, 35_000_000, 61_000_000))
        .build();
    ProbeReport fresh = new Probe("ledger").type("tcp").status(Status.UNKNOWN, 0).noResult()
        .since(NOW.minusSeconds(2)).build();
    return report(Status.DOWN, 66.1, List.of(db, cache, payments, search, fresh),
        List.of(tracker("api", 184_233, 412, 38_000_000, 142_000_000, 388_000_000, 99.0),
            tracker("checkout", 9_812, 611, 210_000_000, 640_000_000, 1_150_000_000L, 28.0)),
        List.of());
  }

  /**
   * {@code checkout-fast}: 99.9 % of {@code checkout} within 300 ms over 30 days; 100,000 operations,
   * 40 bad, 60 % of the budget left, burning 15x over the last hour.
   */
  static SloReport checkoutFast() {
    return Reports.slo("checkout-fast", "checkout").counts(100_000, 40).errorBudgetRemaining(0.6)
        .burnRates(Reports.burnRates(20.0, 8.0, 15.0, 2.5, 7.0, 1.2, 0.4)).build();
  }

  /** {@code api-ok}: 99 % of {@code api} succeed over 7 days; its budget is overspent. */
  static SloReport apiOk() {
    return Reports.slo("api-ok", "api").objective(0.99).latencyThreshold(Optional.empty()).window(Duration.ofDays(7))
        .counts(5_000, 75).errorBudgetRemaining(-0.5).burnRates(Reports.burnRates(0.0, 0.5, 1.0, 1.5, 2.0, 1.75, 1.5))
        .build();
  }

  /** A report with the same figures and these objectives, without notifiers or maintenance windows. */
  static HealthReport withObjectives(HealthReport r, List<SloReport> slos) {
    return r.toBuilder().slos(slos).notifiers(List.of()).maintenance(List.of()).scheduleLag(Duration.ZERO).build();
  }

  /** {@link #realistic()} with {@link #checkoutFast()}, {@link #apiOk()} and an objective with a hostile name. */
  static HealthReport realisticWithObjectives() {
    SloReport hostile = SloReport.builder(SCRIPT_MESSAGE).tracker(IMG_MESSAGE).objective(0.95).window(Duration.ofHours(1))
        .burnRates(Reports.burnRates(0, 0, 0, 0, 0, 0, 0)).build();
    return withObjectives(realistic(), List.of(checkoutFast(), apiOk(), hostile));
  }

  private static List<Long> join(List<Long> a, List<Long> b) {
    List<Long> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
