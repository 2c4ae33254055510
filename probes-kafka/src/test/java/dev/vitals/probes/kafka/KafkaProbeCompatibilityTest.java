package dev.vitals.probes.kafka;

import dev.vitals.test.ProbeCompatibilityKit;
import dev.vitals.test.SilentServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/**
 * The kit every probe type passes: a real KRaft Kafka server (over SASL/PLAIN, so the settings carry a
 * password), a closed port, and a server that accepts connections and never answers.
 */
class KafkaProbeCompatibilityTest extends ProbeCompatibilityKit {

  private static TestKafka kafka;
  private static int closedPort;

  @BeforeAll
  static void startKafka() {
    kafka = SharedKafka.get();
    closedPort = TestKafka.freePort();
  }

  @Override
  protected String type() {
    return "kafka";
  }

  private static Map<String, String> sasl(String servers) {
    return Map.of("bootstrap-servers", servers, "properties.security.protocol", "SASL_PLAINTEXT",
        "properties.sasl.mechanism", "PLAIN",
        "properties.sasl.jaas.config", TestKafka.jaas(TestKafka.SASL_USER, TestKafka.SASL_PASSWORD));
  }

  @Override
  protected Map<String, String> workingSettings() {
    return sasl(kafka.saslBootstrap());
  }

  @Override
  protected Map<String, String> downSettings() {
    return sasl("127.0.0.1:" + closedPort);
  }

  /** Every client limit is below the probe's timeout: the kit's stricter check applies. */
  @Override
  protected boolean honoursOwnTimeout() {
    return true;
  }

  @Override
  protected Map<String, String> hangingSettings(SilentServer silent) {
    return sasl("127.0.0.1:" + silent.port());
  }

  @Override
  protected List<String> secrets() {
    return List.of(TestKafka.SASL_PASSWORD);
  }
}
