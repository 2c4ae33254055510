package dev.vitals.exporter.micrometer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.Exporter;
import dev.vitals.test.ExporterCompatibilityKit;
import dev.vitals.test.RecordingContext;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;

/**
 * The {@code micrometer} exporter against the exporter compatibility kit: off by default, on with
 * {@code vitals.micrometer.enabled=true}, a value other than true or false refused by key.
 */
class MicrometerExporterCompatibilityTest extends ExporterCompatibilityKit {

  @Override
  protected String exporterName() {
    return "micrometer";
  }

  @Override
  protected Map<String, String> enablingConfig() {
    return Map.of("vitals.micrometer.enabled", "true");
  }

  /** Reads the kit's figures through a registry added to the global one, then takes it away again. */
  @Override
  protected void exercise(Exporter exporter, RecordingContext context) {
    SimpleMeterRegistry registry = new SimpleMeterRegistry();
    Metrics.addRegistry(registry);
    try {
      assertThat(registry.get("vitals.service.score").gauge().value()).isEqualTo(report().score());
      assertThat(registry.get("vitals.probe.score").tags("probe", "kit-down").gauge().value()).isEqualTo(12.5);
    } finally {
      Metrics.removeRegistry(registry);
      registry.close();
    }
  }
}
