package dev.vitals.probes.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.LatencyBudget;
import dev.vitals.api.Probe;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Configuration: the keys, the defaults, and a clear error for each bad value. */
class RedisProbeFactoryTest {

  private final RedisProbeFactory factory = new RedisProbeFactory();

  @Test
  void typeAndKeys() {
    assertThat(factory.type()).isEqualTo("redis");
    assertThat(factory.keys()).containsExactlyInAnyOrder("url", "username", "password", "memory-degraded-share",
        "replica-link-down", "truststore", "truststore-password");
  }

  @Test
  void createsAProbeWithTheConfiguredTimeoutAndTheDefaultBudgetWithoutConnecting() {
    int closed = TestRedis.freePort();
    Probe p = create(Map.of("url", "redis://127.0.0.1:" + closed, "timeout", "750ms"));

    assertThat(p).isInstanceOf(RedisProbe.class);
    assertThat(p.name()).isEqualTo("cache");
    assertThat(((RedisProbe) p).timeout()).isEqualTo(Duration.ofMillis(750));
    assertThat(p.defaults().timeout()).contains(Duration.ofMillis(750));
    assertThat(p.defaults().budget()).contains(LatencyBudget.of(Duration.ofMillis(10), Duration.ofMillis(100)));
  }

  @Test
  void badUrlsNameTheKeyAndTheFormAndMaskCredentials() {
    assertThatThrownBy(() -> create(Map.of()))
        .isInstanceOf(ConfigException.class).hasMessage("vitals.probes.cache.url is missing: expected a value");
    assertThatThrownBy(() -> create(Map.of("url", "http://:hunter2@cache:6379")))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("vitals.probes.cache.url = 'http://****@cache:6379' is not allowed: expected redis://")
        .hasMessageContaining("the scheme must be redis or rediss")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> create(Map.of("url", "redis://hunter2@cache")))
        .hasMessageContaining("'redis://****@cache'").hasMessageContaining("put a colon before the password")
        .hasMessageNotContaining("hunter2");
    assertThatThrownBy(() -> create(Map.of("url", "redis://cache/x"))).hasMessageContaining("database number");
    assertThatThrownBy(() -> create(Map.of("url", "redis://cache:6379?timeout=5"))).hasMessageContaining("no query");
    assertThatThrownBy(() -> create(Map.of("url", "redis:///0"))).hasMessageContaining("host name or address");
  }

  @Test
  void badSettingsNameTheKeyTheValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> create(Map.of("url", "redis://cache", "memory-degraded-share", "90%")))
        .isInstanceOf(ConfigException.class)
        .hasMessage("vitals.probes.cache.memory-degraded-share = '90%' is not allowed:"
            + " expected a share of maxmemory above 0 and at most 1, such as 0.9");
    assertThatThrownBy(() -> create(Map.of("url", "redis://cache", "memory-degraded-share", "0")))
        .hasMessageContaining("memory-degraded-share = '0'");
    assertThatThrownBy(() -> create(Map.of("url", "redis://cache", "replica-link-down", "up")))
        .hasMessage("vitals.probes.cache.replica-link-down = 'up' is not allowed: expected degraded or down");
    assertThatThrownBy(() -> create(Map.of("url", "redis://:a@cache", "password", "b")))
        .hasMessageStartingWith("vitals.probes.cache.password = '****' is not allowed: expected no password when")
        .hasMessageNotContaining("'b'");
    assertThatThrownBy(() -> create(Map.of("url", "redis://u:a@cache", "username", "v")))
        .hasMessageContaining("vitals.probes.cache.username = 'v' is not allowed");
    assertThatThrownBy(() -> create(Map.of("url", "redis://cache", "truststore", "/etc/hostname")))
        .hasMessageContaining("vitals.probes.cache.truststore").hasMessageContaining("only with a rediss:// url");
    assertThatThrownBy(() -> create(Map.of("url", "rediss://cache", "truststore", "/no/such/file.p12")))
        .hasMessage("vitals.probes.cache.truststore = '/no/such/file.p12' is not allowed:"
            + " expected a readable PKCS12 or JKS file");
    assertThatThrownBy(() -> create(Map.of("url", "rediss://cache", "truststore-password", "x")))
        .hasMessageContaining("vitals.probes.cache.truststore-password = '****'");
  }

  @Test
  void replicaLinkDownAcceptsEitherCase() {
    assertThat(create(Map.of("url", "redis://cache", "replica-link-down", "DOWN"))).isNotNull();
    assertThat(create(Map.of("url", "redis://cache", "replica-link-down", "degraded"))).isNotNull();
  }

  private Probe create(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("type", "redis");
    return factory.create(ProbeConfig.of("cache", all));
  }
}
