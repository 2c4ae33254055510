package dev.vitals.core;

import dev.vitals.api.Probe;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.util.Set;

/** A provider whose constructor throws: the monitor must log it, report it and go on. */
public final class BrokenProbeFactory implements ProbeFactory {

  /** Always throws. */
  public BrokenProbeFactory() {
    throw new IllegalStateException("broken on purpose");
  }

  @Override
  public String type() {
    return "broken";
  }

  @Override
  public Set<String> keys() {
    return Set.of();
  }

  @Override
  public Probe create(ProbeConfig config) {
    throw new AssertionError("never constructed");
  }
}
