package dev.vitals.lambda;

/**
 * The names of what {@code VitalsLambda} writes to CloudWatch in Embedded Metric Format records, and what
 * {@code CloudWatchDefinitions} draws and alarms on: one namespace ({@code vitals.lambda.namespace},
 * {@value #DEFAULT_NAMESPACE} by default), these metric names and these dimensions. A stable contract:
 * dashboards, alarms and queries users write rely on it.
 *
 * <p>Per invocation, one record with the dimension sets {@code [FunctionName]} and
 * {@code [FunctionName, FunctionVersion]}: {@value #INVOCATIONS} (1), {@value #DURATION} (ms, the
 * handler's own time, probes excluded), {@value #ERRORS} (0 or 1), {@value #COLD_START} (1 on an
 * execution environment's first invocation, else 0), {@value #INIT_DURATION} (ms, first invocation only:
 * from the process's start, or the SnapStart restore, to that invocation), {@value #PROBE_TIME} (ms
 * spent running due probes before the handler). Properties (not dimensions): {@value #REQUEST_ID},
 * {@value #ERROR_TYPE} when the handler threw, {@value #STATUS} (the monitor's overall status).
 *
 * <p>Per probe that produced a result during the invocation, one record with the dimension set
 * {@code [FunctionName, Probe]}: {@value #PROBE_UP} (1 when UP or DEGRADED, else 0),
 * {@value #PROBE_LATENCY} (ms) and {@value #PROBE_SCORE} (0 to 100), with the property
 * {@value #STATUS}.
 */
public final class LambdaMetrics {

  /** The namespace when {@code vitals.lambda.namespace} is not set. */
  public static final String DEFAULT_NAMESPACE = "Vitals";

  /** Dimension: the function's name ({@code Context.getFunctionName()}). */
  public static final String FUNCTION_NAME = "FunctionName";
  /** Dimension: the function's version ({@code Context.getFunctionVersion()}, {@code $LATEST} ...). */
  public static final String FUNCTION_VERSION = "FunctionVersion";
  /** Dimension: a probe's name. */
  public static final String PROBE = "Probe";

  /** Count: 1 per invocation. */
  public static final String INVOCATIONS = "Invocations";
  /** Milliseconds: the wrapped handler's duration. */
  public static final String DURATION = "Duration";
  /** Count: 1 when the handler threw, else 0. */
  public static final String ERRORS = "Errors";
  /** Count: 1 on the first invocation of an execution environment, else 0. */
  public static final String COLD_START = "ColdStart";
  /** Milliseconds: the init duration, on the first invocation only. */
  public static final String INIT_DURATION = "InitDuration";
  /** Milliseconds: time spent running due probes at the start of the invocation. */
  public static final String PROBE_TIME = "ProbeTime";
  /** Count: 1 when the probe is UP or DEGRADED, 0 when DOWN or UNKNOWN. */
  public static final String PROBE_UP = "ProbeUp";
  /** Milliseconds: the probe's last run. */
  public static final String PROBE_LATENCY = "ProbeLatency";
  /** None: the probe's score, 0 to 100. */
  public static final String PROBE_SCORE = "ProbeScore";

  /** Property: the invocation's request id. */
  public static final String REQUEST_ID = "RequestId";
  /** Property: the simple class name of what the handler threw. */
  public static final String ERROR_TYPE = "ErrorType";
  /** Property: a status ({@code UP}, {@code DEGRADED}, {@code DOWN}, {@code UNKNOWN}). */
  public static final String STATUS = "Status";

  private LambdaMetrics() {}
}
