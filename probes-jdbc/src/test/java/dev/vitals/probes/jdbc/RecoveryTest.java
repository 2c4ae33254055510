package dev.vitals.probes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.ProbeReport;
import dev.vitals.api.Status;
import dev.vitals.core.HealthMonitor;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A real PostgreSQL frozen with SIGSTOP for 5 s under a monitor: once it is thawed the probe is
 * {@code UP} within (success-threshold + 1) intervals. The monitor's time is a manual clock (each run
 * still waits for the frozen server in real time, bounded by the probe's own client limits); the runs
 * happen on the advancing thread.
 */
class RecoveryTest {

  private final PostgresServer pg = PostgresServer.shared();
  private final ManualClock clock = new ManualClock();

  @Test
  void afterAFiveSecondFreezeAtOneSecondIntervalsTheProbeIsUpWithinTwoIntervals() {
    JdbcProbe probe = JdbcProbe.builder("db").url(pg.url(PostgresServer.DATABASE))
        .username(PostgresServer.USER).password(PostgresServer.PASSWORD).timeout(Duration.ofSeconds(1)).build();
    try (HealthMonitor m = HealthMonitor.builder().clock(clock).scheduler(clock.scheduler()).executor(clock.executor())
        .environment(Map.of()).jitter(0).discoverExporters(false).startTime(clock.instant()).probe(probe)
        .config(Map.of("vitals.probes.db.interval", "1s", "vitals.probes.db.timeout", "1s",
            "vitals.probes.db.failure-threshold", "2"))
        .build().start()) {
      for (int i = 0; i < 3; i++) {
        clock.advance(Duration.ofSeconds(1));
      }
      assertThat(db(m).status()).isEqualTo(Status.UP);
      clock.advance(Duration.ofMillis(500));
      try (PostgresServer.Frozen frozen = pg.freeze()) {
        assertThat(frozen.pids()).as("postmaster and backends stopped").hasSizeGreaterThan(1);
        for (int ms = 0; ms < 5_000; ms += 100) {
          clock.advance(Duration.ofMillis(100));
        }
        assertThat(db(m).status()).isEqualTo(Status.DOWN);
      }
      Duration took = Duration.ZERO;
      while (db(m).status() != Status.UP) {
        assertThat(took).as("UP again within a minute of the monitor's time").isLessThan(Duration.ofMinutes(1));
        clock.advance(Duration.ofMillis(100));
        took = took.plusMillis(100);
      }
      assertThat(took).as("UP within (success-threshold 1 + 1) intervals of the thaw")
          .isLessThanOrEqualTo(Duration.ofSeconds(2));
    }
  }

  private static ProbeReport db(HealthMonitor m) {
    return m.report().probe("db").orElseThrow();
  }
}
