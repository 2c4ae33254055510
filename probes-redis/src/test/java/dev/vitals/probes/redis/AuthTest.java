package dev.vitals.probes.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ProbeConfig;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import redis.clients.jedis.Jedis;

/**
 * Authentication against a server with {@code requirepass} and an ACL user allowed only PING and
 * INFO: precise messages, and never the password in a result.
 */
class AuthTest {

  private static final String ADMIN_PASSWORD = "adm1n-Secret";
  private static final String PROBE_PASSWORD = "pr0be-Secret";
  private static final String WRONG_PASSWORD = "wr0ng-Secret";
  private static TestRedis redis;

  @BeforeAll
  static void startRedis() {
    redis = TestRedis.startWithPassword(ADMIN_PASSWORD);
    try (Jedis admin = redis.admin()) {
      // a monitoring user: PING and INFO, nothing else (not even CLIENT SETNAME or SELECT)
      admin.aclSetUser("monitor", "on", ">" + PROBE_PASSWORD, "+ping", "+info");
      admin.aclSetUser("pinger", "on", ">" + PROBE_PASSWORD, "+ping");
    }
  }

  @AfterAll
  static void stopRedis() {
    redis.close();
  }

  @Test
  void rightPasswordOfTheDefaultUserIsUp() throws Exception {
    try (RedisProbe probe = RedisProbe.of("auth-ok", "redis://:" + ADMIN_PASSWORD + "@127.0.0.1:" + redis.port())) {
      ProbeResult r = probe.check();

      assertThat(r.status()).isEqualTo(Status.UP);
      assertNoSecret(r);
    }
  }

  @Test
  void wrongPasswordIsDownWithAPreciseMessageAndNoPassword() throws Exception {
    String url = "redis://:" + WRONG_PASSWORD + "@127.0.0.1:" + redis.port();
    try (RedisProbe probe = RedisProbe.of("auth-wrong", url)) {
      ProbeResult r = probe.check();

      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValue("redis at 127.0.0.1:" + redis.port() + ": authentication failed for user"
          + " 'default': wrong password, or the user is unknown or disabled (WRONGPASS invalid username-password"
          + " pair or user is disabled.)");
      assertThat(r.details()).containsEntry("failedStep", "connect");
      assertNoSecret(r);
      assertThat(probe.toString()).doesNotContain(WRONG_PASSWORD).contains(":****@");
    }
  }

  @Test
  void missingPasswordIsDownSayingOneIsRequired() throws Exception {
    try (RedisProbe probe = RedisProbe.of("auth-none", redis.url())) {
      ProbeResult r = probe.check();

      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
          .startsWith("redis at 127.0.0.1:" + redis.port() + ": authentication required")
          .contains("NOAUTH"));
    }
  }

  @Test
  void aclUserAllowedOnlyPingAndInfoIsUpWithAllDetails() throws Exception {
    String url = "redis://monitor:" + PROBE_PASSWORD + "@127.0.0.1:" + redis.port();
    try (RedisProbe probe = RedisProbe.of("auth-acl", url)) {
      ProbeResult first = probe.check();
      ProbeResult second = probe.check();

      assertThat(first.status()).isEqualTo(Status.UP);
      assertThat(second.status()).isEqualTo(Status.UP);
      assertThat(second.details()).containsKeys("version", "role", "usedMemoryBytes");
      assertNoSecret(second);
      assertThat(probe.toString()).contains("redis://monitor:****@");
    }
  }

  @Test
  void aclUserWithTheWrongPasswordIsDownNamingTheUser() throws Exception {
    try (RedisProbe probe = RedisProbe.builder("auth-acl-wrong").uri("redis://127.0.0.1:" + redis.port())
        .username("monitor").password(WRONG_PASSWORD).build()) {
      ProbeResult r = probe.check();

      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
          .contains("authentication failed for user 'monitor'").contains("WRONGPASS"));
      assertNoSecret(r);
    }
  }

  @Test
  void userAllowedPingButNotInfoIsUpAndSaysInfoWasRefused() throws Exception {
    try (RedisProbe probe = RedisProbe.of("auth-ping-only",
        "redis://pinger:" + PROBE_PASSWORD + "@127.0.0.1:" + redis.port())) {
      ProbeResult r = probe.check();

      assertThat(r.status()).isEqualTo(Status.UP);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
          .contains("answers PING; INFO refused: NOPERM"));
      assertThat(r.details()).containsEntry("info", "refused");
    }
  }

  @Test
  void configuredPasswordFromItsOwnKeyIsUsedAndNeverShown() throws Exception {
    RedisProbeFactory factory = new RedisProbeFactory();
    Map<String, String> settings = Map.of("type", "redis", "url", redis.url(), "username", "monitor",
        "password", PROBE_PASSWORD);
    try (RedisProbe probe = (RedisProbe) factory.create(ProbeConfig.of("auth-config", settings))) {
      ProbeResult r = probe.check();

      assertThat(r.status()).isEqualTo(Status.UP);
      assertNoSecret(r);
      assertThat(probe.toString()).doesNotContain(PROBE_PASSWORD);
    }
  }

  @Test
  void passwordGivenToAServerWithoutOneIsDownSayingSo() throws Exception {
    try (TestRedis open = TestRedis.start();
        RedisProbe probe = RedisProbe.of("auth-extra", "redis://:" + WRONG_PASSWORD + "@127.0.0.1:" + open.port())) {
      ProbeResult r = probe.check();

      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).hasValueSatisfying(m -> assertThat(m)
          .contains("authentication failed: the probe gave a password but the server's user 'default' has none"));
      assertNoSecret(r);
    }
  }

  private static void assertNoSecret(ProbeResult r) {
    assertThat(r.toString()).doesNotContain(ADMIN_PASSWORD).doesNotContain(PROBE_PASSWORD)
        .doesNotContain(WRONG_PASSWORD);
  }
}
