package dev.vitals.probes.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ProbeConfig;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The probe against a real rabbitmq-server that works: versions, queues, thresholds, credentials. */
class RabbitMqProbeTest {

  private static TestRabbit rabbit;

  @BeforeAll
  static void startRabbit() {
    rabbit = TestRabbit.shared();
  }

  @AfterEach
  void dropConsumers() {
    rabbit.closeAdmins();
  }

  private static RabbitMqProbe probe(String name, String... keyValues) {
    Map<String, String> settings = new HashMap<>();
    settings.put("type", "rabbitmq");
    settings.put("timeout", "2s");
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
    return (RabbitMqProbe) new RabbitMqProbeFactory().create(ProbeConfig.of(name, settings));
  }

  @Test
  void workingServerIsUpWithItsVersionAndProduct() throws Exception {
    try (RabbitMqProbe p = probe("mq", "url", rabbit.url())) {
      ProbeResult r = p.check();
      assertThat(r.status()).as("%s", r).isEqualTo(Status.UP);
      assertThat(r.details()).containsEntry("product", "RabbitMQ");
      assertThat((String) r.details().get("version")).matches("\\d+\\.\\d+\\.\\d+.*");
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
          .startsWith("rabbitmq at 127.0.0.1:" + rabbit.port() + ": RabbitMQ ").endsWith(" answers"));
      assertThat(r.toString()).doesNotContain(TestRabbit.PASSWORD);
    }
  }

  @Test
  void oneConnectionIsReusedBetweenRuns() throws Exception {
    try (RabbitMqProbe p = probe("mq-reuse", "url", rabbit.url())) {
      ProbeResult first = p.check();
      ProbeResult second = p.check();
      ProbeResult third = p.check();
      assertThat(first.details()).containsKey(ProbeResult.CONNECT_DETAIL);
      assertThat(second.details()).doesNotContainKey(ProbeResult.CONNECT_DETAIL);
      assertThat(third.details()).doesNotContainKey(ProbeResult.CONNECT_DETAIL);
      assertThat(third.status()).isEqualTo(Status.UP);
      assertThat(probeThreads("mq-reuse")).as("one connection: one reader thread").hasSize(1);
    }
  }

  @Test
  void closeEndsTheConnectionAndItsThreadAndLaterRunsAreDown() throws Exception {
    RabbitMqProbe p = probe("mq-close", "url", rabbit.url());
    assertThat(p.check().status()).isEqualTo(Status.UP);
    assertThat(probeThreads("mq-close")).isNotEmpty();
    p.close();
    org.awaitility.Awaitility.await().until(() -> probeThreads("mq-close").isEmpty());
    ProbeResult after = p.check();
    assertThat(after.status()).isEqualTo(Status.DOWN);
    assertThat(after.message()).hasValue("rabbitmq probe 'mq-close' is closed");
    p.close(); // idempotent
  }

  @Test
  void queueDepthAndConsumersAreDetails() throws Exception {
    rabbit.fill("orders", 3);
    rabbit.consume("orders-busy");
    try (RabbitMqProbe p = probe("mq-q", "url", rabbit.url(), "queue", "orders");
        RabbitMqProbe busy = probe("mq-q2", "url", rabbit.url(), "queue", "orders-busy")) {
      ProbeResult r = p.check();
      assertThat(r.status()).as("%s", r).isEqualTo(Status.UP);
      assertThat(r.details()).containsEntry("queue", "orders").containsEntry("depth", 3L).containsEntry("consumers", 0L)
          .containsKey("version");
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).endsWith("queue 'orders': 3 messages, 0 consumers"));
      ProbeResult b = busy.check();
      assertThat(b.details()).containsEntry("depth", 0L).containsEntry("consumers", 1L);
    } finally {
      rabbit.delete("orders");
      rabbit.delete("orders-busy");
    }
  }

  @Test
  void aQueueAboveMaxDepthIsDegradedAndUpAgainWhenDrained() throws Exception {
    rabbit.fill("backlog", 5);
    try (RabbitMqProbe p = probe("mq-depth", "url", rabbit.url(), "queue", "backlog", "max-depth", "4")) {
      ProbeResult r = p.check();
      assertThat(r.status()).as("%s", r).isEqualTo(Status.DEGRADED);
      assertThat(r.message()).hasValue("rabbitmq at 127.0.0.1:" + rabbit.port()
          + ": queue 'backlog' holds 5 messages, above max-depth 4");
      assertThat(r.details()).containsEntry("depth", 5L);

      rabbit.delete("backlog");
      rabbit.fill("backlog", 4); // at the limit is not above it
      ProbeResult drained = p.check();
      assertThat(drained.status()).as("%s", drained).isEqualTo(Status.UP);
      assertThat(drained.details()).containsEntry("depth", 4L);
    } finally {
      rabbit.delete("backlog");
    }
  }

  @Test
  void aQueueBelowMinConsumersIsDegradedAndUpWhenAConsumerComes() throws Exception {
    rabbit.fill("work", 0);
    try (RabbitMqProbe p = probe("mq-cons", "url", rabbit.url(), "queue", "work", "min-consumers", "1")) {
      ProbeResult r = p.check();
      assertThat(r.status()).as("%s", r).isEqualTo(Status.DEGRADED);
      assertThat(r.message()).hasValue("rabbitmq at 127.0.0.1:" + rabbit.port()
          + ": queue 'work' has 0 consumers, below min-consumers 1");
      rabbit.consume("work");
      ProbeResult served = p.check();
      assertThat(served.status()).as("%s", served).isEqualTo(Status.UP);
      assertThat(served.details()).containsEntry("consumers", 1L);
    } finally {
      rabbit.closeAdmins();
      rabbit.delete("work");
    }
  }

  @Test
  void aMissingQueueIsDownWithAClearMessageAndUpOnceItExists() throws Exception {
    try (RabbitMqProbe p = probe("mq-missing", "url", rabbit.url(), "queue", "no-such-queue")) {
      ProbeResult r = p.check();
      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
          .startsWith("rabbitmq at 127.0.0.1:" + rabbit.port() + ": queue 'no-such-queue' does not exist in vhost '/'")
          .contains("404 NOT_FOUND"));
      assertThat(r.details()).containsEntry("failedStep", "queue.declare").containsKey("version");

      rabbit.fill("no-such-queue", 1);
      ProbeResult found = p.check();
      assertThat(found.status()).as("%s", found).isEqualTo(Status.UP);
      assertThat(found.details()).as("the connection survived the closed channel")
          .doesNotContainKey(ProbeResult.CONNECT_DETAIL).containsEntry("depth", 1L);
    } finally {
      rabbit.delete("no-such-queue");
    }
  }

  @Test
  void aWrongPasswordIsDownWithoutThePassword() throws Exception {
    String wrong = "Wr0ng-pa55word";
    try (RabbitMqProbe p = probe("mq-auth", "url", "amqp://" + TestRabbit.USER + ":" + wrong + "@127.0.0.1:"
        + rabbit.port())) {
      ProbeResult r = p.check();
      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
          .startsWith("rabbitmq at 127.0.0.1:" + rabbit.port() + ": authentication failed for user 'vitals'"
              + " (ACCESS_REFUSED - Login was refused"));
      assertThat(r.toString()).doesNotContain(wrong).doesNotContain(TestRabbit.PASSWORD);
      assertThat(p.toString()).doesNotContain(wrong);
    }
  }

  @Test
  void anUnknownVhostIsDownNamingIt() throws Exception {
    try (RabbitMqProbe p = probe("mq-vhost", "url", rabbit.url() + "/billing")) {
      ProbeResult r = p.check();
      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
          .isEqualTo("rabbitmq at 127.0.0.1:" + rabbit.port() + " vhost 'billing': the server closed the connection"
              + " during connect: 530 NOT_ALLOWED - vhost billing not found"));
      assertThat(r.toString()).doesNotContain(TestRabbit.PASSWORD);
    }
  }

  @Test
  void amqpsAgainstAPlainListenerIsDownSayingTls() throws Exception {
    try (RabbitMqProbe p = probe("mq-tls", "url", "amqps://" + TestRabbit.USER + ":" + TestRabbit.PASSWORD
        + "@127.0.0.1:" + rabbit.port())) {
      ProbeResult r = p.check();
      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
          .startsWith("rabbitmq at 127.0.0.1:" + rabbit.port() + ": TLS handshake failed: "));
      assertThat(r.toString()).doesNotContain(TestRabbit.PASSWORD);
    }
  }

  @Test
  void theFactoryBuildsAProbeWithTheTypeAndTimeout() {
    Probe p = probe("mq-defaults", "url", rabbit.url());
    assertThat(p.type()).isEqualTo("rabbitmq");
    assertThat(p.defaults().timeout()).hasValue(java.time.Duration.ofSeconds(2));
    assertThat(p.defaults().budget()).hasValue(RabbitMqProbe.DEFAULT_BUDGET);
  }

  static Set<String> probeThreads(String probe) {
    return Thread.getAllStackTraces().keySet().stream().map(Thread::getName)
        .filter(n -> n.startsWith("vitals-rabbitmq-" + probe + "-")).collect(Collectors.toSet());
  }
}
