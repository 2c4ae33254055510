package dev.vitals.core;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.util.Set;

/**
 * A custom probe type written against health-api alone and registered in
 * META-INF/services, as a user would: type {@code echo}, UP with the configured message, or DOWN
 * when {@code fail = true}.
 */
public final class EchoProbeFactory implements ProbeFactory {

  /** Public no-argument constructor for ServiceLoader. */
  public EchoProbeFactory() {}

  @Override
  public String type() {
    return "echo";
  }

  @Override
  public Set<String> keys() {
    return Set.of("message", "fail", "url");
  }

  @Override
  public Probe create(ProbeConfig config) {
    String message = config.string("message", "hello");
    boolean fail = config.bool("fail", false);
    config.get("url").ifPresent(u -> {
      if (!u.startsWith("echo://")) {
        throw new dev.vitals.api.spi.ConfigException(config.fullKey("url"), u, "an echo:// URL");
      }
    });
    return new Probe() {
      @Override
      public String name() {
        return config.name();
      }

      @Override
      public String type() {
        return "echo";
      }

      @Override
      public ProbeResult check() {
        return fail ? ProbeResult.down(message) : ProbeResult.up(message);
      }
    };
  }
}
