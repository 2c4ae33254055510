package dev.vitals.probes.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.lang.management.ManagementFactory;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real file handles opened in a child JVM started with {@code ulimit -n 256}. */
class FileDescriptorsProbeTest {

  @Test
  void openFilesPastTheRatiosAreDegradedThenDownAndUpWhenClosed() {
    assumeTrue(ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.UnixOperatingSystemMXBean,
        "Unix only");
    try (Child child = Child.start("ulimit -n 256", List.of("-Xmx64m"), "type=file-descriptors")) {
      String up = child.awaitStatus("UP");
      assertThat(Child.detail(up, "maxFileDescriptors")).isEqualTo(256);
      long open = Child.detail(up, "openFileDescriptors");
      assertThat(open).isPositive().isLessThan(200);

      child.send("open " + (210 - open)); // 82 % of 256, past degraded-ratio 0.8
      String degraded = child.awaitStatus("DEGRADED");
      assertThat(Child.detail(degraded, "openFileDescriptors")).isBetween(205L, 242L);
      assertThat(degraded).contains("file descriptors open").contains("at or above degraded-ratio 80.0%");

      child.send("open 40"); // past 95 %
      String down = child.awaitStatus("DOWN");
      assertThat(Child.detail(down, "openFileDescriptors")).isGreaterThanOrEqualTo(244L);
      assertThat(down).startsWith("RESULT DOWN DOWN").contains("at or above down-ratio 95.0%");

      child.send("release");
      child.awaitStatus("UP");
    }
  }
}
