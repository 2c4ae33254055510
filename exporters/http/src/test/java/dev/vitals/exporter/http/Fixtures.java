package dev.vitals.exporter.http;

import dev.vitals.api.HealthReport;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Health reports built by hand, as the engine would build them. */
final class Fixtures {

  /** When the fixtures' process started. */
  static final Instant STARTED = Instant.parse("2026-11-27T10:00:00Z");
  /** When the fixtures' latest results were taken. */
  static final Instant NOW = Instant.parse("2026-11-27T10:41:07Z");

  private Fixtures() {}

  static ProbeBuilder probe(String name) {
    return new ProbeBuilder(name);
  }

  static WindowStats stats(long count, long errors, double p50Ms, double p95Ms, double p99Ms) {
    return new WindowStats(Duration.ofMinutes(5), count, errors, nanos(p50Ms), nanos(p95Ms), nanos(p99Ms),
        nanos(p99Ms * 1.5));
  }

  static long nanos(double ms) {
    return Math.round(ms * 1_000_000);
  }

  static TrackerReport tracker(String name) {
    Map<String, Double> availability = new LinkedHashMap<>();
    availability.put("1h", 0.995);
    return new TrackerReport(name, 91.25, LatencyBudget.API, 1200, 6, stats(400, 2, 12.0, 48.0, 96.0),
        List.of(), availability, Optional.empty(), false);
  }

  /** A report whose statuses are aggregated from its probes as the engine does. */
  static HealthReport report(List<ProbeReport> probes, List<TrackerReport> trackers) {
    Map<ProbeKind, Status> groups = new EnumMap<>(ProbeKind.class);
    for (ProbeKind k : ProbeKind.values()) {
      groups.put(k, aggregate(probes.stream().filter(p -> p.is(k)).toArray(ProbeReport[]::new)));
    }
    return new HealthReport(aggregate(probes.toArray(new ProbeReport[0])), 97.5, NOW, STARTED,
        Optional.of(Duration.ofMillis(142)), probes, trackers, groups, List.of());
  }

  static HealthReport report(ProbeReport... probes) {
    return report(Arrays.asList(probes), List.of());
  }

  static Status aggregate(ProbeReport... probes) {
    Status s = Status.UP;
    for (ProbeReport p : probes) {
      Status st = p.status();
      if (!p.critical() && st == Status.DOWN) {
        st = Status.DEGRADED;
      }
      s = s.worse(st);
    }
    return s;
  }

  static final class ProbeBuilder {
    private final String name;
    private String type = "jdbc";
    private Status status = Status.UP;
    private double score = 100.0;
    private boolean critical = true;
    private Set<ProbeKind> kinds = EnumSet.of(ProbeKind.READINESS);
    private ProbeResult last = ProbeResult.builder(Status.UP).detail("version", "16.4").build()
        .withTiming(nanos(1.2), NOW);
    private boolean stale;
    private boolean regression;
    private WindowStats summary = stats(30, 0, 1.1, 2.0, 3.4);
    private Map<String, Double> availability = new LinkedHashMap<>(Map.of("1h", 1.0));

    ProbeBuilder(String name) {
      this.name = name;
      availability.put("24h", 1.0);
    }

    ProbeBuilder type(String t) {
      type = t;
      return this;
    }

    ProbeBuilder status(Status s) {
      status = s;
      return this;
    }

    ProbeBuilder score(double s) {
      score = s;
      return this;
    }

    ProbeBuilder critical(boolean c) {
      critical = c;
      return this;
    }

    ProbeBuilder kinds(ProbeKind first, ProbeKind... more) {
      kinds = EnumSet.of(first, more);
      return this;
    }

    /** The probe's latest result, stamped with its latency and {@link #NOW}; null for none yet. */
    ProbeBuilder last(ProbeResult r, double latencyMs) {
      last = r == null ? null : r.withTiming(nanos(latencyMs), NOW);
      return this;
    }

    ProbeBuilder noResultYet() {
      last = null;
      status = Status.UNKNOWN;
      summary = WindowStats.empty(Duration.ofMinutes(5));
      availability = new LinkedHashMap<>();
      return this;
    }

    ProbeBuilder stale() {
      stale = true;
      return this;
    }

    ProbeBuilder regression() {
      regression = true;
      return this;
    }

    ProbeBuilder summary(WindowStats s) {
      summary = s;
      return this;
    }

    ProbeBuilder availability(Map<String, Double> a) {
      availability = new LinkedHashMap<>(a);
      return this;
    }

    ProbeReport build() {
      return new ProbeReport(name, type, status, score, critical, kinds, LatencyBudget.DATABASE,
          Duration.ofSeconds(10), Duration.ofSeconds(2), Optional.ofNullable(last), STARTED, stale,
          status == Status.DOWN ? 3 : 0, summary, List.of(summary), availability, List.of(),
          last == null ? List.of() : new ArrayList<>(List.of(last.latencyNanos())), Optional.empty(),
          regression);
    }
  }
}
