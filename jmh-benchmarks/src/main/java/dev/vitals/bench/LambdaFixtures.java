package dev.vitals.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.vitals.core.HealthMonitor;
import dev.vitals.lambda.VitalsLambda;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import software.amazon.cloudwatchlogs.emf.environment.LambdaEnvironment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/**
 * What the Lambda benchmarks share: a trivial function, the {@link Context} the runtime would hand it, an
 * output that counts bytes instead of sending them to CloudWatch Logs, VitalsLambda's wrapper built as a
 * function builds it, and the official {@code aws-embedded-metrics} library writing the record VitalsLambda
 * writes.
 */
final class LambdaFixtures {

  static final String FUNCTION = "orders";
  static final String VERSION = "$LATEST";
  /** How many distinct inputs and contexts the warm benchmarks cycle through. */
  static final int INPUTS = 64;
  static final int MASK = INPUTS - 1;

  private LambdaFixtures() {}

  /** The function: builds a short answer from its input and context, as any handler does. */
  static final class Orders implements RequestHandler<String, String> {
    @Override
    public String handleRequest(String input, Context context) {
      return "order " + input + " accepted by " + context.getFunctionName() + " (" + input.length() * 31 + ")";
    }
  }

  /** The inputs, {@code order-0} to {@code order-63}. */
  static String[] inputs() {
    String[] in = new String[INPUTS];
    for (int i = 0; i < INPUTS; i++) {
      in[i] = "order-" + (i * 7919);
    }
    return in;
  }

  /** One context per input: the request ids differ. */
  static Context[] contexts() {
    Context[] c = new Context[INPUTS];
    for (int i = 0; i < INPUTS; i++) {
      c[i] = new BenchContext("0e4f" + Integer.toHexString(0x10000 + i * 977) + "-7c1a-4b7e-9d2a-5f3e8a61b0c" + (i & 7));
    }
    return c;
  }

  /** An output that counts what is written and keeps nothing: where EMF records go in the benchmarks. */
  static final class Sink extends OutputStream {
    long bytes;

    @Override
    public void write(int b) {
      bytes++;
    }

    @Override
    public void write(byte[] b, int off, int len) {
      bytes += len;
    }
  }

  /** A print stream over a fresh {@link Sink}, encoding UTF-8 as {@code System.out} does on Lambda. */
  static PrintStream output(Sink sink) {
    return new PrintStream(sink, false, StandardCharsets.UTF_8);
  }

  /**
   * The wrapped function, as a function's init builds it: {@code VitalsLambda.builder()}, a monitor with the
   * given probes (each every {@code interval}) and the given settings, the records to {@code out}. Exporter
   * discovery is off: the benchmarks' jar carries exporters a function package would not.
   */
  static VitalsLambda.Handler<String, String> wrap(PrintStream out, int probes, Duration interval,
      Map<String, String> settings) {
    HealthMonitor.Builder monitor = HealthMonitor.builder().discoverExporters(false).config(settings);
    for (int i = 0; i < probes; i++) {
      monitor.probe(Fixtures.probe(i, interval));
    }
    return VitalsLambda.builder().monitor(monitor).output(out).wrap(new Orders());
  }

  /**
   * The official library's logger, as a function uses it on Lambda ({@link LambdaEnvironment}: its
   * properties, its dimensions), with its console sink's work ({@code MetricsContext.serialize()}, one
   * {@code println} per line) aimed at {@code out} instead of {@code System.out}.
   */
  static MetricsLogger officialLogger(PrintStream out) {
    return new MetricsLogger(new OfficialEnvironment(out));
  }

  /**
   * The record VitalsLambda writes per invocation, through the official library: namespace, the dimension
   * sets [FunctionName] and [FunctionName, FunctionVersion], the same metrics, units and properties.
   */
  static void officialRecord(MetricsLogger m, long startMillis, String function, String version,
      long durationNanos, boolean error, boolean coldStart, long initNanos, long probeNanos, String requestId,
      String status) {
    m.setNamespace("Vitals");
    m.setDimensions(DimensionSet.of("FunctionName", function),
        DimensionSet.of("FunctionName", function, "FunctionVersion", version));
    m.setTimestamp(Instant.ofEpochMilli(startMillis));
    m.putMetric("Invocations", 1, Unit.COUNT);
    m.putMetric("Duration", durationNanos / 1e6, Unit.MILLISECONDS);
    m.putMetric("Errors", error ? 1 : 0, Unit.COUNT);
    m.putMetric("ColdStart", coldStart ? 1 : 0, Unit.COUNT);
    if (initNanos >= 0) {
      m.putMetric("InitDuration", initNanos / 1e6, Unit.MILLISECONDS);
    }
    m.putMetric("ProbeTime", probeNanos / 1e6, Unit.MILLISECONDS);
    m.putProperty("RequestId", requestId);
    m.putProperty("Status", status);
    m.flush();
  }

  /** The official Lambda environment, with the console sink's work aimed at another stream. */
  static final class OfficialEnvironment extends LambdaEnvironment {
    private final ISink sink;

    OfficialEnvironment(PrintStream out) {
      this.sink = new ISink() {
        @Override
        public void accept(MetricsContext context) {
          try {
            for (String line : context.serialize()) {
              out.println(line);
            }
          } catch (IOException e) {
            throw new IllegalStateException("the official library cannot serialize its record", e);
          }
        }

        @Override
        public CompletableFuture<Void> shutdown() {
          return CompletableFuture.completedFuture(null);
        }
      };
    }

    @Override
    public ISink getSink() {
      return sink;
    }
  }

  /** The {@link Context} of one invocation: a request id, 30 s left. */
  static final class BenchContext implements Context {
    private final String requestId;

    BenchContext(String requestId) {
      this.requestId = requestId;
    }

    @Override
    public String getAwsRequestId() {
      return requestId;
    }

    @Override
    public String getLogGroupName() {
      return "/aws/lambda/" + FUNCTION;
    }

    @Override
    public String getLogStreamName() {
      return "2026/12/03/[$LATEST]bench";
    }

    @Override
    public String getFunctionName() {
      return FUNCTION;
    }

    @Override
    public String getFunctionVersion() {
      return VERSION;
    }

    @Override
    public String getInvokedFunctionArn() {
      return "arn:aws:lambda:us-east-1:123456789012:function:" + FUNCTION;
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
      return 30_000;
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
}
