package dev.vitals.probes.jvm;

import dev.vitals.api.Probe;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.util.Set;

/**
 * Builds probes of type {@code memory} ({@code vitals.probes.<name>.type = memory}): the heap live
 * after the last GC against the maximum heap, and the share of the last minute spent in GC. Keys,
 * ratios above 0 and at most 1: {@code heap-degraded} (0.85), {@code heap-down} (0.95),
 * {@code gc-degraded} (0.25), {@code gc-down} (0.5); each degraded ratio at most its down ratio.
 * Details {@code heapUsedAfterGcBytes}, {@code heapMaxBytes}, {@code heapRatio}, {@code gcShare}.
 * Liveness by default.
 *
 * <p>Stateless and thread-safe.
 */
public final class MemoryProbeFactory implements ProbeFactory {

  /** A factory; ServiceLoader calls this. */
  public MemoryProbeFactory() {}

  /**
   * The type this factory builds.
   *
   * @return {@code memory}
   */
  @Override
  public String type() {
    return MemoryProbe.TYPE;
  }

  /**
   * The keys of type {@code memory}.
   *
   * @return {@code heap-degraded}, {@code heap-down}, {@code gc-degraded}, {@code gc-down}
   */
  @Override
  public Set<String> keys() {
    return Set.of("heap-degraded", "heap-down", "gc-degraded", "gc-down");
  }

  /**
   * Builds a probe.
   *
   * @param config the probe's settings
   * @return a new probe
   * @throws ConfigException when a ratio is not above 0 and at most 1, or a degraded ratio exceeds its down ratio
   */
  @Override
  public Probe create(ProbeConfig config) {
    Thresholds heap = Thresholds.read(config, "heap-degraded", 0.85, "heap-down", 0.95);
    Thresholds gc = Thresholds.read(config, "gc-degraded", 0.25, "gc-down", 0.5);
    return new MemoryProbe(config.name(), heap, gc, config.interval(), System::nanoTime);
  }
}
