package dev.vitals.probes.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/** 1,000 runs with failures in between leave the server with the one connection the probe keeps. */
class LeakTest {

  @Test
  void thousandRunsWithFailuresLeaveOneConnection() throws Exception {
    try (TestRedis redis = TestRedis.start();
        Jedis admin = redis.admin();
        RedisProbe probe = RedisProbe.builder("leak").uri(redis.url()).timeout(Duration.ofMillis(200)).build()) {
      int down = 0;
      int killed = 0;
      int paused = 0;
      for (int run = 0; run < 1000; run++) {
        if (run % 50 == 25) {
          // the server drops the probe's connection: the next run fails and the one after reconnects
          Map<String, String> conn = redis.clients().stream().filter(c -> "vitals:leak".equals(c.get("name")))
              .findFirst().orElseThrow();
          admin.clientKill(conn.get("addr"));
          killed++;
        }
        if (run % 250 == 100) {
          // the server stops answering for longer than the probe's timeout
          admin.sendCommand(Protocol.Command.CLIENT, "PAUSE", "300", "ALL");
          paused++;
        }
        ProbeResult r = probe.check();
        if (r.status() == Status.DOWN) {
          down++;
        }
      }

      assertThat(killed).isEqualTo(20);
      assertThat(paused).isEqualTo(4);
      assertThat(down).isGreaterThanOrEqualTo(killed + paused);
      assertThat(probe.check().status()).isEqualTo(Status.UP);
      // closed sockets are noticed by the server's event loop, not at once
      String adminId = Long.toString(admin.clientId());
      await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(redis.clients())
          .filteredOn(c -> !adminId.equals(c.get("id")))
          .as("connections to the server besides the test's own")
          .singleElement().satisfies(c -> assertThat(c.get("name")).isEqualTo("vitals:leak")));
    }
  }
}
