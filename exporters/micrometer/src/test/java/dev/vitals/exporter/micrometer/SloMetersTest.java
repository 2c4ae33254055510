package dev.vitals.exporter.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
import dev.vitals.api.NotifierStats;
import dev.vitals.test.ManualClock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.lang.management.ManagementFactory;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** Service-level objectives and notifier deliveries as Micrometer meters. */
class SloMetersTest {

  static final Set<String> SLO_AND_NOTIFIER_METERS = Set.of("vitals.slo.objective.ratio",
      "vitals.slo.compliance.ratio", "vitals.slo.error.budget.remaining.ratio", "vitals.slo.burn.rate",
      "vitals.notifier.sent", "vitals.notifier.dropped");

  private final ManualClock clock = new ManualClock(Reports.NOW);
  private final AtomicReference<HealthReport> latest = new AtomicReference<>(Reports.withSlosAndNotifiers());
  private final VitalsMeterBinder binder = new VitalsMeterBinder(latest::get, clock);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double gauge(String name, String... tags) {
    return registry.get(name).tags(tags).gauge().value();
  }

  private double counter(String name, String... tags) {
    return registry.get(name).tags(tags).functionCounter().count();
  }

  private Set<String> names() {
    Set<String> names = new TreeSet<>();
    registry.getMeters().forEach(m -> names.add(m.getId().getName()));
    return names;
  }

  @Test
  void publishesObjectiveAndNotifierMetersWithTheFiguresOfTheReport() {
    binder.bindTo(registry);

    Set<String> expected = new TreeSet<>(VitalsMeterBinderTest.CONTRACT);
    expected.addAll(SLO_AND_NOTIFIER_METERS);
    assertThat(names()).isEqualTo(expected);
    assertThat(gauge("vitals.slo.objective.ratio", "slo", "api-fast", "tracker", "api")).isEqualTo(0.999);
    assertThat(gauge("vitals.slo.compliance.ratio", "slo", "api-fast")).isEqualTo(1.0 - 4 / 10_000.0);
    assertThat(gauge("vitals.slo.error.budget.remaining.ratio", "slo", "api-fast")).isEqualTo(0.6);
    assertThat(registry.find("vitals.slo.burn.rate").gauges()).extracting(g -> g.getId().getTag("window"))
        .containsExactlyInAnyOrder("5m", "30m", "1h", "2h", "6h", "24h", "3d");
    assertThat(gauge("vitals.slo.burn.rate", "slo", "api-fast", "window", "5m")).isEqualTo(2.0);
    assertThat(gauge("vitals.slo.burn.rate", "slo", "api-fast", "window", "1h")).isEqualTo(1.25);
    assertThat(gauge("vitals.slo.burn.rate", "slo", "api-fast", "window", "3d")).isEqualTo(0.25);
    assertThat(counter("vitals.notifier.sent", "notifier", "slack")).isEqualTo(12);
    assertThat(counter("vitals.notifier.dropped", "notifier", "slack")).isEqualTo(1);
    assertThat(registry.get("vitals.notifier.sent").functionCounter()).isInstanceOf(FunctionCounter.class);
  }

  @Test
  void aReportWithoutObjectivesOrNotifiersRegistersNoneOfTheirMeters() {
    latest.set(Reports.standard());
    binder.bindTo(registry);

    assertThat(names()).isEqualTo(new TreeSet<>(VitalsMeterBinderTest.CONTRACT));
  }

  @Test
  void objectivesAndNotifiersAppearingLaterGetMetersAtTheNextPoll() {
    latest.set(Reports.standard());
    binder.bindTo(registry);
    assertThat(registry.find("vitals.slo.burn.rate").gauges()).isEmpty();

    latest.set(Reports.withSlosAndNotifiers(List.of(Reports.slo("api-fast", 10_000, 4, 0.6, 1.25),
        Reports.slo("api-ok", 100, 0, 1.0, 0)), List.of(new NotifierStats("slack", 1, 0),
        new NotifierStats("pager", 2, 3))));
    gauge("vitals.service.score"); // any poll notices the new report

    assertThat(gauge("vitals.slo.burn.rate", "slo", "api-ok", "window", "1h")).isZero();
    assertThat(gauge("vitals.slo.compliance.ratio", "slo", "api-ok")).isEqualTo(1.0);
    assertThat(counter("vitals.notifier.dropped", "notifier", "pager")).isEqualTo(3);
    assertThat(counter("vitals.notifier.sent", "notifier", "slack")).isEqualTo(1);
  }

  @Test
  void gaugesAndCountersReadTheLatestReport() {
    binder.bindTo(registry);

    latest.set(Reports.withSlosAndNotifiers(List.of(Reports.slo("api-fast", 20_000, 40, -1.0, 16.0)),
        List.of(new NotifierStats("slack", 20, 5))));

    assertThat(gauge("vitals.slo.burn.rate", "slo", "api-fast", "window", "1h")).isEqualTo(16.0);
    assertThat(gauge("vitals.slo.error.budget.remaining.ratio", "slo", "api-fast")).as("overspent").isEqualTo(-1.0);
    assertThat(gauge("vitals.slo.compliance.ratio", "slo", "api-fast")).isEqualTo(0.998);
    assertThat(counter("vitals.notifier.sent", "notifier", "slack")).isEqualTo(20);
    assertThat(counter("vitals.notifier.dropped", "notifier", "slack")).isEqualTo(5);
  }

  @Test
  void aNotifierThatDisappearsKeepsItsTotalsAndAnObjectiveReadsNaN() {
    binder.bindTo(registry);
    assertThat(counter("vitals.notifier.sent", "notifier", "slack")).isEqualTo(12);

    latest.set(Reports.standard());

    assertThat(gauge("vitals.slo.burn.rate", "slo", "api-fast", "window", "1h")).isNaN();
    assertThat(gauge("vitals.slo.objective.ratio", "slo", "api-fast", "tracker", "api")).isNaN();
    assertThat(counter("vitals.notifier.sent", "notifier", "slack")).isEqualTo(12);
    assertThat(counter("vitals.notifier.dropped", "notifier", "slack")).isEqualTo(1);
  }

  @Test
  void closeRemovesThemAndBindingAgainRestoresThem() {
    binder.bindTo(registry);
    int all = registry.getMeters().size();

    binder.close();
    assertThat(registry.getMeters()).isEmpty();
    binder.bindTo(registry);

    assertThat(registry.getMeters()).hasSize(all);
    assertThat(counter("vitals.notifier.sent", "notifier", "slack")).isEqualTo(12);
    assertThat(gauge("vitals.slo.burn.rate", "slo", "api-fast", "window", "1h")).isEqualTo(1.25);
  }

  @Test
  void pollingObjectiveAndNotifierMetersAllocatesNothing() {
    binder.bindTo(registry);
    List<Meter> meters = registry.getMeters().stream()
        .filter(m -> m.getId().getName().startsWith("vitals.slo.") || m.getId().getName().startsWith("vitals.notifier."))
        .toList();
    Gauge[] gauges = meters.stream().filter(m -> m instanceof Gauge).toArray(Gauge[]::new);
    FunctionCounter[] counters = meters.stream().filter(m -> m instanceof FunctionCounter)
        .toArray(FunctionCounter[]::new);
    assertThat(gauges).hasSize(3 + 7);
    assertThat(counters).hasSize(2);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    double sink = poll(gauges, counters, 100);

    long before = threads.getCurrentThreadAllocatedBytes();
    sink += poll(gauges, counters, 10_000);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(sink).isNotNaN();
    // 10,000 polls of 12 meters: a single 16-byte object per poll would be almost 2 MB.
    assertThat(allocated).as("bytes allocated by 10,000 polls").isLessThan(64 * 1024);
  }

  private static double poll(Gauge[] gauges, FunctionCounter[] counters, int rounds) {
    double sum = 0;
    for (int i = 0; i < rounds; i++) {
      for (Gauge g : gauges) {
        sum += g.value();
      }
      for (FunctionCounter c : counters) {
        sum += c.count();
      }
    }
    return sum;
  }
}
