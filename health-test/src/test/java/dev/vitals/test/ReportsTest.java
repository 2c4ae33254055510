package dev.vitals.test;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.SloReport;
import dev.vitals.api.Status;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReportsTest {

  @Test
  void aProbeIsAHealthyDatabaseProbeAsDocumented() {
    ProbeReport db = Reports.probe("db").build();

    assertThat(db.name()).isEqualTo("db");
    assertThat(db.type()).isEqualTo("jdbc");
    assertThat(db.status()).isEqualTo(Status.UP);
    assertThat(db.score()).isEqualTo(100.0);
    assertThat(db.critical()).isTrue();
    assertThat(db.kinds()).containsExactly(ProbeKind.READINESS);
    assertThat(db.budget()).isEqualTo(LatencyBudget.DATABASE);
    assertThat(db.interval()).isEqualTo(Duration.ofSeconds(10));
    assertThat(db.timeout()).isEqualTo(Duration.ofSeconds(2));
    assertThat(db.lastResult()).hasValueSatisfying(r -> {
      assertThat(r.status()).isEqualTo(Status.UP);
      assertThat(r.latencyNanos()).isEqualTo(1_200_000);
      assertThat(r.time()).contains(Reports.NOW);
    });
    assertThat(db.since()).isEqualTo(Reports.STARTED);
    assertThat(db.summary()).isEqualTo(new WindowStats(Duration.ofMinutes(5), 30, 0, 1_100_000, 2_000_000, 3_400_000,
        4_000_000));
    assertThat(db.windows()).containsExactly(db.summary());
    assertThat(db.availability()).containsExactly(java.util.Map.entry("1h", 1.0), java.util.Map.entry("24h", 1.0),
        java.util.Map.entry("7d", 1.0), java.util.Map.entry("30d", 1.0));
    assertThat(db.recentLatenciesNanos()).containsExactly(1_200_000L);
    assertThat(db.history()).isEmpty();
    assertThat(db.baseline()).isEmpty();
    assertThat(db.stale()).isFalse();
    assertThat(db.regression()).isFalse();
    assertThat(db.consecutiveFailures()).isZero();
  }

  @Test
  void aDownProbeCarriesItsMessageAndItsFailures() {
    ProbeReport db = Reports.down("db", "connection refused").build();

    assertThat(db.status()).isEqualTo(Status.DOWN);
    assertThat(db.score()).isZero();
    assertThat(db.lastResult().orElseThrow().message()).contains("connection refused");
    assertThat(db.lastResult().orElseThrow().latencyNanos()).isEqualTo(2_000_000_000L);
    assertThat(db.consecutiveFailures()).isEqualTo(3);
    assertThat(db.summary().errors()).isEqualTo(6);
  }

  @Test
  void anUnknownProbeHasNothingYet() {
    ProbeReport fresh = Reports.unknown("fresh").build();

    assertThat(fresh.status()).isEqualTo(Status.UNKNOWN);
    assertThat(fresh.score()).isZero();
    assertThat(fresh.lastResult()).isEmpty();
    assertThat(fresh.since()).isEqualTo(Reports.NOW);
    assertThat(fresh.summary().count()).isZero();
    assertThat(fresh.availability()).isEmpty();
    assertThat(fresh.recentLatenciesNanos()).isEmpty();
  }

  @Test
  void aReportAggregatesItsProbesAsTheEngineDoes() {
    ProbeReport db = Reports.probe("db").kinds(ProbeKind.LIVENESS, ProbeKind.READINESS).build();
    ProbeReport cache = Reports.down("cache", "refused").critical(false).build();
    ProbeReport boot = Reports.unknown("boot").kinds(ProbeKind.STARTUP).build();

    HealthReport degraded = Reports.report(db, cache).build();
    assertThat(degraded.status()).as("a non-critical DOWN probe degrades").isEqualTo(Status.DEGRADED);
    assertThat(degraded.status(ProbeKind.LIVENESS)).isEqualTo(Status.UP);
    assertThat(degraded.status(ProbeKind.READINESS)).isEqualTo(Status.DEGRADED);
    assertThat(degraded.status(ProbeKind.STARTUP)).as("a group without probes").isEqualTo(Status.UP);
    assertThat(degraded.time()).isEqualTo(Reports.NOW);
    assertThat(degraded.startedAt()).isEqualTo(Reports.STARTED);
    assertThat(degraded.score()).isEqualTo(100.0);

    HealthReport down = Reports.report(List.of(db, Reports.down("orders", "refused").build(), boot)).build();
    assertThat(down.status()).isEqualTo(Status.DOWN);
    assertThat(down.status(ProbeKind.STARTUP)).isEqualTo(Status.UNKNOWN);
    assertThat(Reports.report().build().status()).isEqualTo(Status.UP);
  }

  @Test
  void aTrackerAndAnObjectiveAreAsDocumented() {
    TrackerReport api = Reports.tracker("api").build();
    assertThat(api.score()).isEqualTo(91.25);
    assertThat(api.budget()).isEqualTo(LatencyBudget.API);
    assertThat(api.count()).isEqualTo(1_200);
    assertThat(api.errors()).isEqualTo(6);
    assertThat(api.summary()).isEqualTo(new WindowStats(Duration.ofMinutes(5), 400, 2, 12_000_000, 48_000_000,
        96_000_000, 144_000_000));
    assertThat(api.availability()).containsExactly(java.util.Map.entry("1h", 0.995));

    SloReport slo = Reports.slo("api-fast", "api").build();
    assertThat(slo.tracker()).isEqualTo("api");
    assertThat(slo.objective()).isEqualTo(0.999);
    assertThat(slo.latencyThreshold()).contains(Duration.ofMillis(300));
    assertThat(slo.window()).isEqualTo(Duration.ofDays(30));
    assertThat(slo.errorBudgetRemaining()).isEqualTo(1.0);
    assertThat(slo.burnRates().keySet()).containsExactly("5m", "30m", "1h", "2h", "6h", "24h", "3d");
  }

  @Test
  void theReadmeExampleBuildsTheReportItDescribes() {
    // health-test/README.md, "Reports without a monitor"
    ProbeReport db = Reports.down("db", "connection refused").build();
    ProbeReport cache = Reports.probe("cache").type("redis").critical(false).score(87.5).build();
    HealthReport report = Reports.report(db, cache)             // DOWN: db is critical
        .trackers(List.of(Reports.tracker("api").build()))
        .slos(List.of(Reports.slo("api-fast", "api").counts(10_000, 4).build()))
        .build();

    assertThat(report.status()).isEqualTo(Status.DOWN);
    assertThat(report.probe("cache").orElseThrow().score()).isEqualTo(87.5);
    assertThat(report.slos().get(0).bad()).isEqualTo(4);
  }

  @Test
  void theJavadocExampleBuildsTheReportItDescribes() {
    // the class javadoc of Reports
    ProbeReport db = Reports.down("db", "connection refused").summary(Reports.fiveMinutes(30, 6, 1_500_000,
        250_000_000, 2_000_000_000L, 2_000_000_000L)).build();
    HealthReport report = Reports.report(db, Reports.probe("cache").type("redis").critical(false).build())
        .trackers(List.of(Reports.tracker("api").build())).build();

    assertThat(report.status()).isEqualTo(Status.DOWN);
    assertThat(report.probes()).extracting(ProbeReport::name).containsExactly("db", "cache");
  }

  @Test
  void latenciesAreDeterministicAndWithinTheirBounds() {
    List<Long> l = Reports.latencies(30, 1_000_000, 3_000_000);
    assertThat(l).hasSize(30).isEqualTo(Reports.latencies(30, 1_000_000, 3_000_000));
    assertThat(l).allSatisfy(n -> assertThat(n).isBetween(1_000_000L, 3_000_000L));
    assertThat(l.stream().distinct().count()).isGreaterThan(10);
  }
}
