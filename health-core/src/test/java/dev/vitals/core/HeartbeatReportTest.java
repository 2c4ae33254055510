package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every report the engine publishes says by when the next one is due: the heartbeat readers judge. */
class HeartbeatReportTest {

  @Test
  void eachReportIsDueAgainWithinThreeRotationsAndTheRotationsKeepItAhead() {
    ManualClock clock = new ManualClock();
    try (HealthMonitor monitor = MonitorTestSupport.manual(clock).probe(Probe.of("db", ProbeResult::up)).build().start()) {
      HealthReport first = monitor.report();
      assertThat(first.nextReportBy()).contains(first.time().plus(Duration.ofSeconds(30)));
      assertThat(first.stalled(first.time().plusSeconds(30))).isFalse();
      assertThat(first.stalled(first.time().plusSeconds(31))).isTrue();

      clock.advance(Duration.ofMinutes(5)); // rotations (every 10 s) and probe runs keep publishing
      HealthReport later = monitor.report();
      assertThat(later.stalled(clock.instant())).as("a monitor whose scheduler runs").isFalse();
      assertThat(later.nextReportBy().orElseThrow()).isAfter(clock.instant());
    }
  }

  @Test
  void aMonitorOnDemandHasNoHeartbeat() throws Exception {
    ManualClock clock = new ManualClock();
    try (HealthMonitor monitor = HealthMonitor.builder().clock(clock).environment(Map.of()).discoverExporters(false)
        .onDemand(true).probe(Probe.of("db", ProbeResult::up)).build().start()) {
      monitor.runDue(Duration.ofSeconds(5));
      assertThat(monitor.report().nextReportBy()).isEmpty();
      assertThat(monitor.report().stalled(clock.instant().plus(Duration.ofDays(1)))).isFalse();
    }
  }
}
