package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Regression;
import dev.vitals.api.Tracker;
import dev.vitals.api.TrackerReport;
import dev.vitals.test.ManualClock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Trackers and probe figures as the report shows them. */
class TrackingTest {

  private final ManualClock clock = new ManualClock();

  @Test
  void fourThreadsRecordingTenMillionOperationsLoseNone() throws Exception {
    try (HealthMonitor m = MonitorTestSupport.manual(clock).build().start()) {
      Tracker t = m.tracker("checkout");
      int threads = 4;
      int each = 2_500_000;
      CountDownLatch go = new CountDownLatch(1);
      List<Thread> workers = new CopyOnWriteArrayList<>();
      for (int i = 0; i < threads; i++) {
        int seed = i;
        Thread w = new Thread(() -> {
          try {
            go.await();
          } catch (InterruptedException e) {
            return;
          }
          for (int n = 0; n < each; n++) {
            t.record(1_000L + (n * 31L + seed) % 5_000_000L, n % 100 != 0);
          }
        });
        workers.add(w);
        w.start();
      }
      go.countDown();
      // windows rotate while they record
      for (Thread w : workers) {
        while (w.isAlive()) {
          clock.advance(Duration.ofSeconds(10));
          w.join(5);
        }
      }
      clock.advance(Duration.ofSeconds(10));
      TrackerReport r = m.report().tracker("checkout").orElseThrow();
      assertThat(r.count()).isEqualTo(10_000_000L);
      assertThat(r.errors()).isEqualTo(100_000L);
    }
  }

  @Test
  void trackerReportsCarryPercentilesErrorRateAvailabilityAndScore() {
    try (HealthMonitor m = MonitorTestSupport.manual(clock).build().start()) {
      Tracker t = m.tracker("search");
      for (int i = 1; i <= 1000; i++) {
        t.record(Duration.ofMillis(i % 100 + 1).toNanos(), i % 50 != 0); // 1..100 ms, 2 % errors
      }
      clock.advance(Duration.ofSeconds(10));
      TrackerReport r = m.report().tracker("search").orElseThrow();
      assertThat(r.summary().count()).isEqualTo(1000);
      assertThat(r.summary().errorRate()).isCloseTo(0.02, within(1e-9));
      assertThat(r.summary().p50Nanos() / 1e6).isCloseTo(50.0, within(50.0 * 0.04));
      assertThat(r.summary().p95Nanos() / 1e6).isCloseTo(95.0, within(95.0 * 0.04));
      assertThat(r.summary().p99Nanos() / 1e6).isCloseTo(99.0, within(99.0 * 0.04));
      assertThat(r.availability()).containsEntry("1h", 0.98);
      assertThat(r.windows()).hasSize(3);
      // latency 100 (p95 95 ms within the 200 ms target), errors 2 % -> 88; the 98 % availability is the
      // same failures, not scored again
      assertThat(r.score()).isEqualTo(88.0);
    }
  }

  @Test
  void probeReportsCarryRealFiguresAndAvailabilityOverTime() {
    ScriptedProbe db = new ScriptedProbe("db", clock);
    db.takes = Duration.ofMillis(20);
    try (HealthMonitor m = MonitorTestSupport.manual(clock).probe(db)
        .config(Map.of("vitals.probes.db.failure-threshold", "1", "vitals.probes.db.circuit-breaker.max-wait", "1h"))
        .build().start()) {
      clock.runDue();
      clock.advance(Duration.ofMinutes(45)); // UP for 45 minutes
      assertThat(m.report().probe("db").orElseThrow().summary().p95Nanos() / 1e6).isCloseTo(20.0, within(20.0 * 0.04));
      db.answer(() -> ProbeResult.down("refused"));
      clock.advance(Duration.ofSeconds(10));
      clock.advance(Duration.ofMinutes(15).minusSeconds(10)); // DOWN for 15 minutes
      ProbeReport r = m.report().probe("db").orElseThrow();
      assertThat(r.availability().get("1h")).isCloseTo(0.75, within(1.0 / 60));
      assertThat(r.history()).extracting(t -> t.to()).containsExactly(dev.vitals.api.Status.UP, dev.vitals.api.Status.DOWN);
      assertThat(r.recentLatenciesNanos()).isNotEmpty();
    }
  }

  @Test
  void aBaselineSurvivesARestartAndAP95TwentyPercentAboveItIsARegression(@TempDir Path dir) throws Exception {
    Path file = dir.resolve("baseline.properties");
    Map<String, String> config = Map.of("vitals.baseline.file", file.toString());
    try (HealthMonitor m = MonitorTestSupport.manual(clock).config(config).build().start()) {
      Tracker t = m.tracker("api");
      for (int i = 0; i < 200; i++) {
        t.record(Duration.ofMillis(100).toNanos(), true);
      }
      clock.advance(Duration.ofSeconds(10));
      m.saveBaseline();
    }
    assertThat(Files.readString(file)).contains("tracker.api.p95Nanos=");
    List<Regression> seen = new CopyOnWriteArrayList<>();
    ManualClock later = new ManualClock();
    try (HealthMonitor m = MonitorTestSupport.manual(later).config(config)
        .listener(new dev.vitals.api.HealthListener() {
          @Override
          public void onRegression(Regression regression) {
            seen.add(regression);
          }
        }).build().start()) {
      Tracker t = m.tracker("api");
      for (int i = 0; i < 200; i++) {
        t.record(Duration.ofMillis(115).toNanos(), true);
      }
      later.advance(Duration.ofSeconds(10));
      assertThat(m.report().tracker("api").orElseThrow().regression()).as("15 % slower is within tolerance").isFalse();
      for (int i = 0; i < 2000; i++) {
        t.record(Duration.ofMillis(130).toNanos(), true);
      }
      later.advance(Duration.ofSeconds(10));
      TrackerReport r = m.report().tracker("api").orElseThrow();
      assertThat(r.baseline()).isPresent();
      assertThat(r.regression()).as("30 % slower").isTrue();
      assertThat(seen).hasSize(1);
      assertThat(seen.get(0).subject()).isEqualTo("api");
      assertThat(seen.get(0).increase()).isGreaterThan(0.2);
      later.advance(Duration.ofSeconds(10));
      assertThat(seen).as("reported once while it lasts").hasSize(1);
    }
  }
}
