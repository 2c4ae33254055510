package dev.vitals.exporter.http;

import dev.vitals.api.HealthReport;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.SloReport;
import dev.vitals.api.Status;
import dev.vitals.api.StatusTransition;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Hand-built reports for the status page tests. */
final class StatusPageFixtures {

  static final Instant NOW = Instant.parse("2026-11-27T10:41:07Z");
  static final Instant STARTED = NOW.minus(Duration.ofDays(3).plusHours(4).plusMinutes(12));
  static final String SCRIPT_MESSAGE = "<script>document.title='pwned'</script>";
  static final String IMG_MESSAGE = "<img src=x onerror=\"document.title='pwned-img'\">";

  private StatusPageFixtures() {}

  /** A probe report with sensible defaults; change what a test needs with the wither-style methods. */
  static final class Probe {
    String name;
    String type = "jdbc";
    Status status = Status.UP;
    double score = 100;
    boolean critical = true;
    Set<ProbeKind> kinds = Set.of(ProbeKind.READINESS);
    LatencyBudget budget = LatencyBudget.DATABASE;
    Duration interval = Duration.ofSeconds(10);
    Optional<ProbeResult> result = Optional.of(ProbeResult.up().withTiming(1_200_000, NOW.minusSeconds(4)));
    Instant since = NOW.minus(Duration.ofDays(2));
    boolean stale;
    WindowStats summary = new WindowStats(Duration.ofMinutes(5), 30, 0, 1_100_000, 2_000_000, 3_400_000, 4_000_000);
    Map<String, Double> availability = avail(1.0, 1.0, 0.9995, 0.9991);
    List<StatusTransition> history = new ArrayList<>();
    List<Long> latencies = StatusPageFixtures.latencies(30, 1_000_000, 3_000_000);
    boolean regression;

    Probe(String name) {
      this.name = name;
    }

    Probe type(String t) {
      this.type = t;
      return this;
    }

    Probe status(Status s, double sc) {
      this.status = s;
      this.score = sc;
      return this;
    }

    Probe critical(boolean c) {
      this.critical = c;
      return this;
    }

    Probe kinds(ProbeKind... k) {
      this.kinds = Set.of(k);
      return this;
    }

    Probe budget(LatencyBudget b) {
      this.budget = b;
      return this;
    }

    Probe result(ProbeResult r, long latencyNanos, Instant at) {
      this.result = Optional.of(r.withTiming(latencyNanos, at));
      return this;
    }

    Probe noResult() {
      this.result = Optional.empty();
      this.summary = WindowStats.empty(Duration.ofMinutes(5));
      this.latencies = List.of();
      this.availability = avail(0, 0, 0, 0);
      return this;
    }

    Probe since(Instant s) {
      this.since = s;
      return this;
    }

    Probe stale() {
      this.stale = true;
      return this;
    }

    Probe summary(long count, long errors, long p50, long p95, long p99, long max) {
      this.summary = new WindowStats(Duration.ofMinutes(5), count, errors, p50, p95, p99, max);
      return this;
    }

    Probe availability(double h1, double h24, double d7, double d30) {
      this.availability = avail(h1, h24, d7, d30);
      return this;
    }

    Probe transition(Status from, Status to, Instant at, String message) {
      history.add(new StatusTransition(from, to, at, message));
      return this;
    }

    Probe latencies(List<Long> l) {
      this.latencies = l;
      return this;
    }

    Probe regression() {
      this.regression = true;
      return this;
    }

    ProbeReport build() {
      return new ProbeReport(name, type, status, score, critical, kinds, budget, interval,
          Duration.ofSeconds(2), result, since, stale, status == Status.DOWN ? 3 : 0, summary,
          List.of(summary), availability, history, latencies, Optional.empty(), regression);
    }
  }

  static Map<String, Double> avail(double h1, double h24, double d7, double d30) {
    Map<String, Double> m = new LinkedHashMap<>();
    m.put("1h", h1);
    m.put("24h", h24);
    m.put("7d", d7);
    m.put("30d", d30);
    return m;
  }

  /** A deterministic wavy series of latencies between {@code low} and {@code high} nanoseconds. */
  static List<Long> latencies(int n, long low, long high) {
    List<Long> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      double wave = (Math.sin(i * 0.7) + 1) / 2 * 0.7 + ((i * 7919) % 13) / 13.0 * 0.3;
      out.add(low + (long) ((high - low) * wave));
    }
    return out;
  }

  static TrackerReport tracker(String name, long count, long errors, long p50, long p95, long p99, double score) {
    long windowCount = Math.min(count, 1200);
    long windowErrors = count == 0 ? 0 : errors * windowCount / count;
    WindowStats s = new WindowStats(Duration.ofMinutes(5), windowCount, windowErrors, p50, p95, p99, p99 * 2);
    return new TrackerReport(name, score, LatencyBudget.API, count, errors, s, List.of(s),
        Map.of("1h", count == 0 ? 1.0 : 1.0 - (double) errors / count), Optional.empty(), false);
  }

  static HealthReport report(Status status, double score, List<ProbeReport> probes, List<TrackerReport> trackers,
      List<String> problems) {
    Map<ProbeKind, Status> groups = new EnumMap<>(ProbeKind.class);
    for (ProbeKind k : ProbeKind.values()) {
      Status g = Status.UP;
      for (ProbeReport p : probes) {
        if (p.is(k)) {
          g = g.worse(p.critical() || p.status() != Status.DOWN ? p.status() : Status.DEGRADED);
        }
      }
      groups.put(k, g);
    }
    return new HealthReport(status, score, NOW.minusMillis(300), STARTED, Optional.of(Duration.ofMillis(212)),
        probes, trackers, groups, problems);
  }

  static HealthReport empty() {
    return new HealthReport(Status.UP, 100, NOW, STARTED, Optional.empty(), List.of(), List.of(),
        Map.of(ProbeKind.LIVENESS, Status.UP, ProbeKind.READINESS, Status.UP, ProbeKind.STARTUP, Status.UP),
        List.of());
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
   * {@code checkout-fast}: 99.9 % of {@code checkout} within 300 ms over 30 days; 100,000 operations,
   * 40 bad, 60 % of the budget left, burning 15x over the last hour.
   */
  static SloReport checkoutFast() {
    return new SloReport("checkout-fast", "checkout", 0.999, Optional.of(Duration.ofMillis(300)),
        Duration.ofDays(30), 100_000, 40, 0.6, burnRates(20.0, 8.0, 15.0, 2.5, 7.0, 1.2, 0.4));
  }

  /** {@code api-ok}: 99 % of {@code api} succeed over 7 days; its budget is overspent. */
  static SloReport apiOk() {
    return new SloReport("api-ok", "api", 0.99, Optional.empty(), Duration.ofDays(7), 5_000, 75, -0.5,
        burnRates(0.0, 0.5, 1.0, 1.5, 2.0, 1.75, 1.5));
  }

  /** A report with the same figures and these objectives. */
  static HealthReport withObjectives(HealthReport r, List<SloReport> slos) {
    Map<ProbeKind, Status> groups = new EnumMap<>(ProbeKind.class);
    for (ProbeKind k : ProbeKind.values()) {
      groups.put(k, r.status(k));
    }
    return new HealthReport(r.status(), r.score(), r.time(), r.startedAt(), r.coldStart(), r.probes(), r.trackers(),
        groups, r.problems(), slos, List.of());
  }

  /** {@link #realistic()} with {@link #checkoutFast()}, {@link #apiOk()} and an objective with a hostile name. */
  static HealthReport realisticWithObjectives() {
    SloReport hostile = new SloReport(SCRIPT_MESSAGE, IMG_MESSAGE, 0.95, Optional.empty(), Duration.ofHours(1), 0, 0,
        1.0, burnRates(0, 0, 0, 0, 0, 0, 0));
    return withObjectives(realistic(), List.of(checkoutFast(), apiOk(), hostile));
  }

  private static List<Long> join(List<Long> a, List<Long> b) {
    List<Long> out = new ArrayList<>(a);
    out.addAll(b);
    return out;
  }
}
