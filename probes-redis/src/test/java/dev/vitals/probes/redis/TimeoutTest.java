package dev.vitals.probes.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;
import redis.clients.jedis.Protocol;

/**
 * A frozen server (SIGSTOP) and a slow one (CLIENT PAUSE): the probe gives up on its own within its
 * timeout, releases its thread, and is UP again once the server answers.
 */
class TimeoutTest {

  private static final Duration TIMEOUT = Duration.ofMillis(800);
  private static TestRedis redis;
  private final ExecutorService runner = Executors.newSingleThreadExecutor();

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.start();
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @AfterEach
  void resume() {
    redis.thaw();
    runner.shutdownNow();
  }

  @Test
  void frozenServerIsDownWithinTheTimeoutAndUpAfterItResumes() throws Exception {
    try (RedisProbe probe = RedisProbe.builder("frozen").uri(redis.url()).timeout(TIMEOUT).build()) {
      assertThat(probe.check().status()).isEqualTo(Status.UP);

      redis.freeze();
      try {
        Timed onOpenConnection = timed(probe);
        Timed onNewConnection = timed(probe);

        assertThat(onOpenConnection.result.status()).isEqualTo(Status.DOWN);
        assertThat(onOpenConnection.result.message()).hasValueSatisfying(m -> assertThat(m)
            .matches("redis at 127\\.0\\.0\\.1:\\d+: no answer to PING within \\d+ ms"));
        assertThat(onOpenConnection.millis).isLessThan(TIMEOUT.toMillis());
        // the connection was dropped: the next run connects again (the kernel still accepts) and waits in vain
        assertThat(onNewConnection.result.status()).isEqualTo(Status.DOWN);
        assertThat(onNewConnection.result.message()).hasValueSatisfying(m -> assertThat(m)
            .matches("redis at 127\\.0\\.0\\.1:\\d+: no answer during connection set-up within \\d+ ms"));
        assertThat(onNewConnection.millis).isLessThan(TIMEOUT.toMillis());
      } finally {
        redis.thaw();
      }

      assertThat(probe.check().status()).isEqualTo(Status.UP);
      await().atMost(Duration.ofSeconds(5)).until(() -> redis.clientsNamed("vitals:frozen") == 1);
    }
  }

  @Test
  void slowServerBelowTheTimeoutIsUpButSlowerThanTheBudget() throws Exception {
    try (RedisProbe probe = RedisProbe.builder("slow").uri(redis.url()).timeout(TIMEOUT).build();
        Jedis admin = redis.admin()) {
      assertThat(probe.check().status()).isEqualTo(Status.UP);

      admin.sendCommand(Protocol.Command.CLIENT, "PAUSE", "300", "ALL");
      Timed slow = timed(probe);

      // the probe itself says UP; the engine turns a run slower than the budget into DEGRADED
      assertThat(slow.result.status()).isEqualTo(Status.UP);
      assertThat(slow.millis).isGreaterThanOrEqualTo(200);
      assertThat(probe.defaults().budget().orElseThrow().exceeds(TimeUnit.MILLISECONDS.toNanos(slow.millis)))
          .isTrue();
    }
  }

  @Test
  void serverPausedBeyondTheTimeoutIsDownAtTheTimeoutAndUpAfterThePause() throws Exception {
    try (RedisProbe probe = RedisProbe.builder("paused").uri(redis.url()).timeout(TIMEOUT).build();
        Jedis admin = redis.admin()) {
      assertThat(probe.check().status()).isEqualTo(Status.UP);

      admin.sendCommand(Protocol.Command.CLIENT, "PAUSE", "1500", "ALL");
      Timed paused = timed(probe);

      assertThat(paused.result.status()).isEqualTo(Status.DOWN);
      assertThat(paused.result.message()).hasValueSatisfying(m -> assertThat(m).contains("no answer to PING within"));
      assertThat(paused.millis).isBetween(TIMEOUT.toMillis() * 8 / 10, TIMEOUT.toMillis());

      await().atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(100))
          .until(() -> probe.check().status() == Status.UP);
    }
  }

  @Test
  void serverAnsweringByteByByteIsDownAtTheTimeoutThoughEveryReadGetsData() throws Exception {
    try (DrippingProxy link = new DrippingProxy(redis.port(), 10);
        RedisProbe probe = RedisProbe.builder("dripping").uri("redis://127.0.0.1:" + link.port()).timeout(TIMEOUT)
            .build()) {
      // a byte every 10 ms: no read ever waits long, but INFO (several KiB) would take a minute
      Timed dripping = timed(probe);

      assertThat(dripping.result.status()).isEqualTo(Status.DOWN);
      assertThat(dripping.result.message()).hasValueSatisfying(m -> assertThat(m)
          .matches("redis at 127\\.0\\.0\\.1:\\d+: no answer to INFO within \\d+ ms"));
      assertThat(dripping.millis).isBetween(TIMEOUT.toMillis() * 8 / 10, TIMEOUT.toMillis());
    }
  }

  /** Runs a check on another thread, failing if it does not return within twice the timeout. */
  private Timed timed(RedisProbe probe) throws Exception {
    long start = System.nanoTime();
    Future<ProbeResult> f = runner.submit(probe::check);
    ProbeResult r = f.get(TIMEOUT.toMillis() * 2, TimeUnit.MILLISECONDS);
    return new Timed(r, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start));
  }

  private static final class Timed {
    final ProbeResult result;
    final long millis;

    Timed(ProbeResult result, long millis) {
      this.result = result;
      this.millis = millis;
    }
  }
}
