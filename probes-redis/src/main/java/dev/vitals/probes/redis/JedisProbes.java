package dev.vitals.probes.redis;

import java.util.Objects;
import redis.clients.jedis.UnifiedJedis;

/**
 * {@link RedisProbe}s over a Jedis client the service already has: any {@link UnifiedJedis}, such as
 * Jedis's {@code RedisClient}. The probe sends PING and INFO through it, never closes it, and relies
 * on its pool to replace broken connections; the client's own socket timeout bounds each call, so
 * keep it below the probe's timeout.
 *
 * <pre>{@code
 * RedisClient jedis = RedisClient.create("cache.internal", 6379);
 * RedisProbe probe = JedisProbes.of("cache", jedis);
 * }</pre>
 *
 * <p>Stateless; the probes it builds are thread-safe.
 */
public final class JedisProbes {

  private JedisProbes() {}

  /**
   * A probe over a Jedis client, with the defaults of {@link RedisProbe}.
   *
   * @param name the probe's name: {@value dev.vitals.api.Names#RULE}
   * @param client the service's client, not null; never closed by the probe
   * @return the probe
   * @throws IllegalArgumentException if the name does not follow {@link dev.vitals.api.Names#RULE}
   */
  public static RedisProbe of(String name, UnifiedJedis client) {
    return builder(name, client).build();
  }

  /**
   * A builder targeting a Jedis client, to choose the timeout, budget and thresholds.
   *
   * @param name the probe's name: {@value dev.vitals.api.Names#RULE}
   * @param client the service's client, not null; never closed by the probe
   * @return a builder with its target set
   * @throws IllegalArgumentException if the name does not follow {@link dev.vitals.api.Names#RULE}
   */
  public static RedisProbe.Builder builder(String name, UnifiedJedis client) {
    Objects.requireNonNull(client, "client");
    String target = "the service's " + client.getClass().getSimpleName();
    return RedisProbe.builder(name).target(b -> new UnifiedJedisClient(client, target), "jedis");
  }
}
