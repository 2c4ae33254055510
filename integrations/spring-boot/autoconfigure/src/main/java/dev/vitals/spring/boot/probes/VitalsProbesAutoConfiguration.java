package dev.vitals.spring.boot.probes;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Contributes Vitals {@link dev.vitals.api.Probe} beans for the application's {@code DataSource} and
 * Spring Data Redis {@code RedisConnectionFactory} beans, on Spring Boot 4.x and 3.5.
 *
 * <ul>
 *   <li>Every {@code DataSource} bean: a {@code jdbc} probe over that pool (it borrows one connection
 *       per run and returns it; a HikariCP pool's usage is in the details, and the result is
 *       {@code DEGRADED} while threads wait for a connection). Named {@code db} when the context has
 *       one DataSource, {@code db-<beanName>} for each of several.
 *   <li>Every {@code RedisConnectionFactory} bean: a {@code redis} probe that obtains a connection,
 *       sends PING and releases it. Named {@code redis} for one factory, {@code redis-<beanName>} for
 *       each of several.
 * </ul>
 *
 * <p>{@code vitals.spring.probes.datasource.enabled=false} and
 * {@code vitals.spring.probes.redis.enabled=false} switch each off. The probes' settings come from the
 * ordinary {@code vitals.probes.<name>.*} keys; the probes size their own client limits from
 * {@code vitals.probes.<name>.timeout} (or the interval's default).
 *
 * <p>Ordered after the DataSource and Redis auto-configurations of both Boot lines and before the
 * monitor's, so the monitor sees these probes. The probe beans are registered once every bean
 * definition is known and are created only when something asks for {@code Probe} beans.
 */
@AutoConfiguration(
    beforeName = "dev.vitals.spring.boot.VitalsAutoConfiguration",
    afterName = {
        "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.JndiDataSourceAutoConfiguration",
        "org.springframework.boot.jdbc.autoconfigure.XADataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.JndiDataSourceAutoConfiguration",
        "org.springframework.boot.autoconfigure.jdbc.XADataSourceAutoConfiguration",
        "org.springframework.boot.data.redis.autoconfigure.DataRedisAutoConfiguration",
        "org.springframework.boot.autoconfigure.data.redis.RedisAutoConfiguration"})
@ConditionalOnClass(name = "dev.vitals.api.Probe")
public class VitalsProbesAutoConfiguration {

  /** Creates the auto-configuration; Spring does. */
  public VitalsProbesAutoConfiguration() {}

  /** The {@code jdbc} probes, when probes-jdbc and {@code javax.sql} are present and not switched off. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = {"javax.sql.DataSource", "dev.vitals.probes.jdbc.JdbcProbe"})
  @ConditionalOnProperty(name = VitalsProbesKeys.DATASOURCE_ENABLED, havingValue = "true", matchIfMissing = true)
  static class DataSourceProbes {

    @Bean
    static ProbeRegistrar vitalsDataSourceProbeRegistrar() {
      return new ProbeRegistrar(ProbeRegistrar.Kind.DATASOURCE);
    }
  }

  /** The {@code redis} probes, when Spring Data Redis is present and not switched off. */
  @Configuration(proxyBeanMethods = false)
  @ConditionalOnClass(name = "org.springframework.data.redis.connection.RedisConnectionFactory")
  @ConditionalOnProperty(name = VitalsProbesKeys.REDIS_ENABLED, havingValue = "true", matchIfMissing = true)
  static class RedisProbes {

    @Bean
    static ProbeRegistrar vitalsRedisProbeRegistrar() {
      return new ProbeRegistrar(ProbeRegistrar.Kind.REDIS);
    }
  }
}
