package dev.vitals.exporter.grpc;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.util.Optional;

/**
 * The serving status of a service name in a report, the same answers as the HTTP endpoint's status codes:
 * {@code ""} the whole service, {@code liveness}, {@code readiness}, {@code startup} the groups, any other
 * name a probe. Stateless.
 */
final class HealthAnswers {

  private HealthAnswers() {}

  /**
   * The status of a service name.
   *
   * @param now the reader's time, for the engine's heartbeat ({@link HealthReport#stalled})
   * @return SERVING or NOT_SERVING, or null when the name is neither the service, a group nor a probe
   */
  static ServingStatus of(HealthReport report, String service, java.time.Instant now) {
    switch (service) {
      case "":
        return serving(report.status().isAvailable());
      case "liveness":
        // before a first result the group is UNKNOWN: a process that has not checked itself yet is not
        // restarted for it, only DOWN fails liveness (as /health/live answers 200)
        // and a monitor whose scheduler has stalled (no report when one was due) is not alive
        return serving(report.status(ProbeKind.LIVENESS) != Status.DOWN && !report.stalled(now));
      case "readiness":
        return serving(report.status(ProbeKind.READINESS).isAvailable());
      case "startup":
        return serving(report.status(ProbeKind.STARTUP).isAvailable());
      default:
        Optional<ProbeReport> probe = report.probe(service);
        if (probe.isEmpty()) {
          return null;
        }
        // UNKNOWN (no result yet) and a stale result are not serving: never a fresh UP
        return serving(probe.get().status().isAvailable() && !probe.get().stale());
    }
  }

  private static ServingStatus serving(boolean available) {
    return available ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
  }
}
