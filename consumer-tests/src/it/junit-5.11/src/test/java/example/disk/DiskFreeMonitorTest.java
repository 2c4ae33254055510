package example.disk;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.vitals.api.HealthReport;
import dev.vitals.api.Status;
import dev.vitals.core.HealthMonitor;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DiskFreeMonitorTest {

  @Test
  void theMonitorRunsTheProbeWhenTheManualClockSaysSo() {
    ManualClock clock = new ManualClock();
    try (HealthMonitor monitor = HealthMonitor.builder()
        .clock(clock).scheduler(clock.scheduler()).executor(clock.executor())
        .config(Map.of("vitals.probes.disk.type", "disk-free", "vitals.probes.disk.path", ".",
            "vitals.probes.disk.min-free-bytes", "1"))
        .build().start()) {
      clock.advance(Duration.ofSeconds(30));

      HealthReport report = monitor.report();
      assertEquals(Status.UP, report.probe("disk").orElseThrow().status());
    }
  }
}
