package dev.vitals.spring.boot.probes;

import java.time.Duration;
import org.springframework.data.redis.connection.RedisConnectionFactory;
import org.springframework.data.redis.connection.jedis.JedisConnectionFactory;

/** What the probe reads from a Jedis factory; loaded only for one. */
final class JedisSupport {

  private JedisSupport() {}

  static String password(RedisConnectionFactory factory) {
    return factory instanceof JedisConnectionFactory ? ((JedisConnectionFactory) factory).getPassword() : null;
  }

  /** The factory's read timeout, which bounds each call; null when unset or not a Jedis factory. */
  static Duration readTimeout(RedisConnectionFactory factory) {
    if (!(factory instanceof JedisConnectionFactory)) {
      return null;
    }
    Duration read = ((JedisConnectionFactory) factory).getClientConfiguration().getReadTimeout();
    return read == null || read.isZero() || read.isNegative() ? null : read;
  }
}
