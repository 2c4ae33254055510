package dev.vitals.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The function's downstream API hangs (a real HttpServer that takes the request and never answers): the
 * probe's run outlives its invocation, and the invocation does not wait for it beyond the probe budget.
 */
class HungDownstreamTest {

  /** The probe budget the function is given (VITALS_LAMBDA_PROBE_BUDGET). */
  static final long BUDGET_MS = 200;
  /** What an invocation may take beyond it: the due tasks run before the wait starts (a worker thread to start). */
  static final long MARGIN_MS = 250;

  @TempDir
  Path dir;

  private static BigDecimal number(Map<String, Object> record, String key) {
    assertThat(record).containsKey(key);
    return (BigDecimal) record.get(key);
  }

  private static List<Map<String, Object>> probeRecords(List<Map<String, Object>> records, int from, int to) {
    return records.subList(from, to).stream().filter(r -> "orders-api".equals(r.get("Probe")))
        .collect(Collectors.toList());
  }

  @Test
  void aHungDownstreamNeverHoldsAnInvocationPastItsProbeBudgetAndItsFailedRunShowsLater() {
    try (DownstreamApi api = DownstreamApi.hung();
        // the probe's timeout stays 2 s (the function's setting); the pause outlasts it
        FunctionProcess f = FunctionProcess.start(dir,
            Map.of("ORDERS_API_URL", api.url(), "VITALS_LAMBDA_PROBE_BUDGET", BUDGET_MS + "ms"),
            List.of("--wait", "--pause", "2500ms", "--timeout", "15s", FunctionProcess.HANDLER,
                LocalRuntimeTest.GOOD_1, LocalRuntimeTest.GOOD_2))) {
      f.awaitReady();
      assertThat(api.requests()).isZero();
      f.go();
      assertThat(f.exitStatus()).as(f.stderr()).isZero();

      assertThat(f.stderrLines("RESPONSE")).as("the handler answered both invocations").hasSize(2);
      List<Map<String, Object>> records = f.records();
      int second = 0;
      for (int i = 1; i < records.size(); i++) {
        if (records.get(i).containsKey("Invocations")) {
          second = i;
          break;
        }
      }
      assertThat(second).as(f.stdout()).isPositive();
      Map<String, Object> first = records.get(0);
      assertThat(number(first, "Errors")).isEqualByComparingTo("0");
      assertThat(number(first, "ProbeTime")).as("the first invocation waited for its probes")
          .isGreaterThanOrEqualTo(BigDecimal.valueOf(BUDGET_MS))
          .isLessThanOrEqualTo(BigDecimal.valueOf(BUDGET_MS + MARGIN_MS));
      assertThat(probeRecords(records, 0, second)).as("no result of the hung probe yet").isEmpty();
      assertThat(api.requests()).as("the probe's request reached the API").isEqualTo(1);

      // the run gave up at its own deadline (just under its 2 s timeout) while the process waited between
      // invocations; the next invocation publishes that failed run. One failure of the 3 in a row that make a
      // probe DOWN (failure-threshold): not UP any more, still UNKNOWN, so ProbeUp is 0.
      Map<String, Object> later = records.get(second);
      assertThat(number(later, "ProbeTime")).as("nothing was due: the interval (1 minute) has not passed")
          .isLessThan(BigDecimal.valueOf(BUDGET_MS));
      List<Map<String, Object>> failed = probeRecords(records, second, records.size());
      assertThat(failed).as(f.stdout()).singleElement().satisfies(p -> {
        assertThat(number(p, "ProbeUp")).isEqualByComparingTo("0");
        assertThat(p).containsEntry("Status", "UNKNOWN");
        assertThat(number(p, "ProbeLatency")).as("the run took longer than its invocation waited")
            .isGreaterThan(BigDecimal.valueOf(BUDGET_MS + MARGIN_MS));
      });
      assertThat(api.requests()).as("no second request: the interval has not passed").isEqualTo(1);
    }
  }

  @Test
  void aDownstreamThatStaysHungIsDownAfterThreeFailedRuns() {
    try (DownstreamApi api = DownstreamApi.hung();
        // a probe every second with a 300 ms timeout: each pause (1.2 s) sees a run fail and the next one due
        FunctionProcess f = FunctionProcess.start(dir,
            Map.of("ORDERS_API_URL", api.url(), "VITALS_LAMBDA_PROBE_BUDGET", "100ms",
                "VITALS_PROBES_ORDERS_API_INTERVAL", "1s", "VITALS_PROBES_ORDERS_API_TIMEOUT", "300ms"),
            List.of("--pause", "1200ms", "--timeout", "15s", FunctionProcess.HANDLER, LocalRuntimeTest.GOOD_1,
                LocalRuntimeTest.GOOD_2, LocalRuntimeTest.GOOD_1, LocalRuntimeTest.GOOD_2))) {
      assertThat(f.exitStatus()).as(f.stderr()).isZero();

      assertThat(f.stderrLines("RESPONSE")).hasSize(4);
      List<Map<String, Object>> records = f.records();
      List<Map<String, Object>> invocations = f.invocations();
      assertThat(invocations).hasSize(4);
      for (Map<String, Object> i : invocations) {
        assertThat(number(i, "ProbeTime")).isLessThanOrEqualTo(BigDecimal.valueOf(100 + MARGIN_MS));
      }
      List<Map<String, Object>> runs = probeRecords(records, 0, records.size());
      assertThat(runs).as(f.stdout()).extracting(r -> r.get("Status")).containsExactly("UNKNOWN", "UNKNOWN", "DOWN");
      assertThat(runs).extracting(r -> number(r, "ProbeUp").intValue()).containsExactly(0, 0, 0);
      assertThat(invocations.get(3)).as("a critical probe DOWN: the function's status").containsEntry("Status", "DOWN");
    }
  }
}
