package dev.vitals.probes.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Faults done for real on a Kafka server of its own: killed (SIGKILL) and started again on the same data,
 * frozen (SIGSTOP) and thawed (SIGCONT). The probe's timeout is 2 s; its client gives up at 1.5 s.
 */
class KafkaFaultTest {

  private static TestKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = TestKafka.start();
    kafka.createTopic("events", 2, (short) 1, Map.of());
  }

  @AfterAll
  static void stopKafka() {
    kafka.close();
  }

  @AfterEach
  void thaw() {
    kafka.thaw();
  }

  private static Probe probe(String name) {
    return KafkaProbeTest.probe(name, Map.of("bootstrap-servers", kafka.bootstrap(), "topic", "events", "timeout", "2s"));
  }

  /** Runs a check and measures it. */
  private static Timed timed(Probe p) throws Exception {
    long t0 = System.nanoTime();
    ProbeResult r = p.check();
    return new Timed(r, Duration.ofNanos(System.nanoTime() - t0));
  }

  private static final class Timed {
    final ProbeResult result;
    final Duration took;

    Timed(ProbeResult result, Duration took) {
      this.result = result;
      this.took = took;
    }
  }

  @Test
  void killedServerIsDownWithinTheTimeoutSayingConnectionRefusedThenUpWhenItIsBack() throws Exception {
    Probe p = probe("killed");
    try (AutoCloseable c = (AutoCloseable) p) {
      assertThat(p.check().status()).isEqualTo(Status.UP);
      kafka.kill();
      Timed down = timed(p);
      System.out.println("killed: " + down.took.toMillis() + " ms: " + down.result);
      assertThat(down.result.status()).isEqualTo(Status.DOWN);
      assertThat(down.result.message()).hasValue("timed out after 1.5s waiting for the cluster's description from "
          + kafka.bootstrap() + " (" + kafka.bootstrap() + ": connection refused)");
      assertThat(down.took).as("the client gives up before the probe's timeout").isLessThan(Duration.ofSeconds(2));

      long t0 = System.nanoTime();
      kafka.restart();
      long restarted = System.nanoTime();
      await("the probe to see the restarted server").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
          .until(() -> p.check().status(), s -> s == Status.UP);
      System.out.println("restart took " + (restarted - t0) / 1_000_000 + " ms; UP again "
          + (System.nanoTime() - restarted) / 1_000_000 + " ms after the server answered its own client");
      Timed up = timed(p);
      assertThat(up.result.status()).isEqualTo(Status.UP);
      assertThat(up.result.details()).containsEntry("partitions", 2).containsEntry("offline", 0);
    }
  }

  @Test
  void frozenServerIsDownWithinTheTimeoutThenUpWhenThawed() throws Exception {
    Probe p = probe("frozen");
    try (AutoCloseable c = (AutoCloseable) p) {
      Timed before = timed(p);
      assertThat(before.result.status()).isEqualTo(Status.UP);
      Timed warm = timed(p);
      System.out.println("warm check: " + warm.took.toNanos() / 1000 + " us");
      kafka.freeze();
      Timed down = timed(p);
      System.out.println("frozen: " + down.took.toMillis() + " ms: " + down.result);
      assertThat(down.result.status()).isEqualTo(Status.DOWN);
      assertThat(down.result.message()).hasValue("timed out after 1.5s waiting for the cluster's description from "
          + kafka.bootstrap() + " (" + kafka.bootstrap() + " accepts connections but Kafka sent no answer)");
      assertThat(down.took).as("DOWN within the probe's timeout").isLessThan(Duration.ofSeconds(2));

      kafka.thaw();
      long thawed = System.nanoTime();
      await("the thawed server to answer the probe").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(100))
          .until(() -> p.check().status(), s -> s == Status.UP);
      System.out.println("UP again " + (System.nanoTime() - thawed) / 1_000_000 + " ms after SIGCONT");
    }
  }
}
