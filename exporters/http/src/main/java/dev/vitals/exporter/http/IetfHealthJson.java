package dev.vitals.exporter.http;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.SloReport;
import dev.vitals.api.Status;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.spi.Config;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Renders reports in the format of the IETF draft "Health Check Response Format for HTTP APIs"
 * (draft-inadarei-api-health-check, media type {@code application/health+json}).
 *
 * <p>The top-level {@code status} follows the HTTP code, as the draft requires: {@code pass} or
 * {@code warn} with 2xx, {@code fail} with 5xx. Each probe is one entry of {@code checks}, keyed
 * {@code "<probe>:responseTime"} (a colon in the name becomes {@code _}), with {@code componentId} (the probe's name), {@code componentType}
 * ({@code datastore} for jdbc and redis probes, {@code component} otherwise), the latest latency as
 * {@code observedValue} in {@code ms}, {@code status}, {@code time} and, unless it passes, the
 * probe's message as {@code output}; the extra keys {@code score}, {@code critical}, {@code stale}
 * and {@code data} (the probe's details) follow. Trackers are keyed
 * {@code "<tracker>:responseTime"} (their p95 over the summary window), service-level objectives
 * {@code "<objective>:compliance"} (the share of good operations in percent; {@code warn} with an
 * {@code output} once the error budget is spent; extra keys {@code objective} and
 * {@code errorBudgetRemaining}, in percent), and the process's uptime is the draft's {@code uptime}
 * check. Without details each entry carries its {@code status} only, and
 * there is no {@code output}.
 *
 * <p>Stateless and thread-safe.
 */
final class IetfHealthJson {

  private IetfHealthJson() {}

  static byte[] service(HealthReport report, Instant now, int httpStatus, boolean full) {
    return document(report, report.status(), report.probes(), now, httpStatus, full, true);
  }

  static byte[] group(HealthReport report, ProbeKind kind, Instant now, int httpStatus, boolean full) {
    return document(report, report.status(kind), report.probes(kind), now, httpStatus, full, false);
  }

  static byte[] probe(HealthReport report, ProbeReport probe, Instant now, int httpStatus, boolean full) {
    return document(report, probe.status(), List.of(probe), now, httpStatus, full, false);
  }

  private static byte[] document(HealthReport report, Status status, List<ProbeReport> probes,
      Instant now, int httpStatus, boolean full, boolean withTrackers) {
    JsonOut j = new JsonOut(full ? 256 + 384 * probes.size() : 64 + 48 * probes.size());
    j.beginObject();
    String top = topStatus(status, httpStatus);
    j.name("status").value(top);
    if (full && !top.equals("pass")) {
      String output = output(probes);
      if (!output.isEmpty()) {
        j.name("output").value(output);
      }
    }
    j.name("checks").beginObject();
    for (ProbeReport p : probes) {
      j.name(componentName(p.name()) + ":responseTime").beginArray();
      check(j, p, full);
      j.endArray();
    }
    if (full) {
      if (withTrackers) {
        for (TrackerReport t : report.trackers()) {
          j.name(componentName(t.name()) + ":responseTime").beginArray().beginObject();
          j.name("componentId").value(t.name());
          j.name("componentType").value("component");
          j.name("observedValue").fixed(HealthJson.ms(t.summary().p95Nanos()), 1);
          j.name("observedUnit").value("ms");
          j.name("status").value(t.regression() ? "warn" : "pass");
          j.name("time").value(report.time());
          j.name("score").fixed(t.score(), 1);
          j.endObject().endArray();
        }
        for (SloReport s : report.slos()) {
          j.name(componentName(s.name()) + ":compliance").beginArray().beginObject();
          j.name("componentId").value(s.name());
          j.name("componentType").value("component");
          j.name("observedValue").fixed(s.compliance() * 100.0, 4);
          j.name("observedUnit").value("percent");
          j.name("status").value(s.errorBudgetRemaining() > 0 ? "pass" : "warn");
          j.name("time").value(report.time());
          if (s.errorBudgetRemaining() <= 0) {
            j.name("output").value("error budget spent: objective " + Formats.objectivePercent(s.objective())
                + " over " + Config.formatDuration(s.window()));
          }
          j.name("objective").fixed(s.objective() * 100.0, 4);
          j.name("errorBudgetRemaining").fixed(s.errorBudgetRemaining() * 100.0, 2);
          j.endObject().endArray();
        }
      }
      j.name("uptime").beginArray().beginObject();
      j.name("componentType").value("system");
      j.name("observedValue").value(report.uptime(now).getSeconds());
      j.name("observedUnit").value("s");
      j.name("status").value("pass");
      j.name("time").value(now);
      j.endObject().endArray();
    }
    j.endObject();
    return j.endObject().toBytes();
  }

  private static void check(JsonOut j, ProbeReport p, boolean full) {
    j.beginObject();
    String status = checkStatus(p.status());
    if (full) {
      j.name("componentId").value(p.name());
      j.name("componentType").value(componentType(p.type()));
      Optional<ProbeResult> last = p.lastResult();
      if (last.isPresent() && last.get().latencyNanos() >= 0) {
        j.name("observedValue").fixed(HealthJson.ms(last.get().latencyNanos()), 1);
        j.name("observedUnit").value("ms");
      }
      j.name("status").value(status);
      j.name("time").value(p.time().orElse(null));
      if (!status.equals("pass")) {
        j.name("output").value(checkOutput(p));
      }
      j.name("score").fixed(p.score(), 1);
      j.name("critical").value(p.critical());
      if (p.stale()) {
        j.name("stale").value(true);
      }
      if (last.isPresent() && !last.get().details().isEmpty()) {
        j.name("data").details(last.get().details());
      }
    } else {
      j.name("status").value(status);
    }
    j.endObject();
  }

  /** A name as the first part of a check's key, which the draft forbids to contain a colon. */
  static String componentName(String name) {
    return name.replace(':', '_');
  }

  /** The draft's status for a whole answer, consistent with its HTTP code. */
  static String topStatus(Status status, int httpStatus) {
    if (httpStatus >= 400) {
      return "fail";
    }
    return status == Status.UP ? "pass" : "warn";
  }

  /** The draft's status for one check: UNKNOWN (no result yet) is a concern, not a failure. */
  static String checkStatus(Status status) {
    switch (status) {
      case UP:
        return "pass";
      case DOWN:
        return "fail";
      default:
        return "warn";
    }
  }

  static String componentType(String probeType) {
    switch (probeType) {
      case "jdbc":
      case "redis":
        return "datastore";
      default:
        return "component";
    }
  }

  private static String checkOutput(ProbeReport p) {
    Optional<ProbeResult> last = p.lastResult();
    if (last.isPresent() && last.get().message().isPresent()) {
      return last.get().message().get();
    }
    if (p.status() == Status.UNKNOWN) {
      return "no result yet";
    }
    return p.status().id() + (p.stale() ? " (stale)" : "");
  }

  private static String output(List<ProbeReport> probes) {
    StringBuilder sb = new StringBuilder();
    for (ProbeReport p : probes) {
      if (p.status() != Status.UP) {
        if (sb.length() > 0) {
          sb.append("; ");
        }
        sb.append(p.name()).append(": ").append(checkOutput(p));
      }
    }
    return sb.toString();
  }
}
