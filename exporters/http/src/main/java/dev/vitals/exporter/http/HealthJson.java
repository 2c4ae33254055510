package dev.vitals.exporter.http;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.SloReport;
import dev.vitals.api.Status;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import dev.vitals.api.spi.Config;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Renders reports as the Vitals JSON, modelled on MicroProfile Health (see PRODUCT.md, "HTTP
 * endpoint"). Latencies in milliseconds and scores with one decimal, availability in percent,
 * error rates as ratios from 0 to 1.
 *
 * <p>Stateless and thread-safe.
 */
final class HealthJson {

  private HealthJson() {}

  /**
   * The whole service: every probe, every tracker, the service-level objectives (with details, when
   * there are any), uptime and cold start.
   */
  static byte[] service(HealthReport report, Instant now, boolean full) {
    JsonOut j = new JsonOut(full ? 512 + 512 * report.probes().size() : 64 + 48 * report.probes().size());
    j.beginObject();
    j.name("status").value(report.status().name());
    if (full) {
      j.name("score").fixed(report.score(), 1);
    }
    checks(j, report.probes(), full);
    if (full) {
      j.name("trackers").beginArray();
      for (TrackerReport t : report.trackers()) {
        tracker(j, t);
      }
      j.endArray();
      if (!report.slos().isEmpty()) {
        j.name("slos").beginArray();
        for (SloReport s : report.slos()) {
          slo(j, s);
        }
        j.endArray();
      }
      if (!report.maintenance().isEmpty()) {
        j.name("maintenance").beginArray();
        for (dev.vitals.api.MaintenanceWindow w : report.maintenance()) {
          j.beginObject();
          j.name("name").value(w.name());
          j.name("subjects").beginArray();
          for (String s : new java.util.TreeSet<>(w.subjects())) {
            j.value(s);
          }
          j.endArray();
          j.name("since").value(w.since());
          j.name("until").value(w.until());
          j.name("excludesAvailability").value(w.excludesAvailability());
          j.endObject();
        }
        j.endArray();
      }
      uptime(j, report, now);
      if (!report.problems().isEmpty()) {
        j.name("problems").beginArray();
        for (String p : report.problems()) {
          j.value(p);
        }
        j.endArray();
      }
    }
    return j.endObject().toBytes();
  }

  /** One group: its status and its probes only. */
  static byte[] group(HealthReport report, ProbeKind kind, Instant now, boolean full) {
    List<ProbeReport> probes = report.probes(kind);
    JsonOut j = new JsonOut(full ? 256 + 512 * probes.size() : 64 + 48 * probes.size());
    j.beginObject();
    j.name("status").value(report.status(kind).name());
    if (full) {
      j.name("group").value(kind.id());
    }
    checks(j, probes, full);
    if (full) {
      uptime(j, report, now);
    }
    return j.endObject().toBytes();
  }

  /** One probe: the same object as in {@code checks}. */
  static byte[] probe(ProbeReport probe, boolean full) {
    JsonOut j = new JsonOut(full ? 512 : 64);
    check(j, probe, full);
    return j.toBytes();
  }

  private static void checks(JsonOut j, List<ProbeReport> probes, boolean full) {
    j.name("checks").beginArray();
    for (ProbeReport p : probes) {
      check(j, p, full);
    }
    j.endArray();
  }

  private static void uptime(JsonOut j, HealthReport report, Instant now) {
    j.name("uptimeSeconds").value(report.uptime(now).getSeconds());
    j.name("coldStartMs");
    if (report.coldStart().isPresent()) {
      j.fixed(report.coldStart().get().toNanos() / 1e6, 1);
    } else {
      j.nullValue();
    }
    j.name("scheduleLagMs").fixed(report.scheduleLag().toNanos() / 1e6, 1);
  }

  static void check(JsonOut j, ProbeReport p, boolean full) {
    j.beginObject();
    j.name("name").value(p.name());
    if (full) {
      j.name("type").value(p.type());
    }
    j.name("status").value(p.status().name());
    if (!full) {
      j.endObject();
      return;
    }
    j.name("score").fixed(p.score(), 1);
    j.name("critical").value(p.critical());
    j.name("kinds").beginArray();
    for (ProbeKind k : ProbeKind.values()) {
      if (p.is(k)) {
        j.value(k.id());
      }
    }
    j.endArray();
    Optional<ProbeResult> last = p.lastResult();
    WindowStats s = p.summary();
    j.name("latencyMs").beginObject();
    if (last.isPresent() && last.get().latencyNanos() >= 0) {
      j.name("last").fixed(ms(last.get().latencyNanos()), 1);
    } else {
      j.name("last").nullValue();
    }
    j.name("p50").fixed(ms(s.p50Nanos()), 1);
    j.name("p95").fixed(ms(s.p95Nanos()), 1);
    j.name("p99").fixed(ms(s.p99Nanos()), 1);
    j.endObject();
    j.name("errorRate").fixed(s.errorRate(), 6);
    availability(j, p.availability());
    j.name("since").value(p.since());
    j.name("time").value(p.time().orElse(null));
    if (last.isPresent() && last.get().message().isPresent()) {
      j.name("message").value(last.get().message().get());
    } else if (p.status() == Status.UNKNOWN) {
      j.name("message").value("no result yet");
    }
    if (last.isPresent() && last.get().error().isPresent()) {
      j.name("error").value(last.get().error().get());
    }
    if (p.stale()) {
      j.name("stale").value(true);
    }
    if (p.regression()) {
      j.name("regression").value(true);
    }
    j.name("data");
    if (last.isPresent()) {
      j.details(last.get().details());
    } else {
      j.beginObject().endObject();
    }
    j.endObject();
  }

  private static void tracker(JsonOut j, TrackerReport t) {
    WindowStats s = t.summary();
    j.beginObject();
    j.name("name").value(t.name());
    j.name("score").fixed(t.score(), 1);
    j.name("count").value(t.count());
    j.name("errors").value(t.errors());
    j.name("errorRate").fixed(s.errorRate(), 6);
    j.name("latencyMs").beginObject();
    j.name("p50").fixed(ms(s.p50Nanos()), 1);
    j.name("p95").fixed(ms(s.p95Nanos()), 1);
    j.name("p99").fixed(ms(s.p99Nanos()), 1);
    j.name("max").fixed(ms(s.maxNanos()), 1);
    j.endObject();
    availability(j, t.availability());
    if (t.regression()) {
      j.name("regression").value(true);
    }
    j.endObject();
  }

  /**
   * One objective: objective, compliance and budget left in percent, the latency threshold in
   * milliseconds (when it has one), its window as configuration writes it, burn rates as multiples.
   */
  private static void slo(JsonOut j, SloReport s) {
    j.beginObject();
    j.name("name").value(s.name());
    j.name("tracker").value(s.tracker());
    j.name("objective").fixed(s.objective() * 100.0, 4);
    if (s.latencyThreshold().isPresent()) {
      j.name("latencyMs").fixed(s.latencyThreshold().get().toNanos() / 1e6, 3);
    }
    j.name("window").value(Config.formatDuration(s.window()));
    j.name("total").value(s.total());
    j.name("bad").value(s.bad());
    j.name("compliance").fixed(s.compliance() * 100.0, 4);
    j.name("errorBudgetRemaining").fixed(s.errorBudgetRemaining() * 100.0, 2);
    j.name("burnRates").beginObject();
    for (Map.Entry<String, Double> e : s.burnRates().entrySet()) {
      j.name(e.getKey()).fixed(e.getValue() == null ? Double.NaN : e.getValue(), 3);
    }
    j.endObject();
    j.endObject();
  }

  private static void availability(JsonOut j, Map<String, Double> availability) {
    j.name("availability").beginObject();
    for (Map.Entry<String, Double> e : availability.entrySet()) {
      j.name(e.getKey()).fixed(e.getValue() * 100.0, 3);
    }
    j.endObject();
  }

  static double ms(long nanos) {
    return nanos / 1e6;
  }
}
