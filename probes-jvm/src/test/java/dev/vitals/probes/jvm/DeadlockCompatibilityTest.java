package dev.vitals.probes.jvm;

import dev.vitals.test.ProbeCompatibilityKit;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;

/** The probe kit for type {@code deadlock}: the target that is down is a real, undoable deadlock in this JVM. */
class DeadlockCompatibilityTest extends ProbeCompatibilityKit {

  private InterruptibleDeadlock deadlock;

  @AfterEach
  void undo() throws InterruptedException {
    if (deadlock != null) {
      deadlock.close();
    }
  }

  @Override
  protected String type() {
    return "deadlock";
  }

  @Override
  protected Map<String, String> workingSettings() {
    return Map.of();
  }

  @Override
  protected Map<String, String> downSettings() {
    try {
      deadlock = new InterruptibleDeadlock();
      // both threads are parked on the other's lock once the JVM reports them
      org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10)).until(
          () -> java.lang.management.ManagementFactory.getThreadMXBean().findDeadlockedThreads() != null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return Map.of();
  }
}
