package dev.vitals.lambda;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import java.nio.charset.StandardCharsets;

/**
 * The {@link Context} the Lambda runtime hands an invocation, as a test plays the runtime: a function name
 * and version, a request id and the time left until the invocation's deadline. Used by this module's
 * tests and by examples/aws-lambda's (a test jar). Immutable.
 */
public final class TestContext implements Context {
  private final String function;
  private final String version;
  private final String requestId;
  private final int remainingMillis;

  /**
   * A context.
   *
   * @param function the function's name
   * @param version its version ({@code $LATEST} ...)
   * @param requestId the invocation's request id
   * @param remainingMillis the time left, in milliseconds
   */
  public TestContext(String function, String version, String requestId, int remainingMillis) {
    this.function = function;
    this.version = version;
    this.requestId = requestId;
    this.remainingMillis = remainingMillis;
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
    return "2026/12/03/[" + version + "]test";
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
    return "arn:aws:lambda:us-east-1:123456789012:function:" + function;
  }

  @Override
  public CognitoIdentity getIdentity() {
    return null;
  }

  @Override
  public ClientContext getClientContext() {
    return null;
  }

  @Override
  public int getRemainingTimeInMillis() {
    return remainingMillis;
  }

  @Override
  public int getMemoryLimitInMB() {
    return 512;
  }

  @Override
  public LambdaLogger getLogger() {
    return new LambdaLogger() {
      @Override
      public void log(String message) {
        System.err.print(message);
      }

      @Override
      public void log(byte[] message) {
        System.err.print(new String(message, StandardCharsets.UTF_8));
      }
    };
  }
}
