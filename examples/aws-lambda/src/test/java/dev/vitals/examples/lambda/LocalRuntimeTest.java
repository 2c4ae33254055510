package dev.vitals.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The example function in a fresh JVM, invoked by {@link LocalRuntime} as Lambda would, against a real
 * downstream API (a JDK HttpServer on loopback): what it prints, when its probes run, and that nothing of
 * Vitals runs between invocations.
 */
class LocalRuntimeTest {

  static final String GOOD_1 = "{\"orderId\":\"o-1\",\"items\":[{\"sku\":\"TEA\",\"quantity\":2,\"unitPrice\":4.5}]}";
  static final String GOOD_2 = "{\"orderId\":\"o-2\",\"items\":[{\"sku\":\"MUG\",\"quantity\":1,\"unitPrice\":12}]}";
  static final String BAD = "{\"orderId\":\"o-3\",\"items\":[{\"sku\":\"MUG\",\"quantity\":0,\"unitPrice\":12}]}";
  static final String GOOD_4 = "{\"orderId\":\"o-4\",\"items\":[{\"sku\":\"TEA\",\"quantity\":1,\"unitPrice\":4.5}]}";

  private static final Pattern INIT_REPORT = Pattern.compile("INIT_REPORT Init Duration: ([0-9.]+) ms");

  @TempDir
  Path dir;

  /**
   * Four invocations, the third with a bad order. A 15 s function timeout: the probes' share of the first
   * invocation (10 % of the time left) then is the whole 1 s budget, room for the HTTP probe's first run,
   * which loads the JDK's HTTP client.
   */
  private FunctionProcess runFourInvocations(DownstreamApi api) {
    FunctionProcess f = FunctionProcess.start(dir, Map.of("ORDERS_API_URL", api.url()), List.of("--wait",
        "--pause", "200ms", "--timeout", "15s", "--function", "orders-prod", "--version", "7",
        FunctionProcess.HANDLER, GOOD_1, GOOD_2, BAD, GOOD_4));
    f.awaitReady();
    return f;
  }

  private static BigDecimal number(Map<String, Object> record, String key) {
    assertThat(record).containsKey(key);
    return (BigDecimal) record.get(key);
  }

  @Test
  void everyInvocationPrintsValidEmfAndOnlyTheFirstIsAColdStartWithItsInitDuration() {
    try (DownstreamApi api = DownstreamApi.healthy(); FunctionProcess f = runFourInvocations(api)) {
      f.go();
      assertThat(f.exitStatus()).as(f.stderr()).isZero();

      assertThat(f.stdout().lines().filter(l -> !l.isBlank()))
          .as("standard output carries only EMF records").allMatch(l -> l.startsWith("{\"_aws\""));
      List<Map<String, Object>> inv = f.invocations(); // each record checked against the EMF specification
      assertThat(inv).hasSize(4);
      assertThat(f.requestIds()).hasSize(4);
      for (int i = 0; i < 4; i++) {
        Map<String, Object> r = inv.get(i);
        assertThat(number(r, "Invocations")).isEqualByComparingTo("1");
        assertThat(r).containsEntry("FunctionName", "orders-prod").containsEntry("FunctionVersion", "7")
            .containsEntry("RequestId", f.requestIds().get(i));
        assertThat(number(r, "Duration")).isNotNegative();
        assertThat(number(r, "ColdStart")).as("ColdStart of invocation " + (i + 1)).isEqualByComparingTo(i == 0 ? "1" : "0");
        if (i > 0) {
          assertThat(r).as("invocation " + (i + 1)).doesNotContainKey("InitDuration");
        }
        assertThat(number(r, "Errors")).as("Errors of invocation " + (i + 1)).isEqualByComparingTo(i == 2 ? "1" : "0");
        if (i == 2) {
          assertThat(r).containsEntry("ErrorType", "IllegalArgumentException");
        } else {
          assertThat(r).doesNotContainKey("ErrorType");
        }
      }

      // the init duration: from the process's start to the first invocation, so more than the init phase
      // alone (class loading and the static initialiser, as the runtime measured it) and less than the run
      BigDecimal init = number(inv.get(0), "InitDuration");
      Matcher m = INIT_REPORT.matcher(f.stderr());
      assertThat(m.find()).as(f.stderr()).isTrue();
      assertThat(init).isPositive().isGreaterThanOrEqualTo(new BigDecimal(m.group(1)))
          .isLessThan(BigDecimal.valueOf(f.runMillis()));

      // the handler's answers went to the runtime, not into the records
      assertThat(f.stderrLines("RESPONSE")).hasSize(3);
      assertThat(f.stderrLines("ERROR")).singleElement().asString()
          .contains(f.requestIds().get(2)).contains("items[0].quantity must be a whole number above 0, was 0");
    }
  }

  @Test
  void probesRunOnlyInsideInvocationsAndLaterInvocationsReuseTheirResults() {
    try (DownstreamApi api = DownstreamApi.healthy(); FunctionProcess f = runFourInvocations(api)) {
      assertThat(api.requests()).as("requests to the downstream API during the init phase").isZero();
      f.go();
      assertThat(f.exitStatus()).as(f.stderr()).isZero();

      // one request: the first invocation's; the probe's interval (1 minute) has not passed for the others
      assertThat(api.requests()).isEqualTo(1);
      List<Map<String, Object>> records = f.records();
      List<Integer> invocationAt = new ArrayList<>();
      for (int i = 0; i < records.size(); i++) {
        if (records.get(i).containsKey("Invocations")) {
          invocationAt.add(i);
        }
      }
      assertThat(invocationAt).as("the probes' records follow the first invocation's, and no other")
          .containsExactly(0, 3, 4, 5);
      assertThat(records.subList(1, 3)).extracting(r -> r.get("Probe"))
          .containsExactlyInAnyOrder("orders-api", "tmp-space");
      for (Map<String, Object> p : records.subList(1, 3)) {
        assertThat(p).containsEntry("FunctionName", "orders-prod").containsEntry("Status", "UP")
            .doesNotContainKey("FunctionVersion");
        assertThat(number(p, "ProbeUp")).isEqualByComparingTo("1");
        assertThat(number(p, "ProbeLatency")).isNotNegative();
        assertThat(number(p, "ProbeScore")).isBetween(BigDecimal.ZERO, BigDecimal.valueOf(100));
      }
      BigDecimal apiLatency = number(records.get(1).get("Probe").equals("orders-api") ? records.get(1)
          : records.get(2), "ProbeLatency");
      assertThat(number(records.get(0), "ProbeTime")).as("the first invocation waited for the probes")
          .isGreaterThanOrEqualTo(apiLatency);
      assertThat(records.get(0)).containsEntry("Status", "UP");
    }
  }

  @Test
  void nothingOfVitalsRunsBetweenInvocations() {
    try (DownstreamApi api = DownstreamApi.healthy(); FunctionProcess f = runFourInvocations(api)) {
      f.go();
      assertThat(f.exitStatus()).as(f.stderr()).isZero();
      List<String> pauses = f.stderrLines("PAUSE");
      assertThat(pauses).as(f.stderr()).hasSize(3);
      assertThat(pauses).as("Vitals' threads exist (probe workers, the HTTP client's) but are idle")
          .allMatch(l -> l.contains("vitals-probe-"))
          .allMatch(l -> l.contains("RUNNABLE at the end: [];"))
          .allMatch(l -> l.endsWith("CPU while paused: 0 ns"));
      assertThat(f.stderr()).doesNotContain("vitals-scheduler");
    }
  }
}
