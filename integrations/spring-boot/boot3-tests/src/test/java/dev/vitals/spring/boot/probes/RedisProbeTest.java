package dev.vitals.spring.boot.probes;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.time.Duration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;

/** Boot 3.5: a real redis-server behind Boot's own Lettuce and Jedis connection factories. */
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

  private ApplicationContextRunner runner(String client) {
    return new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(RedisAutoConfiguration.class, VitalsProbesAutoConfiguration.class))
        .withPropertyValues("spring.data.redis.host=127.0.0.1", "spring.data.redis.port=" + redis.port(),
            "spring.data.redis.client-type=" + client, "spring.data.redis.timeout=1s",
            "vitals.probes.redis.timeout=2s");
  }

  @ParameterizedTest
  @ValueSource(strings = {"lettuce", "jedis"})
  void upThenDownWhenTheServerStopsThenUpAgainWhenItRestarts(String client) {
    runner(client).run(ctx -> {
      RedisConnectionFactory factory = ctx.getBean(RedisConnectionFactory.class);
      assertThat(factory).isInstanceOf(client.equals("lettuce") ? LettuceConnectionFactory.class
          : JedisConnectionFactory.class);
      Probe probe = ctx.getBean(ProbeRegistrar.BEAN_PREFIX + "redis", Probe.class);
      assertThat(probe.name()).isEqualTo("redis");
      assertThat(probe.type()).isEqualTo("redis");

      ProbeResult up = probe.check();
      assertThat(up.status()).as(up.message().orElse("")).isEqualTo(Status.UP);
      assertThat(up.details()).containsEntry("client", client);

      redis.stop();
      try {
        ProbeResult down = probe.check();
        assertThat(down.status()).isEqualTo(Status.DOWN);
        assertThat(down.message()).hasValueSatisfying(m -> assertThat(m).containsAnyOf(
            "cannot get a connection", "PING failed", "no answer to PING"));
      } finally {
        redis.startAgain();
      }
      // Lettuce reconnects its shared connection by itself (backing off); Jedis connects per call
      await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(200))
          .until(() -> probe.check().status() == Status.UP);
    });
  }

  @ParameterizedTest
  @ValueSource(strings = {"lettuce", "jedis"})
  void aDownMessageNeverShowsTheConfiguredPassword(String client) {
    // the server has no password: AUTH fails, and the client's error must not carry ours
    runner(client).withPropertyValues("spring.data.redis.password=s3cret-Pw0rd",
        "spring.data.redis.username=monitor").run(ctx -> {
          ProbeResult r = ctx.getBean(ProbeRegistrar.BEAN_PREFIX + "redis", Probe.class).check();
          assertThat(r.status()).isEqualTo(Status.DOWN);
          assertThat(r.message()).isPresent();
          assertThat(r.message().get()).doesNotContain("s3cret-Pw0rd");
          assertThat(r.toString()).doesNotContain("s3cret-Pw0rd");
        });
  }

  @Test
  void lettucePingWaitsNoLongerThanTheClientLimitWhateverTheCommandTimeout() {
    // the command timeout is a minute; a server that accepts but never answers (frozen) must not hold the probe
    runner("lettuce").withPropertyValues("spring.data.redis.timeout=60s", "vitals.probes.redis.timeout=1s")
        .run(ctx -> {
          Probe probe = ctx.getBean(ProbeRegistrar.BEAN_PREFIX + "redis", Probe.class);
          ProbeResult up = probe.check();
          assertThat(up.status()).isEqualTo(Status.UP);
          assertThat(up.details()).containsEntry("clientTimeoutMs", 750L);
          redis.whileFrozen(() -> {
            ProbeResult r = assertTimeoutPreemptively(Duration.ofSeconds(5), probe::check);
            assertThat(r.status()).isEqualTo(Status.DOWN);
            assertThat(r.message()).hasValue("no answer to PING within 750 ms");
          });
          await().atMost(Duration.ofSeconds(30)).until(() -> probe.check().status() == Status.UP);
        });
  }

  @Test
  void switchedOffThereIsNoProbe() {
    runner("lettuce").withPropertyValues("vitals.spring.probes.redis.enabled=false").run(ctx -> {
      assertThat(ctx).hasSingleBean(RedisConnectionFactory.class);
      assertThat(ctx.getBeansOfType(Probe.class)).isEmpty();
    });
  }

  @Test
  void severalFactoriesGiveOneProbeEachNamedAfterTheBean() {
    new ApplicationContextRunner()
        .withConfiguration(AutoConfigurations.of(VitalsProbesAutoConfiguration.class))
        .withBean("cache", RedisConnectionFactory.class, () -> lettuce(redis.port()))
        .withBean("sessions", RedisConnectionFactory.class, () -> lettuce(redis.port()))
        .run(ctx -> {
          assertThat(ctx.getBeansOfType(Probe.class).values()).extracting(Probe::name)
              .containsExactlyInAnyOrder("redis-cache", "redis-sessions");
          for (Probe p : ctx.getBeansOfType(Probe.class).values()) {
            assertThat(p.check().status()).isEqualTo(Status.UP);
          }
        });
  }

  private static LettuceConnectionFactory lettuce(int port) {
    LettuceConnectionFactory f = new LettuceConnectionFactory("127.0.0.1", port);
    f.afterPropertiesSet();
    f.start();
    return f;
  }
}
