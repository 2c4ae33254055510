package dev.vitals.spring.boot.internal;

import java.util.Set;

/**
 * The names of the probes the monitor runs that were not made from a health indicator: {@code Probe} beans and
 * configured probes ({@code vitals.probes.<name>.type}). The health bridges give each a report-backed
 * contributor in Actuator's registry, unless a contributor of that name exists (it then answers from that
 * probe). Immutable. Made by {@link dev.vitals.spring.boot.VitalsAutoConfiguration}; no part of Vitals' API.
 *
 * @param names the names
 */
public record VitalsProbeNames(Set<String> names) {

  /**
   * Copies the set.
   *
   * @param names see {@link #names()}
   */
  public VitalsProbeNames {
    names = Set.copyOf(names);
  }
}
