package example.disk;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.io.File;
import java.util.Set;

/** A user's own probe type: {@code disk-free}, DOWN when a directory's disk has less than {@code min-free-bytes}. */
public final class DiskFreeProbeFactory implements ProbeFactory {

  @Override
  public String type() {
    return "disk-free";
  }

  @Override
  public Set<String> keys() {
    return Set.of("path", "min-free-bytes");
  }

  @Override
  public Probe create(ProbeConfig config) {
    File path = new File(config.require("path"));
    long min = Long.parseLong(config.require("min-free-bytes"));
    return Probe.of(config.name(), type(), () -> {
      long free = path.getUsableSpace();
      return free >= min ? ProbeResult.up() : ProbeResult.down(free + " bytes free on " + path + ", below " + min);
    });
  }
}
