package dev.vitals.probes.jvm;

import dev.vitals.api.Probe;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.util.Set;

/**
 * Builds probes of type {@code deadlock} ({@code vitals.probes.<name>.type = deadlock}): {@code DOWN}
 * while threads of this JVM are deadlocked on monitors or locks, naming each thread and the lock it
 * waits for; detail {@code threads}. No keys of its own. Liveness by default: a deadlock does not
 * resolve itself, and a restart does.
 *
 * <p>Stateless and thread-safe.
 */
public final class DeadlockProbeFactory implements ProbeFactory {

  /** A factory; ServiceLoader calls this. */
  public DeadlockProbeFactory() {}

  /**
   * The type this factory builds.
   *
   * @return {@code deadlock}
   */
  @Override
  public String type() {
    return DeadlockProbe.TYPE;
  }

  /**
   * The keys of type {@code deadlock}.
   *
   * @return none
   */
  @Override
  public Set<String> keys() {
    return Set.of();
  }

  /**
   * Builds a probe.
   *
   * @param config the probe's settings
   * @return a new probe
   */
  @Override
  public Probe create(ProbeConfig config) {
    return new DeadlockProbe(config.name());
  }
}
