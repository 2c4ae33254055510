package dev.vitals.spring.boot.probes;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.ExporterContext;
import dev.vitals.api.spi.ExporterFactory;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Declares the {@code vitals.spring.probes.*} keys to the engine, so that its unknown-key check
 * accepts them, a misspelt one is refused with a "did you mean", and a bad value is reported with
 * every other mistake at start-up. It is an exporter named {@code spring-probes} that never starts
 * (as {@code vitals-aws-lambda} declares {@code vitals.lambda.*}), registered for
 * {@link java.util.ServiceLoader} in {@code META-INF/services}.
 *
 * <p>Not an API to call: public only because {@code ServiceLoader} needs it to be. Stateless.
 */
public final class VitalsProbesKeys implements ExporterFactory {

  /** {@code vitals.spring.probes.datasource.enabled}: false switches the DataSource probes off. */
  public static final String DATASOURCE_ENABLED = "vitals.spring.probes.datasource.enabled";
  /** {@code vitals.spring.probes.redis.enabled}: false switches the Redis probes off. */
  public static final String REDIS_ENABLED = "vitals.spring.probes.redis.enabled";

  private static final Set<String> KEYS = Set.of(DATASOURCE_ENABLED, REDIS_ENABLED);

  /** Creates the declaration; {@code ServiceLoader} does. */
  public VitalsProbesKeys() {}

  /**
   * The name, {@code spring-probes}.
   *
   * @return {@code spring-probes}
   */
  @Override
  public String name() {
    return "spring-probes";
  }

  /**
   * The two keys.
   *
   * @return {@value #DATASOURCE_ENABLED} and {@value #REDIS_ENABLED}
   */
  @Override
  public Set<String> keys() {
    return KEYS;
  }

  /**
   * Checks that each key, when given, is {@code true} or {@code false}.
   *
   * @param config the monitor's configuration
   * @throws ConfigException naming every key with a value that is not a boolean
   */
  @Override
  public void validate(Config config) {
    List<String> problems = new ArrayList<>();
    for (String key : List.of(DATASOURCE_ENABLED, REDIS_ENABLED)) {
      try {
        config.bool(key, true);
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
  }

  /**
   * Never an exporter: these keys only switch probes.
   *
   * @param context unused
   * @return empty
   */
  @Override
  public Optional<Exporter> create(ExporterContext context) {
    return Optional.empty();
  }
}
