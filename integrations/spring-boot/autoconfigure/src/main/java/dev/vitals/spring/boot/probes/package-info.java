/**
 * Probes for what a Spring application context already has: each {@code javax.sql.DataSource} bean
 * becomes a {@code jdbc} probe (pool usage included for HikariCP), each Spring Data Redis
 * {@code RedisConnectionFactory} bean (Lettuce or Jedis) a {@code redis} probe that PINGs through it.
 * They are ordinary {@link dev.vitals.api.Probe} beans, which the monitor bean adds like a user's own.
 *
 * <p>Keys: {@code vitals.spring.probes.datasource.enabled} and {@code vitals.spring.probes.redis.enabled}
 * (true by default) switch them off; the ordinary {@code vitals.probes.<name>.*} keys (interval,
 * timeout, kinds, critical, budget, thresholds) tune them as any probe registered in code.
 */
package dev.vitals.spring.boot.probes;
