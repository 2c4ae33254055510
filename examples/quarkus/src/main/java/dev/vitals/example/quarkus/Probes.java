package dev.vitals.example.quarkus;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;
import java.io.File;

/** A Vitals probe written in code, as a bean: vitals-microprofile-health registers every {@link Probe} bean. */
@ApplicationScoped
public class Probes {

  /**
   * Free space where the service writes.
   *
   * @return the probe {@code disk}
   */
  @Produces
  @Singleton
  Probe disk() {
    return Probe.of("disk", () -> {
      long freeMb = new File(System.getProperty("java.io.tmpdir")).getUsableSpace() / (1024 * 1024);
      return ProbeResult.builder(freeMb > 100 ? Status.UP : Status.DOWN).detail("freeMb", freeMb).build();
    });
  }
}
