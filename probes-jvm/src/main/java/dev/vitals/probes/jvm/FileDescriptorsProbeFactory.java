package dev.vitals.probes.jvm;

import dev.vitals.api.Probe;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.util.Set;

/**
 * Builds probes of type {@code file-descriptors} ({@code vitals.probes.<name>.type = file-descriptors}):
 * open file descriptors against the process's limit, on Unix. Keys, ratios above 0 and at most 1:
 * {@code degraded-ratio} (0.8) and {@code down-ratio} (0.95). Details {@code openFileDescriptors},
 * {@code maxFileDescriptors}, {@code ratio}; elsewhere {@code UP} with {@code supported = false}.
 * Liveness by default.
 *
 * <p>Stateless and thread-safe.
 */
public final class FileDescriptorsProbeFactory implements ProbeFactory {

  /** A factory; ServiceLoader calls this. */
  public FileDescriptorsProbeFactory() {}

  /**
   * The type this factory builds.
   *
   * @return {@code file-descriptors}
   */
  @Override
  public String type() {
    return FileDescriptorsProbe.TYPE;
  }

  /**
   * The keys of type {@code file-descriptors}.
   *
   * @return {@code degraded-ratio}, {@code down-ratio}
   */
  @Override
  public Set<String> keys() {
    return Set.of("degraded-ratio", "down-ratio");
  }

  /**
   * Builds a probe.
   *
   * @param config the probe's settings
   * @return a new probe
   * @throws ConfigException when a ratio is not above 0 and at most 1, or {@code degraded-ratio} exceeds
   *     {@code down-ratio}
   */
  @Override
  public Probe create(ProbeConfig config) {
    return new FileDescriptorsProbe(config.name(), Thresholds.read(config, "degraded-ratio", 0.8, "down-ratio", 0.95));
  }
}
