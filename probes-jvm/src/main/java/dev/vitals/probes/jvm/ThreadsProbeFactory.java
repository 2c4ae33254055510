package dev.vitals.probes.jvm;

import dev.vitals.api.Probe;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.util.Set;

/**
 * Builds probes of type {@code threads} ({@code vitals.probes.<name>.type = threads}): live threads
 * against {@code max} (an integer from 1 to 1,000,000, default 2,000): {@code DOWN} above it,
 * {@code DEGRADED} at {@code degraded-ratio} (above 0 and at most 1, default 0.8) of it. Details
 * {@code threads}, {@code daemonThreads}, {@code peakThreads}, {@code max}. Liveness by default.
 *
 * <p>Stateless and thread-safe.
 */
public final class ThreadsProbeFactory implements ProbeFactory {

  /** A factory; ServiceLoader calls this. */
  public ThreadsProbeFactory() {}

  /**
   * The type this factory builds.
   *
   * @return {@code threads}
   */
  @Override
  public String type() {
    return ThreadsProbe.TYPE;
  }

  /**
   * The keys of type {@code threads}.
   *
   * @return {@code max}, {@code degraded-ratio}
   */
  @Override
  public Set<String> keys() {
    return Set.of("max", "degraded-ratio");
  }

  /**
   * Builds a probe.
   *
   * @param config the probe's settings
   * @return a new probe
   * @throws ConfigException when {@code max} is not an integer from 1 to 1,000,000 or {@code degraded-ratio}
   *     is not above 0 and at most 1
   */
  @Override
  public Probe create(ProbeConfig config) {
    int max = config.integer("max", 2000, 1, 1_000_000);
    double ratio = Thresholds.ratio(config, "degraded-ratio", 0.8);
    return new ThreadsProbe(config.name(), max, ratio);
  }
}
