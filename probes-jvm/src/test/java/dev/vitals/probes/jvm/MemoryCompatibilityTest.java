package dev.vitals.probes.jvm;

import dev.vitals.test.ProbeCompatibilityKit;
import java.util.Map;

/**
 * The probe kit for type {@code memory}. The target that is down is this JVM's heap against a
 * threshold below its live set: after a collection (forced here) the heap always holds more than a
 * thousandth of a per-mille of its maximum.
 */
class MemoryCompatibilityTest extends ProbeCompatibilityKit {

  @Override
  protected String type() {
    return "memory";
  }

  @Override
  protected Map<String, String> workingSettings() {
    return Map.of("heap-degraded", "1", "heap-down", "1", "gc-degraded", "1", "gc-down", "1");
  }

  @Override
  protected Map<String, String> downSettings() {
    System.gc();
    return Map.of("heap-degraded", "0.000001", "heap-down", "0.000001");
  }
}
