package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * A run that had to connect (the first, or one whose result says it reconnected) measures connection
 * set-up and class loading, not the dependency: it stays out of the latency figures, the score and the
 * budget, and shows its connect time as a detail. A failed run always counts.
 */
class SetUpRunsTest {

  private final ManualClock clock = new ManualClock();

  /** A cache that answers in 2 ms, except its first run (150 ms of connecting) and the reconnects it is told of. */
  private ScriptedProbe cache(AtomicInteger reconnectAt) {
    ScriptedProbe p = new ScriptedProbe("cache", clock,
        ProbeDefaults.builder().interval(Duration.ofSeconds(1)).timeout(Duration.ofMillis(500)).build());
    AtomicInteger run = new AtomicInteger();
    p.answer(() -> {
      int n = run.incrementAndGet();
      if (n == 1) {
        clock.advance(Duration.ofMillis(150));
        return ProbeResult.up();
      }
      if (n == reconnectAt.get()) {
        clock.advance(Duration.ofMillis(90));
        return ProbeResult.builder(Status.UP).connectTime(Duration.ofMillis(88)).build();
      }
      clock.advance(Duration.ofMillis(2));
      return ProbeResult.up();
    });
    return p;
  }

  @Test
  void theFirstRunStaysOutOfPercentilesScoreAndBudget() {
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(cache(new AtomicInteger(-1)))
        .config(Map.of("vitals.probes.cache.budget.target", "10ms", "vitals.probes.cache.budget.acceptable", "100ms"))
        .build().start()) {
      clock.runDue();
      ProbeReport first = m.report().probe("cache").orElseThrow();
      assertThat(first.status()).as("not judged against the budget").isEqualTo(Status.UP);
      assertThat(first.lastResult().orElseThrow().latencyNanos()).as("the last latency is still shown")
          .isEqualTo(Duration.ofMillis(150).toNanos());
      for (int i = 0; i < 20; i++) {
        clock.advance(Duration.ofSeconds(1));
      }
      ProbeReport r = m.report().probe("cache").orElseThrow();
      assertThat(r.summary().count()).isEqualTo(20);
      assertThat(r.summary().p99Nanos() / 1e6).as("p99 of the 2 ms runs").isCloseTo(2.0, within(0.1));
      assertThat(r.summary().maxNanos() / 1e6).isCloseTo(2.0, within(0.1));
      assertThat(r.recentLatenciesNanos()).hasSize(20).allMatch(n -> n == Duration.ofMillis(2).toNanos());
      assertThat(r.score()).isEqualTo(100.0);
    }
  }

  @Test
  void aRunThatReconnectedStaysOutAndShowsItsConnectTime() {
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(cache(new AtomicInteger(5)))
        .config(Map.of("vitals.probes.cache.budget.target", "10ms", "vitals.probes.cache.budget.acceptable", "50ms"))
        .build().start()) {
      clock.runDue();
      for (int i = 0; i < 4; i++) {
        clock.advance(Duration.ofSeconds(1));
      }
      ProbeReport r = m.report().probe("cache").orElseThrow();
      ProbeResult reconnect = r.lastResult().orElseThrow();
      assertThat(reconnect.connectTime()).contains(Duration.ofMillis(88));
      assertThat(reconnect.details()).containsEntry(ProbeResult.CONNECT_DETAIL, 88.0);
      assertThat(r.status()).as("90 ms above the 50 ms budget, but set-up: not DEGRADED").isEqualTo(Status.UP);
      assertThat(r.summary().count()).as("runs 2 to 4").isEqualTo(3);
      assertThat(r.summary().maxNanos() / 1e6).isCloseTo(2.0, within(0.1));
    }
  }

  @Test
  void aFailedFirstRunCountsAsAnError() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    db.answer(() -> ProbeResult.down("connection refused"));
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db).build().start()) {
      clock.runDue();
      ProbeReport r = m.report().probe("db").orElseThrow();
      assertThat(r.summary().count()).isEqualTo(1);
      assertThat(r.summary().errorRate()).isEqualTo(1.0);
    }
  }
}
