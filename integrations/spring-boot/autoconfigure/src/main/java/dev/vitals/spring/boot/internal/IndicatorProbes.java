package dev.vitals.spring.boot.internal;

import dev.vitals.api.Probe;
import java.util.List;

/**
 * The Vitals probes the starter made from the application's Actuator health contributors (one per indicator, one
 * per leaf of a composite), as a bean that {@link dev.vitals.spring.boot.VitalsAutoConfiguration}'s monitor adds. A probe whose name a
 * {@code Probe} bean or a configured probe ({@code vitals.probes.<name>.type}) already has is not added: the
 * Vitals probe of that name answers for the indicator. Immutable. Made by the starter's own bridges; no part of
 * Vitals' API.
 *
 * @param probes the probes, in the order of the contributors
 */
public record IndicatorProbes(List<Probe> probes) {

  /**
   * Copies the list.
   *
   * @param probes see {@link #probes()}
   */
  public IndicatorProbes {
    probes = List.copyOf(probes);
  }
}
