package dev.vitals.probes.jvm;

import dev.vitals.api.Probe;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.util.Set;

/**
 * Builds probes of type {@code heartbeat} ({@code vitals.probes.<name>.type = heartbeat}): the
 * monitor's own scheduler and probe pool are alive and on time. Each run measures how late it came
 * after its previous run plus the probe's {@code interval}: {@code DEGRADED} more than one interval
 * late, {@code DOWN} more than {@code max-lag-intervals} (an integer from 1 to 1,000, default 2)
 * intervals late; detail {@code lagMs}. A scheduler that has stopped altogether runs nothing: the
 * engine then marks the result stale. Liveness by default.
 *
 * <p>Stateless and thread-safe.
 */
public final class HeartbeatProbeFactory implements ProbeFactory {

  /** A factory; ServiceLoader calls this. */
  public HeartbeatProbeFactory() {}

  /**
   * The type this factory builds.
   *
   * @return {@code heartbeat}
   */
  @Override
  public String type() {
    return HeartbeatProbe.TYPE;
  }

  /**
   * The keys of type {@code heartbeat}.
   *
   * @return {@code max-lag-intervals}
   */
  @Override
  public Set<String> keys() {
    return Set.of("max-lag-intervals");
  }

  /**
   * Builds a probe; it measures with {@link System#nanoTime()}.
   *
   * @param config the probe's settings
   * @return a new probe
   * @throws ConfigException when {@code max-lag-intervals} is not an integer from 1 to 1,000
   */
  @Override
  public Probe create(ProbeConfig config) {
    int max = config.integer("max-lag-intervals", 2, 1, 1000);
    return new HeartbeatProbe(config.name(), config.interval(), max, System::nanoTime);
  }
}
