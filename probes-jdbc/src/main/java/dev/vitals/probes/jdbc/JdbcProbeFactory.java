package dev.vitals.probes.jdbc;

import dev.vitals.api.Probe;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;

/**
 * Builds {@link JdbcProbe}s from configuration, type {@code jdbc}:
 *
 * <pre>
 * vitals.probes.db.type = jdbc
 * vitals.probes.db.url = jdbc:postgresql://db.internal:5432/orders
 * vitals.probes.db.username = monitor
 * vitals.probes.db.password = ${ORDERS_DB_PASSWORD}
 * vitals.probes.db.validation-query = SELECT 1      # optional; Connection.isValid by default
 * vitals.probes.db.client-timeout = 1500ms         # optional; below timeout
 * </pre>
 *
 * <p>Keys: {@code url} (required, a JDBC URL), {@code username}, {@code password},
 * {@code validation-query}, {@code client-timeout}. The probe's {@code timeout} (2 s by default)
 * sets its client limits. Found by {@link java.util.ServiceLoader}; stateless and thread-safe. Does
 * no I/O in {@link #create(ProbeConfig)}.
 */
public final class JdbcProbeFactory implements ProbeFactory {

  private static final Set<String> KEYS =
      Set.of("url", "username", "password", "validation-query", "client-timeout");

  /** For {@link java.util.ServiceLoader}. */
  public JdbcProbeFactory() {}

  /**
   * The type, {@code jdbc}.
   *
   * @return {@value JdbcProbe#TYPE}
   */
  @Override
  public String type() {
    return JdbcProbe.TYPE;
  }

  /**
   * The keys: {@code url}, {@code username}, {@code password}, {@code validation-query},
   * {@code client-timeout}.
   *
   * @return an unmodifiable set
   */
  @Override
  public Set<String> keys() {
    return KEYS;
  }

  /**
   * Builds a probe named {@code config.name()}.
   *
   * @param config the probe's settings, not null
   * @return a new {@link JdbcProbe}
   * @throws ConfigException naming the key, the value (passwords masked) and what is allowed, when
   *     {@code url} is missing or not a JDBC URL, {@code validation-query} is blank, or
   *     {@code client-timeout} is not a duration below {@code timeout}
   */
  @Override
  public Probe create(ProbeConfig config) {
    String url = config.require("url");
    if (!url.regionMatches(true, 0, "jdbc:", 0, 5)) {
      throw new ConfigException(config.fullKey("url"), Secrets.redactUrl(url),
          "a JDBC URL starting with jdbc:, such as jdbc:postgresql://host:5432/db");
    }
    JdbcProbe.Builder b = JdbcProbe.builder(config.name()).url(url).timeout(config.timeout());
    config.get("username").ifPresent(b::username);
    config.get("password").ifPresent(b::password);
    if (config.keys().contains("validation-query") && config.get("validation-query").isEmpty()) {
      throw new ConfigException(config.fullKey("validation-query"), "",
          "an SQL query such as SELECT 1, or no key to use Connection.isValid");
    }
    config.get("validation-query").ifPresent(b::validationQuery);
    Optional<Duration> clientTimeout = config.duration("client-timeout");
    if (clientTimeout.isPresent()) {
      if (clientTimeout.get().compareTo(config.timeout()) >= 0) {
        throw new ConfigException(config.fullKey("client-timeout"), Config.formatDuration(clientTimeout.get()),
            "a positive duration below the probe's timeout (" + Config.formatDuration(config.timeout()) + ")");
      }
      b.clientTimeout(clientTimeout.get());
    }
    return b.build();
  }

  @Override
  public String toString() {
    return "JdbcProbeFactory[type=jdbc]";
  }
}
