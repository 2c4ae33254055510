package dev.vitals.spring.boot.internal;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A health answer in neutral form, between Vitals and either line of Spring Boot's Actuator (whose
 * {@code Health} classes live in different packages on Boot 3.5 and 4.x): a status code such as {@code UP},
 * {@code DEGRADED}, {@code DOWN}, {@code OUT_OF_SERVICE} or {@code UNKNOWN}, and details. Immutable. Used by the
 * starter's own bridges; no part of Vitals' API.
 *
 * @param code the status code, not null
 * @param details the details in insertion order, not null (copied, unmodifiable)
 */
public record SpringHealth(String code, Map<String, Object> details) {

  /**
   * Checks and copies.
   *
   * @param code see {@link #code()}
   * @param details see {@link #details()}
   * @throws NullPointerException if an argument is null
   */
  public SpringHealth {
    Objects.requireNonNull(code, "code");
    details = Collections.unmodifiableMap(new LinkedHashMap<>(Objects.requireNonNull(details, "details")));
  }
}
