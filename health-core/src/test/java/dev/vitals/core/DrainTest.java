package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.Status;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DrainTest {

  private final ManualClock clock = new ManualClock();

  private ScriptedProbe probe(String name, ProbeKind kind) {
    return new ScriptedProbe(name, clock, ProbeDefaults.builder().interval(Duration.ofSeconds(10))
        .timeout(Duration.ofSeconds(2)).kinds(kind).build());
  }

  @Test
  void drainMakesReadinessAndStartupDownAtOnceWhileProbesKeepRunning() {
    ScriptedProbe db = probe("db", ProbeKind.READINESS);
    ScriptedProbe heap = probe("heap", ProbeKind.LIVENESS);
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db).probe(heap).build().start()) {
      clock.runDue();
      assertThat(m.report().status(ProbeKind.READINESS)).isEqualTo(Status.UP);

      m.drain("the application is shutting down");

      HealthReport r = m.report();
      assertThat(r.status(ProbeKind.READINESS)).isEqualTo(Status.DOWN);
      assertThat(r.status(ProbeKind.STARTUP)).isEqualTo(Status.DOWN);
      assertThat(r.status(ProbeKind.LIVENESS)).isEqualTo(Status.UP);
      assertThat(r.probe("db").orElseThrow().status()).isEqualTo(Status.UP);
      assertThat(r.problems()).contains(Engine.DRAINING + "the application is shutting down");

      int runs = db.runs.get();
      clock.advance(Duration.ofSeconds(10));
      clock.runDue();
      assertThat(db.runs.get()).isGreaterThan(runs);
      assertThat(m.report().status(ProbeKind.READINESS)).isEqualTo(Status.DOWN);
    }
  }

  @Test
  void aSecondDrainKeepsTheFirstReason() {
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(probe("db", ProbeKind.READINESS)).build().start()) {
      m.drain("first");
      m.drain("second");
      assertThat(m.report().problems()).contains(Engine.DRAINING + "first")
          .doesNotContain(Engine.DRAINING + "second");
    }
  }

  @Test
  void drainBeforeStartIsRefused() {
    HealthMonitor m = MonitorTestSupport.manual(clock).build();
    assertThatThrownBy(() -> m.drain("x")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not started");
  }
}
