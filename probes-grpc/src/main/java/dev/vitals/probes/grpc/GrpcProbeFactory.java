package dev.vitals.probes.grpc;

import dev.vitals.api.Probe;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.util.Set;

/**
 * Builds gRPC probes from configuration ({@code vitals.probes.<name>.type = grpc}): each run calls the
 * standard {@code grpc.health.v1.Health/Check} and is {@code UP} only when the server answers
 * {@code SERVING}.
 *
 * <p>Keys:
 * <pre>
 * vitals.probes.&lt;name&gt;.url                = host:port | grpc://host:port | grpcs://host:port   # required; grpcs: TLS
 * vitals.probes.&lt;name&gt;.tls                = false          # true: TLS with a host:port url
 * vitals.probes.&lt;name&gt;.service            =                # the service to ask about; empty: the server as a whole
 * vitals.probes.&lt;name&gt;.authority          =                # the :authority and TLS server name instead of host:port
 * vitals.probes.&lt;name&gt;.trust-certificates =                # PEM file of the certificates to trust; default: the JVM's trust store
 * </pre>
 * Every bad value is reported at once, naming the full key. The call's deadline is the probe's
 * {@code timeout} less a tenth (at most 100 ms), so the probe says what was slow before the engine gives up.
 * Nothing is connected in {@link #create(ProbeConfig)}: the trust file is read there, the channel is
 * opened by the first run.
 *
 * <p>Stateless and thread-safe.
 */
public final class GrpcProbeFactory implements ProbeFactory {

  /** A factory; ServiceLoader calls this. */
  public GrpcProbeFactory() {}

  /**
   * The type this factory builds.
   *
   * @return {@code grpc}
   */
  @Override
  public String type() {
    return GrpcProbe.TYPE;
  }

  /**
   * The keys of type {@code grpc}.
   *
   * @return {@code url}, {@code tls}, {@code service}, {@code authority}, {@code trust-certificates}
   */
  @Override
  public Set<String> keys() {
    return Set.of("url", "tls", "service", "authority", "trust-certificates");
  }

  /**
   * Builds a probe from its settings.
   *
   * @param config the probe's settings
   * @return a probe that closes its channel when the monitor closes; nothing is connected yet
   * @throws ConfigException listing every bad setting: a missing or malformed {@code url}, a {@code tls}
   *     that contradicts the url's scheme, {@code trust-certificates} without TLS or not a readable PEM file,
   *     an {@code authority} with spaces
   */
  @Override
  public Probe create(ProbeConfig config) {
    return new GrpcProbe(config.name(), GrpcTarget.from(config), config.timeout());
  }
}
