package dev.vitals.spring.boot.web;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.ExporterContext;
import dev.vitals.api.spi.ExporterFactory;
import java.util.Optional;
import java.util.Set;

/**
 * Declares the starter's web keys ({@code vitals.spring.web.*}, {@code vitals.spring.metrics.*},
 * {@code vitals.spring.endpoint.*}) to the engine, which finds this class with
 * {@link java.util.ServiceLoader}: a misspelt key is refused with a "did you mean", {@code VITALS_SPRING_WEB_*}
 * variables set them, and a bad value fails the monitor's build (and so the application's start-up) with the
 * full key, the value and what is allowed, together with every other mistake. It never starts an exporter.
 *
 * <p>Public only because {@link java.util.ServiceLoader} needs it; not meant to be used in code.
 */
public final class VitalsWebKeys implements ExporterFactory {

  /** Called by {@link java.util.ServiceLoader}. */
  public VitalsWebKeys() {}

  /**
   * The factory's name.
   *
   * @return {@code spring-web}
   */
  @Override
  public String name() {
    return "spring-web";
  }

  /**
   * The keys declared.
   *
   * @return every {@code vitals.spring.web.*}, {@code vitals.spring.metrics.*} and
   *     {@code vitals.spring.endpoint.*} key
   */
  @Override
  public Set<String> keys() {
    return WebSettings.KEYS;
  }

  /**
   * Checks the values.
   *
   * @param config the whole configuration
   * @throws dev.vitals.api.spi.ConfigException listing every bad value with its full key
   */
  @Override
  public void validate(Config config) {
    WebSettings.from(config);
  }

  /**
   * Creates nothing: the keys are read by the auto-configuration.
   *
   * @param context not used
   * @return empty
   */
  @Override
  public Optional<Exporter> create(ExporterContext context) {
    return Optional.empty();
  }
}
