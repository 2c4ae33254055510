package dev.vitals.microprofile;

import dev.vitals.api.Names;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Redaction;
import dev.vitals.api.Status;
import dev.vitals.microprofile.internal.ProbeCalls;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.EnumSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * MicroProfile Health checks as Vitals probes: a {@link HealthCheck} becomes a {@link Probe} that the
 * monitor runs in the background, on its own schedule, under its own timeout, circuit breaker, budget
 * and thresholds, and scores like any other probe.
 *
 * <pre>{@code
 * HealthMonitor monitor = HealthMonitor.builder()
 *     .probe(MicroProfileProbes.of("inventory", new InventoryCheck(), ProbeKind.READINESS))
 *     .build();
 * }</pre>
 *
 * <p>How a response maps: {@code UP} is {@link Status#UP}; {@code DOWN} is {@link Status#DOWN} with the
 * message {@code health check '<name>' answered DOWN}; the response's data become the result's details
 * ({@code String}, {@code Boolean} and JDK numbers as they are, anything else as its text), every string
 * passed through {@link Redaction} and the value of every key that {@link Redaction#isSecretName(String)}
 * calls secret replaced by {@link Redaction#MASK}. A check that throws, hangs past its timeout or returns
 * {@code null} is {@code DOWN}, as for every probe (the engine redacts the exception's message).
 *
 * <p>In a CDI application (Quarkus, or any container with this jar's {@code beans.xml}) nothing needs
 * to be called: every {@code @Liveness}, {@code @Readiness} and {@code @Startup} {@code HealthCheck}
 * bean is adapted this way (see the module's README).
 *
 * <p>Stateless and thread-safe; the probes it makes call their check on the engine's threads only.
 */
public final class MicroProfileProbes {

  /** The type the probes made here report: {@value}. */
  public static final String TYPE = "microprofile";

  private MicroProfileProbes() {}

  /**
   * A probe named after the check's own response: calls {@code check} <b>once, on the calling
   * thread</b>, to read the name of its {@link HealthCheckResponse}, made a probe name with
   * {@link #probeName(String)}. Use {@link #of(String, HealthCheck, ProbeKind, ProbeKind...)} for a
   * check that may be slow or hang.
   *
   * @param check the check, not null
   * @param first a kind the probe has (from the check's qualifier: {@code @Liveness} is
   *     {@link ProbeKind#LIVENESS}, {@code @Readiness} {@link ProbeKind#READINESS}, {@code @Startup}
   *     {@link ProbeKind#STARTUP})
   * @param more further kinds
   * @return a probe of type {@value #TYPE} that suggests those kinds
   * @throws NullPointerException if an argument is null, or the check answers {@code null} or a
   *     response without a name
   * @throws RuntimeException whatever the check throws
   */
  public static Probe of(HealthCheck check, ProbeKind first, ProbeKind... more) {
    Objects.requireNonNull(check, "check");
    HealthCheckResponse response;
    ProbeCalls.enter();
    try {
      response = check.call();
    } finally {
      ProbeCalls.exit();
    }
    Objects.requireNonNull(response, "the health check " + check.getClass().getName() + " answered null");
    return of(probeName(Objects.requireNonNull(response.getName(), "the name of its response")), check, first,
        more);
  }

  /**
   * A probe with a given name.
   *
   * @param name the probe's name, following {@link Names#RULE}
   * @param check the check, not null
   * @param first a kind the probe has
   * @param more further kinds
   * @return a probe of type {@value #TYPE} that suggests those kinds
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the name does not follow {@link Names#RULE}
   */
  public static Probe of(String name, HealthCheck check, ProbeKind first, ProbeKind... more) {
    Names.check(name, "probe");
    Objects.requireNonNull(check, "check");
    Objects.requireNonNull(first, "first");
    Set<ProbeKind> kinds = EnumSet.of(first);
    for (ProbeKind k : Objects.requireNonNull(more, "more")) {
      kinds.add(Objects.requireNonNull(k, "kind"));
    }
    ProbeKind[] rest = kinds.stream().skip(1).toArray(ProbeKind[]::new);
    ProbeDefaults defaults = ProbeDefaults.builder().kinds(kinds.iterator().next(), rest).build();
    return new CheckProbe(name, check, defaults);
  }

  /**
   * The probe name for a check's response name: every run of characters that {@link Names#RULE} does
   * not allow becomes one {@code -}, leading and trailing {@code -} and {@code _} are dropped, and the
   * result is cut to {@value Names#MAX_LENGTH} characters; {@code check} when nothing is left. So
   * {@code "Database connections"} gives {@code Database-connections} and {@code "orders.api"} gives
   * {@code orders-api}.
   *
   * @param responseName the name a {@link HealthCheckResponse} carries, not null
   * @return a name that follows {@link Names#RULE}
   */
  public static String probeName(String responseName) {
    Objects.requireNonNull(responseName, "responseName");
    StringBuilder sb = new StringBuilder(Math.min(responseName.length(), Names.MAX_LENGTH));
    boolean gap = false;
    for (int i = 0; i < responseName.length() && sb.length() < Names.MAX_LENGTH; i++) {
      char c = responseName.charAt(i);
      boolean allowed = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-';
      if (!allowed) {
        gap = true;
        continue;
      }
      if (gap && sb.length() > 0) {
        sb.append('-');
      }
      gap = false;
      if (sb.length() < Names.MAX_LENGTH) {
        sb.append(c);
      }
    }
    int start = 0;
    while (start < sb.length() && (sb.charAt(start) == '-' || sb.charAt(start) == '_')) {
      start++;
    }
    int end = Math.min(sb.length(), start + Names.MAX_LENGTH);
    while (end > start && (sb.charAt(end - 1) == '-' || sb.charAt(end - 1) == '_')) {
      end--;
    }
    String name = sb.substring(start, end);
    return name.isEmpty() ? "check" : name;
  }

  /**
   * The result for a check's response: see the class description.
   *
   * @param response the response, or null
   * @return the result
   */
  static ProbeResult result(HealthCheckResponse response) {
    if (response == null) {
      return ProbeResult.down("the health check answered null instead of a response");
    }
    boolean up = response.getStatus() == HealthCheckResponse.Status.UP;
    ProbeResult.Builder b = ProbeResult.builder(up ? Status.UP : Status.DOWN);
    if (!up) {
      b.message("health check '" + response.getName() + "' answered " + response.getStatus());
    }
    Map<String, Object> data = response.getData().orElse(Map.of());
    for (Map.Entry<String, Object> e : data.entrySet()) {
      String key = e.getKey();
      Object value = e.getValue();
      if (key == null || key.isBlank() || value == null) {
        continue;
      }
      if (Redaction.isSecretName(key)) {
        b.detail(key, Redaction.MASK);
      } else if (value instanceof String || value instanceof Boolean || value instanceof Long
          || value instanceof Integer || value instanceof Double || value instanceof Float
          || value instanceof Short || value instanceof Byte || value instanceof BigDecimal
          || value instanceof BigInteger) {
        b.detail(key, value);
      } else {
        b.detail(key, String.valueOf(value));
      }
    }
    return b.build();
  }

  /** A check run as a probe; marks its calls so the CDI decorator lets them through. */
  private static final class CheckProbe implements Probe {
    private final String name;
    private final HealthCheck check;
    private final ProbeDefaults defaults;

    CheckProbe(String name, HealthCheck check, ProbeDefaults defaults) {
      this.name = name;
      this.check = check;
      this.defaults = defaults;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String type() {
      return TYPE;
    }

    @Override
    public ProbeDefaults defaults() {
      return defaults;
    }

    @Override
    public ProbeResult check() {
      ProbeCalls.enter();
      try {
        return result(check.call());
      } finally {
        ProbeCalls.exit();
      }
    }

    @Override
    public String toString() {
      return "MicroProfileProbe[" + name + "]";
    }
  }
}
