package dev.vitals.spring.boot.internal;

import dev.vitals.api.HealthReport;
import dev.vitals.api.Names;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Redaction;
import dev.vitals.api.Status;
import dev.vitals.core.HealthMonitor;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;

/**
 * The rules both Boot lines' bridges share, in one place: how a Spring health answer becomes a Vitals
 * {@link ProbeResult}, how a Vitals report becomes a Spring health answer, the status order and the HTTP codes.
 * Used by the starter's own bridges; no part of Vitals' API. Stateless and thread-safe.
 *
 * <p>Spring to Vitals: {@code UP} is {@code UP}; {@code DEGRADED} is {@code DEGRADED}; {@code DOWN},
 * {@code OUT_OF_SERVICE}, {@code UNKNOWN} and any other code are {@code DOWN} (a check that cannot say that its
 * dependency works does not count as available, as Vitals' own {@code UNKNOWN} does not); details become the
 * result's data (nested maps flattened to {@code a.b} keys, other values as text, every text redacted, the value
 * of a secret-named key masked). Vitals to Spring: {@code UP}, {@code DEGRADED}, {@code DOWN} and {@code UNKNOWN}
 * (no result yet) keep their names.
 */
public final class HealthBridge {

  /** The custom status Vitals adds to Actuator's. */
  public static final String DEGRADED = "DEGRADED";

  /** Actuator's status order with Vitals' statuses: most severe first. */
  public static final List<String> STATUS_ORDER = List.of("DOWN", "OUT_OF_SERVICE", "UNKNOWN", DEGRADED, "UP");

  /** The HTTP code of each status, as Vitals' own {@code /health} answers. */
  public static final Map<String, Integer> HTTP_CODES = Map.of("DOWN", 503, "OUT_OF_SERVICE", 503, "UNKNOWN", 503,
      DEGRADED, 200, "UP", 200);

  /** The type Vitals reports for a probe made from a health indicator. */
  public static final String TYPE = "actuator";

  private HealthBridge() {}

  /**
   * A probe that runs a Spring health check.
   *
   * @param name the probe's name ({@link #probeName(String)})
   * @param check the check, returning the indicator's answer (null is reported as {@code DOWN})
   * @return a probe of type {@value #TYPE}
   */
  public static Probe probe(String name, Callable<SpringHealth> check) {
    return Probe.of(name, TYPE, () -> {
      SpringHealth h = check.call();
      if (h == null) {
        return ProbeResult.down("the health indicator returned no health");
      }
      return result(h);
    });
  }

  /**
   * A Spring health answer as a probe result.
   *
   * @param health the answer
   * @return the result (see the class documentation)
   */
  public static ProbeResult result(SpringHealth health) {
    String code = health.code();
    Status status = "UP".equals(code) ? Status.UP : DEGRADED.equals(code) ? Status.DEGRADED : Status.DOWN;
    ProbeResult.Builder b = ProbeResult.builder(status);
    if (status != Status.UP) {
      Object error = health.details().get("error");
      b.message("the health indicator answered " + code + (error != null ? ": " + error : ""));
    }
    flatten("", health.details(), b, 0);
    return b.build();
  }

  private static void flatten(String prefix, Map<?, ?> details, ProbeResult.Builder b, int depth) {
    for (Map.Entry<?, ?> e : details.entrySet()) {
      Object v = e.getValue();
      String key = prefix + e.getKey();
      if (v == null || key.isBlank()) {
        continue;
      }
      if (Redaction.isSecretName(String.valueOf(e.getKey()))) {
        b.detail(key, Redaction.MASK);
      } else if (v instanceof Map<?, ?> m && depth < 4) {
        flatten(key + ".", m, b, depth + 1);
      } else if (v instanceof String || v instanceof Boolean || v instanceof Integer || v instanceof Long
          || v instanceof Double || v instanceof Float || v instanceof Short || v instanceof Byte
          || v instanceof BigDecimal || v instanceof BigInteger) {
        b.detail(key, v);
      } else {
        b.detail(key, String.valueOf(v));
      }
    }
  }

  /**
   * The probe name for a Spring contributor name: the name itself when it follows {@link Names#RULE}, else
   * with every other character replaced by {@code -} and cut to {@value Names#MAX_LENGTH} characters.
   *
   * @param springName a contributor name such as {@code db} or {@code diskSpace}
   * @return a valid probe name
   */
  public static String probeName(String springName) {
    if (Names.isValid(springName)) {
      return springName;
    }
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < springName.length() && sb.length() < Names.MAX_LENGTH; i++) {
      char c = springName.charAt(i);
      boolean ok = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
      sb.append(ok ? c : '-');
    }
    while (sb.length() > 0 && !Character.isLetterOrDigit(sb.charAt(0))) {
      sb.deleteCharAt(0);
    }
    return sb.length() == 0 ? "indicator" : sb.toString();
  }

  /**
   * The probe name of a composite's member: {@code parent-child}.
   *
   * @param parent the parent's probe name
   * @param child the member's Spring name
   * @return a valid probe name
   */
  public static String childName(String parent, String child) {
    return probeName(parent + "-" + child);
  }

  /**
   * The monitor's latest report, when it has started.
   *
   * @param monitor the monitor
   * @return the report, empty before {@link HealthMonitor#start()}
   */
  public static Optional<HealthReport> report(HealthMonitor monitor) {
    try {
      return Optional.of(monitor.report());
    } catch (IllegalStateException notStarted) {
      return Optional.empty();
    }
  }

  /**
   * One probe's state from the monitor's latest report, never running it.
   *
   * @param monitor the monitor
   * @param probe the probe's name
   * @return the answer: the probe's status (a non-critical probe that is {@code DOWN} shows {@code DEGRADED}, as
   *     it counts in Vitals' service status; {@code vitals.status} keeps the probe's own), the data of its latest result and its Vitals figures under
   *     {@code vitals}; {@code UNKNOWN} before the first result
   */
  public static SpringHealth probeHealth(HealthMonitor monitor, String probe) {
    Optional<HealthReport> report = report(monitor);
    Optional<ProbeReport> p = report.flatMap(r -> r.probe(probe));
    if (p.isEmpty()) {
      Map<String, Object> vitals = new LinkedHashMap<>();
      vitals.put("status", Status.UNKNOWN.name());
      vitals.put("message", report.isEmpty() ? "the monitor has not started" : "no such Vitals probe: " + probe);
      return new SpringHealth("UNKNOWN", Map.of("vitals", vitals));
    }
    return probeHealth(p.get());
  }

  /**
   * A probe's report as a Spring health answer.
   *
   * @param p the probe's report
   * @return the answer
   */
  public static SpringHealth probeHealth(ProbeReport p) {
    Map<String, Object> details = new LinkedHashMap<>();
    Map<String, Object> vitals = new LinkedHashMap<>();
    vitals.put("status", p.status().name());
    vitals.put("score", Math.round(p.score() * 10) / 10.0);
    vitals.put("critical", p.critical());
    List<String> kinds = new ArrayList<>();
    for (ProbeKind k : p.kinds()) {
      kinds.add(k.id());
    }
    vitals.put("kinds", kinds);
    vitals.put("since", p.since().toString());
    if (p.stale()) {
      vitals.put("stale", true);
    }
    if (p.lastResult().isPresent()) {
      ProbeResult r = p.lastResult().get();
      details.putAll(r.details());
      r.time().ifPresent(t -> vitals.put("time", t.toString()));
      r.latency().ifPresent(d -> vitals.put("latencyMs", d.toNanos() / 1_000_000.0));
      r.message().ifPresent(m -> vitals.put("message", m));
      r.error().ifPresent(m -> vitals.put("error", m));
    } else {
      vitals.put("message", "no result yet");
    }
    details.put("vitals", vitals);
    // what the probe contributes to the service, as the engine aggregates: a non-critical probe at most DEGRADED
    Status shown = !p.critical() && p.status() == Status.DOWN ? Status.DEGRADED : p.status();
    return new SpringHealth(code(shown), details);
  }

  /**
   * A group of Vitals' report (liveness, readiness, startup) as a Spring health answer, combined with Spring's own
   * availability state for it (so that one answer tells the story of both), in Actuator's standard codes
   * ({@link #availabilityCode(ProbeKind, Status)}; {@code vitals.status} in the details keeps Vitals' own). For
   * liveness only {@code DOWN} counts (before a probe's first result the process must not be restarted), and a
   * stalled engine is {@code DOWN}.
   *
   * @param monitor the monitor
   * @param kind the group
   * @param spring Spring's answer for the same state ({@code livenessState} or {@code readinessState}), or null
   * @return the more severe of the two, with Spring's details, the Vitals group's status and its members' statuses
   */
  public static SpringHealth groupHealth(HealthMonitor monitor, ProbeKind kind, SpringHealth spring) {
    Map<String, Object> details = new LinkedHashMap<>();
    if (spring != null) {
      details.putAll(spring.details());
    }
    Optional<HealthReport> report = report(monitor);
    String code;
    Map<String, Object> vitals = new LinkedHashMap<>();
    if (report.isEmpty()) {
      code = availabilityCode(kind, Status.UNKNOWN);
      vitals.put("status", Status.UNKNOWN.name());
      vitals.put("message", "the monitor has not started");
    } else {
      HealthReport r = report.get();
      Status s = r.status(kind);
      if (kind == ProbeKind.LIVENESS && r.stalled(Instant.now())) {
        s = Status.DOWN;
        vitals.put("message", "the monitor has published no report since " + r.time() + ": its scheduler is stalled");
      }
      code = availabilityCode(kind, s);
      vitals.put("status", s.name());
      Map<String, Object> members = new LinkedHashMap<>();
      for (ProbeReport p : r.probes(kind)) {
        members.put(p.name(), p.status().name());
      }
      vitals.put("probes", members);
      List<String> draining = new ArrayList<>();
      for (String problem : r.problems()) {
        if (problem.startsWith("draining")) {
          draining.add(problem);
        }
      }
      if (!draining.isEmpty() && kind != ProbeKind.LIVENESS) {
        vitals.put("message", draining.get(0));
      }
    }
    details.put("vitals", vitals);
    return new SpringHealth(spring == null ? code : worse(spring.code(), code), details);
  }

  /**
   * A Vitals group's status in Actuator's standard codes only, because Boot's own liveness and readiness groups
   * aggregate and map with Actuator's defaults (which know neither {@code DEGRADED} nor an {@code UNKNOWN} that
   * fails): liveness is {@code DOWN} only when Vitals' liveness is; readiness and startup are {@code UP} for
   * {@code UP} and {@code DEGRADED} (both take traffic, 200), {@code OUT_OF_SERVICE} before the first result
   * (503: not ready yet), {@code DOWN} for {@code DOWN}.
   *
   * @param kind the group
   * @param s Vitals' status of the group
   * @return {@code UP}, {@code OUT_OF_SERVICE} or {@code DOWN}
   */
  public static String availabilityCode(ProbeKind kind, Status s) {
    if (s == Status.DOWN) {
      return "DOWN";
    }
    if (kind == ProbeKind.LIVENESS || s.isAvailable()) {
      return "UP";
    }
    return "OUT_OF_SERVICE";
  }

  /**
   * The more severe of two status codes in {@link #STATUS_ORDER}; a code outside it counts as less severe
   * than every code in it.
   *
   * @param a a code
   * @param b another
   * @return the more severe
   */
  public static String worse(String a, String b) {
    int ia = STATUS_ORDER.indexOf(a);
    int ib = STATUS_ORDER.indexOf(b);
    if (ia < 0) {
      return b;
    }
    if (ib < 0) {
      return a;
    }
    return ia <= ib ? a : b;
  }

  /**
   * The order the status aggregator uses: the user's {@code management.endpoint.health.status.order} when given,
   * else {@link #STATUS_ORDER}.
   *
   * @param configured the configured order, possibly null or empty
   * @return the order, most severe first
   */
  public static List<String> order(Collection<String> configured) {
    return configured == null || configured.isEmpty() ? STATUS_ORDER : List.copyOf(configured);
  }

  /**
   * The HTTP codes the status mapper uses: {@link #HTTP_CODES}, with the user's
   * {@code management.endpoint.health.status.http-mapping.*} entries on top.
   *
   * @param configured the configured mapping, possibly null
   * @return the mapping
   */
  public static Map<String, Integer> httpCodes(Map<String, Integer> configured) {
    Map<String, Integer> m = new LinkedHashMap<>(HTTP_CODES);
    if (configured != null) {
      for (Map.Entry<String, Integer> e : configured.entrySet()) {
        m.put(e.getKey().toUpperCase(java.util.Locale.ROOT).replace('-', '_'), e.getValue());
      }
    }
    return m;
  }

  /**
   * The user's {@code management.endpoint.health.status.order}, read with Spring's binder.
   *
   * @param environment the application's environment
   * @return the configured order, or null
   */
  public static List<String> configuredOrder(org.springframework.core.env.Environment environment) {
    return org.springframework.boot.context.properties.bind.Binder.get(environment)
        .bind("management.endpoint.health.status.order",
            org.springframework.boot.context.properties.bind.Bindable.listOf(String.class))
        .orElse(null);
  }

  /**
   * The user's {@code management.endpoint.health.status.http-mapping.*}, read with Spring's binder.
   *
   * @param environment the application's environment
   * @return the configured mapping, or null
   */
  public static Map<String, Integer> configuredHttpCodes(org.springframework.core.env.Environment environment) {
    return org.springframework.boot.context.properties.bind.Binder.get(environment)
        .bind("management.endpoint.health.status.http-mapping",
            org.springframework.boot.context.properties.bind.Bindable.mapOf(String.class, Integer.class))
        .orElse(null);
  }

  /**
   * Whether a {@code vitals.spring.*} switch is on (default on).
   *
   * @param environment the application's environment
   * @param key the key
   * @return its value, true when absent
   */
  public static boolean on(org.springframework.core.env.Environment environment, String key) {
    return !"false".equalsIgnoreCase(environment.getProperty(key, "true").trim());
  }

  private static String code(Status s) {
    return s == Status.DEGRADED ? DEGRADED : s.name();
  }
}
