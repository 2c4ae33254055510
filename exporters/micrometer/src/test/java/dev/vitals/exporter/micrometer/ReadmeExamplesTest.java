package dev.vitals.exporter.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.spi.ProbeObserver;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.prometheusmetrics.PrometheusConfig;
import io.micrometer.prometheusmetrics.PrometheusMeterRegistry;
import java.time.Instant;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** The README's examples, compiled and run (a supplier stands in for {@code monitor::report}). */
class ReadmeExamplesTest {

  @Test
  void bindInCode() {
    Supplier<HealthReport> reports = Reports::standard;
    PrometheusMeterRegistry prometheusRegistry = new PrometheusMeterRegistry(PrometheusConfig.DEFAULT);

    VitalsMeterBinder binder = new VitalsMeterBinder(reports);
    binder.bindTo(prometheusRegistry);
    assertThat(prometheusRegistry.scrape()).contains("vitals_probe_score{probe=\"db\"} 97.5");

    binder.close();
    assertThat(prometheusRegistry.scrape()).doesNotContain("vitals_");
  }

  @Test
  void spanPerProbeRun() {
    ObservationRegistry observations = ObservationRegistry.create();
    VitalsObservationsTest.RecordingHandler handler = new VitalsObservationsTest.RecordingHandler();
    observations.observationConfig().observationHandler(handler);

    ProbeObserver observer = new VitalsObservations(observations);
    observer.start("db", "jdbc").end(ProbeResult.up().withTiming(1_000_000, Instant.EPOCH));

    assertThat(handler.stopped).hasSize(1);
  }
}
