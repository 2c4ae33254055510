package dev.vitals.probes.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ProbeConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The probe against a real KRaft Kafka server: the cluster, topics, SASL, closing. */
class KafkaProbeTest {

  private static TestKafka kafka;

  @BeforeAll
  static void startKafka() {
    kafka = SharedKafka.get();
  }

  static Probe probe(String name, Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("type", "kafka");
    return new KafkaProbeFactory().create(ProbeConfig.of(name, all));
  }

  private static ProbeResult check(Probe p) throws Exception {
    return p.check();
  }

  @Test
  void clusterIsUpWithItsIdControllerAndBrokerCount() throws Exception {
    Probe p = probe("cluster", Map.of("bootstrap-servers", kafka.bootstrap()));
    try (AutoCloseable c = (AutoCloseable) p) {
      ProbeResult first = check(p);
      assertThat(first.status()).isEqualTo(Status.UP);
      assertThat((String) first.details().get("clusterId")).isNotBlank();
      assertThat(first.details()).containsEntry("brokers", 1)
          .containsEntry("controller", "1 (127.0.0.1:" + kafka.port + ")");
      assertThat(first.message()).hasValue("cluster " + first.details().get("clusterId") + ": 1 broker");
      assertThat(first.connectTime()).as("the first run creates the client and connects").isPresent();

      ProbeResult second = check(p);
      assertThat(second.status()).isEqualTo(Status.UP);
      assertThat(second.connectTime()).as("later runs reuse the client").isEmpty();
    }
  }

  @Test
  void topicWithALeaderAndItsReplicaInSyncIsUp() throws Exception {
    kafka.createTopic("orders", 3, (short) 1, Map.of());
    Probe p = probe("orders", Map.of("bootstrap-servers", kafka.bootstrap(), "topic", "orders"));
    try (AutoCloseable c = (AutoCloseable) p) {
      ProbeResult r = check(p);
      assertThat(r.status()).as("%s", r).isEqualTo(Status.UP);
      assertThat(r.details()).containsEntry("topic", "orders").containsEntry("partitions", 3)
          .containsEntry("offline", 0).containsEntry("underReplicated", 0).containsEntry("minIsr", 1)
          .containsEntry("minIsrFrom", "topic").containsEntry("brokers", 1);
      assertThat(r.message().orElseThrow()).startsWith("topic 'orders' on cluster ")
          .endsWith(": 3 partitions, each with a leader and at least 1 in-sync replica");
    }
  }

  @Test
  void missingTopicIsDownAndSaysSo() throws Exception {
    Probe p = probe("missing", Map.of("bootstrap-servers", kafka.bootstrap(), "topic", "no-such-topic"));
    try (AutoCloseable c = (AutoCloseable) p) {
      ProbeResult r = check(p);
      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message().orElseThrow()).startsWith("topic 'no-such-topic' does not exist on cluster ")
          .endsWith(" (" + kafka.bootstrap() + ")");
      assertThat(r.details()).containsEntry("brokers", 1);
    }
  }

  @Test
  void topicWhoseMinInsyncReplicasExceedItsReplicasIsDegraded() throws Exception {
    // the topic's own min.insync.replicas (2) is read from the cluster: one replica cannot meet it
    kafka.createTopic("payments", 2, (short) 1, Map.of("min.insync.replicas", "2"));
    Probe p = probe("payments", Map.of("bootstrap-servers", kafka.bootstrap(), "topic", "payments"));
    try (AutoCloseable c = (AutoCloseable) p) {
      ProbeResult r = check(p);
      assertThat(r.status()).as("%s", r).isEqualTo(Status.DEGRADED);
      assertThat(r.message()).hasValue("topic 'payments': 2 of 2 partitions have fewer in-sync replicas than"
          + " min.insync.replicas = 2: partitions 0 (1 of 1 in sync), 1 (1 of 1 in sync)");
      assertThat(r.details()).containsEntry("minIsr", 2).containsEntry("minIsrFrom", "topic")
          .containsEntry("offline", 0).containsEntry("underReplicated", 0);
    }
  }

  @Test
  void configuredMinIsrOverridesTheTopics() throws Exception {
    kafka.createTopic("audit", 1, (short) 1, Map.of());
    Probe strict = probe("strict", Map.of("bootstrap-servers", kafka.bootstrap(), "topic", "audit", "min-isr", "2"));
    Probe lenient = probe("lenient", Map.of("bootstrap-servers", kafka.bootstrap(), "topic", "audit", "min-isr", "1"));
    try (AutoCloseable c1 = (AutoCloseable) strict; AutoCloseable c2 = (AutoCloseable) lenient) {
      ProbeResult r = check(strict);
      assertThat(r.status()).isEqualTo(Status.DEGRADED);
      assertThat(r.details()).containsEntry("minIsr", 2).containsEntry("minIsrFrom", "configured");
      assertThat(check(lenient).status()).isEqualTo(Status.UP);
    }
  }

  @Test
  void saslWithTheRightPasswordIsUpAndWithAWrongOneIsDownWithoutShowingIt() throws Exception {
    Map<String, String> sasl = Map.of("bootstrap-servers", kafka.saslBootstrap(),
        "properties.security.protocol", "SASL_PLAINTEXT", "properties.sasl.mechanism", "PLAIN");
    Map<String, String> right = new HashMap<>(sasl);
    right.put("properties.sasl.jaas.config", TestKafka.jaas(TestKafka.SASL_USER, TestKafka.SASL_PASSWORD));
    Map<String, String> wrong = new HashMap<>(sasl);
    wrong.put("properties.sasl.jaas.config", TestKafka.jaas(TestKafka.SASL_USER, "Wr0ng-Password"));
    Probe good = probe("sasl-good", right);
    Probe bad = probe("sasl-bad", wrong);
    try (AutoCloseable c1 = (AutoCloseable) good; AutoCloseable c2 = (AutoCloseable) bad) {
      assertThat(check(good).status()).isEqualTo(Status.UP);
      ProbeResult r = check(bad);
      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message().orElseThrow()).startsWith("authentication with " + kafka.saslBootstrap() + " failed: ")
          .contains("Invalid username or password");
      assertThat(r.toString()).doesNotContain("Wr0ng-Password").doesNotContain(TestKafka.SASL_PASSWORD);
      assertThat(bad.toString()).doesNotContain("Wr0ng-Password");
    }
  }

  @Test
  void closingStopsTheClientsThreadAndLaterRunsAreDown() throws Exception {
    Probe p = probe("closing", Map.of("bootstrap-servers", kafka.bootstrap()));
    assertThat(check(p).status()).isEqualTo(Status.UP);
    assertThat(clientThreads("vitals-closing")).isEqualTo(1);
    ((AutoCloseable) p).close();
    ((AutoCloseable) p).close(); // idempotent
    assertThat(clientThreads("vitals-closing")).isZero();
    ProbeResult after = check(p);
    assertThat(after.status()).isEqualTo(Status.DOWN);
    assertThat(after.message()).hasValue("the probe is closed");
  }

  private static long clientThreads(String clientId) {
    return Thread.getAllStackTraces().keySet().stream().filter(Thread::isAlive)
        .filter(t -> t.getName().equals("kafka-admin-client-thread | " + clientId)).count();
  }
}
