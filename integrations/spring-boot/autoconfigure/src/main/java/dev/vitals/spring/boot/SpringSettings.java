package dev.vitals.spring.boot;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.ExporterContext;
import dev.vitals.api.spi.ExporterFactory;
import java.util.Optional;
import java.util.Set;

/**
 * The starter's own keys under {@code vitals.spring.*} (the health part): declared to the engine through an
 * {@link ExporterFactory} that never starts, so its unknown-key check accepts them, offers them in its "did you
 * mean", and reports their bad values with every other mistake.
 */
final class SpringSettings implements ExporterFactory {

  static final String ENABLED = "vitals.spring.enabled";
  static final String HEALTH_ENABLED = "vitals.spring.health.enabled";
  static final String HEALTH_INDICATORS = "vitals.spring.health.indicators";
  static final String HEALTH_AVAILABILITY = "vitals.spring.health.availability";

  static final Set<String> KEYS = Set.of(ENABLED, HEALTH_ENABLED, HEALTH_INDICATORS, HEALTH_AVAILABILITY);

  @Override
  public String name() {
    return "spring-health";
  }

  @Override
  public Set<String> keys() {
    return KEYS;
  }

  @Override
  public void validate(Config config) {
    for (String k : KEYS) {
      config.bool(k, true);
    }
  }

  @Override
  public Optional<Exporter> create(ExporterContext context) {
    return Optional.empty();
  }
}
