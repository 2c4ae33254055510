package dev.vitals.exporter.http;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/**
 * The {@code vitals.http.*} settings (see {@link HttpExporterFactory}), read only when one is set: a
 * monitor without them does not load this class.
 */
final class HttpSettings {

  static final Set<String> KEYS = HttpExporterFactory.KEYS;
  /** The longest request-timeout allowed. */
  static final Duration MAX_REQUEST_TIMEOUT = Duration.ofMinutes(10);
  private static final String KNOWN = String.join(", ", new TreeSet<>(KEYS));

  private HttpSettings() {}

  /**
   * Applies the {@code vitals.http.*} settings to a builder, when they enable the endpoint.
   *
   * @param config the settings with the {@code vitals.http.} prefix removed
   * @param builder a fresh builder
   * @return the builder, or empty when the endpoint is not enabled
   * @throws ConfigException listing every bad setting
   */
  static Optional<HttpEndpoint.Builder> configure(Config config, HttpEndpoint.Builder builder) {
    List<String> problems = new ArrayList<>();
    boolean enabled = enabled(config, problems);
    if (!enabled && problems.isEmpty()) {
      return Optional.empty();
    }
    apply(config, builder, problems);
    return Optional.of(builder);
  }

  /**
   * Applies the {@code vitals.http.*} settings to a builder whose caller starts the endpoint
   * whatever {@code enabled} says (it is still checked to be a boolean).
   *
   * @param config the settings with the {@code vitals.http.} prefix removed
   * @param builder a builder on which none of these settings was set
   * @throws ConfigException listing every bad setting
   */
  static void apply(Config config, HttpEndpoint.Builder builder) {
    List<String> problems = new ArrayList<>();
    enabled(config, problems);
    apply(config, builder, problems);
  }

  /** Checks for unknown keys and reads {@code enabled} (by default: whether a port is set). */
  private static boolean enabled(Config config, List<String> problems) {
    Set<String> unknown = new TreeSet<>(config.keys());
    unknown.removeAll(KEYS);
    for (String key : unknown) {
      problems.add(config.fullKey(key) + " is not a known key: expected one of " + KNOWN);
    }
    return attempt(problems, () -> config.bool("enabled", config.get("port").isPresent()), false);
  }

  private static void apply(Config config, HttpEndpoint.Builder builder, List<String> problems) {
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
    }
    int least = Math.max(1, threads); // checked on its own when threads is bad too: every mistake at once
    int max = attempt(problems, () -> config.integer("max-threads",
        Math.max(HttpEndpoint.DEFAULT_MAX_THREADS, least), least, 4096), -1);
    if (max > 0) {
      builder.maxThreads(max);
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
      } else if (timeout.compareTo(MAX_REQUEST_TIMEOUT) > 0) {
        problems.add(ConfigException.describe(config.fullKey("request-timeout"),
            config.get("request-timeout").orElse(""), "a duration from 100ms to 10m"));
      } else {
        builder.requestTimeout(timeout);
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
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
