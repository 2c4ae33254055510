package dev.vitals.probes.redis;

import dev.vitals.test.ProbeCompatibilityKit;
import dev.vitals.test.SilentServer;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** The kit every probe type passes: a real redis-server, a closed port, a server that never answers. */
class RedisProbeCompatibilityTest extends ProbeCompatibilityKit {

  private static final String PASSWORD = "k1t-Secret";
  private static TestRedis redis;
  private static int closedPort;

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.startWithPassword(PASSWORD);
    closedPort = TestRedis.freePort();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Override
  protected String type() {
    return "redis";
  }

  @Override
  protected Map<String, String> workingSettings() {
    return Map.of("url", "redis://:" + PASSWORD + "@127.0.0.1:" + redis.port() + "/1");
  }

  @Override
  protected Map<String, String> downSettings() {
    return Map.of("url", "redis://127.0.0.1:" + closedPort, "password", PASSWORD);
  }

  /** A network probe sets its client's limits below its timeout: the kit's stricter check applies. */
  @Override
  protected boolean honoursOwnTimeout() {
    return true;
  }

  @Override
  protected Map<String, String> hangingSettings(SilentServer silent) {
    return Map.of("url", "redis://127.0.0.1:" + silent.port(), "password", PASSWORD);
  }

  @Override
  protected List<String> secrets() {
    return List.of(PASSWORD);
  }
}
