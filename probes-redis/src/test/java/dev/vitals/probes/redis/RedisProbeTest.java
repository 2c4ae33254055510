package dev.vitals.probes.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** A probe from a URI against a real redis-server: results, details, connection reuse, restarts. */
class RedisProbeTest {

  private static TestRedis redis;

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Test
  void runningServerIsUpWithWhatInfoSays() throws Exception {
    try (RedisProbe probe = RedisProbe.of("cache", redis.url() + "/3")) {
      ProbeResult r = probe.check();

      assertThat(r.status()).isEqualTo(Status.UP);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).contains("redis 6.2").contains("master")
          .contains("127.0.0.1:" + redis.port()));
      assertThat(r.details())
          .containsEntry("database", 3)
          .containsEntry("tls", false)
          .containsEntry("role", "master")
          .containsEntry("mode", "standalone")
          .containsEntry("connectedReplicas", 0L)
          .containsEntry("maxMemoryBytes", 0L)
          .containsKeys("version", "uptimeSeconds", "connectedClients", "blockedClients", "usedMemoryBytes",
              "maxMemoryPolicy")
          .doesNotContainKey("memoryShare");
      assertThat((String) r.details().get("version")).startsWith("6.2");
      assertThat(probe.type()).isEqualTo("redis");
      assertThat(probe.defaults().budget()).contains(RedisProbe.DEFAULT_BUDGET);
      assertThat(probe.defaults().timeout()).contains(Duration.ofSeconds(2));
    }
  }

  @Test
  void buildingAProbeOpensNoConnection() {
    long before = Long.parseLong(redis.info().get("total_connections_received"));
    try (RedisProbe probe = RedisProbe.of("idle", redis.url())) {
      assertThat(probe.name()).isEqualTo("idle");
    }
    // the admin connection used by info() is the only one received in between
    assertThat(Long.parseLong(redis.info().get("total_connections_received"))).isEqualTo(before + 1);
  }

  @Test
  void oneConnectionIsReusedAcrossRuns() throws Exception {
    try (RedisProbe probe = RedisProbe.of("reuse", redis.url())) {
      assertThat(probe.check().status()).isEqualTo(Status.UP);
      String id = redis.clients().stream().filter(c -> "vitals:reuse".equals(c.get("name")))
          .findFirst().orElseThrow().get("id");
      for (int i = 0; i < 20; i++) {
        assertThat(probe.check().status()).isEqualTo(Status.UP);
      }
      assertThat(redis.clients()).filteredOn(c -> "vitals:reuse".equals(c.get("name")))
          .singleElement().satisfies(c -> assertThat(c.get("id")).isEqualTo(id));
    }
  }

  @Test
  void closingTheProbeClosesItsConnectionAndLaterRunsAreDown() throws Exception {
    RedisProbe probe = RedisProbe.of("closing", redis.url());
    assertThat(probe.check().status()).isEqualTo(Status.UP);
    assertThat(redis.clientsNamed("vitals:closing")).isEqualTo(1);

    probe.close();

    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5))
        .until(() -> redis.clientsNamed("vitals:closing") == 0);
    assertThat(probe.check().status()).isEqualTo(Status.DOWN);
    assertThat(probe.check().message()).hasValue("redis probe 'closing' is closed");
  }

  @Test
  void aMissingDatabaseIsDownAndSaysSo() throws Exception {
    try (RedisProbe probe = RedisProbe.of("nodb", redis.url() + "/99")) {
      ProbeResult r = probe.check();

      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
          .contains("database number in the URI does not exist").contains("DB index is out of range"));
      assertThat(r.details()).containsEntry("failedStep", "connect").containsEntry("database", 99);
    }
  }

  @Test
  void builderRefusesBadArgumentsAtOnce() {
    assertThatThrownBy(() -> RedisProbe.builder("a b")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("probe name 'a b' is not allowed: expected " + dev.vitals.api.Names.RULE);
    for (String bad : java.util.List.of("orders.cache", "-cache", "c".repeat(64), "")) {
      String expected = org.assertj.core.api.Assertions.catchThrowable(() -> dev.vitals.api.Names.check(bad)).getMessage();
      assertThatThrownBy(() -> RedisProbe.builder(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessage(expected);
      assertThatThrownBy(() -> RedisProbe.of(bad, "redis://127.0.0.1:6379")).as(bad)
          .isInstanceOf(IllegalArgumentException.class).hasMessage(expected);
    }
    assertThat(RedisProbe.builder("c".repeat(63))).as("63 characters are allowed").isNotNull();
    assertThatThrownBy(() -> RedisProbe.builder("x").memoryDegradedShare(0))
        .hasMessageContaining("above 0 and at most 1, was 0.0");
    assertThatThrownBy(() -> RedisProbe.builder("x").memoryDegradedShare(1.5))
        .hasMessageContaining("was 1.5");
    assertThatThrownBy(() -> RedisProbe.builder("x").replicaLinkDown(Status.UP))
        .hasMessageContaining("DEGRADED or DOWN, was UP");
    assertThatThrownBy(() -> RedisProbe.builder("x").timeout(Duration.ZERO)).hasMessageContaining("PT0S");
    assertThatThrownBy(() -> RedisProbe.builder("x").timeout(Duration.ofSeconds(1)).timeout(Duration.ofSeconds(2)))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("timeout was already set");
    assertThatThrownBy(() -> RedisProbe.builder("x").uri(redis.url()).uri(redis.url()))
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("a target was already given");
    assertThatThrownBy(() -> RedisProbe.builder("x").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("no target");
    assertThatThrownBy(() -> RedisProbe.builder("x").uri("redis://:pw@h").password("other").build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("password is given twice")
        .hasMessageNotContaining("pw").hasMessageNotContaining("other");
    assertThatThrownBy(() -> RedisProbe.builder("x").uri("redis://h").sslContext(defaultContext()).build())
        .isInstanceOf(IllegalStateException.class).hasMessageContaining("rediss://");
    assertThatThrownBy(() -> RedisProbe.builder("x").uri("http://h"))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("scheme must be redis or rediss");
  }

  @Test
  void aProbeBuiltTwiceFromOneBuilderHasTwoConnections() throws Exception {
    RedisProbe.Builder builder = RedisProbe.builder("twice").uri(redis.url());
    try (RedisProbe a = builder.build(); RedisProbe b = builder.build()) {
      assertThat(a.check().status()).isEqualTo(Status.UP);
      assertThat(b.check().status()).isEqualTo(Status.UP);
      assertThat(redis.clientsNamed("vitals:twice")).isEqualTo(2);
    }
  }

  @Test
  void toStringShowsTheTargetWithoutThePassword() {
    try (RedisProbe probe = RedisProbe.of("shown", "rediss://probe:hunter2@cache.internal:6380/2")) {
      assertThat(probe.toString()).isEqualTo("RedisProbe[shown, rediss://probe:****@cache.internal:6380/2]");
    }
  }

  private static javax.net.ssl.SSLContext defaultContext() throws Exception {
    return javax.net.ssl.SSLContext.getDefault();
  }
}
