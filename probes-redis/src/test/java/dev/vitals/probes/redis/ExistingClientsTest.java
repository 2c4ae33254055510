package dev.vitals.probes.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.RedisClient;

/** Probes over clients the service already has: a Jedis RedisClient, a Lettuce connection. */
class ExistingClientsTest {

  private static TestRedis server;
  private static io.lettuce.core.RedisClient lettuce;

  @BeforeAll
  static void start() {
    server = TestRedis.start();
    lettuce = io.lettuce.core.RedisClient.create();
  }

  @AfterAll
  static void stop() {
    lettuce.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    server.close();
  }

  @Test
  void jedisClientOfTheServiceIsUsedAndLeftOpen() throws Exception {
    try (RedisClient client = RedisClient.create("127.0.0.1", server.port())) {
      RedisProbe probe = JedisProbes.of("jedis-client", client);
      ProbeResult r = probe.check();
      probe.close();

      assertThat(r.status()).isEqualTo(Status.UP);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).endsWith("at the service's RedisClient"));
      assertThat(r.details()).containsEntry("role", "master").containsKey("version").doesNotContainKey("database");
      assertThat(client.ping()).as("the service's client still works after the probe closed").isEqualTo("PONG");
    }
  }

  @Test
  void aBadNameIsRefusedWithTheRuleOfTheApiWhateverTheClient() {
    String expected = "probe name 'orders.cache' is not allowed: expected " + dev.vitals.api.Names.RULE;
    try (RedisClient client = RedisClient.create("127.0.0.1", server.port());
        StatefulRedisConnection<String, String> connection = lettuce.connect(
            io.lettuce.core.RedisURI.create("127.0.0.1", server.port()))) {
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> JedisProbes.of("orders.cache", client))
          .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> JedisProbes.builder("orders.cache", client))
          .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> LettuceProbes.of("orders.cache", connection))
          .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
      org.assertj.core.api.Assertions.assertThatThrownBy(() -> LettuceProbes.builder("orders.cache", connection))
          .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
    }
  }

  @Test
  void settingsForAUriAreRefusedWithAClient() {
    try (RedisClient client = RedisClient.create("127.0.0.1", server.port())) {
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> JedisProbes.builder("jedis-misused", client).password("secret").build())
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("apply to uri(...) only").hasMessageNotContaining("secret");
      org.assertj.core.api.Assertions.assertThatThrownBy(
              () -> JedisProbes.builder("jedis-twice", client).uri(server.url()))
          .isInstanceOf(IllegalStateException.class).hasMessageContaining("a target was already given");
    }
  }

  @Test
  void jedisClientOfTheServiceReportsAStoppedServer() throws Exception {
    try (TestRedis own = TestRedis.start();
        RedisClient client = RedisClient.create("127.0.0.1", own.port())) {
      RedisProbe probe = JedisProbes.of("jedis-client-down", client);
      assertThat(probe.check().status()).isEqualTo(Status.UP);

      own.stop();
      await().atMost(Duration.ofSeconds(5)).until(() -> probe.check().status() == Status.DOWN);
      ProbeResult r = probe.check();

      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
          .startsWith("redis at the service's RedisClient: "));
    }
  }

  @Test
  void lettuceConnectionOfTheServiceIsUsedAndLeftOpen() throws Exception {
    try (StatefulRedisConnection<String, String> connection = lettuce.connect(
        io.lettuce.core.RedisURI.create("127.0.0.1", server.port()))) {
      RedisProbe probe = LettuceProbes.of("lettuce", connection);
      ProbeResult r = probe.check();
      probe.close();

      assertThat(r.status()).isEqualTo(Status.UP);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).endsWith("at the service's Lettuce connection"));
      assertThat(r.details()).containsEntry("role", "master").containsKeys("version", "usedMemoryBytes");
      assertThat(connection.isOpen()).isTrue();
      assertThat(connection.sync().ping()).isEqualTo("PONG");
    }
  }

  @Test
  void lettuceConnectionWithAnotherCodecWorksToo() throws Exception {
    try (StatefulRedisConnection<byte[], byte[]> connection = lettuce.connect(io.lettuce.core.codec.ByteArrayCodec.INSTANCE,
        io.lettuce.core.RedisURI.create("127.0.0.1", server.port()))) {
      assertThat(LettuceProbes.of("lettuce-bytes", connection).check().status()).isEqualTo(Status.UP);
    }
  }

  @Test
  void lettuceProbeGivesUpAtItsOwnTimeoutOnAFrozenServerAndRecovers() throws Exception {
    Duration timeout = Duration.ofMillis(600);
    try (TestRedis own = TestRedis.start();
        StatefulRedisConnection<String, String> connection = lettuce.connect(
            io.lettuce.core.RedisURI.create("127.0.0.1", own.port()))) {
      // Lettuce's own command timeout (60 s) is far above the probe's: the probe bounds the wait itself
      RedisProbe probe = LettuceProbes.builder("lettuce-frozen", connection).timeout(timeout).build();
      assertThat(probe.check().status()).isEqualTo(Status.UP);

      own.freeze();
      long start = System.nanoTime();
      ProbeResult r;
      try {
        r = probe.check();
      } finally {
        own.thaw();
      }
      long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
          .matches("redis at the service's Lettuce connection: no answer to PING within \\d+ ms"));
      assertThat(millis).isLessThan(timeout.toMillis());
      await().atMost(Duration.ofSeconds(5)).until(() -> probe.check().status() == Status.UP);
    }
  }

  @Test
  void lettuceProbeSaysTheConnectionIsGoneWhenTheServerStops() throws Exception {
    try (TestRedis own = TestRedis.start();
        StatefulRedisConnection<String, String> connection = lettuce.connect(
            io.lettuce.core.RedisURI.create("127.0.0.1", own.port()))) {
      RedisProbe probe = LettuceProbes.builder("lettuce-stopped", connection).timeout(Duration.ofMillis(300))
          .build();
      assertThat(probe.check().status()).isEqualTo(Status.UP);

      own.stop();
      await().atMost(Duration.ofSeconds(5)).until(() -> !connection.isOpen());
      ProbeResult r = probe.check();

      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).matches("redis at the service's Lettuce connection:"
          + " not connected: Lettuce is reconnecting in the background; no answer to PING within \\d+ ms"));
    }
  }

  @Test
  void aclUserWithoutInfoIsUpThroughLettuceToo() throws Exception {
    try (Jedis admin = server.admin()) {
      admin.aclSetUser("lettuce-pinger", "on", ">pinger-pw", "+ping", "+hello", "+client");
    }
    io.lettuce.core.RedisURI uri = io.lettuce.core.RedisURI.builder().withHost("127.0.0.1").withPort(server.port())
        .withAuthentication("lettuce-pinger", "pinger-pw".toCharArray()).build();
    try (StatefulRedisConnection<String, String> connection = lettuce.connect(uri)) {
      ProbeResult r = LettuceProbes.of("lettuce-ping-only", connection).check();

      assertThat(r.status()).isEqualTo(Status.UP);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).contains("INFO refused: NOPERM"));
      assertThat(r.toString()).doesNotContain("pinger-pw");
    }
  }
}
