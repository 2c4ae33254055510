package dev.vitals.microprofile.internal;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * Vitals' report as MicroProfile Health responses. MicroProfile knows {@code UP} and {@code DOWN} only,
 * and data values of type {@code String}, {@code long} and {@code boolean}; so:
 *
 * <ul>
 *   <li>a probe is {@code UP} when it is available ({@code UP} or {@code DEGRADED}), and also when it is
 *       not critical (its {@code DOWN} degrades the service in Vitals, it does not take it down);
 *       {@code UNKNOWN} (no result yet) is {@code DOWN}, except for a liveness-only check, as Vitals'
 *       own {@code /health/live} answers;
 *   <li>its data carry Vitals' figures: {@code status} (Vitals' own, {@code DEGRADED} included),
 *       {@code score}, {@code latencyMs}, {@code p95Ms} and {@code errorRate} as decimal text,
 *       {@code critical}, {@code since}, {@code stale} (when it is), {@code message} and {@code error}, then
 *       the details of its latest result (the check's own data; already redacted).
 * </ul>
 *
 * Internal: no part of the API. Stateless and thread-safe.
 */
public final class Responses {

  private Responses() {}

  /**
   * The answer for one probe.
   *
   * @param responseName the name the response carries
   * @param p the probe's report
   * @return the response
   */
  public static HealthCheckResponse forProbe(String responseName, ProbeReport p) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("status", p.status().name());
    data.put("type", p.type());
    data.put("score", decimal(p.score(), 1));
    data.put("critical", p.critical());
    Optional<ProbeResult> last = p.lastResult();
    last.flatMap(ProbeResult::latency).ifPresent(d -> data.put("latencyMs", decimal(d.toNanos() / 1e6, 3)));
    if (p.summary().count() > 0) {
      data.put("p95Ms", decimal(p.summary().p95Nanos() / 1e6, 3));
      data.put("errorRate", decimal(p.summary().errorRate(), 4));
    }
    data.put("since", p.since().toString());
    if (p.stale()) {
      data.put("stale", true);
    }
    last.flatMap(ProbeResult::message).ifPresent(m -> data.put("message", m));
    last.flatMap(ProbeResult::error).ifPresent(e -> data.put("error", e));
    last.ifPresent(r -> {
      for (Map.Entry<String, Object> d : r.details().entrySet()) {
        data.putIfAbsent(d.getKey(), dataValue(d.getValue()));
      }
    });
    return new HealthCheckResponse(responseName, up(p) ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
        Optional.of(data));
  }

  /**
   * The answer for an adapted check before Vitals has its report (the monitor is not started yet).
   *
   * @param responseName the name the response carries
   * @param livenessOnly whether the check is in the liveness group only
   * @return {@code UP} for a liveness-only check, else {@code DOWN}; data {@code status: UNKNOWN}
   */
  public static HealthCheckResponse unknown(String responseName, boolean livenessOnly) {
    return new HealthCheckResponse(responseName,
        livenessOnly ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
        Optional.of(Map.of("status", Status.UNKNOWN.name(), "message", "no result from Vitals yet")));
  }

  /**
   * Vitals' own probes of one group (those that are not adapted MicroProfile checks, which answer under
   * their own names) as one response named {@code vitals-<group>} ({@code vitals-liveness},
   * {@code vitals-readiness}, {@code vitals-startup}): {@code DOWN} when one of them would make the group
   * unavailable, with {@code <probe>.status}, {@code <probe>.score}, {@code <probe>.latencyMs} and
   * {@code <probe>.message} in the data, their number as {@code probes}, and the service's score as
   * {@code serviceScore}.
   *
   * @param report the latest report
   * @param kind the group
   * @param adapted the names of the probes to leave out
   * @return the response named {@code vitals-<group>}
   */
  public static HealthCheckResponse forGroup(HealthReport report, ProbeKind kind, Set<String> adapted) {
    Map<String, Object> data = new LinkedHashMap<>();
    data.put("serviceScore", decimal(report.score(), 1));
    boolean up = true;
    long count = 0;
    for (ProbeReport p : report.probes(kind)) {
      if (adapted.contains(p.name())) {
        continue;
      }
      count++;
      String n = p.name();
      data.put(n + ".status", p.status().name());
      data.put(n + ".score", decimal(p.score(), 1));
      p.lastResult().flatMap(ProbeResult::latency)
          .ifPresent(d -> data.put(n + ".latencyMs", decimal(d.toNanos() / 1e6, 3)));
      if (p.status() != Status.UP) {
        p.lastResult().flatMap(ProbeResult::message).ifPresent(m -> data.put(n + ".message", m));
      }
      up &= kind == ProbeKind.LIVENESS && p.status() == Status.UNKNOWN || up(p);
    }
    data.put("probes", count);
    return new HealthCheckResponse(groupName(kind), up ? HealthCheckResponse.Status.UP : HealthCheckResponse.Status.DOWN,
        Optional.of(data));
  }

  /** The answer before the monitor has started: {@code UP} for liveness, else {@code DOWN}. */
  static HealthCheckResponse groupUnknown(ProbeKind kind) {
    return unknown(groupName(kind), kind == ProbeKind.LIVENESS);
  }

  /** {@code vitals-liveness}, {@code vitals-readiness} or {@code vitals-startup}. */
  static String groupName(ProbeKind kind) {
    return "vitals-" + kind.id();
  }

  private static boolean up(ProbeReport p) {
    if (p.status() == Status.UNKNOWN) {
      return p.kinds().equals(Set.of(ProbeKind.LIVENESS));
    }
    return p.status().isAvailable() || !p.critical();
  }

  private static Object dataValue(Object v) {
    if (v instanceof String || v instanceof Boolean || v instanceof Long) {
      return v;
    }
    if (v instanceof Integer || v instanceof Short || v instanceof Byte) {
      return ((Number) v).longValue();
    }
    return String.valueOf(v);
  }

  private static String decimal(double value, int places) {
    return String.format(Locale.ROOT, "%." + places + "f", value);
  }
}
