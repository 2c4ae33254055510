package dev.vitals.probes.redis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The URI forms accepted, and what is refused. */
class RedisUriTest {

  @Test
  void fullFormIsParsedAndPercentDecoded() {
    RedisUri uri = RedisUri.parse("rediss://probe:p%40ss%3Aw%C3%B6rd@cache.internal:6380/2", "url");

    assertThat(uri.tls).isTrue();
    assertThat(uri.host).isEqualTo("cache.internal");
    assertThat(uri.port).isEqualTo(6380);
    assertThat(uri.user).isEqualTo("probe");
    assertThat(uri.password).isEqualTo("p@ss:wörd");
    assertThat(uri.database).isEqualTo(2);
    assertThat(uri).hasToString("rediss://probe:****@cache.internal:6380/2");
  }

  @Test
  void defaultsArePort6379DatabaseZeroAndTheDefaultUser() {
    RedisUri uri = RedisUri.parse("redis://localhost", "url");

    assertThat(uri.tls).isFalse();
    assertThat(uri.port).isEqualTo(6379);
    assertThat(uri.database).isZero();
    assertThat(uri.user).isNull();
    assertThat(uri.password).isNull();
    assertThat(uri).hasToString("redis://localhost:6379/0");
  }

  @Test
  void passwordOnlyAndIpv6() {
    RedisUri uri = RedisUri.parse("redis://:secret@[::1]:7000/", "url");

    assertThat(uri.user).isNull();
    assertThat(uri.password).isEqualTo("secret");
    assertThat(uri.host).isEqualTo("::1");
    assertThat(uri.target()).isEqualTo("[::1]:7000");
    assertThat(uri).hasToString("redis://:****@[::1]:7000/0");
  }

  @Test
  void refusedFormsNameTheKeyAndNeverEchoTheUserInfo() {
    assertThatThrownBy(() -> RedisUri.parse("redis://secret@host", "vitals.probes.c.url"))
        .hasMessageStartingWith("vitals.probes.c.url = 'redis://****@host' is not allowed")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> RedisUri.parse("redis://u:secret@host:0", "url")).hasMessageContaining("port")
        .hasMessageNotContaining("secret");
    assertThatThrownBy(() -> RedisUri.parse("redis://host/-1", "url")).hasMessageContaining("database number");
    assertThatThrownBy(() -> RedisUri.parse("redis://host#x", "url")).hasMessageContaining("no query or fragment");
    assertThatThrownBy(() -> RedisUri.parse("redis:host", "url")).hasMessageContaining("host");
    assertThatThrownBy(() -> RedisUri.parse(" ", "url")).hasMessageStartingWith("url is missing");
    assertThatThrownBy(() -> RedisUri.parse("redis://ho st", "url")).hasMessageContaining("'redis://ho st'");
  }
}
