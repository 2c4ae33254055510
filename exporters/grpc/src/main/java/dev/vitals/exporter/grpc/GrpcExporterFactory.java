package dev.vitals.exporter.grpc;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.ExporterContext;
import dev.vitals.api.spi.ExporterFactory;
import java.io.IOException;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Serves {@link VitalsHealthService} on a gRPC server of its own. Found by the monitor with
 * {@link java.util.ServiceLoader}; users do not call it.
 *
 * <p>Enabled when {@code vitals.grpc.port} is set ({@code vitals.grpc.enabled = false} turns it off even
 * with a port; {@code true} needs a port). Keys:
 * <pre>
 * vitals.grpc.enabled = true | false
 * vitals.grpc.host    = 127.0.0.1   # the address to bind; 0.0.0.0 for every interface (Kubernetes probes)
 * vitals.grpc.port    = 50051       # 0: a free port chosen by the system
 * </pre>
 * Every bad value is reported at once, naming the full key, when the monitor is built
 * ({@link #validate(Config)}).
 *
 * <p>Stateless and thread-safe.
 */
public final class GrpcExporterFactory implements ExporterFactory {

  static final String NAME = "grpc";
  static final String PREFIX = "vitals.grpc.";
  /** The default address to bind: loopback, as the HTTP endpoint's. */
  static final String DEFAULT_HOST = "127.0.0.1";
  private static final Set<String> KEYS = Set.of(PREFIX + "enabled", PREFIX + "host", PREFIX + "port");

  /** Used by {@link java.util.ServiceLoader}. */
  public GrpcExporterFactory() {
    // stateless
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code grpc}
   */
  @Override
  public String name() {
    return NAME;
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code vitals.grpc.enabled}, {@code vitals.grpc.host}, {@code vitals.grpc.port}
   */
  @Override
  public Set<String> keys() {
    return KEYS;
  }

  /**
   * {@inheritDoc} Binds nothing; a host name is looked up.
   *
   * @param config the whole configuration
   * @throws ConfigException listing every bad {@code vitals.grpc.*} setting
   */
  @Override
  public void validate(Config config) {
    settings(config.scoped(PREFIX));
  }

  /**
   * {@inheritDoc}
   *
   * @param context the monitor's report and listener registration
   * @return the started server, or empty when not enabled
   * @throws ConfigException listing every bad {@code vitals.grpc.*} setting
   * @throws IOException when the address cannot be bound (the message names {@code vitals.grpc.port})
   */
  @Override
  public Optional<Exporter> create(ExporterContext context) throws IOException {
    Config config = context.config().scoped(PREFIX);
    if (config.keys().isEmpty()) {
      return Optional.empty();
    }
    Settings s = settings(config);
    if (!s.enabled) {
      return Optional.empty();
    }
    VitalsHealthService service = VitalsHealthService.of(context::report, context::addListener, context.clock());
    return Optional.of(GrpcHealthServer.start(service, s.host, s.port));
  }

  /** The settings, every bad one reported at once. */
  private static Settings settings(Config config) {
    List<String> problems = new ArrayList<>();
    boolean enabled = false;
    try {
      enabled = config.bool("enabled", config.get("port").isPresent());
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    String host = config.string("host", DEFAULT_HOST);
    try {
      InetAddress.getByName(host);
    } catch (UnknownHostException | IllegalArgumentException e) {
      problems.add(ConfigException.describe(config.fullKey("host"), host, "an IP address or a known host name"));
    }
    int port = -1;
    if (config.get("port").isEmpty()) {
      if (enabled) {
        problems.add(ConfigException.describe(config.fullKey("port"), null,
            "a port from 0 to 65535 (0: any free port): " + config.fullKey("enabled") + " = true needs one"));
      }
    } else {
      try {
        port = config.integer("port", -1, 0, 65_535);
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      }
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return new Settings(enabled, host, port);
  }

  private static final class Settings {
    final boolean enabled;
    final String host;
    final int port;

    Settings(boolean enabled, String host, int port) {
      this.enabled = enabled;
      this.host = host;
      this.port = port;
    }
  }
}
