package dev.vitals.exporter.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
import dev.vitals.test.ManualClock;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.lang.management.ManagementFactory;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The history store's figures as Micrometer meters. */
class HistoryMetersTest {

  static final Set<String> HISTORY_METERS = Set.of("vitals.history.records.written", "vitals.history.write.failures",
      "vitals.history.dropped.records", "vitals.history.pending.records", "vitals.history.last.write.timestamp");

  private static final Instant LAST_WRITE = Reports.NOW.minusMillis(30_250);

  private final ManualClock clock = new ManualClock(Reports.NOW);
  private final AtomicReference<HealthReport> latest =
      new AtomicReference<>(Reports.withHistory(1_440, 3, 2, 5, LAST_WRITE));
  private final VitalsMeterBinder binder = new VitalsMeterBinder(latest::get, clock);
  private final SimpleMeterRegistry registry = new SimpleMeterRegistry();

  private double gauge(String name) {
    return registry.get(name).gauge().value();
  }

  private double counter(String name) {
    return registry.get(name).functionCounter().count();
  }

  private Set<String> names() {
    Set<String> names = new TreeSet<>();
    registry.getMeters().forEach(m -> names.add(m.getId().getName()));
    return names;
  }

  private List<Meter> historyMeters() {
    return registry.getMeters().stream().filter(m -> m.getId().getName().startsWith("vitals.history.")).toList();
  }

  @Test
  void publishesTheStoresFiguresWithoutATag() {
    binder.bindTo(registry);

    Set<String> expected = new TreeSet<>(VitalsMeterBinderTest.CONTRACT);
    expected.addAll(HISTORY_METERS);
    assertThat(names()).isEqualTo(expected);
    assertThat(counter("vitals.history.records.written")).isEqualTo(1440);
    assertThat(counter("vitals.history.write.failures")).isEqualTo(3);
    assertThat(counter("vitals.history.dropped.records")).isEqualTo(5);
    assertThat(gauge("vitals.history.pending.records")).isEqualTo(2);
    assertThat(gauge("vitals.history.last.write.timestamp")).isEqualTo(LAST_WRITE.toEpochMilli() / 1000.0);
    assertThat(registry.get("vitals.history.last.write.timestamp").gauge().getId().getBaseUnit()).isEqualTo("seconds");
    assertThat(registry.get("vitals.history.records.written").meter()).isInstanceOf(FunctionCounter.class);
    assertThat(historyMeters()).hasSize(5).allSatisfy(m -> assertThat(m.getId().getTags()).as("%s", m.getId())
        .isEmpty());
  }

  @Test
  void aReportWithoutAStoreRegistersNoHistoryMeter() {
    latest.set(Reports.standard());
    binder.bindTo(registry);

    assertThat(names()).isEqualTo(new TreeSet<>(VitalsMeterBinderTest.CONTRACT));
  }

  @Test
  void theLastWriteIsPublishedOnceAWriteSucceeded() {
    latest.set(Reports.withHistory(0, 7, 12, 0, null));
    binder.bindTo(registry);

    assertThat(names()).containsAll(Set.of("vitals.history.records.written", "vitals.history.write.failures",
        "vitals.history.dropped.records", "vitals.history.pending.records"))
        .doesNotContain("vitals.history.last.write.timestamp");
    assertThat(counter("vitals.history.write.failures")).isEqualTo(7);
    assertThat(gauge("vitals.history.pending.records")).isEqualTo(12);

    latest.set(Reports.withHistory(12, 7, 0, 0, LAST_WRITE));
    gauge("vitals.service.score"); // any poll notices the new report

    assertThat(gauge("vitals.history.last.write.timestamp")).isEqualTo(LAST_WRITE.toEpochMilli() / 1000.0);
    assertThat(counter("vitals.history.records.written")).isEqualTo(12);
    assertThat(gauge("vitals.history.pending.records")).isZero();
  }

  @Test
  void aStoreAppearingLaterGetsItsMetersAtTheNextPoll() {
    latest.set(Reports.standard());
    binder.bindTo(registry);
    assertThat(historyMeters()).isEmpty();

    latest.set(Reports.withHistory(60, 0, 1, 0, LAST_WRITE));
    gauge("vitals.service.score");

    assertThat(historyMeters()).hasSize(5);
    assertThat(counter("vitals.history.records.written")).isEqualTo(60);
  }

  @Test
  void metersReadTheLatestReportAndCountersKeepTheirTotalsWithoutOne() {
    binder.bindTo(registry);

    latest.set(Reports.withHistory(2_000, 9, 40, 8, LAST_WRITE.plusSeconds(60)));
    assertThat(counter("vitals.history.records.written")).isEqualTo(2000);
    assertThat(counter("vitals.history.write.failures")).isEqualTo(9);
    assertThat(counter("vitals.history.dropped.records")).isEqualTo(8);
    assertThat(gauge("vitals.history.pending.records")).isEqualTo(40);
    assertThat(gauge("vitals.history.last.write.timestamp")).isEqualTo(LAST_WRITE.plusSeconds(60).toEpochMilli() / 1000.0);

    latest.set(Reports.standard());
    assertThat(counter("vitals.history.records.written")).isEqualTo(2000);
    assertThat(counter("vitals.history.dropped.records")).isEqualTo(8);
    assertThat(gauge("vitals.history.pending.records")).isNaN();
    assertThat(gauge("vitals.history.last.write.timestamp")).isNaN();
  }

  @Test
  void closeRemovesThemAndBindingAgainRestoresThem() {
    binder.bindTo(registry);

    binder.close();
    assertThat(registry.getMeters()).isEmpty();
    binder.bindTo(registry);

    assertThat(historyMeters()).hasSize(5);
    assertThat(counter("vitals.history.write.failures")).isEqualTo(3);
    assertThat(gauge("vitals.history.last.write.timestamp")).isEqualTo(LAST_WRITE.toEpochMilli() / 1000.0);
  }

  @Test
  void aPrometheusRegistryRendersTheNativeExportersSeries() {
    PrometheusMeterRegistry prometheus = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);
    binder.bindTo(prometheus);

    String text = prometheus.scrape("text/plain; version=0.0.4; charset=utf-8");
    String om = prometheus.scrape("application/openmetrics-text; version=1.0.0; charset=utf-8");

    assertThat(text).contains(
        "# TYPE vitals_history_records_written_total counter\n",
        "vitals_history_records_written_total 1440.0\n",
        "# TYPE vitals_history_write_failures_total counter\n",
        "vitals_history_write_failures_total 3.0\n",
        "# TYPE vitals_history_dropped_records_total counter\n",
        "vitals_history_dropped_records_total 5.0\n",
        "# TYPE vitals_history_pending_records gauge\n",
        "vitals_history_pending_records 2.0\n",
        "# TYPE vitals_history_last_write_timestamp_seconds gauge\n",
        "vitals_history_last_write_timestamp_seconds 1.79577369475E9\n")
        .doesNotContain(Reports.STORE);
    assertThat(om).contains("# TYPE vitals_history_records_written counter\n",
        "# TYPE vitals_history_dropped_records counter\n", "# TYPE vitals_history_write_failures counter\n",
        "# TYPE vitals_history_last_write_timestamp_seconds gauge\n", "vitals_history_records_written_total 1440.0\n")
        .endsWith("# EOF\n");
  }

  @Test
  void pollingHistoryMetersAllocatesNothing() {
    binder.bindTo(registry);
    List<Meter> meters = historyMeters();
    Gauge[] gauges = meters.stream().filter(m -> m instanceof Gauge).toArray(Gauge[]::new);
    FunctionCounter[] counters = meters.stream().filter(m -> m instanceof FunctionCounter)
        .toArray(FunctionCounter[]::new);
    assertThat(gauges).hasSize(2);
    assertThat(counters).hasSize(3);
    com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
    double sink = poll(gauges, counters, 100);

    long before = threads.getCurrentThreadAllocatedBytes();
    sink += poll(gauges, counters, 10_000);
    long allocated = threads.getCurrentThreadAllocatedBytes() - before;

    assertThat(sink).isNotNaN();
    // 10,000 polls of 5 meters: a single 16-byte object (an Optional) per poll would be 800 KB.
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
