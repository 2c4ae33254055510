package dev.vitals.probes.jvm;

import dev.vitals.test.ProbeCompatibilityKit;
import java.nio.file.Path;
import java.util.Map;

/** The probe kit for type {@code disk}: the build's directory, and a path that does not exist. */
class DiskCompatibilityTest extends ProbeCompatibilityKit {

  @Override
  protected String type() {
    return "disk";
  }

  @Override
  protected Map<String, String> workingSettings() {
    return Map.of("path", Path.of("target").toAbsolutePath().toString(), "min-free", "1KB", "degraded-free", "1KB");
  }

  @Override
  protected Map<String, String> downSettings() {
    return Map.of("path", Path.of("target", "no-such-directory").toAbsolutePath().toString());
  }
}
