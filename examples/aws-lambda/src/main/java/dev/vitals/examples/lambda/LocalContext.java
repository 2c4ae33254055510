package dev.vitals.examples.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;

/**
 * The {@link Context} {@link LocalRuntime} hands an invocation, as Lambda's: the time left counts down to
 * the invocation's deadline (its start plus the function's timeout). The logger writes to standard error,
 * so that standard output carries only what the function prints itself. Immutable.
 */
final class LocalContext implements Context {
  private final String function;
  private final String version;
  private final String requestId;
  private final int memoryMb;
  private final long deadlineNanos;
  private final PrintStream log;

  LocalContext(String function, String version, String requestId, int memoryMb, long deadlineNanos, PrintStream log) {
    this.function = function;
    this.version = version;
    this.requestId = requestId;
    this.memoryMb = memoryMb;
    this.deadlineNanos = deadlineNanos;
    this.log = log;
  }

  @Override
  public String getAwsRequestId() {
    return requestId;
  }

  @Override
  public String getLogGroupName() {
    return "/aws/lambda/" + function;
  }

  @Override
  public String getLogStreamName() {
    return "local/[" + version + "]" + ProcessHandle.current().pid();
  }

  @Override
  public String getFunctionName() {
    return function;
  }

  @Override
  public String getFunctionVersion() {
    return version;
  }

  @Override
  public String getInvokedFunctionArn() {
    return "arn:aws:lambda:local:000000000000:function:" + function;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  /** The milliseconds left until the deadline, 0 once it has passed. */
  @Override
  public int getRemainingTimeInMillis() {
    long left = (deadlineNanos - System.nanoTime()) / 1_000_000L;
    return (int) Math.max(0, Math.min(Integer.MAX_VALUE, left));
  }

  @Override
  public int getMemoryLimitInMB() {
    return memoryMb;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        log.print(message);
        log.flush();
      }

      @Override
      public void log(byte[] message) {
        log(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
