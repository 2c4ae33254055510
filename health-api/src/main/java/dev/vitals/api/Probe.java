package dev.vitals.api;

/**
 * A check of one thing the service depends on: a database, a cache, a downstream API.
 *
 * <p>A probe author writes only the check. The engine owns timing and failure: it runs
 * {@link #check()} on its own schedule and thread, under a timeout and a circuit breaker, measures
 * the latency, and turns a thrown exception, a {@code null} result or a timeout into a
 * {@link Status#DOWN} result with the reason. So a check may simply throw:
 *
 * <pre>{@code
 * Probe orders = Probe.of("orders-api", () -> {
 *   int code = client.ping();
 *   return code == 200 ? ProbeResult.up() : ProbeResult.down("ping answered " + code);
 * });
 * }</pre>
 *
 * <p><b>Threading.</b> The engine never runs two checks of the same probe at once, but successive
 * runs may happen on different threads. A check should honour interruption (the engine interrupts
 * it at its timeout) and should set its client's own timeouts below the probe timeout, since a
 * thread stuck in a socket read does not always answer an interrupt.
 */
public interface Probe {

  /**
   * The probe's name: unique in a monitor, used in URLs, JSON, metric labels and configuration
   * keys. It must follow {@link Names#RULE}: the monitor refuses a probe whose name does not.
   *
   * @return 1 to 63 letters, digits, {@code _} or {@code -}, starting with a letter or digit
   */
  String name();

  /**
   * Runs the check once.
   *
   * @return the result; never null (the engine reports a null as {@code DOWN})
   * @throws Exception any failure, reported as {@code DOWN} with the exception's message
   */
  ProbeResult check() throws Exception;

  /**
   * The type shown in reports, such as {@code jdbc} or {@code http}.
   *
   * @return the type; {@code custom} unless overridden
   */
  default String type() {
    return "custom";
  }

  /**
   * Settings this probe suggests: interval, timeout, kinds, criticality, budget. Configuration
   * given to the monitor overrides them, and the engine's defaults fill what is left.
   *
   * @return the probe's defaults; {@link ProbeDefaults#none()} unless overridden
   */
  default ProbeDefaults defaults() {
    return ProbeDefaults.none();
  }

  /**
   * A probe from a name and a check.
   *
   * @param name the probe's name
   * @param check the check to run
   * @return a probe of type {@code custom} with no defaults of its own
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the name does not follow {@link Names#RULE}
   */
  static Probe of(String name, Check check) {
    return of(name, "custom", check);
  }

  /**
   * A probe of a given type from a name and a check, for a {@link dev.vitals.api.spi.ProbeFactory}
   * whose probes report its type.
   *
   * @param name the probe's name
   * @param type the type shown in reports, such as {@code ping}
   * @param check the check to run
   * @return a probe with no defaults of its own
   * @throws NullPointerException if an argument is null
   * @throws IllegalArgumentException if the name does not follow {@link Names#RULE}
   */
  static Probe of(String name, String type, Check check) {
    Names.check(name, "probe");
    java.util.Objects.requireNonNull(type, "type");
    java.util.Objects.requireNonNull(check, "check");
    return new Probe() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public String type() {
        return type;
      }

      @Override
      public ProbeResult check() throws Exception {
        return check.check();
      }

      @Override
      public String toString() {
        return "Probe[" + name + "]";
      }
    };
  }

  /** The body of a probe, for {@link Probe#of(String, Check)}. */
  @FunctionalInterface
  interface Check {
    /**
     * Runs the check.
     *
     * @return the result
     * @throws Exception any failure
     */
    ProbeResult check() throws Exception;
  }
}
