package dev.vitals.probes.http;

import dev.vitals.api.Probe;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.util.Set;

/**
 * Builds {@link TcpProbe}s from configuration ({@code vitals.probes.<name>.type = tcp}): the key
 * {@code url = tcp://host:port} (required); the common {@code timeout} is the connect timeout.
 *
 * <p>Stateless and thread-safe.
 */
public final class TcpProbeFactory implements ProbeFactory {

  /** A factory; ServiceLoader calls this. */
  public TcpProbeFactory() {}

  /**
   * The type this factory builds.
   *
   * @return {@code tcp}
   */
  @Override
  public String type() {
    return TcpProbe.TYPE;
  }

  /**
   * The keys of type {@code tcp}.
   *
   * @return {@code url}
   */
  @Override
  public Set<String> keys() {
    return Set.of("url");
  }

  /**
   * Builds a probe from its settings.
   *
   * @param config the probe's settings
   * @return a {@link TcpProbe}; nothing is connected
   * @throws ConfigException when {@code url} is missing or not {@code tcp://host:port}
   */
  @Override
  public Probe create(ProbeConfig config) {
    String url = config.get("url").orElseThrow(
        () -> new ConfigException(config.fullKey("url"), null, TcpProbe.URL_FORM));
    try {
      return TcpProbe.builder(config.name()).url(url).timeout(config.timeout()).build();
    } catch (BadValue e) {
      throw new ConfigException(config.fullKey(e.key), e.value, e.allowed);
    }
  }
}
