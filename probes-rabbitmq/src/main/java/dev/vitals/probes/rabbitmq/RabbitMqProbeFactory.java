package dev.vitals.probes.rabbitmq;

import dev.vitals.api.Probe;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.nio.charset.StandardCharsets;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import javax.net.ssl.SSLContext;

/**
 * Builds RabbitMQ probes from configuration: {@code vitals.probes.<name>.type = rabbitmq}.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code url}</td><td>required</td><td>{@code amqp[s]://[user[:password]@]host[:port][/vhost]};
 *       port 5672 (amqps 5671), vhost {@code /}, user and password {@code guest}</td></tr>
 *   <tr><td>{@code queue}</td><td>none</td><td>a queue that must exist; its depth and consumers become
 *       details</td></tr>
 *   <tr><td>{@code max-depth}</td><td>none</td><td>DEGRADED when the queue holds more ready messages</td></tr>
 *   <tr><td>{@code min-consumers}</td><td>none</td><td>DEGRADED when the queue has fewer consumers</td></tr>
 * </table>
 *
 * <p>Each run of a probe connects when it has no open connection (its own, reused between runs) and
 * makes one round trip; the probe timeout ({@code timeout}) bounds the TCP connect, the AMQP
 * handshake and the round trip, which give up at 90 % of it. {@code amqps} uses the JVM's default
 * trust store and verifies the host name. Creating a probe does no network I/O. Stateless and
 * thread-safe.
 */
public final class RabbitMqProbeFactory implements ProbeFactory {

  private static final Set<String> KEYS = Set.of("url", "queue", "max-depth", "min-consumers");
  /** AMQP short strings, such as queue names, hold at most 255 bytes. */
  private static final int MAX_QUEUE_BYTES = 255;

  /** For {@link java.util.ServiceLoader}. */
  public RabbitMqProbeFactory() {
    // nothing to set up
  }

  @Override
  public String type() {
    return RabbitMqProbe.TYPE;
  }

  @Override
  public Set<String> keys() {
    return KEYS;
  }

  /**
   * Builds a probe from its settings, reporting every bad setting at once.
   *
   * @param config the probe's settings, not null
   * @return a new probe named {@code config.name()}; nothing is connected yet
   * @throws ConfigException naming each bad key, its value (the URL's password masked) and what is
   *     allowed
   */
  @Override
  public Probe create(ProbeConfig config) {
    List<String> problems = new ArrayList<>();
    AmqpUrl url = null;
    Optional<String> rawUrl = config.get("url");
    if (rawUrl.isEmpty() || rawUrl.get().isBlank()) {
      problems.add(ConfigException.describe(config.fullKey("url"), rawUrl.orElse(null), AmqpUrl.ALLOWED));
    } else {
      try {
        url = AmqpUrl.parse(rawUrl.get());
      } catch (IllegalArgumentException e) {
        problems.add(ConfigException.describe(config.fullKey("url"), rawUrl.get(),
            AmqpUrl.ALLOWED + " (" + e.getMessage() + ")"));
      }
    }

    String queue = config.get("queue").orElse(null);
    if (queue != null && (queue.isBlank() || queue.getBytes(StandardCharsets.UTF_8).length > MAX_QUEUE_BYTES)) {
      problems.add(ConfigException.describe(config.fullKey("queue"), queue,
          "the name of an existing queue, not blank, at most 255 bytes"));
      queue = null;
    }
    Long maxDepth = number(config, "max-depth", 0, "a whole number of messages, 0 or more, such as 1000",
        queue, problems);
    Long minConsumers = number(config, "min-consumers", 1, "a whole number of consumers, 1 or more",
        queue, problems);

    SSLContext ssl = null;
    if (url != null && url.tls) {
      try {
        ssl = SSLContext.getDefault();
      } catch (NoSuchAlgorithmException e) {
        problems.add(ConfigException.describe(config.fullKey("url"), rawUrl.get(),
            "amqp://..., since this JVM has no default TLS context for amqps (" + e.getMessage() + ")"));
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new RabbitMqProbe(new RabbitMqProbe.Settings(config.name(), url, queue, maxDepth,
        minConsumers == null ? null : minConsumers.intValue(), config.timeout(), ssl));
  }

  private static Long number(ProbeConfig config, String key, long min, String allowed, String queue,
      List<String> problems) {
    Optional<String> raw = config.get(key);
    if (raw.isEmpty()) {
      return null;
    }
    long value;
    try {
      value = Long.parseLong(raw.get().trim());
    } catch (NumberFormatException e) {
      value = min - 1;
    }
    if (value < min || value > Integer.MAX_VALUE) {
      problems.add(ConfigException.describe(config.fullKey(key), raw.get(), allowed + ", at most " + Integer.MAX_VALUE));
      return null;
    }
    if (config.get("queue").isEmpty()) {
      problems.add(ConfigException.describe(config.fullKey(key), raw.get(),
          "no " + key + " without " + config.fullKey("queue") + ": it applies to that queue"));
      return null;
    }
    return queue == null ? null : value;
  }
}
