package dev.vitals.probes.jvm;

import dev.vitals.test.ProbeCompatibilityKit;
import java.util.Map;

/**
 * The probe kit for type {@code heartbeat}. A fresh heartbeat's first run has nothing to be late
 * against, so there is no target that is down on a first run; {@link HeartbeatProbeTest} checks its
 * {@code DOWN} results, under a manual clock and under a real monitor whose scheduler stalls.
 */
class HeartbeatCompatibilityTest extends ProbeCompatibilityKit {

  @Override
  protected String type() {
    return "heartbeat";
  }

  @Override
  protected Map<String, String> workingSettings() {
    return Map.of();
  }

  @Override
  protected Map<String, String> downSettings() {
    return null;
  }
}
