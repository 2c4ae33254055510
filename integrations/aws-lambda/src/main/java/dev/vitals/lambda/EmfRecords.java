package dev.vitals.lambda;

import static dev.vitals.lambda.LambdaMetrics.COLD_START;
import static dev.vitals.lambda.LambdaMetrics.DURATION;
import static dev.vitals.lambda.LambdaMetrics.ERRORS;
import static dev.vitals.lambda.LambdaMetrics.ERROR_TYPE;
import static dev.vitals.lambda.LambdaMetrics.FUNCTION_NAME;
import static dev.vitals.lambda.LambdaMetrics.FUNCTION_VERSION;
import static dev.vitals.lambda.LambdaMetrics.INIT_DURATION;
import static dev.vitals.lambda.LambdaMetrics.INVOCATIONS;
import static dev.vitals.lambda.LambdaMetrics.PROBE;
import static dev.vitals.lambda.LambdaMetrics.PROBE_LATENCY;
import static dev.vitals.lambda.LambdaMetrics.PROBE_SCORE;
import static dev.vitals.lambda.LambdaMetrics.PROBE_TIME;
import static dev.vitals.lambda.LambdaMetrics.PROBE_UP;
import static dev.vitals.lambda.LambdaMetrics.REQUEST_ID;
import static dev.vitals.lambda.LambdaMetrics.STATUS;

import dev.vitals.api.spi.JsonText;

/**
 * Writes CloudWatch Embedded Metric Format records, one JSON object per line, by hand: a record is a
 * few hundred bytes, built in microseconds without a JSON library (the official
 * {@code aws-embedded-metrics} library brings Jackson and four other jars into the function's package
 * and its class loading into the cold start). Every string goes through {@link JsonText}; numbers are
 * plain decimals (never exponents, never NaN). Values that could grow (an error's class name, a request
 * id) are cut to {@value #MAX_VALUE} characters, so a record stays far below CloudWatch's 256 KB event
 * limit. Immutable and thread-safe.
 */
final class EmfRecords {

  /** The longest property value written. */
  static final int MAX_VALUE = 256;

  private final String directiveStart;

  EmfRecords(String namespace) {
    this.directiveStart = "{\"Namespace\":" + JsonText.quote(namespace) + ",\"Dimensions\":";
  }

  /**
   * The record of one invocation.
   *
   * @param timestampMillis when it started, epoch milliseconds
   * @param function the function's name
   * @param version the function's version
   * @param durationNanos the handler's duration
   * @param error whether the handler threw
   * @param errorType what it threw (a simple class name), or null
   * @param coldStart whether this is the execution environment's first invocation
   * @param initNanos the init duration, or a negative number when not known or not a cold start
   * @param probeNanos time spent running due probes
   * @param requestId the request id, or null
   * @param status the monitor's overall status
   * @param sb where the record goes: one line of JSON, without the line end
   */
  void invocation(StringBuilder sb, long timestampMillis, String function, String version, long durationNanos, boolean error,
      String errorType, boolean coldStart, long initNanos, long probeNanos, String requestId, String status) {
    sb.append("{\"_aws\":{\"Timestamp\":").append(timestampMillis).append(",\"CloudWatchMetrics\":[")
        .append(directiveStart)
        .append("[[\"").append(FUNCTION_NAME).append("\"],[\"").append(FUNCTION_NAME).append("\",\"")
        .append(FUNCTION_VERSION).append("\"]],\"Metrics\":[");
    metric(sb, INVOCATIONS, "Count").append(',');
    metric(sb, DURATION, "Milliseconds").append(',');
    metric(sb, ERRORS, "Count").append(',');
    metric(sb, COLD_START, "Count").append(',');
    if (initNanos >= 0) {
      metric(sb, INIT_DURATION, "Milliseconds").append(',');
    }
    metric(sb, PROBE_TIME, "Milliseconds");
    sb.append("]}]}");
    string(sb, FUNCTION_NAME, function);
    string(sb, FUNCTION_VERSION, version);
    sb.append(",\"").append(INVOCATIONS).append("\":1");
    millis(sb, DURATION, durationNanos);
    sb.append(",\"").append(ERRORS).append("\":").append(error ? 1 : 0);
    sb.append(",\"").append(COLD_START).append("\":").append(coldStart ? 1 : 0);
    if (initNanos >= 0) {
      millis(sb, INIT_DURATION, initNanos);
    }
    millis(sb, PROBE_TIME, probeNanos);
    if (requestId != null) {
      string(sb, REQUEST_ID, requestId);
    }
    if (errorType != null) {
      string(sb, ERROR_TYPE, errorType);
    }
    string(sb, STATUS, status);
    sb.append('}');
  }

  /**
   * The record of one probe's result.
   *
   * @param timestampMillis when the invocation started, epoch milliseconds
   * @param function the function's name
   * @param probe the probe's name
   * @param up whether it is UP or DEGRADED
   * @param latencyNanos its last run's latency
   * @param score its score, 0 to 100
   * @param status its status
   * @param sb where the record goes: one line of JSON, without the line end
   */
  void probe(StringBuilder sb, long timestampMillis, String function, String probe, boolean up, long latencyNanos, double score,
      String status) {
    sb.append("{\"_aws\":{\"Timestamp\":").append(timestampMillis).append(",\"CloudWatchMetrics\":[")
        .append(directiveStart)
        .append("[[\"").append(FUNCTION_NAME).append("\",\"").append(PROBE).append("\"]],\"Metrics\":[");
    metric(sb, PROBE_UP, "Count").append(',');
    metric(sb, PROBE_LATENCY, "Milliseconds").append(',');
    metric(sb, PROBE_SCORE, "None");
    sb.append("]}]}");
    string(sb, FUNCTION_NAME, function);
    string(sb, PROBE, probe);
    sb.append(",\"").append(PROBE_UP).append("\":").append(up ? 1 : 0);
    millis(sb, PROBE_LATENCY, latencyNanos);
    sb.append(",\"").append(PROBE_SCORE).append("\":");
    decimal(sb, Math.round(Math.max(0, Math.min(100, score)) * 10), 1);
    string(sb, STATUS, status);
    sb.append('}');
  }

  private static StringBuilder metric(StringBuilder sb, String name, String unit) {
    return sb.append("{\"Name\":\"").append(name).append("\",\"Unit\":\"").append(unit).append("\"}");
  }

  private static void string(StringBuilder sb, String key, String value) {
    sb.append(",\"").append(key).append("\":");
    JsonText.appendQuoted(sb, value.length() > MAX_VALUE ? value.substring(0, MAX_VALUE) : value);
  }

  /** Milliseconds with three decimals (microseconds), from nanoseconds; negative counts as zero. */
  private static void millis(StringBuilder sb, String key, long nanos) {
    sb.append(",\"").append(key).append("\":");
    decimal(sb, (Math.max(0, nanos) + 500) / 1_000, 3);
  }

  /** {@code units / 10^decimals} as a plain decimal: 12345 with 3 is 12.345. */
  static void decimal(StringBuilder sb, long units, int decimals) {
    long scale = decimals == 3 ? 1_000 : 10;
    sb.append(units / scale).append('.');
    String frac = Long.toString(units % scale);
    for (int i = frac.length(); i < decimals; i++) {
      sb.append('0');
    }
    sb.append(frac);
  }
}
