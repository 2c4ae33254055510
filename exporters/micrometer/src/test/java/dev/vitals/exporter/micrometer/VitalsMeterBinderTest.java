package dev.vitals.exporter.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.vitals.api.HealthReport;
import dev.vitals.api.Status;
import dev.vitals.test.ManualClock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class VitalsMeterBinderTest {

  /** Every name of the metric contract, in Micrometer's dotted form. */
  static final Set<String> CONTRACT = Set.of(
      "vitals.service.score", "vitals.service.status", "vitals.group.status", "vitals.uptime", "vitals.cold.start",
      "vitals.schedule.lag",
      "vitals.probe.status", "vitals.probe.up", "vitals.probe.score", "vitals.probe.last.latency",
      "vitals.probe.latency", "vitals.probe.error.ratio", "vitals.probe.availability.ratio", "vitals.probe.stale",
      "vitals.probe.regression",
      "vitals.tracker.score", "vitals.tracker.latency", "vitals.tracker.error.ratio",
      "vitals.tracker.availability.ratio", "vitals.tracker.operations", "vitals.tracker.errors",
      "vitals.tracker.regression");

  private final ManualClock clock = new ManualClock(Reports.NOW);
  private final AtomicReference<HealthReport> latest = new AtomicReference<>(Reports.standard());
  private final VitalsMeterBinder binder = new VitalsMeterBinder(latest::get, clock);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  private static Set<String> names(MeterRegistry r) {
    Set<String> names = new TreeSet<>();
    r.getMeters().forEach(m -> names.add(m.getId().getName()));
    return names;
  }

  @Test
  void publishesEveryContractNameWithTheFiguresOfTheReport() {
    binder.bindTo(registry);

    assertThat(names(registry)).isEqualTo(new TreeSet<>(CONTRACT));

    assertThat(gauge("vitals.service.score")).isEqualTo(98.5);
    assertThat(gauge("vitals.service.status", "status", "up")).isEqualTo(1);
    for (String s : List.of("degraded", "down", "unknown")) {
      assertThat(gauge("vitals.service.status", "status", s)).as(s).isZero();
    }
    assertThat(gauge("vitals.group.status", "group", "liveness", "status", "up")).isEqualTo(1);
    assertThat(gauge("vitals.group.status", "group", "readiness", "status", "up")).isEqualTo(1);
    assertThat(gauge("vitals.group.status", "group", "startup", "status", "unknown")).isEqualTo(1);
    assertThat(gauge("vitals.group.status", "group", "startup", "status", "up")).isZero();
    assertThat(registry.find("vitals.group.status").gauges()).hasSize(12);
    assertThat(gauge("vitals.uptime")).isEqualTo(125.0);
    assertThat(registry.get("vitals.uptime").gauge().getId().getBaseUnit()).isEqualTo("seconds");
    assertThat(gauge("vitals.cold.start")).isEqualTo(0.25);

    assertThat(gauge("vitals.probe.status", "probe", "db", "status", "up")).isEqualTo(1);
    for (String s : List.of("degraded", "down", "unknown")) {
      assertThat(gauge("vitals.probe.status", "probe", "db", "status", s)).as(s).isZero();
    }
    assertThat(gauge("vitals.probe.up", "probe", "db")).isEqualTo(1);
    assertThat(gauge("vitals.probe.score", "probe", "db")).isEqualTo(97.5);
    assertThat(gauge("vitals.probe.last.latency", "probe", "db")).isCloseTo(0.0015, within(1e-12));
    assertThat(gauge("vitals.probe.latency", "probe", "db", "percentile", "p50")).isCloseTo(0.001, within(1e-12));
    assertThat(gauge("vitals.probe.latency", "probe", "db", "percentile", "p95")).isCloseTo(0.002, within(1e-12));
    assertThat(gauge("vitals.probe.latency", "probe", "db", "percentile", "p99")).isCloseTo(0.003, within(1e-12));
    assertThat(gauge("vitals.probe.latency", "probe", "db", "percentile", "max")).isCloseTo(0.004, within(1e-12));
    assertThat(gauge("vitals.probe.error.ratio", "probe", "db")).isEqualTo(0.05);
    assertThat(gauge("vitals.probe.availability.ratio", "probe", "db", "window", "1h")).isEqualTo(0.999);
    assertThat(gauge("vitals.probe.availability.ratio", "probe", "db", "window", "24h")).isEqualTo(0.998);
    assertThat(gauge("vitals.probe.availability.ratio", "probe", "db", "window", "7d")).isEqualTo(0.99);
    assertThat(gauge("vitals.probe.availability.ratio", "probe", "db", "window", "30d")).isEqualTo(0.95);
    assertThat(gauge("vitals.probe.stale", "probe", "db")).isZero();
    assertThat(gauge("vitals.probe.regression", "probe", "db")).isZero();

    assertThat(gauge("vitals.tracker.score", "tracker", "api")).isEqualTo(88.0);
    assertThat(gauge("vitals.tracker.latency", "tracker", "api", "percentile", "p50")).isCloseTo(0.01, within(1e-12));
    assertThat(gauge("vitals.tracker.latency", "tracker", "api", "percentile", "p95")).isCloseTo(0.1, within(1e-12));
    assertThat(gauge("vitals.tracker.latency", "tracker", "api", "percentile", "p99")).isCloseTo(0.2, within(1e-12));
    assertThat(gauge("vitals.tracker.latency", "tracker", "api", "percentile", "max")).isCloseTo(0.4, within(1e-12));
    assertThat(gauge("vitals.tracker.error.ratio", "tracker", "api")).isEqualTo(0.05);
    assertThat(gauge("vitals.tracker.availability.ratio", "tracker", "api", "window", "1h")).isEqualTo(0.95);
    assertThat(counter("vitals.tracker.operations", "tracker", "api")).isEqualTo(1000);
    assertThat(counter("vitals.tracker.errors", "tracker", "api")).isEqualTo(50);
    assertThat(gauge("vitals.tracker.regression", "tracker", "api")).isZero();
  }

  @Test
  void gaugesReadTheLatestReportAtPollTime() {
    binder.bindTo(registry);
    assertThat(gauge("vitals.probe.score", "probe", "db")).isEqualTo(97.5);

    latest.set(Reports.report(Status.DOWN, 20.0, List.of(Reports.probe("db", Status.DOWN, 0.0, 2_000_000_000L)),
        List.of(Reports.tracker("api", 1500, 80, 60.0)), Optional.of(Duration.ofMillis(250))));
    clock.advance(Duration.ofSeconds(10));

    assertThat(gauge("vitals.service.score")).isEqualTo(20.0);
    assertThat(gauge("vitals.service.status", "status", "down")).isEqualTo(1);
    assertThat(gauge("vitals.service.status", "status", "up")).isZero();
    assertThat(gauge("vitals.group.status", "group", "readiness", "status", "down")).isEqualTo(1);
    assertThat(gauge("vitals.uptime")).isEqualTo(135.0);
    assertThat(gauge("vitals.probe.status", "probe", "db", "status", "down")).isEqualTo(1);
    assertThat(gauge("vitals.probe.status", "probe", "db", "status", "up")).isZero();
    assertThat(gauge("vitals.probe.up", "probe", "db")).isZero();
    assertThat(gauge("vitals.probe.score", "probe", "db")).isZero();
    assertThat(gauge("vitals.probe.last.latency", "probe", "db")).isEqualTo(2.0);
    assertThat(gauge("vitals.tracker.score", "tracker", "api")).isEqualTo(60.0);
    assertThat(counter("vitals.tracker.operations", "tracker", "api")).isEqualTo(1500);
    assertThat(counter("vitals.tracker.errors", "tracker", "api")).isEqualTo(80);
  }

  @Test
  void staleAndRegressedProbeReadOne() {
    latest.set(Reports.report(Status.DEGRADED, 50.0, List.of(Reports.staleRegressedProbe("cache")), List.of(),
        Optional.empty()));
    binder.bindTo(registry);

    assertThat(gauge("vitals.probe.stale", "probe", "cache")).isEqualTo(1);
    assertThat(gauge("vitals.probe.regression", "probe", "cache")).isEqualTo(1);
    assertThat(gauge("vitals.probe.status", "probe", "cache", "status", "degraded")).isEqualTo(1);
    assertThat(gauge("vitals.probe.up", "probe", "cache")).as("DEGRADED counts as up").isEqualTo(1);
  }

  @Test
  void probeWithoutResultYetReadsUnknownAndNoLatency() {
    latest.set(Reports.report(Status.UNKNOWN, 100.0, List.of(Reports.probe("db", Status.UNKNOWN, 100.0, 0)),
        List.of(), Optional.empty()));
    binder.bindTo(registry);

    assertThat(gauge("vitals.probe.status", "probe", "db", "status", "unknown")).isEqualTo(1);
    assertThat(gauge("vitals.probe.up", "probe", "db")).isZero();
    assertThat(gauge("vitals.probe.last.latency", "probe", "db")).isNaN();
  }

  @Test
  void trackerCreatedAfterBindingGetsMetersAtTheNextPoll() {
    latest.set(Reports.report(Status.UP, 100.0, List.of(Reports.probe("db", Status.UP, 97.5, 1_000_000)),
        List.of(), Optional.empty()));
    binder.bindTo(registry);
    assertThat(registry.find("vitals.tracker.score").gauges()).isEmpty();

    latest.set(Reports.report(Status.UP, 99.0,
        List.of(Reports.probe("db", Status.UP, 97.5, 1_000_000), Reports.probe("cache", Status.UP, 91.0, 500_000)),
        List.of(Reports.tracker("checkout", 7, 1, 77.0)), Optional.empty()));
    gauge("vitals.service.score"); // any poll notices the new report

    assertThat(gauge("vitals.tracker.score", "tracker", "checkout")).isEqualTo(77.0);
    assertThat(counter("vitals.tracker.operations", "tracker", "checkout")).isEqualTo(7);
    assertThat(counter("vitals.tracker.errors", "tracker", "checkout")).isEqualTo(1);
    assertThat(gauge("vitals.probe.score", "probe", "cache")).isEqualTo(91.0);
    assertThat(gauge("vitals.probe.score", "probe", "db")).isEqualTo(97.5);
  }

  @Test
  void newNamesAreNoticedByAProbeGaugeAsWellAsByServiceGauges() {
    latest.set(Reports.report(Status.UP, 100.0, List.of(Reports.probe("db", Status.UP, 97.5, 1_000_000)),
        List.of(), Optional.empty()));
    binder.bindTo(registry);

    latest.set(Reports.standard());
    gauge("vitals.probe.score", "probe", "db");

    assertThat(counter("vitals.tracker.operations", "tracker", "api")).isEqualTo(1000);
  }

  @Test
  void coldStartIsPublishedOnceKnown() {
    latest.set(Reports.report(Status.UNKNOWN, 100.0, List.of(), List.of(), Optional.empty()));
    binder.bindTo(registry);
    assertThat(registry.find("vitals.cold.start").gauge()).isNull();

    latest.set(Reports.report(Status.UP, 100.0, List.of(), List.of(), Optional.of(Duration.ofMillis(180))));
    gauge("vitals.service.score");

    assertThat(gauge("vitals.cold.start")).isEqualTo(0.18);
  }

  @Test
  void aNameThatDisappearsReadsNaNAndItsCountersKeepTheirTotals() {
    binder.bindTo(registry);
    assertThat(counter("vitals.tracker.operations", "tracker", "api")).isEqualTo(1000);

    latest.set(Reports.report(Status.UP, 100.0, List.of(), List.of(), Optional.empty()));

    assertThat(gauge("vitals.probe.score", "probe", "db")).isNaN();
    assertThat(gauge("vitals.tracker.score", "tracker", "api")).isNaN();
    assertThat(counter("vitals.tracker.operations", "tracker", "api")).isEqualTo(1000);
    assertThat(counter("vitals.tracker.errors", "tracker", "api")).isEqualTo(50);
  }

  @Test
  void noReportYetReadsNaN() {
    latest.set(null);
    binder.bindTo(registry);

    assertThat(gauge("vitals.service.score")).isNaN();
    assertThat(gauge("vitals.uptime")).isNaN();
  }

  @Test
  void everyBoundRegistryGetsEveryMeterOnceAndLateOnesToo() {
    SimpleMeterRegistry other = new SimpleMeterRegistry();
    latest.set(Reports.report(Status.UP, 100.0, List.of(), List.of(), Optional.empty()));
    binder.bindTo(registry);
    binder.bindTo(other);
    int before = registry.getMeters().size();
    binder.bindTo(registry);
    assertThat(registry.getMeters()).hasSize(before);

    latest.set(Reports.standard());
    gauge("vitals.service.score");

    assertThat(names(registry)).isEqualTo(new TreeSet<>(CONTRACT));
    assertThat(names(other)).isEqualTo(new TreeSet<>(CONTRACT));
    assertThat(other.get("vitals.probe.score").tags("probe", "db").gauge().value()).isEqualTo(97.5);
    assertThat(other.getMeters()).hasSameSizeAs(registry.getMeters());
  }

  @Test
  void closeRemovesEveryMeterAndBindingAgainRestoresThem() {
    binder.bindTo(registry);
    int all = registry.getMeters().size();

    binder.close();
    binder.close();
    assertThat(registry.getMeters()).isEmpty();

    binder.bindTo(registry);
    assertThat(registry.getMeters()).hasSize(all);
    assertThat(gauge("vitals.probe.score", "probe", "db")).isEqualTo(97.5);
  }

  @Test
  void metersSurviveGarbageCollectionWithoutTheBinderBeingKept() {
    new VitalsMeterBinder(latest::get, clock).bindTo(registry);
    System.gc();

    assertThat(gauge("vitals.probe.score", "probe", "db")).isEqualTo(97.5);
    assertThat(counter("vitals.tracker.operations", "tracker", "api")).isEqualTo(1000);
  }

  @Test
  void pollingAllocatesNothing() {
    binder.bindTo(registry);
    List<Meter> meters = registry.getMeters();
    Gauge[] gauges = meters.stream().filter(m -> m instanceof Gauge).toArray(Gauge[]::new);
    FunctionCounter[] counters = meters.stream().filter(m -> m instanceof FunctionCounter)
        .toArray(FunctionCounter[]::new);
    assertThat(gauges).hasSize(46); // 20 service, 18 probe, 8 tracker gauges
    assertThat(counters).hasSize(2);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    double sink = poll(gauges, counters, 100); // warm-up: lambdas linked, classes loaded

    long before = threads.getCurrentThreadAllocatedBytes();
    sink += poll(gauges, counters, 10_000);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(sink).isNotNaN();
    // 10,000 polls of 47 meters: a single 16-byte object per poll would be over 10 MB.
    assertThat(allocated).as("bytes allocated by 10,000 polls").isLessThan(64 * 1024);
  }

  private static double poll(Gauge[] gauges, FunctionCounter[] counters, int rounds) {
    double sum = 0;
    for (int i = 0; i < rounds; i++) {
      for (Gauge g : gauges) {
        double v = g.value();
        sum += Double.isNaN(v) ? 0 : v;
      }
      for (FunctionCounter c : counters) {
        sum += c.count();
      }
    }
    return sum;
  }
}
