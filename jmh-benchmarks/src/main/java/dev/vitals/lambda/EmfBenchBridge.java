package dev.vitals.lambda;

/**
 * Benchmarks only (never published): VitalsLambda's package-private EMF writer, reached from
 * {@code dev.vitals.bench.LambdaBenchmark} so that one record is measured beside the official library's.
 * Lives in the writer's package on the benchmarks' class path; calls it unchanged. Immutable.
 */
public final class EmfBenchBridge {

  private final EmfRecords records;

  /**
   * A writer for a namespace.
   *
   * @param namespace the CloudWatch namespace
   */
  public EmfBenchBridge(String namespace) {
    this.records = new EmfRecords(namespace);
  }

  /**
   * The record of one invocation, exactly as the wrapper writes it.
   *
   * @param timestampMillis when it started, epoch milliseconds
   * @param function the function's name
   * @param version the function's version
   * @param durationNanos the handler's duration
   * @param error whether the handler threw
   * @param errorType what it threw, or null
   * @param coldStart whether it is a cold start
   * @param initNanos the init duration, or negative
   * @param probeNanos the time spent on probes
   * @param requestId the request id, or null
   * @param status the monitor's status
   * @return one line of JSON, without the line end
   */
  public String invocation(long timestampMillis, String function, String version, long durationNanos,
      boolean error, String errorType, boolean coldStart, long initNanos, long probeNanos, String requestId,
      String status) {
    return records.invocation(timestampMillis, function, version, durationNanos, error, errorType, coldStart,
        initNanos, probeNanos, requestId, status);
  }
}
