package dev.vitals.probes.jvm;

import dev.vitals.test.ProbeCompatibilityKit;
import java.util.Map;

/**
 * The probe kit for type {@code file-descriptors}: this JVM against its limit; the target that is
 * down is a ratio its open descriptors (jars, sockets, standard streams) are always past.
 */
class FileDescriptorsCompatibilityTest extends ProbeCompatibilityKit {

  @Override
  protected String type() {
    return "file-descriptors";
  }

  @Override
  protected Map<String, String> workingSettings() {
    return Map.of("degraded-ratio", "1", "down-ratio", "1");
  }

  @Override
  protected Map<String, String> downSettings() {
    return Map.of("degraded-ratio", "0.00000001", "down-ratio", "0.00000001");
  }
}
