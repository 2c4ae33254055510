package dev.vitals.exporter.http;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.ExporterContext;
import dev.vitals.api.spi.ExporterFactory;
import java.io.IOException;
import java.util.Collections;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * Starts the {@link HttpEndpoint} from configuration. Found by the monitor with
 * {@link java.util.ServiceLoader}; users do not call it.
 *
 * <p>Enabled when {@code vitals.http.port} is set or {@code vitals.http.enabled=true}
 * ({@code vitals.http.enabled=false} turns it off even with a port). Keys:
 * <pre>
 * vitals.http.enabled         = true | false
 * vitals.http.host            = 127.0.0.1       # the address to bind; 0.0.0.0 for every interface
 * vitals.http.port            = 8080            # 0: a free port chosen by the system
 * vitals.http.details         = never | always | authorized   # default never
 * vitals.http.token           = ${VITALS_TOKEN} # required with details=authorized
 * vitals.http.backlog         = 1024            # listen backlog; 0: the JDK default (50)
 * vitals.http.threads         = 4               # default: 2 x processors, at least 4
 * vitals.http.max-threads     = 256             # reached only while clients are slow
 * vitals.http.queue           = 1024            # exchanges waiting for a thread
 * vitals.http.request-timeout = 10s             # slower clients are cut off
 * </pre>
 * Any other key under {@code vitals.http.} is refused, so a typo does not go unnoticed: the factory declares
 * these keys ({@link #keys()}), so the monitor refuses a misspelt one with the closest of them, and checks
 * the values when it is built ({@link #validate(Config)}), with every other mistake, in one
 * {@link ConfigException}. The token is never shown in messages.
 *
 * <p>Stateless and thread-safe.
 */
public final class HttpExporterFactory implements ExporterFactory {

  static final String PREFIX = "vitals.http.";

  /** The keys under {@link #PREFIX}. */
  static final Set<String> KEYS = Set.of("enabled", "host", "port", "details", "token", "backlog",
      "threads", "max-threads", "queue", "request-timeout");

  private static final Set<String> FULL_KEYS = fullKeys();

  private static Set<String> fullKeys() {
    Set<String> out = new TreeSet<>();
    for (String k : KEYS) {
      out.add(PREFIX + k);
    }
    return Collections.unmodifiableSet(out);
  }

  /** Used by {@link java.util.ServiceLoader}. */
  public HttpExporterFactory() {
    // stateless
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code http}
   */
  @Override
  public String name() {
    return "http";
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code vitals.http.enabled}, {@code vitals.http.host}, {@code vitals.http.port} ... (see above)
   */
  @Override
  public Set<String> keys() {
    return FULL_KEYS;
  }

  /**
   * {@inheritDoc} Binds nothing; a host name is looked up.
   *
   * @param config the whole configuration
   * @throws ConfigException listing every bad {@code vitals.http.*} setting
   */
  @Override
  public void validate(Config config) {
    Config http = config.scoped(PREFIX);
    if (!http.keys().isEmpty()) {
      // every value, even when the endpoint is off (no port): a bad value is a mistake either way
      HttpSettings.apply(http, HttpEndpoint.builder(NoReport.INSTANCE));
    }
  }

  /** The report supplier of an endpoint built only to check settings (never started). */
  private enum NoReport implements java.util.function.Supplier<dev.vitals.api.HealthReport> {
    INSTANCE;

    @Override
    public dev.vitals.api.HealthReport get() {
      throw new IllegalStateException("an endpoint built to check settings serves nothing");
    }
  }

  /**
   * {@inheritDoc}
   *
   * @param context the monitor's report, clock and configuration
   * @return the started {@link HttpEndpoint}, or empty when not enabled
   * @throws ConfigException listing every bad {@code vitals.http.*} setting
   * @throws IOException when the address cannot be bound
   */
  @Override
  public Optional<Exporter> create(ExporterContext context) throws IOException {
    Config config = context.config().scoped(PREFIX);
    if (config.keys().isEmpty()) {
      return Optional.empty(); // not enabled, nothing to check; HttpEndpoint is not even loaded
    }
    Optional<HttpEndpoint.Builder> builder = HttpSettings.configure(config, HttpEndpoint.builder(context::report));
    if (builder.isEmpty()) {
      return Optional.empty();
    }
    // the history is asked for on each use: a monitor may attach its store after its exporters
    return Optional.of(builder.get().clock(context.clock()).history(context::history).start());
  }
}
