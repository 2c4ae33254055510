package dev.vitals.dropwizard;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.annotation.Async;
import com.codahale.metrics.health.jvm.ThreadDeadlockHealthCheck;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Redaction;
import dev.vitals.api.Status;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.Map;
import java.util.function.BooleanSupplier;

/** One Dropwizard health check as a probe; see {@link DropwizardProbes} for the contract. */
final class DropwizardProbe implements Probe {

  static final String REMOVED = "removed from the HealthCheckRegistry; not checked";

  private final String name;
  private final String checkName;
  private final HealthCheck check;
  /** Null, or true once the check was unregistered from the registry it came from. */
  private final BooleanSupplier removed;
  private final boolean async;
  private final ProbeDefaults defaults;

  DropwizardProbe(String name, String checkName, HealthCheck check, BooleanSupplier removed) {
    this.name = name;
    this.checkName = checkName;
    this.check = check;
    this.removed = removed;
    Async annotation = asyncAnnotation(check);
    this.async = annotation != null;
    ProbeDefaults.Builder d = ProbeDefaults.builder();
    boolean any = false;
    if (annotation != null) {
      // the registry runs it every period and keeps the result: reading it more often tells nothing new
      long millis = Math.max(100, annotation.unit().toMillis(annotation.period()));
      d.interval(Duration.ofMillis(Math.min(millis, Duration.ofDays(1).toMillis())));
      any = true;
    }
    if (unwrap(check) instanceof ThreadDeadlockHealthCheck) {
      d.kinds(ProbeKind.LIVENESS);
      any = true;
    }
    this.defaults = any ? d.build() : ProbeDefaults.none();
  }

  /**
   * The {@code @Async} annotation of a check, looking through the registry's decorator. The decorator is
   * recognised by its class name and reached by reflection, since it is public only in recent 4.2
   * releases; where it is not, the probe still reads the decorator's kept result, with the engine's
   * default interval.
   */
  private static Async asyncAnnotation(HealthCheck check) {
    HealthCheck inner = unwrap(check);
    return inner.getClass().getAnnotation(Async.class);
  }

  private static HealthCheck unwrap(HealthCheck check) {
    if (check.getClass().getName().equals("com.codahale.metrics.health.AsyncHealthCheckDecorator")) {
      try {
        Object inner = check.getClass().getMethod("getHealthCheck").invoke(check);
        if (inner instanceof HealthCheck) {
          return (HealthCheck) inner;
        }
      } catch (ReflectiveOperationException | RuntimeException e) {
        return check;
      }
    }
    return check;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public String type() {
    return DropwizardProbes.TYPE;
  }

  @Override
  public ProbeDefaults defaults() {
    return defaults;
  }

  @Override
  public ProbeResult check() {
    if (removed != null && removed.getAsBoolean()) {
      return ProbeResult.builder(Status.UP).message(REMOVED).detail("removed", true).build();
    }
    // execute() owns the check's exceptions: a throw is an unhealthy result with the error
    return toProbeResult(check.execute());
  }

  ProbeResult toProbeResult(HealthCheck.Result result) {
    if (result == null) {
      return null;                                   // the engine reports a null as DOWN
    }
    ProbeResult.Builder b = ProbeResult.builder(result.isHealthy() ? Status.UP : Status.DOWN);
    if (result.getMessage() != null) {
      b.message(Redaction.redact(result.getMessage()));
    }
    if (result.getError() != null) {
      b.error(result.getError());                    // type and message, redacted by the builder
    }
    Map<String, Object> details = result.getDetails();
    if (details != null) {
      for (Map.Entry<String, Object> e : details.entrySet()) {
        String key = e.getKey();
        if (key == null || key.isBlank() || e.getValue() == null) {
          continue;
        }
        // a detail named as a secret (password, token, api-key ...) is masked whatever its value
        b.detail(key, Redaction.isSecretName(key) ? Redaction.MASK : value(e.getValue()));
      }
    }
    if (!name.equals(checkName)) {
      b.detail(DropwizardProbes.CHECK_DETAIL, checkName);
    }
    if (async) {
      b.detail("async", true);
    }
    return b.build();
  }

  private static Object value(Object v) {
    if (v instanceof Boolean || v instanceof Integer || v instanceof Long || v instanceof Double
        || v instanceof Float || v instanceof Short || v instanceof Byte || v instanceof BigDecimal
        || v instanceof BigInteger) {
      return v;
    }
    return Redaction.redact(String.valueOf(v));
  }

  @Override
  public String toString() {
    return "DropwizardProbe[" + name + (name.equals(checkName) ? "" : " <- " + checkName) + "]";
  }
}
