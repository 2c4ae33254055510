/**
 * The Redis probe: {@link dev.vitals.probes.redis.RedisProbe} from a {@code redis://} or
 * {@code rediss://} URI, {@link dev.vitals.probes.redis.JedisProbes} and
 * {@link dev.vitals.probes.redis.LettuceProbes} over a client the service already has, and
 * {@link dev.vitals.probes.redis.RedisProbeFactory} for configuration ({@code type = redis}).
 */
package dev.vitals.probes.redis;
