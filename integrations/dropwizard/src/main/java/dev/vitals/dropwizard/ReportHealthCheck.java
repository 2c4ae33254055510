package dev.vitals.dropwizard;

import com.codahale.metrics.health.HealthCheck;
import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Redaction;
import dev.vitals.api.Status;
import java.util.Optional;
import java.util.function.Supplier;

/** A Dropwizard check that answers from a Vitals report; see {@link VitalsHealthChecks}. */
final class ReportHealthCheck extends HealthCheck {

  private final Supplier<HealthReport> reports;
  private final String probe;

  ReportHealthCheck(Supplier<HealthReport> reports, String probe) {
    this.reports = reports;
    this.probe = probe;
  }

  String probe() {
    return probe;
  }

  @Override
  protected Result check() {
    Optional<ProbeReport> found = reports.get().probe(probe);
    if (found.isEmpty()) {
      return Result.unhealthy("no probe named '" + probe + "' in the Vitals report");
    }
    ProbeReport p = found.get();
    Status status = p.status();
    ResultBuilder b = Result.builder();
    if (status == Status.UP || status == Status.DEGRADED) {
      b.healthy();
    } else {
      b.unhealthy();
    }
    Optional<ProbeResult> last = p.lastResult();
    String message = last.flatMap(ProbeResult::message).orElse(null);
    if (status == Status.UNKNOWN && (last.isEmpty() || p.stale())) {
      message = p.stale() ? "stale: no result for more than two intervals" : "no result yet";
    }
    if (message != null) {
      b.withMessage(Redaction.redact(message));
    }
    b.withDetail("status", status.name());
    b.withDetail("score", p.score());
    b.withDetail("type", p.type());
    b.withDetail("since", p.since().toString());
    last.flatMap(ProbeResult::time).ifPresent(t -> b.withDetail("time", t.toString()));
    last.flatMap(ProbeResult::latency).ifPresent(l -> b.withDetail("latencyMs", l.toNanos() / 1_000_000.0));
    last.flatMap(ProbeResult::error).ifPresent(e -> b.withDetail("error", Redaction.redact(e)));
    if (p.stale()) {
      b.withDetail("stale", true);
    }
    last.ifPresent(r -> r.details().forEach((k, v) -> {
      if (!k.equals("status") && !k.equals("score") && !k.equals("type") && !k.equals("since")
          && !k.equals("time") && !k.equals("error")) {
        b.withDetail(k, Redaction.isSecretName(k) ? Redaction.MASK : v instanceof String ? Redaction.redact((String) v) : v);
      }
    }));
    return b.build();
  }

  @Override
  public String toString() {
    return "ReportHealthCheck[" + probe + "]";
  }
}
