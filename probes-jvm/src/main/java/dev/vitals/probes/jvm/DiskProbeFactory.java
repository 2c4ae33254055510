package dev.vitals.probes.jvm;

import dev.vitals.api.Probe;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Set;

/**
 * Builds probes of type {@code disk} ({@code vitals.probes.<name>.type = disk}): the free space of the
 * file system holding {@code path} (required). {@code min-free} (default {@code 10MB}): {@code DOWN}
 * below it; {@code degraded-free} (default {@code 5%}): {@code DEGRADED} below it. Both take a size
 * ({@code 512KB}, {@code 1MB}, {@code 2GB}) or a percentage of the file system's size ({@code 5%}).
 * Details {@code freeBytes}, {@code totalBytes}, {@code freeRatio}. Liveness by default. The path is
 * not read until the first run.
 *
 * <p>Stateless and thread-safe.
 */
public final class DiskProbeFactory implements ProbeFactory {

  /** A factory; ServiceLoader calls this. */
  public DiskProbeFactory() {}

  /**
   * The type this factory builds.
   *
   * @return {@code disk}
   */
  @Override
  public String type() {
    return DiskProbe.TYPE;
  }

  /**
   * The keys of type {@code disk}.
   *
   * @return {@code path}, {@code min-free}, {@code degraded-free}
   */
  @Override
  public Set<String> keys() {
    return Set.of("path", "min-free", "degraded-free");
  }

  /**
   * Builds a probe.
   *
   * @param config the probe's settings
   * @return a new probe
   * @throws ConfigException when {@code path} is missing or not a path, when a free-space value is not of
   *     the allowed forms, or when {@code degraded-free} is below {@code min-free}
   */
  @Override
  public Probe create(ProbeConfig config) {
    String raw = config.get("path").orElseThrow(
        () -> new ConfigException(config.fullKey("path"), null, "the path of a file or directory on the file system to watch"));
    Path path;
    try {
      path = Path.of(raw).toAbsolutePath().normalize();
    } catch (InvalidPathException e) {
      throw new ConfigException(config.fullKey("path"), raw, "a path of this platform (" + e.getReason() + ")");
    }
    FreeSpace min = free(config, "min-free", "10MB");
    FreeSpace degraded = free(config, "degraded-free", "5%");
    if (!degraded.atLeast(min)) {
      String key = config.get("degraded-free").isPresent() ? "degraded-free" : "min-free";
      throw new ConfigException(config.fullKey(key), config.get(key).orElseThrow(), key.equals("degraded-free")
          ? "at least " + config.fullKey("min-free") + " (" + min + ")"
          : "at most " + config.fullKey("degraded-free") + " (" + degraded + ")");
    }
    return new DiskProbe(config.name(), path, min, degraded);
  }

  private static FreeSpace free(ProbeConfig config, String key, String defaultValue) {
    String raw = config.get(key).orElse(defaultValue);
    FreeSpace f = FreeSpace.parse(raw);
    if (f == null) {
      throw new ConfigException(config.fullKey(key), raw, FreeSpace.FORM);
    }
    return f;
  }
}
