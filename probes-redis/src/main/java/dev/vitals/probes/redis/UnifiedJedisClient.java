package dev.vitals.probes.redis;

import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;
import redis.clients.jedis.exceptions.JedisDataException;

/**
 * A {@link UnifiedJedis} (such as Jedis's {@code RedisClient}) the service owns. Its own connect and socket
 * timeouts bound each call; its pool replaces broken connections. Never closed by the probe.
 */
final class UnifiedJedisClient implements RedisClient {

  private final UnifiedJedis client;
  private final String target;

  UnifiedJedisClient(UnifiedJedis client, String target) {
    this.client = Objects.requireNonNull(client, "client");
    this.target = target;
  }

  @Override
  public String ping(long deadlineNanos) throws ErrorReply {
    try {
      return client.ping();
    } catch (JedisDataException e) {
      throw new ErrorReply(e);
    }
  }

  @Override
  public String info(long deadlineNanos) throws ErrorReply {
    try {
      return client.info();
    } catch (JedisDataException e) {
      throw new ErrorReply(e);
    }
  }

  @Override
  public void reset() {
    // the service's client repairs itself
  }

  @Override
  public String target() {
    return target;
  }

  @Override
  public void close() {
    // the service owns it
  }

  @Override
  public String toString() {
    return target;
  }
}
