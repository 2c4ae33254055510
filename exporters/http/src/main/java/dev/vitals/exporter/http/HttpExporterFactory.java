package dev.vitals.exporter.http;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.ExporterContext;
import dev.vitals.api.spi.ExporterFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
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
 * Any other key under {@code vitals.http.} is refused, so a typo does not go unnoticed. Every problem
 * is reported at once, in one {@link ConfigException}. The token is never shown in messages.
 *
 * <p>Stateless and thread-safe.
 */
public final class HttpExporterFactory implements ExporterFactory {

  static final String PREFIX = "vitals.http.";
  static final Set<String> KEYS = Set.of("enabled", "host", "port", "details", "token", "backlog",
      "threads", "max-threads", "queue", "request-timeout");
  private static final String KNOWN = String.join(", ", new TreeSet<>(KEYS));

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
    Optional<HttpEndpoint.Builder> builder = configure(config, HttpEndpoint.builder(context::report));
    if (builder.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(builder.get().clock(context.clock()).start());
  }

  /**
   * Applies the {@code vitals.http.*} settings to a builder.
   *
   * @param config the settings with the {@code vitals.http.} prefix removed
   * @param builder a fresh builder
   * @return the builder, or empty when the endpoint is not enabled
   * @throws ConfigException listing every bad setting
   */
  static Optional<HttpEndpoint.Builder> configure(Config config, HttpEndpoint.Builder builder) {
    List<String> problems = new ArrayList<>();
    Set<String> unknown = new TreeSet<>(config.keys());
    unknown.removeAll(KEYS);
    for (String key : unknown) {
      problems.add(config.fullKey(key) + " is not a known key: expected one of " + KNOWN);
    }
    boolean enabled = attempt(problems, () -> config.bool("enabled", config.get("port").isPresent()), false);
    if (!enabled && problems.isEmpty()) {
      return Optional.empty();
    }
    String host = config.string("host", HttpEndpoint.DEFAULT_HOST);
    try {
      InetAddress.getByName(host);
      builder.host(host);
    } catch (UnknownHostException | IllegalArgumentException e) {
      problems.add(ConfigException.describe(config.fullKey("host"), host, "an IP address or a known host name"));
    }
    int port = attempt(problems, () -> config.integer("port", HttpEndpoint.DEFAULT_PORT, 0, 65_535), -1);
    if (port >= 0) {
      builder.port(port);
    }
    Details details = Details.NEVER;
    Optional<String> rawDetails = config.get("details");
    if (rawDetails.isPresent()) {
      try {
        details = Details.parse(rawDetails.get());
      } catch (IllegalArgumentException e) {
        problems.add(ConfigException.describe(config.fullKey("details"), rawDetails.get(), Details.ALLOWED));
      }
    }
    builder.details(details);
    Optional<String> token = config.get("token");
    if (details == Details.AUTHORIZED) {
      if (token.isEmpty()) {
        problems.add(ConfigException.describe(config.fullKey("token"), null,
            "a bearer token when " + config.fullKey("details") + " = authorized (such as ${VITALS_TOKEN})"));
      } else {
        builder.token(token.get());
      }
    }
    int backlog = attempt(problems, () -> config.integer("backlog", HttpEndpoint.DEFAULT_BACKLOG, 0, 65_535), -1);
    if (backlog >= 0) {
      builder.backlog(backlog);
    }
    int threads = attempt(problems, () -> config.integer("threads", HttpEndpoint.defaultThreads(), 1, 1024), -1);
    if (threads > 0) {
      builder.threads(threads);
      int max = attempt(problems, () -> config.integer("max-threads",
          Math.max(HttpEndpoint.DEFAULT_MAX_THREADS, threads), threads, 4096), -1);
      if (max > 0) {
        builder.maxThreads(max);
      }
    }
    int queue = attempt(problems, () -> config.integer("queue", HttpEndpoint.DEFAULT_QUEUE, 1, 1_000_000), -1);
    if (queue > 0) {
      builder.queue(queue);
    }
    Duration timeout = attempt(problems, () -> config.duration("request-timeout", HttpEndpoint.DEFAULT_REQUEST_TIMEOUT), null);
    if (timeout != null) {
      if (timeout.compareTo(Duration.ofMillis(100)) < 0) {
        problems.add(ConfigException.describe(config.fullKey("request-timeout"),
            config.get("request-timeout").orElse(""), "a duration of at least 100ms"));
      } else {
        builder.requestTimeout(timeout);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return Optional.of(builder);
  }

  private interface Read<T> {
    T get();
  }

  private static <T> T attempt(List<String> problems, Read<T> read, T fallback) {
    try {
      return read.get();
    } catch (ConfigException e) {
      problems.addAll(e.problems());
      return fallback;
    }
  }
}
