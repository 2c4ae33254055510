package dev.vitals.probes.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The heap of a real child JVM with a small maximum, filled with live data past the thresholds. */
class MemoryProbeTest {

  @Test
  void liveSetPastTheThresholdsIsDegradedThenDownAndUpWhenFreed() {
    try (Child child = Child.start(null, List.of("-Xmx64m"), "type=memory", "heap-degraded=0.4", "heap-down=0.6")) {
      String up = child.awaitStatus("UP");
      long max = Child.detail(up, "heapMaxBytes");
      assertThat(max).isBetween(32L << 20, 64L << 20);
      assertThat(Child.ratio(up, "heapRatio")).isLessThan(0.4);

      child.send("grow " + (int) (max * 0.45 / (1 << 20)));
      String degraded = child.awaitStatus("DEGRADED");
      assertThat(Child.ratio(degraded, "heapRatio")).isBetween(0.4, 0.6);
      assertThat(degraded).startsWith("RESULT DEGRADED DEGRADED").contains("at or above heap-degraded 40.0%");

      child.send("grow " + (int) (max * 0.15 / (1 << 20)));
      String down = child.awaitStatus("DOWN");
      assertThat(Child.ratio(down, "heapRatio")).isGreaterThanOrEqualTo(0.6);
      assertThat(Child.detail(down, "heapUsedAfterGcBytes")).isGreaterThanOrEqualTo((long) (max * 0.6));
      assertThat(down).startsWith("RESULT DOWN DOWN").contains("at or above heap-down 60.0%");

      child.send("release");
      child.awaitStatus("UP");
    }
  }

  @Test
  void reportsItsFiguresInThisJvm() throws Exception {
    ProbeResult r = new MemoryProbeFactory().create(dev.vitals.api.spi.ProbeConfig.of("heap",
        java.util.Map.of("type", "memory"))).check();
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.details()).containsKeys("heapUsedAfterGcBytes", "heapMaxBytes", "heapRatio", "gcShare");
    assertThat((double) r.details().get("gcShare")).isBetween(0.0, 1.0);
  }
}
