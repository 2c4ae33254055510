package dev.vitals.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.vitals.api.Clock;
import dev.vitals.core.HealthMonitor;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.util.Map;
import java.util.Objects;

/**
 * Vitals inside an AWS Lambda function: wraps a handler so that every invocation is tracked (duration,
 * success, error type), the first invocation of each execution environment is marked as a cold start with
 * its init duration, the monitor's probes run at the start of an invocation (never in the background)
 * within a share of the remaining time, and CloudWatch Embedded Metric Format records go to standard
 * output, where Lambda sends them to CloudWatch Logs and CloudWatch extracts the metrics
 * ({@link LambdaMetrics} names them).
 *
 * <pre>{@code
 * public final class OrdersFunction implements RequestHandler<Map<String, Object>, String> {
 *   // built in the function's init phase, once per execution environment
 *   private static final VitalsLambda.Handler<Map<String, Object>, String> HANDLER =
 *       VitalsLambda.wrap(new Orders());
 *
 *   public String handleRequest(Map<String, Object> input, Context context) {
 *     return HANDLER.handleRequest(input, context);
 *   }
 * }
 * }</pre>
 *
 * <p>Configuration comes from {@code VITALS_*} environment variables (the function's configuration), or
 * from the {@link HealthMonitor.Builder} given to {@link Builder#monitor}, with the keys
 * {@code vitals.lambda.*} (see the module's README) beside every other Vitals key, checked when the handler
 * is wrapped: a bad key fails the function's init with a message that names it.
 *
 * <p>Between invocations the runtime freezes the process; nothing of Vitals runs then. The monitor is
 * built {@link HealthMonitor.Builder#onDemand(boolean) onDemand}: a probe whose interval has passed runs at
 * the start of the next invocation, on a worker thread within its own timeout, and the invocation waits for
 * it at most {@code vitals.lambda.probe-share} of its remaining time and never more than
 * {@code vitals.lambda.probe-budget}; a probe whose interval has not passed keeps its last result.
 *
 * <p>Thread-safe; the wrapped handler is called on the invoking thread, unchanged.
 */
public final class VitalsLambda {

  private VitalsLambda() {}

  /**
   * Wraps a handler with a monitor configured by the environment ({@code VITALS_*} variables).
   *
   * @param <I> the input type
   * @param <O> the output type
   * @param handler the function's handler, not null
   * @return the wrapped handler, with its started monitor
   * @throws dev.vitals.api.spi.ConfigException when a setting is bad (every bad setting at once)
   */
  public static <I, O> Handler<I, O> wrap(RequestHandler<I, O> handler) {
    return builder().wrap(handler);
  }

  /**
   * Wraps a stream handler with a monitor configured by the environment ({@code VITALS_*} variables).
   *
   * @param handler the function's handler, not null
   * @return the wrapped handler, with its started monitor
   * @throws dev.vitals.api.spi.ConfigException when a setting is bad (every bad setting at once)
   */
  public static StreamHandler wrap(RequestStreamHandler handler) {
    return builder().wrap(handler);
  }

  /**
   * A builder, for probes in code, another output or a test's clock.
   *
   * @return a new builder
   */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Tells Vitals that a SnapStart snapshot was just restored: the next invocation is a cold start whose
   * init duration counts from now. Call it from your {@code org.crac.Resource.afterRestore}. Without it,
   * a restored function's first invocation is still marked as a cold start, but without an init duration
   * (the process's own start is the snapshot's, long before).
   */
  public static void restored() {
    ExecutionEnvironment.CURRENT.restored(System.currentTimeMillis());
  }

  /**
   * Configures the monitor behind a wrapped handler. Not thread-safe; each {@code wrap} builds and starts
   * one monitor.
   */
  public static final class Builder {
    private HealthMonitor.Builder monitor;
    private PrintStream output;
    private Clock clock = Clock.system();
    private Map<String, String> environment;
    private ExecutionEnvironment executionEnvironment = ExecutionEnvironment.CURRENT;

    private Builder() {}

    /**
     * The monitor's builder, with the function's probes and settings. Vitals sets {@code onDemand(true)},
     * {@code autoReady(false)} and registers its {@code vitals.lambda.*} keys on it: do not set the first
     * two yourself.
     *
     * @param monitor not null; {@code HealthMonitor.builder()} by default (the environment's settings)
     * @return this builder
     */
    public Builder monitor(HealthMonitor.Builder monitor) {
      this.monitor = Objects.requireNonNull(monitor, "monitor");
      return this;
    }

    /**
     * Where EMF records go, one per line.
     *
     * @param output not null; {@code System.out} by default (Lambda sends it to CloudWatch Logs)
     * @return this builder
     */
    public Builder output(PrintStream output) {
      this.output = Objects.requireNonNull(output, "output");
      return this;
    }

    /**
     * The clock that times invocations and stamps records; give the monitor the same one.
     *
     * @param clock not null; the system clock by default
     * @return this builder
     */
    public Builder clock(Clock clock) {
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The variables the Lambda runtime sets ({@code AWS_LAMBDA_FUNCTION_NAME},
     * {@code AWS_LAMBDA_FUNCTION_VERSION}, {@code AWS_LAMBDA_INITIALIZATION_TYPE}), read when an invocation's
     * {@link Context} does not say.
     *
     * @param environment not null; {@link System#getenv()} by default
     * @return this builder
     */
    public Builder environment(Map<String, String> environment) {
      this.environment = Map.copyOf(environment);
      return this;
    }

    /** A fresh execution environment (tests that play several in one JVM). */
    Builder executionEnvironment(ExecutionEnvironment e) {
      this.executionEnvironment = Objects.requireNonNull(e, "executionEnvironment");
      return this;
    }

    /**
     * Builds and starts the monitor, and wraps a handler.
     *
     * @param <I> the input type
     * @param <O> the output type
     * @param handler the function's handler, not null
     * @return the wrapped handler
     * @throws dev.vitals.api.spi.ConfigException when a setting is bad (every bad setting at once)
     */
    public <I, O> Handler<I, O> wrap(RequestHandler<I, O> handler) {
      Objects.requireNonNull(handler, "handler");
      return new Handler<>(handler, invocations());
    }

    /**
     * Builds and starts the monitor, and wraps a stream handler.
     *
     * @param handler the function's handler, not null
     * @return the wrapped handler
     * @throws dev.vitals.api.spi.ConfigException when a setting is bad (every bad setting at once)
     */
    public StreamHandler wrap(RequestStreamHandler handler) {
      Objects.requireNonNull(handler, "handler");
      return new StreamHandler(handler, invocations());
    }

    private Invocations invocations() {
      HealthMonitor.Builder b = monitor != null ? monitor : HealthMonitor.builder();
      HealthMonitor m = b.onDemand(true).autoReady(false).exporterFactory(new LambdaSettings.Keys()).build();
      LambdaSettings settings = LambdaSettings.from(m.config());
      m.start();
      Map<String, String> env = environment != null ? environment : System.getenv();
      return new Invocations(m, settings, output != null ? output : System.out, clock, env, executionEnvironment);
    }
  }

  /**
   * A wrapped {@link RequestHandler}: tracks each invocation, runs due probes first, writes EMF records.
   *
   * @param <I> the input type
   * @param <O> the output type
   */
  public static final class Handler<I, O> implements RequestHandler<I, O> {
    private final RequestHandler<I, O> handler;
    private final Invocations invocations;

    Handler(RequestHandler<I, O> handler, Invocations invocations) {
      this.handler = handler;
      this.invocations = invocations;
    }

    /**
     * Runs due probes, then the handler; records the invocation and writes its records. What the handler
     * returns or throws passes through unchanged.
     */
    @Override
    public O handleRequest(I input, Context context) {
      Invocations.Invocation i = invocations.begin(context);
      boolean ok = false;
      Throwable error = null;
      try {
        O out = handler.handleRequest(input, context);
        ok = true;
        return out;
      } catch (RuntimeException | Error e) {
        error = e;
        throw e;
      } finally {
        invocations.end(i, ok, error);
      }
    }

    /**
     * The monitor: {@code monitor().report()} for the latest report, {@code monitor().tracker(name)} for
     * the function's own operations.
     *
     * @return the started monitor
     */
    public HealthMonitor monitor() {
      return invocations.monitor;
    }
  }

  /** A wrapped {@link RequestStreamHandler}: the same as {@link Handler}, for streams. */
  public static final class StreamHandler implements RequestStreamHandler {
    private final RequestStreamHandler handler;
    private final Invocations invocations;

    StreamHandler(RequestStreamHandler handler, Invocations invocations) {
      this.handler = handler;
      this.invocations = invocations;
    }

    /**
     * Runs due probes, then the handler; records the invocation and writes its records. What the handler
     * writes or throws passes through unchanged.
     */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
      Invocations.Invocation i = invocations.begin(context);
      boolean ok = false;
      Throwable error = null;
      try {
        handler.handleRequest(input, output, context);
        ok = true;
      } catch (IOException | RuntimeException | Error e) {
        error = e;
        throw e;
      } finally {
        invocations.end(i, ok, error);
      }
    }

    /**
     * The monitor.
     *
     * @return the started monitor
     */
    public HealthMonitor monitor() {
      return invocations.monitor;
    }
  }
}
