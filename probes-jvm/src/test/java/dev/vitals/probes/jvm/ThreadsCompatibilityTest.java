package dev.vitals.probes.jvm;

import dev.vitals.test.ProbeCompatibilityKit;
import java.util.Map;

/** The probe kit for type {@code threads}: this JVM's threads, and a maximum of one that it is always past. */
class ThreadsCompatibilityTest extends ProbeCompatibilityKit {

  @Override
  protected String type() {
    return "threads";
  }

  @Override
  protected Map<String, String> workingSettings() {
    return Map.of("max", "1000000");
  }

  @Override
  protected Map<String, String> downSettings() {
    return Map.of("max", "1");
  }
}
