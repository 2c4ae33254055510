package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The circuit breaker backs its trials off a dependency that stays down, and never hides a recovery:
 * a trial comes at the latest a quarter of the outage so far after the last failure, never sooner
 * than one interval, never later than {@code circuit-breaker.max-wait}.
 */
class CircuitBreakerTest {

  private final ManualClock clock = new ManualClock();

  /** A dependency that is down while {@link #down} is true, and remembers when it was called. */
  private final class Dependency {
    volatile boolean down;
    final List<Instant> calls = new ArrayList<>();
    final ScriptedProbe probe;

    Dependency(String name, Duration interval, Duration timeout, Duration takesWhenDown) {
      probe = new ScriptedProbe(name, clock, ProbeDefaults.builder().interval(interval).timeout(timeout).build());
      probe.answer(() -> {
        if (down) {
          // a frozen server: the call takes its time, then fails
          calls.add(clock.instant());
          clock.advance(takesWhenDown);
          return ProbeResult.down("connection refused");
        }
        calls.add(clock.instant());
        return ProbeResult.up();
      });
    }
  }

  private HealthMonitor monitor(Dependency d, Map<String, String> config) {
    return MonitorTestSupport.manual(clock).probe(d.probe).config(config).build().start();
  }

  private static ProbeReport report(HealthMonitor m, String name) {
    return m.report().probe(name).orElseThrow();
  }

  /** Advances in small steps until the probe is UP; returns how long it took. */
  private Duration timeToUp(HealthMonitor m, String name, Duration step, Duration limit) {
    Instant from = clock.instant();
    while (report(m, name).status() != Status.UP) {
      assertThat(Duration.between(from, clock.instant())).as("UP within %s", limit).isLessThanOrEqualTo(limit);
      clock.advance(step);
    }
    return Duration.between(from, clock.instant());
  }

  @Test
  void aFiveSecondFreezeAtOneSecondIntervalsIsOverWithinTwoIntervalsOfTheRecovery() {
    // the report from outside: interval 1 s, timeout 500 ms, failure-threshold 2; Redis frozen for 5 s
    Dependency redis = new Dependency("cache", Duration.ofSeconds(1), Duration.ofMillis(500), Duration.ofMillis(500));
    try (HealthMonitor m = monitor(redis, Map.of("vitals.probes.cache.failure-threshold", "2"))) {
      clock.advance(Duration.ofSeconds(3));
      assertThat(report(m, "cache").status()).isEqualTo(Status.UP);
      redis.down = true;
      clock.advance(Duration.ofSeconds(5));
      assertThat(report(m, "cache").status()).isEqualTo(Status.DOWN);
      redis.down = false;
      Duration took = timeToUp(m, "cache", Duration.ofMillis(10), Duration.ofSeconds(2));
      // success-threshold 1: UP within (1 + 1) intervals of the recovery
      assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(2));
    }
  }

  @Test
  void afterAnOutageOfAnyLengthTheRecoveryIsSeenWithinAQuarterOfItPlusTheSuccessThreshold() {
    for (int outageSeconds : new int[] {5, 10, 20, 40, 60, 120, 300, 600}) {
      Dependency db = new Dependency("db", Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofSeconds(2));
      try (HealthMonitor m = monitor(db, Map.of("vitals.probes.db.success-threshold", "2"))) {
        clock.advance(Duration.ofSeconds(10));
        db.down = true;
        clock.advance(Duration.ofSeconds(outageSeconds));
        db.down = false;
        Duration outage = Duration.ofSeconds(outageSeconds);
        // the next trial within max(one interval, a quarter of the outage) (+ the run that failed at the
        // end of the outage), then one more interval for the second success
        Duration limit = max(Duration.ofSeconds(10), outage.dividedBy(4)).plusSeconds(2).plusSeconds(10).plusSeconds(10);
        Duration took = timeToUp(m, "db", Duration.ofMillis(100), limit);
        if (outageSeconds <= 20) {
          // a short outage (failure-threshold 3 at 10 s: DOWN only from 30 s on) never reached DOWN or
          // is seen within (success-threshold + 1) intervals
          assertThat(took).as("after %d s", outageSeconds).isLessThanOrEqualTo(Duration.ofSeconds(30));
        }
      }
    }
  }

  @Test
  void aDependencyThatStaysDownIsCalledLessAndLessOftenUpToTheMaximumWait() {
    Dependency db = new Dependency("db", Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMillis(1));
    try (HealthMonitor m = monitor(db, Map.of("vitals.probes.db.circuit-breaker.max-wait", "2m"))) {
      clock.advance(Duration.ofSeconds(10));
      db.down = true;
      db.calls.clear();
      clock.advance(Duration.ofMinutes(10));
      int inTenMinutes = db.calls.size();
      // without a breaker: 60 calls in 10 minutes at 10 s
      assertThat(inTenMinutes).as("calls in 10 minutes").isBetween(15, 25);
      clock.advance(Duration.ofMinutes(50));
      List<Duration> gaps = new ArrayList<>();
      for (int i = 1; i < db.calls.size(); i++) {
        gaps.add(Duration.between(db.calls.get(i - 1), db.calls.get(i)));
      }
      for (int i = 1; i < gaps.size(); i++) {
        assertThat(gaps.get(i)).as("gaps never shrink: %s", gaps).isGreaterThanOrEqualTo(gaps.get(i - 1));
      }
      // (inline runs move the clock by their 1 ms before the next tick is scheduled)
      assertThat(gaps.get(0)).as("the first trial after one interval")
          .isBetween(Duration.ofSeconds(10), Duration.ofMillis(10_001));
      assertThat(gaps).as("capped at max-wait").allSatisfy(g -> assertThat(g).isLessThanOrEqualTo(Duration.ofMinutes(2)));
      assertThat(gaps.get(gaps.size() - 1)).isEqualTo(Duration.ofMinutes(2));
      assertThat(report(m, "db").status()).isEqualTo(Status.DOWN);
    }
  }

  @Test
  void theOpenCircuitSaysWhenTheNextTrialIsDueAndNamesTheLastRealFailure() {
    Dependency db = new Dependency("db", Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMillis(1));
    try (HealthMonitor m = monitor(db, Map.of())) {
      clock.advance(Duration.ofSeconds(10));
      db.down = true;
      clock.advance(Duration.ofMinutes(3));
      // find a tick while the circuit is open
      while (!"open".equals(report(m, "db").lastResult().orElseThrow().details().get("circuitBreaker"))) {
        clock.advance(Duration.ofSeconds(1));
      }
      ProbeResult open = report(m, "db").lastResult().orElseThrow();
      assertThat(open.status()).isEqualTo(Status.DOWN);
      assertThat(open.message().orElseThrow()).contains("circuit open").contains("(last: connection refused)")
          .contains("next trial at");
      Instant nextTrial = Instant.parse((String) open.details().get("nextTrial"));
      int before = db.calls.size();
      while (db.calls.size() == before) {
        clock.advance(Duration.ofMillis(100));
      }
      assertThat(db.calls.get(before).truncatedTo(java.time.temporal.ChronoUnit.MILLIS)).isEqualTo(nextTrial);
      assertThat(report(m, "db").lastResult().orElseThrow().message().orElseThrow())
          .as("a failed trial reports its own failure").isEqualTo("connection refused");
    }
  }

  @Test
  void aSuccessfulTrialClosesTheCircuitAndRunsResumeAtEveryInterval() {
    Dependency db = new Dependency("db", Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMillis(1));
    try (HealthMonitor m = monitor(db, Map.of())) {
      clock.advance(Duration.ofSeconds(10));
      db.down = true;
      clock.advance(Duration.ofMinutes(5));
      db.down = false;
      timeToUp(m, "db", Duration.ofSeconds(1), Duration.ofMinutes(2));
      db.calls.clear();
      clock.advance(Duration.ofSeconds(60));
      assertThat(db.calls).hasSize(6);
      assertThat(engineRunner(m).breakerOpen()).isFalse();
    }
  }

  @Test
  void openCircuitTicksCountNeitherAsFailuresNorAsRuns() {
    Dependency db = new Dependency("db", Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMillis(1));
    try (HealthMonitor m = monitor(db, Map.of())) {
      clock.advance(Duration.ofSeconds(10));
      db.down = true;
      clock.advance(Duration.ofMinutes(10));
      ProbeReport r = report(m, "db");
      assertThat(r.consecutiveFailures()).as("only real calls fail").isEqualTo(db.calls.size() - 2);
      assertThat(engineRunner(m).sparedRuns()).isPositive();
      assertThat(r.windows().get(2).count()).as("the hour window counts calls only (not the first: set-up)")
          .isEqualTo(db.calls.size() - 1);
    }
  }

  @Test
  void aMaximumWaitOutsideItsBoundsIsRefused() {
    Map<String, String> below = new HashMap<>();
    below.put("vitals.probes.db.circuit-breaker.max-wait", "5s");
    Dependency db = new Dependency("db", Duration.ofSeconds(10), Duration.ofSeconds(2), Duration.ofMillis(1));
    assertThatThrownBy(() -> MonitorTestSupport.manual(clock).probe(db.probe).config(below).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vitals.probes.db.circuit-breaker.max-wait = '5s' is not allowed")
        .hasMessageContaining("from the interval (10s) to 1d");
    Map<String, String> above = Map.of("vitals.probes.db.circuit-breaker.max-wait", "2d");
    assertThatThrownBy(() -> MonitorTestSupport.manual(clock).probe(db.probe).config(above).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vitals.probes.db.circuit-breaker.max-wait = '2d' is not allowed");
  }

  private static ProbeRunner engineRunner(HealthMonitor monitor) {
    try {
      java.lang.reflect.Field f = HealthMonitor.class.getDeclaredField("engine");
      f.setAccessible(true);
      return ((Engine) f.get(monitor)).runners().get(0);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
