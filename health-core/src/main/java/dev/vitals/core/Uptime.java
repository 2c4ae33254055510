package dev.vitals.core;

import dev.vitals.api.Status;
import java.util.Map;

/** Time-based availability of a probe over 1 hour, 24 hours, 7 days and 30 days. */
final class Uptime {

  void transition(Status status, long nowNanos) {
    // availability windows arrive with the tracking work
  }

  Map<String, Double> availability(long nowNanos) {
    return Map.of();
  }
}
