package dev.vitals.exporter.prometheus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The Prometheus Java client check. Surefire runs this class once per client line users get from their
 * frameworks (1.3.10 by default, then 1.4.3, 1.7.0 and 1.10.0 with the jars swapped), each time told in
 * {@code vitals.expected.prometheus.version} which version must be on the class path.
 */
class PrometheusClientTest {

  @Test
  void theClientOnTheClassPathIsTheExpectedOneAndIsAccepted() throws IOException {
    String expected = System.getProperty("vitals.expected.prometheus.version");
    assertThat(expected).as("set by the pom for each surefire execution").isNotBlank();

    assertThat(PrometheusClient.versionsFound())
        .contains("prometheus-metrics-model " + expected, "prometheus-metrics-exposition-textformats " + expected);
    new PrometheusMetricsWriter();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    VitalsPrometheus.write(Fixtures.twoProbesTwoTrackers(), Fixtures.NOW, out, false);
    assertThat(out.toString(StandardCharsets.UTF_8)).contains("vitals_probe_status{probe=\"db\",status=\"down\"} 1.0");
  }

  @Test
  void everyOneXVersionFromOnePointThreeIsSupported() {
    assertThat(List.of("1.3.0", "1.3.10", "1.4.3", "1.7.0", "1.10.0", "1.12.0-SNAPSHOT"))
        .allSatisfy(v -> assertThat(PrometheusClient.supported(v)).as(v).isTrue());
    assertThat(List.of("1.2.1", "1.0.0", "0.16.0", "2.0.0", "", "one"))
        .allSatisfy(v -> assertThat(PrometheusClient.supported(v)).as(v).isFalse());
  }

  @Test
  void anUnsupportedVersionIsNamedWithEveryVersionFoundAndTheSupportedRange() {
    String problem = PrometheusClient.problem(
        List.of("prometheus-metrics-model 1.2.1", "prometheus-metrics-exposition-textformats 1.3.10"));

    assertThat(problem)
        .contains("found prometheus-metrics-model 1.2.1, prometheus-metrics-exposition-textformats 1.3.10")
        .contains("prometheus-metrics-model 1.2.1 is outside that range")
        .contains("Supported: io.prometheus:prometheus-metrics-* 1.3.0 up to (not including) 2.0")
        .contains("prometheus-metrics-bom");
    assertThat(PrometheusClient.problem(List.of("prometheus-metrics-model 1.7.0",
        "prometheus-metrics-exposition-textformats 1.7.0"))).isNull();
    assertThat(PrometheusClient.problem(List.of())).isNull();
  }
}
