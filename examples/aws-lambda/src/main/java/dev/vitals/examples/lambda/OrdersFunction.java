package dev.vitals.examples.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.core.HealthMonitor;
import dev.vitals.lambda.VitalsLambda;
import java.io.File;
import java.util.Map;

/**
 * An AWS Lambda function that embeds Vitals: the handler string is
 * {@code dev.vitals.examples.lambda.OrdersFunction::handleRequest}.
 *
 * <p>Its static initialiser runs in the function's init phase, once per execution environment: it builds the
 * monitor and wraps {@link Orders}, the function's own work. Two probes, configured as a user would:
 *
 * <ul>
 *   <li>{@code orders-api}: an {@code http} probe (probes-http) of the downstream API named by the environment
 *       variable {@code ORDERS_API_URL}, every minute, 2 s timeout;
 *   <li>{@code tmp-space}: a probe written in code that checks the free space of {@code /tmp}, every 5 minutes.
 * </ul>
 *
 * <p>Every setting can be overridden by the function's environment ({@code VITALS_PROBES_ORDERS_API_INTERVAL=30s},
 * {@code VITALS_LAMBDA_PROBE_BUDGET=200ms} ...). A bad setting, or a missing {@code ORDERS_API_URL}, fails the
 * init phase with a message that names the key: the function never starts half-configured.
 *
 * <p>Nothing runs in the background: the due probes run at the start of an invocation, within
 * {@code vitals.lambda.probe-budget} (1 s by default) and {@code vitals.lambda.probe-share} of the time left
 * (10 % by default); each invocation prints CloudWatch EMF records to standard output.
 */
public final class OrdersFunction implements RequestHandler<Map<String, Object>, Map<String, Object>> {

  /** Below this much free space in /tmp the tmp-space probe is DOWN. */
  static final long MIN_FREE_TMP_BYTES = 16L * 1024 * 1024;

  private static final VitalsLambda.Handler<Map<String, Object>, Map<String, Object>> HANDLER =
      VitalsLambda.builder()
          .monitor(HealthMonitor.builder()
              .config(Map.of(
                  "vitals.probes.orders-api.type", "http",
                  "vitals.probes.orders-api.url", "${ORDERS_API_URL}",
                  "vitals.probes.orders-api.interval", "1m",
                  "vitals.probes.orders-api.timeout", "2s",
                  "vitals.probes.tmp-space.interval", "5m"))
              .probe(Probe.of("tmp-space", OrdersFunction::tmpSpace)))
          .wrap(new Orders());

  /** Lambda makes one instance per execution environment, with this constructor. */
  public OrdersFunction() {}

  /**
   * Runs the due probes, then prices the order.
   *
   * @param order the event
   * @param context the invocation's context
   * @return the priced order
   * @throws IllegalArgumentException when the order is not valid
   */
  @Override
  public Map<String, Object> handleRequest(Map<String, Object> order, Context context) {
    return HANDLER.handleRequest(order, context);
  }

  /** The tmp-space probe's check: the function writes its temporary files there. */
  private static ProbeResult tmpSpace() {
    File tmp = new File(System.getProperty("java.io.tmpdir"));
    long free = tmp.getUsableSpace();
    long freeMb = free / (1024 * 1024);
    if (free < MIN_FREE_TMP_BYTES) {
      return ProbeResult.builder(Status.DOWN)
          .message(tmp + " has " + freeMb + " MB free, below " + MIN_FREE_TMP_BYTES / (1024 * 1024) + " MB")
          .detail("freeMb", freeMb).build();
    }
    return ProbeResult.builder(Status.UP).detail("freeMb", freeMb).build();
  }
}
