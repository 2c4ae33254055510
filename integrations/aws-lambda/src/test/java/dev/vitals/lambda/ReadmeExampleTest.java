package dev.vitals.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.core.HealthMonitor;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The README's Lambda example, compiled and invoked as written, its standard output read back. */
class ReadmeExampleTest {

  /** The README's handler (the function's own work). */
  static final class Orders implements RequestHandler<Map<String, Object>, String> {
    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
      return "order " + input.get("id") + " accepted";
    }
  }

  /** The README's function class, as written there. */
  public static final class OrdersFunction implements RequestHandler<Map<String, Object>, String> {
    // built once per execution environment, in the function's init phase
    private static final VitalsLambda.Handler<Map<String, Object>, String> HANDLER =
        VitalsLambda.builder()
            .monitor(HealthMonitor.builder().probe(Probe.of("orders-db", () -> ProbeResult.up())))
            .wrap(new Orders());

    @Override
    public String handleRequest(Map<String, Object> input, Context context) {
      return HANDLER.handleRequest(input, context);
    }
  }

  @Test
  void theExampleWritesTheColdStartAndTheProbeToStandardOutput() {
    PrintStream original = System.out;
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    System.setOut(new PrintStream(bytes, true, StandardCharsets.UTF_8));
    String answer;
    try {
      answer = new OrdersFunction().handleRequest(Map.of("id", 17), new TestContext("orders", "3", "r-1", 3_000));
    } finally {
      System.setOut(original);
      OrdersFunction.HANDLER.monitor().close();
    }
    assertThat(answer).isEqualTo("order 17 accepted");
    List<Map<String, Object>> records = EmfCheck.records(bytes.toString(StandardCharsets.UTF_8));
    assertThat(records).hasSize(2);
    assertThat(((BigDecimal) records.get(0).get(LambdaMetrics.COLD_START)).intValue()).isEqualTo(1);
    assertThat(records.get(0)).containsKey(LambdaMetrics.INIT_DURATION);
    assertThat(records.get(1)).containsEntry(LambdaMetrics.PROBE, "orders-db").containsEntry(LambdaMetrics.STATUS, "UP");
  }
}
