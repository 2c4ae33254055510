package dev.vitals.probes.redis;

import io.lettuce.core.api.StatefulRedisConnection;
import java.util.Objects;

/**
 * {@link RedisProbe}s over a Lettuce connection the service already has. Needs
 * {@code io.lettuce:lettuce-core} and not Jedis: nothing on this path loads a Jedis class, so a
 * Lettuce user may exclude Jedis from the dependency.
 *
 * <p>The probe sends PING and INFO through the connection's asynchronous API and waits for each
 * answer until its own deadline (90 % of the probe's timeout), whatever Lettuce's command timeout
 * is. It never closes the connection; Lettuce reconnects it by itself. Any codec will do; avoid a
 * connection that runs {@code MULTI} transactions.
 *
 * <pre>{@code
 * StatefulRedisConnection<String, String> connection = RedisClient.create("redis://cache.internal").connect();
 * RedisProbe probe = LettuceProbes.of("cache", connection);
 * }</pre>
 *
 * <p>Stateless; the probes it builds are thread-safe.
 */
public final class LettuceProbes {

  private LettuceProbes() {}

  /**
   * A probe over a Lettuce connection, with the defaults of {@link RedisProbe}.
   *
   * @param name the probe's name: {@value dev.vitals.api.Names#RULE}
   * @param connection the service's connection, with any codec, not null; never closed by the probe
   * @return the probe
   * @throws IllegalArgumentException if the name does not follow {@link dev.vitals.api.Names#RULE}
   */
  public static RedisProbe of(String name, StatefulRedisConnection<?, ?> connection) {
    return builder(name, connection).build();
  }

  /**
   * A builder targeting a Lettuce connection, to choose the timeout, budget and thresholds.
   *
   * @param name the probe's name: {@value dev.vitals.api.Names#RULE}
   * @param connection the service's connection, with any codec, not null; never closed by the probe
   * @return a builder with its target set
   * @throws IllegalArgumentException if the name does not follow {@link dev.vitals.api.Names#RULE}
   */
  public static RedisProbe.Builder builder(String name, StatefulRedisConnection<?, ?> connection) {
    Objects.requireNonNull(connection, "connection");
    return RedisProbe.builder(name)
        .target(b -> new LettuceClient(connection, "the service's Lettuce connection"), "lettuce");
  }
}
