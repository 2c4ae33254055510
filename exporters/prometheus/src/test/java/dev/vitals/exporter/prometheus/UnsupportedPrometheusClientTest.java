package dev.vitals.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.spi.MetricsWriter;
import java.io.ByteArrayOutputStream;
import java.util.ServiceConfigurationError;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/**
 * Runs only in surefire's {@code client-1.2.1-unsupported} execution, with a real
 * {@code prometheus-metrics-model} 1.2.1 (older than supported) on the class path, as a user's BOM could
 * pin it: creating the writer fails at once, naming the version and the range, and so does every later
 * use; never a {@code NoClassDefFoundError} at a scrape.
 */
class UnsupportedPrometheusClientTest {

  private static final String FOUND = "found prometheus-metrics-model 1.2.1";
  private static final String RANGE = "Supported: io.prometheus:prometheus-metrics-* 1.3.0 up to (not including) 2.0";

  @Test
  void creatingTheWriterFailsNamingTheVersionFoundAndTheSupportedRange() {
    assertThat(PrometheusClient.versionsFound()).contains("prometheus-metrics-model 1.2.1");

    assertThatThrownBy(PrometheusMetricsWriter::new)
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining(FOUND)
        .hasMessageContaining("prometheus-metrics-model 1.2.1 is outside that range")
        .hasMessageContaining(RANGE);
    assertThatThrownBy(PrometheusMetricsWriter::new)
        .as("the same answer the second time, not a NoClassDefFoundError")
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(FOUND);
  }

  @Test
  void serviceLoaderReportsTheSameMessageWhenItCreatesTheWriter() {
    assertThatThrownBy(() -> ServiceLoader.load(MetricsWriter.class).iterator().next())
        .isInstanceOf(ServiceConfigurationError.class)
        .cause().isInstanceOf(IllegalStateException.class).hasMessageContaining(FOUND).hasMessageContaining(RANGE);
  }

  @Test
  void writingDirectlyFailsTheSameWay() {
    assertThatThrownBy(() -> VitalsPrometheus.write(Fixtures.twoProbesTwoTrackers(), Fixtures.NOW,
        new ByteArrayOutputStream(), false))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining(FOUND).hasMessageContaining(RANGE);
  }
}
