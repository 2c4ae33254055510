package dev.vitals.probes.jvm;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Real deadlocks: on locks in this JVM (undone afterwards), and on monitors in a child JVM running a monitor. */
class DeadlockProbeTest {

  @Test
  void noDeadlockIsUpWithZeroThreads() {
    ProbeResult r = new DeadlockProbe("locks").check();
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.details()).containsEntry("threads", 0);
    assertThat(new DeadlockProbe("locks").defaults().kinds()).contains(java.util.Set.of(ProbeKind.LIVENESS));
  }

  @Test
  void lockDeadlockIsDownNamingTheThreadsAndTheLocksAndUpOnceUndone() throws Exception {
    DeadlockProbe probe = new DeadlockProbe("locks");
    ProbeResult down;
    try (InterruptibleDeadlock deadlock = new InterruptibleDeadlock()) {
      await().atMost(Duration.ofSeconds(10)).until(() -> probe.check().status() == Status.DOWN);
      down = probe.check();
    }
    assertThat(down.details()).containsEntry("threads", 2);
    assertThat(down.message()).hasValueSatisfying(m -> assertThat(m)
        .startsWith("2 threads deadlocked: ")
        .contains("\"ledger-writer\" waits for java.util.concurrent.locks.ReentrantLock$NonfairSync@")
        .contains("held by \"audit-reader\"")
        .contains("\"audit-reader\" waits for")
        .contains("held by \"ledger-writer\""));
    ProbeResult after = probe.check();
    assertThat(after.status()).isEqualTo(Status.UP);
    assertThat(after.details()).containsEntry("threads", 0);
  }

  @Test
  void monitorDeadlockInAChildJvmTakesItsLivenessGroupDown() {
    try (Child child = Child.start(null, List.of("-Xmx64m"), "type=deadlock")) {
      String up = child.awaitStatus("UP");
      assertThat(up).startsWith("RESULT UP UP {threads=0}");
      child.send("deadlock");
      String down = child.awaitStatus("DOWN");
      assertThat(down).startsWith("RESULT DOWN DOWN {threads=2} | 2 threads deadlocked: ")
          .contains("\"ledger-writer\" waits for java.lang.Object@").contains("held by \"audit-reader\"")
          .contains("\"audit-reader\" waits for java.lang.Object@").contains("held by \"ledger-writer\"");
    }
  }
}
