package dev.vitals.probes.rabbitmq;

import dev.vitals.test.ProbeCompatibilityKit;
import dev.vitals.test.SilentServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;

/** The kit every probe type passes: a real rabbitmq-server, a closed port, a server that never answers. */
class RabbitMqProbeCompatibilityTest extends ProbeCompatibilityKit {

  private static TestRabbit rabbit;
  private static int closedPort;

  @BeforeAll
  static void startRabbit() {
    rabbit = TestRabbit.shared();
    closedPort = TestRabbit.freePort();
  }

  @Override
  protected String type() {
    return "rabbitmq";
  }

  @Override
  protected Map<String, String> workingSettings() {
    return Map.of("url", rabbit.url());
  }

  @Override
  protected Map<String, String> downSettings() {
    return Map.of("url", "amqp://" + TestRabbit.USER + ":" + TestRabbit.PASSWORD + "@127.0.0.1:" + closedPort);
  }

  /** A network probe sets its client's limits below its timeout: the kit's stricter check applies. */
  @Override
  protected boolean honoursOwnTimeout() {
    return true;
  }

  @Override
  protected Map<String, String> hangingSettings(SilentServer silent) {
    return Map.of("url", "amqp://" + TestRabbit.USER + ":" + TestRabbit.PASSWORD + "@127.0.0.1:" + silent.port());
  }

  @Override
  protected List<String> secrets() {
    return List.of(TestRabbit.PASSWORD);
  }
}
