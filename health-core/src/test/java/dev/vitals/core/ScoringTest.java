package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.ScoreBand;
import dev.vitals.api.Status;
import dev.vitals.api.Tracker;
import dev.vitals.api.TrackerReport;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Scores as the monitor reports them, read against the bands of docs/scoring.md. */
class ScoringTest {

  private final ManualClock clock = new ManualClock();

  @Test
  void aTrackerWithThreeAndAHalfPercentFailuresWithinItsLatencyTargetNeedsAttentionButIsNotBad() {
    try (HealthMonitor m = MonitorTestSupport.manual(clock).build().start()) {
      Tracker api = m.tracker("api");
      for (int i = 0; i < 1000; i++) {
        api.record(Duration.ofMillis(40 + i % 100).toNanos(), i % 200 >= 7); // 7 in 200 fail: 3.5 %
      }
      clock.advance(Duration.ofSeconds(10));

      TrackerReport r = m.report().tracker("api").orElseThrow();

      assertThat(r.summary().errorRate()).isEqualTo(0.035);
      assertThat(r.availability()).as("still reported").containsEntry("1h", 0.965);
      assertThat(r.score()).as("errors counted once: 100 - 30 x 3.5 / 5").isEqualTo(79.0);
      assertThat(ScoreBand.of(r.score())).isEqualTo(ScoreBand.ATTENTION);
    }
  }

  @Test
  void aProbeOnTargetScores100AndOneDownForAMinuteScoresBadUntilTheMinuteLeavesTheHour() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db)
        .config(Map.of("vitals.probes.db.failure-threshold", "1")).build().start()) {
      clock.runDue();
      clock.advance(Duration.ofMinutes(30));
      assertThat(probe(m).score()).isEqualTo(100.0);

      db.answer(() -> ProbeResult.down("refused"));
      clock.advance(Duration.ofSeconds(10));
      assertThat(probe(m).status()).isEqualTo(Status.DOWN);
      assertThat(probe(m).score()).as("DOWN").isEqualTo(0.0);
      clock.advance(Duration.ofSeconds(50));
      db.answer(ProbeResult::up);
      clock.advance(Duration.ofMinutes(10));
      ProbeReport back = probe(m);
      assertThat(back.status()).isEqualTo(Status.UP);
      assertThat(back.summary().errorRate()).as("the failures left the 5-minute window").isZero();
      assertThat(back.availability().get("1h")).isLessThan(0.99);
      assertThat(ScoreBand.of(back.score())).as("the availability alert holds").isEqualTo(ScoreBand.BAD);

      clock.advance(Duration.ofHours(1));
      assertThat(probe(m).score()).isEqualTo(100.0);
    }
  }

  @Test
  void aProbeScoresZeroBeforeItsFirstResult() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db).build().start()) {
      assertThat(probe(m).status()).isEqualTo(Status.UNKNOWN);
      assertThat(probe(m).score()).isEqualTo(0.0);
    }
  }

  private static ProbeReport probe(HealthMonitor m) {
    return m.report().probe("db").orElseThrow();
  }
}
