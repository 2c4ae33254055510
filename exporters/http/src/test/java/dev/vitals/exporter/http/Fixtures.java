package dev.vitals.exporter.http;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import dev.vitals.test.Reports;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** The reports the endpoint tests serve, built with the shared {@link Reports}. */
final class Fixtures {

  /** When the fixtures' process started. */
  static final Instant STARTED = Reports.STARTED;
  /** When the fixtures' latest results were taken. */
  static final Instant NOW = Reports.NOW;

  private Fixtures() {}

  static ProbeBuilder probe(String name) {
    return new ProbeBuilder(name);
  }

  /** A 5-minute window; the max is 1.5 times the p99. */
  static WindowStats stats(long count, long errors, double p50Ms, double p95Ms, double p99Ms) {
    return Reports.fiveMinutes(count, errors, nanos(p50Ms), nanos(p95Ms), nanos(p99Ms), nanos(p99Ms * 1.5));
  }

  static long nanos(double ms) {
    return Math.round(ms * 1_000_000);
  }

  /** {@link Reports#tracker(String)} without windows besides its summary. */
  static TrackerReport tracker(String name) {
    return Reports.tracker(name).windows(List.of()).build();
  }

  /** A report whose statuses are aggregated from its probes as the engine does; score 97.5, cold start 142 ms. */
  static HealthReport report(List<ProbeReport> probes, List<TrackerReport> trackers) {
    return Reports.report(probes).score(97.5).coldStart(Duration.ofMillis(142)).trackers(trackers).build();
  }

  static HealthReport report(ProbeReport... probes) {
    return report(Arrays.asList(probes), List.of());
  }

  /**
   * A healthy {@code jdbc} probe whose latest result (UP, detail {@code version=16.4}) took 1.2 ms at
   * {@link #NOW}; a DOWN probe has failed 3 times in a row; its recent latencies are its latest run's.
   */
  static final class ProbeBuilder {
    private final ProbeReport.Builder report;
    private Status status = Status.UP;
    private ProbeResult last = ProbeResult.builder(Status.UP).detail("version", "16.4").build()
        .withTiming(nanos(1.2), NOW);

    ProbeBuilder(String name) {
      Map<String, Double> availability = new LinkedHashMap<>();
      availability.put("1h", 1.0);
      availability.put("24h", 1.0);
      report = Reports.probe(name).summary(stats(30, 0, 1.1, 2.0, 3.4)).availability(availability);
    }

    ProbeBuilder type(String t) {
      report.type(t);
      return this;
    }

    ProbeBuilder status(Status s) {
      status = s;
      return this;
    }

    ProbeBuilder score(double s) {
      report.score(s);
      return this;
    }

    ProbeBuilder critical(boolean c) {
      report.critical(c);
      return this;
    }

    ProbeBuilder kinds(ProbeKind first, ProbeKind... more) {
      report.kinds(first, more);
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
      report.summary(WindowStats.empty(Reports.FIVE_MINUTES)).availability(Map.of());
      return this;
    }

    ProbeBuilder stale() {
      report.stale(true);
      return this;
    }

    ProbeBuilder regression() {
      report.regression(true);
      return this;
    }

    ProbeBuilder summary(WindowStats s) {
      report.summary(s);
      return this;
    }

    ProbeBuilder availability(Map<String, Double> a) {
      report.availability(a);
      return this;
    }

    ProbeReport build() {
      return report.status(status).lastResult(Optional.ofNullable(last))
          .consecutiveFailures(status == Status.DOWN ? 3 : 0)
          .recentLatenciesNanos(last == null ? List.of() : List.of(last.latencyNanos())).build();
    }
  }
}
