package dev.vitals.probes.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.ProbeReport;
import dev.vitals.api.Status;
import dev.vitals.core.HealthMonitor;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * A real redis-server frozen with SIGSTOP for 5 s under a monitor: once it is thawed the probe is
 * {@code UP} within (success-threshold + 1) intervals, at a 1 s and at a 10 s interval. The monitor's
 * time is a manual clock (each run still waits for the frozen server in real time, bounded by the
 * probe's own client limits); the runs happen on the advancing thread.
 */
class RecoveryTest {

  private static TestRedis redis;
  private final ManualClock clock = new ManualClock();

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @AfterEach
  void thaw() {
    redis.thaw();
  }

  private HealthMonitor monitor(Duration interval, Duration timeout) {
    return HealthMonitor.builder().clock(clock).scheduler(clock.scheduler()).executor(clock.executor())
        .environment(Map.of()).jitter(0).discoverExporters(false).startTime(clock.instant())
        .probe(RedisProbe.builder("cache").uri(redis.url()).timeout(timeout).build())
        .config(Map.of("vitals.probes.cache.interval", interval.toMillis() + "ms",
            "vitals.probes.cache.timeout", timeout.toMillis() + "ms",
            "vitals.probes.cache.failure-threshold", "2"))
        .build().start();
  }

  private ProbeReport cache(HealthMonitor m) {
    return m.report().probe("cache").orElseThrow();
  }

  /** Freezes redis for 5 s of the monitor's time, thaws it, and returns the time until the probe is UP. */
  private Duration freezeFiveSecondsThenTimeToUp(HealthMonitor m, Duration interval) {
    for (int i = 0; i < 3; i++) {
      clock.advance(interval);
    }
    assertThat(cache(m).status()).isEqualTo(Status.UP);
    clock.advance(interval.dividedBy(2)); // the freeze starts between two runs
    redis.freeze();
    for (int ms = 0; ms < 5_000; ms += 100) {
      clock.advance(Duration.ofMillis(100));
    }
    redis.thaw();
    Duration took = Duration.ZERO;
    while (cache(m).status() != Status.UP) {
      assertThat(took).as("UP again within a minute of the monitor's time").isLessThan(Duration.ofMinutes(1));
      clock.advance(Duration.ofMillis(100));
      took = took.plusMillis(100);
    }
    return took;
  }

  @Test
  void afterAFiveSecondFreezeAtOneSecondIntervalsTheProbeIsUpWithinTwoIntervals() {
    try (HealthMonitor m = monitor(Duration.ofSeconds(1), Duration.ofMillis(500))) {
      Duration took = freezeFiveSecondsThenTimeToUp(m, Duration.ofSeconds(1));
      assertThat(cache(m).history()).extracting(t -> t.to()).contains(Status.DOWN);
      assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(2));
      // the run that reconnected after the freeze says so: its time is set-up, kept out of the figures
      assertThat(cache(m).lastResult().orElseThrow().connectTime()).isPresent();
    }
  }

  @Test
  void afterAFiveSecondFreezeAtTenSecondIntervalsTheProbeIsUpWithinTwoIntervals() {
    try (HealthMonitor m = monitor(Duration.ofSeconds(10), Duration.ofSeconds(2))) {
      Duration took = freezeFiveSecondsThenTimeToUp(m, Duration.ofSeconds(10));
      // one run hit the frozen server: below the failure threshold of 2, the probe never left UP
      assertThat(cache(m).history()).extracting(t -> t.to()).doesNotContain(Status.DOWN);
      assertThat(took).isLessThanOrEqualTo(Duration.ofSeconds(20));
    }
  }
}
