package dev.vitals.probes.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ProbeConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Real faults on a real rabbitmq-server of this class's own: stopped and restarted, frozen with
 * SIGSTOP and thawed with SIGCONT. Each test leaves the server running.
 */
class RabbitMqFaultTest {

  private static final Duration TIMEOUT = Duration.ofSeconds(1);
  /** How long past its timeout a run may take: scheduling on a busy 2-core machine. */
  private static final Duration SLACK = Duration.ofMillis(500);

  private static TestRabbit rabbit;

  @BeforeAll
  static void startRabbit() {
    rabbit = TestRabbit.start();
  }

  @AfterAll
  static void stopRabbit() {
    if (rabbit != null) {
      rabbit.close();
    }
  }

  @AfterEach
  void leaveItRunning() {
    rabbit.thaw();
    rabbit.startServer();
  }

  private static RabbitMqProbe probe(String name, String... keyValues) {
    Map<String, String> settings = new HashMap<>();
    settings.put("type", "rabbitmq");
    settings.put("timeout", TIMEOUT.toMillis() + "ms");
    settings.put("url", rabbit.url());
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
    return (RabbitMqProbe) new RabbitMqProbeFactory().create(ProbeConfig.of(name, settings));
  }

  /** Runs a check and asserts it returned within the timeout plus slack, on its own. */
  private static ProbeResult timedCheck(RabbitMqProbe p) throws InterruptedException {
    long start = System.nanoTime();
    ProbeResult r = p.check();
    long took = System.nanoTime() - start;
    assertThat(Duration.ofNanos(took)).as("the run took %d ms: %s", TimeUnit.NANOSECONDS.toMillis(took), r)
        .isLessThan(TIMEOUT.plus(SLACK));
    return r;
  }

  @Test
  void aStoppedServerIsDownSayingConnectionRefusedAndUpAfterItsRestart() throws Exception {
    try (RabbitMqProbe p = probe("mq-stop", "queue", "jobs")) {
      rabbit.fill("jobs", 0);
      assertThat(p.check().status()).isEqualTo(Status.UP);

      rabbit.stop();
      // the first run may still see the server's goodbye (CONNECTION_FORCED); then the port is closed
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        ProbeResult r = timedCheck(p);
        assertThat(r.status()).isEqualTo(Status.DOWN);
        assertThat(r.message()).hasValue("rabbitmq at 127.0.0.1:" + rabbit.port() + ": connection refused");
        assertThat(r.details()).containsEntry("failedStep", "connect");
      });

      rabbit.startServer();
      rabbit.fill("jobs", 0); // not durable: the restarted server lost it
      ProbeResult back = timedCheck(p);
      assertThat(back.status()).as("%s", back).isEqualTo(Status.UP);
      assertThat(back.details()).containsKey(ProbeResult.CONNECT_DETAIL).containsEntry("queue", "jobs");
    }
  }

  @Test
  void aFrozenServerIsDownWithinTheTimeoutOnTheReusedConnectionAndUpAfterSigcont() throws Exception {
    rabbit.fill("frozen-q", 2);
    try (RabbitMqProbe p = probe("mq-freeze", "queue", "frozen-q")) {
      assertThat(p.check().status()).isEqualTo(Status.UP);

      rabbit.freeze();
      ProbeResult r = timedCheck(p);
      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
          .matches("rabbitmq at 127\\.0\\.0\\.1:" + rabbit.port()
              + ": no answer to queue\\.declare \\(passive\\) of 'frozen-q' within \\d+ ms"));
      assertThat(r.details()).containsEntry("failedStep", "queue.declare");

      ProbeResult stillFrozen = timedCheck(p);
      assertThat(stillFrozen.status()).isEqualTo(Status.DOWN);
      assertThat(stillFrozen.message()).hasValueSatisfying(m -> assertThat(m).contains("no AMQP handshake within"));

      rabbit.thaw();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
        ProbeResult back = timedCheck(p);
        assertThat(back.status()).as("%s", back).isEqualTo(Status.UP);
        assertThat(back.details()).containsEntry("depth", 2L);
      });
    } finally {
      rabbit.thaw();
      rabbit.delete("frozen-q");
    }
  }

  @Test
  void aServerFrozenBeforeTheFirstConnectionIsDownSayingTheHandshakeNeverCame() throws Exception {
    try (RabbitMqProbe p = probe("mq-freeze-new")) {
      rabbit.freeze();
      ProbeResult r = timedCheck(p);
      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
          .matches("rabbitmq at 127\\.0\\.0\\.1:" + rabbit.port() + ": no AMQP handshake within \\d+ ms \\(the server"
              + " took the TCP connection but did not answer\\)"));
      assertThat(r.toString()).doesNotContain(TestRabbit.PASSWORD);

      rabbit.thaw();
      await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
          assertThat(timedCheck(p).status()).isEqualTo(Status.UP));
    } finally {
      rabbit.thaw();
    }
  }

  @Test
  void closeOnAFrozenServerReturnsWithinTheTimeout() throws Exception {
    RabbitMqProbe p = probe("mq-close-frozen");
    assertThat(p.check().status()).isEqualTo(Status.UP);
    rabbit.freeze();
    long start = System.nanoTime();
    p.close();
    assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(TIMEOUT.plus(SLACK));
    await().atMost(Duration.ofSeconds(10)).until(() -> RabbitMqProbeTest.probeThreads("mq-close-frozen").isEmpty());
  }
}
