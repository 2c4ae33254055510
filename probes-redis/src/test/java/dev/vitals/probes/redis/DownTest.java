package dev.vitals.probes.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A server that is stopped, unknown or not there: DOWN, saying what failed; back UP after a restart. */
class DownTest {

  @Test
  void stoppedServerIsDownWithConnectionRefusedAndComesBackAfterRestart() throws Exception {
    try (TestRedis redis = TestRedis.start();
        RedisProbe probe = RedisProbe.of("restart", redis.url())) {
      assertThat(probe.check().status()).isEqualTo(Status.UP);

      redis.stop();
      ProbeResult whileStopped = probe.check();
      ProbeResult stillStopped = probe.check();

      assertThat(whileStopped.status()).isEqualTo(Status.DOWN);
      assertThat(whileStopped.message())
          .hasValue("redis at 127.0.0.1:" + redis.port() + ": connection closed during PING (Unexpected end of stream.)");
      assertThat(whileStopped.details()).containsEntry("failedStep", "PING");
      // the first run after the stop finds its connection closed; the next one cannot reconnect
      assertThat(stillStopped.message()).hasValue("redis at 127.0.0.1:" + redis.port() + ": connection refused");
      assertThat(stillStopped.details()).containsEntry("failedStep", "connect");
      assertThat(stillStopped.error()).hasValueSatisfying(e -> assertThat(e).contains("Connection refused"));

      redis.startProcess();
      ProbeResult back = probe.check();

      assertThat(back.status()).isEqualTo(Status.UP);
      assertThat(redis.clientsNamed("vitals:restart")).isEqualTo(1);
    }
  }

  @Test
  void closedPortIsDownWithConnectionRefused() throws Exception {
    int port = TestRedis.freePort();
    try (RedisProbe probe = RedisProbe.of("refused", "redis://127.0.0.1:" + port)) {
      ProbeResult r = probe.check();

      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValue("redis at 127.0.0.1:" + port + ": connection refused");
    }
  }

  @Test
  void unknownHostIsDownAndNamesTheHost() throws Exception {
    try (RedisProbe probe = RedisProbe.builder("nohost").uri("redis://no-such-host.invalid:6379")
        .timeout(Duration.ofSeconds(5)).build()) {
      ProbeResult r = probe.check();

      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValue("redis at no-such-host.invalid:6379: unknown host no-such-host.invalid");
      assertThat(r.details()).containsEntry("failedStep", "connect");
    }
  }
}
