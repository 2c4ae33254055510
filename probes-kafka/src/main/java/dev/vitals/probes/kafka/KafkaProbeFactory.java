package dev.vitals.probes.kafka;

import dev.vitals.api.Probe;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Builds Kafka probes from configuration: {@code vitals.probes.<name>.type = kafka}.
 *
 * <table>
 *   <caption>Keys</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code bootstrap-servers}</td><td>required</td><td>{@code host:port[,host:port...]}</td></tr>
 *   <tr><td>{@code topic}</td><td>none</td><td>a topic whose partitions must each have a leader and enough
 *       in-sync replicas</td></tr>
 *   <tr><td>{@code min-isr}</td><td>the topic's {@code min.insync.replicas} (1 when it cannot be read)</td>
 *       <td>fewer in-sync replicas in a partition make the probe {@code DEGRADED}; needs {@code topic}</td></tr>
 *   <tr><td>{@code properties.<setting>}</td><td>none</td><td>a Kafka client security setting passed through:
 *       {@code security.protocol}, {@code client.dns.lookup}, {@code sasl.*}, {@code ssl.*}; values never
 *       shown</td></tr>
 * </table>
 *
 * <p>The probe's {@code timeout} sets every limit of the Kafka client below it. Creating a probe checks
 * every key (each mistake reported at once, in one {@link ConfigException}) and does no network I/O: the
 * client is created at the probe's first run. Stateless and thread-safe.
 */
public final class KafkaProbeFactory implements ProbeFactory {

  private static final Set<String> KEYS = Collections.unmodifiableSet(new LinkedHashSet<>(List.of(
      "bootstrap-servers", "topic", "min-isr", "properties")));

  /** For {@link java.util.ServiceLoader}. */
  public KafkaProbeFactory() {
    // nothing to set up
  }

  /**
   * The type this factory builds.
   *
   * @return {@code kafka}
   */
  @Override
  public String type() {
    return KafkaProbe.TYPE;
  }

  /**
   * The keys of type {@code kafka}. {@code properties} stands for the family {@code properties.<setting>}.
   *
   * @return the keys, in documentation order
   */
  @Override
  public Set<String> keys() {
    return KEYS;
  }

  /**
   * Builds a probe from its settings.
   *
   * @param config the probe's settings, not null
   * @return a probe named {@code config.name()}, closeable ({@link AutoCloseable}: the monitor closes it);
   *     nothing is connected yet
   * @throws ConfigException listing every bad or missing key, with its value (masked when secret) and what
   *     is allowed
   */
  @Override
  public Probe create(ProbeConfig config) {
    return new KafkaProbe(KafkaSettings.parse(config));
  }
}
