package dev.vitals.probes.jvm;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Real threads started in a child JVM past {@code max}. */
class ThreadsProbeTest {

  @Test
  void threadsPastEightyPercentAreDegradedPastMaxDownAndUpWhenTheyEnd() {
    try (Child child = Child.start(null, List.of("-Xmx64m"), "type=threads", "max=100")) {
      String up = child.awaitStatus("UP");
      long live = Child.detail(up, "threads");
      assertThat(live).isPositive().isLessThan(70);
      assertThat(Child.detail(up, "max")).isEqualTo(100);

      child.send("threads " + (85 - live));
      String degraded = child.awaitStatus("DEGRADED");
      assertThat(Child.detail(degraded, "threads")).isBetween(80L, 100L);
      assertThat(degraded).contains("at or above degraded-ratio 80.0% of max (80)");

      child.send("threads 30");
      String down = child.awaitStatus("DOWN");
      assertThat(Child.detail(down, "threads")).isGreaterThan(100);
      assertThat(down).startsWith("RESULT DOWN DOWN").contains("live threads (max 100): more than max");

      child.send("release");
      child.awaitStatus("UP");
    }
  }
}
