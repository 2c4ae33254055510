/**
 * The Redis probe (type {@code redis}): PING plus what INFO says about health, over a connection of
 * its own (Jedis) or over a client the service already has (Jedis or Lettuce).
 *
 * <p>Jedis is required for configured probes and is read transitively by users of
 * {@link dev.vitals.probes.redis.JedisProbes};
 * Lettuce is optional ({@code requires static}) and only needed by
 * {@link dev.vitals.probes.redis.LettuceProbes}.
 */
module dev.vitals.probes.redis {
  requires transitive dev.vitals.api;
  requires transitive redis.clients.jedis;
  requires static transitive lettuce.core;

  exports dev.vitals.probes.redis;

  provides dev.vitals.api.spi.ProbeFactory with dev.vitals.probes.redis.RedisProbeFactory;
}
