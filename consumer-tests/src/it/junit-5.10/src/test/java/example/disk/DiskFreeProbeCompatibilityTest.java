package example.disk;

import dev.vitals.test.ProbeCompatibilityKit;
import java.util.Map;

/** health-test's kit, run by the project's own JUnit: its tests run as this class's. */
class DiskFreeProbeCompatibilityTest extends ProbeCompatibilityKit {

  @Override
  protected String type() {
    return "disk-free";
  }

  @Override
  protected Map<String, String> workingSettings() {
    return Map.of("path", ".", "min-free-bytes", "1");
  }

  @Override
  protected Map<String, String> downSettings() {
    return Map.of("path", ".", "min-free-bytes", String.valueOf(Long.MAX_VALUE));
  }
}
