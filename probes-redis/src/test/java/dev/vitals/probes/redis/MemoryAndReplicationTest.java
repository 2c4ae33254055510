package dev.vitals.probes.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ProbeConfig;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Pipeline;

/** What INFO says: memory against maxmemory, and a replica's link to its master. */
class MemoryAndReplicationTest {

  @Test
  void memoryAboveTheConfiguredShareOfMaxmemoryIsDegradedWithUsedAndMax() throws Exception {
    try (TestRedis redis = TestRedis.start();
        Jedis admin = redis.admin();
        RedisProbe probe = RedisProbe.of("memory", redis.url());
        RedisProbe lenient = RedisProbe.builder("memory-lenient").uri(redis.url()).memoryDegradedShare(0.99).build()) {
      long max = 4L * 1024 * 1024;
      admin.configSet("maxmemory-policy", "noeviction");
      admin.configSet("maxmemory", Long.toString(max));
      assertThat(probe.check().status()).isEqualTo(Status.UP);

      fillUntil(redis, admin, max, 0.93);
      ProbeResult r = probe.check();

      assertThat(r.status()).isEqualTo(Status.DEGRADED);
      assertThat(r.details()).containsEntry("maxMemoryBytes", max).containsEntry("maxMemoryPolicy", "noeviction");
      long used = (Long) r.details().get("usedMemoryBytes");
      assertThat((double) used / max).isGreaterThan(0.9);
      assertThat((Double) r.details().get("memoryShare")).isCloseTo((double) used / max, org.assertj.core.data.Offset.offset(0.001));
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
          .matches("memory used \\d+\\.\\d\\d MiB is 9\\d\\.\\d% of maxmemory 4\\.00 MiB, above the 90% limit"
              + " \\(memory-degraded-share\\)"));
      assertThat(lenient.check().status()).isEqualTo(Status.UP);
    }
  }

  @Test
  void configuredShareIsUsed() throws Exception {
    try (TestRedis redis = TestRedis.start(); Jedis admin = redis.admin()) {
      long used = Long.parseLong(redis.info().get("used_memory"));
      admin.configSet("maxmemory", Long.toString(used * 2));
      Map<String, String> settings = Map.of("type", "redis", "url", redis.url(), "memory-degraded-share", "0.25");
      try (RedisProbe probe = (RedisProbe) new RedisProbeFactory().create(ProbeConfig.of("share", settings))) {
        ProbeResult r = probe.check();

        assertThat(r.status()).isEqualTo(Status.DEGRADED);
        assertThat(r.message()).hasValueSatisfying(m -> assertThat(m).contains("above the 25% limit"));
      }
    }
  }

  @Test
  void replicaReportsItsLinkAndABrokenLinkDegradesItOrTakesItDownAsConfigured() throws Exception {
    try (TestRedis master = TestRedis.start();
        TestRedis replica = TestRedis.start("replicaof 127.0.0.1 " + master.port());
        RedisProbe masterProbe = RedisProbe.of("master", master.url());
        RedisProbe replicaProbe = RedisProbe.of("replica", replica.url());
        RedisProbe strictProbe = RedisProbe.builder("replica-strict").uri(replica.url())
            .replicaLinkDown(Status.DOWN).build()) {
      await().atMost(Duration.ofSeconds(10))
          .until(() -> "up".equals(replicaProbe.check().details().get("masterLinkStatus")));

      ProbeResult linked = replicaProbe.check();
      assertThat(linked.status()).isEqualTo(Status.UP);
      assertThat(linked.details())
          .containsEntry("role", "replica")
          .containsEntry("masterHost", "127.0.0.1")
          .containsEntry("masterPort", (long) master.port())
          .containsEntry("masterLinkStatus", "up")
          .containsEntry("masterSyncInProgress", false)
          .containsKey("masterLastIoSeconds")
          .doesNotContainKey("connectedReplicas");
      assertThat(linked.message()).hasValueSatisfying(m -> assertThat(m).contains("(replica)"));
      ProbeResult ofMaster = masterProbe.check();
      assertThat(ofMaster.details()).containsEntry("role", "master").containsEntry("connectedReplicas", 1L);

      master.stop();
      await().atMost(Duration.ofSeconds(10)).until(() -> replicaProbe.check().status() == Status.DEGRADED);
      ProbeResult broken = replicaProbe.check();
      ProbeResult brokenStrict = strictProbe.check();

      assertThat(broken.details()).containsEntry("masterLinkStatus", "down").containsKey("masterLinkDownSeconds");
      assertThat(broken.message()).hasValueSatisfying(m -> assertThat(m)
          .matches("replica's link to master 127\\.0\\.0\\.1:" + master.port() + " is down for \\d+ s"
              + ": it still answers, with data that may be stale \\(replica-link-down = degraded\\)"));
      assertThat(brokenStrict.status()).isEqualTo(Status.DOWN);
      assertThat(brokenStrict.message()).hasValueSatisfying(m -> assertThat(m)
          .contains("is down for").endsWith(": its data may be stale (replica-link-down = down)"));
    }
  }

  /** Writes 1 KiB values until used_memory is above {@code share} of {@code max}. */
  private static void fillUntil(TestRedis redis, Jedis admin, long max, double share) {
    String value = "x".repeat(1024);
    int key = 0;
    while (Long.parseLong(redis.info().get("used_memory")) <= share * max) {
      Pipeline p = admin.pipelined();
      for (int i = 0; i < 50; i++) {
        p.set("fill:" + key++, value);
      }
      p.sync();
    }
  }
}
