package dev.vitals.microprofile;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.Status;
import dev.vitals.core.HealthMonitor;
import java.time.Duration;
import java.util.Map;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.junit.jupiter.api.Test;

/** The README's check and its "Without CDI" use, and the class javadoc's example, as they are written there. */
class ReadmeExampleTest {

  /** The README's check (minus the CDI annotations, which need a container). */
  static class InventoryCheck implements HealthCheck {
    @Override
    public HealthCheckResponse call() {
      return HealthCheckResponse.named("inventory").up().withData("items", 42L).build();
    }
  }

  @Test
  void aCheckRunsAsAProbeWithoutCdi() throws InterruptedException {
    HealthCheck check = new InventoryCheck();
    try (HealthMonitor monitor = HealthMonitor.builder().onDemand(true).environment(Map.of())
        .probe(MicroProfileProbes.of("inventory", check, ProbeKind.READINESS))
        .build().start()) {
      monitor.runDue(Duration.ofSeconds(10));

      ProbeReport inventory = monitor.report().probe("inventory").orElseThrow();
      assertThat(inventory.status()).isEqualTo(Status.UP);
      assertThat(inventory.type()).isEqualTo("microprofile");
      assertThat(inventory.kinds()).containsOnly(ProbeKind.READINESS);
      assertThat(inventory.lastResult().orElseThrow().details()).containsEntry("items", 42L);
    }
  }

  @Test
  void theNameCanComeFromTheCheck() {
    assertThat(MicroProfileProbes.of(new InventoryCheck(), ProbeKind.READINESS).name()).isEqualTo("inventory");
  }
}
