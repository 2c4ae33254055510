package dev.vitals.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.core.HealthMonitor;
import dev.vitals.test.ManualClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** A wrapped handler invoked as the Lambda runtime does, its EMF output read back and checked. */
class VitalsLambdaTest {

  private final ManualClock clock = new ManualClock(Instant.parse("2026-12-03T10:00:00Z"));
  private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
  private final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);
  private final List<HealthMonitor> monitors = new ArrayList<>();

  @AfterEach
  void closeMonitors() {
    for (HealthMonitor m : monitors) {
      m.close();
    }
  }

  /** A monitor as a function's would be, started 180 ms before the test's clock: its init. */
  private HealthMonitor.Builder monitor(Map<String, String> config) {
    return HealthMonitor.builder().clock(clock).environment(Map.of()).jitter(0).discoverExporters(false)
        .startTime(clock.instant().minusMillis(180)).config(config);
  }

  private VitalsLambda.Builder lambda(HealthMonitor.Builder monitor) {
    return VitalsLambda.builder().monitor(monitor).output(out).clock(clock).environment(Map.of())
        .executionEnvironment(new ExecutionEnvironment());
  }

  private <I, O> VitalsLambda.Handler<I, O> wrap(HealthMonitor.Builder monitor, RequestHandler<I, O> h) {
    VitalsLambda.Handler<I, O> handler = lambda(monitor).wrap(h);
    monitors.add(handler.monitor());
    return handler;
  }

  /** A handler that takes 42 ms on the test's clock and fails on "bad". */
  private RequestHandler<String, String> orders() {
    return (input, context) -> {
      clock.advanceMillis(42);
      if (input.equals("bad")) {
        throw new IllegalArgumentException("order 17 for card 4111-1111-1111-1111 refused");
      }
      return "ok " + input;
    };
  }

  private List<Map<String, Object>> records() {
    String text = bytes.toString(StandardCharsets.UTF_8);
    bytes.reset();
    return EmfCheck.records(text);
  }

  private static TestContext context(String requestId) {
    return new TestContext("orders", "7", requestId, 3_000);
  }

  private static double number(Map<String, Object> record, String key) {
    return ((BigDecimal) record.get(key)).doubleValue();
  }

  @Test
  void theFirstInvocationIsTheColdStartWithItsInitDurationAndTheOthersAreNot() {
    VitalsLambda.Handler<String, String> handler = wrap(monitor(Map.of()), orders());

    assertThat(handler.handleRequest("a", context("r-1"))).isEqualTo("ok a");
    clock.advanceMillis(1_000);
    assertThat(handler.handleRequest("b", context("r-2"))).isEqualTo("ok b");

    List<Map<String, Object>> first = records();
    assertThat(first).hasSize(2);
    Map<String, Object> cold = first.get(0);
    assertThat(number(cold, LambdaMetrics.COLD_START)).isEqualTo(1);
    assertThat(number(cold, LambdaMetrics.INIT_DURATION)).as("from the process's start to the first invocation")
        .isEqualTo(180.0);
    assertThat(cold).containsEntry(LambdaMetrics.FUNCTION_NAME, "orders").containsEntry(LambdaMetrics.FUNCTION_VERSION, "7")
        .containsEntry(LambdaMetrics.REQUEST_ID, "r-1");
    assertThat(number(cold, LambdaMetrics.INVOCATIONS)).isEqualTo(1);
    assertThat(number(cold, LambdaMetrics.DURATION)).as("the handler's own time").isEqualTo(42.0);
    assertThat(number(cold, LambdaMetrics.ERRORS)).isZero();
    assertThat(metricNames(cold)).contains(LambdaMetrics.INIT_DURATION);

    Map<String, Object> warm = first.get(1);
    assertThat(number(warm, LambdaMetrics.COLD_START)).isZero();
    assertThat(warm).doesNotContainKey(LambdaMetrics.INIT_DURATION);
    assertThat(metricNames(warm)).doesNotContain(LambdaMetrics.INIT_DURATION);
    assertThat(number(warm, LambdaMetrics.DURATION)).isEqualTo(42.0);
    assertThat(timestamp(warm) - timestamp(cold)).as("each record stamped with its invocation's start").isEqualTo(1_042);

    assertThat(handler.monitor().report().coldStart()).as("the report's cold start")
        .contains(Duration.ofMillis(180));
  }

  @Test
  void aFailedInvocationIsCountedWithItsErrorTypeAndTheExceptionPassesThroughUnchanged() {
    VitalsLambda.Handler<String, String> handler = wrap(monitor(Map.of()), orders());
    handler.handleRequest("a", context("r-1"));

    assertThatThrownBy(() -> handler.handleRequest("bad", context("r-2"))).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("order 17");

    String text = bytes.toString(StandardCharsets.UTF_8);
    assertThat(text).as("the exception's message (a card number) is never written").doesNotContain("4111")
        .doesNotContain("order 17");
    List<Map<String, Object>> records = records();
    assertThat(number(records.get(1), LambdaMetrics.ERRORS)).isEqualTo(1);
    assertThat(records.get(1)).containsEntry(LambdaMetrics.ERROR_TYPE, "IllegalArgumentException");
    assertThat(records.get(0)).doesNotContainKey(LambdaMetrics.ERROR_TYPE);

    // tracker figures reach the report when its windows rotate (every 10 s), here at the start of an invocation
    clock.advance(Duration.ofSeconds(10));
    handler.handleRequest("c", context("r-3"));
    TrackerReport invocations = handler.monitor().report().trackers().stream()
        .filter(t -> t.name().equals("invocations")).findFirst().orElseThrow();
    assertThat(invocations.summary().count()).isEqualTo(2);
    assertThat(invocations.summary().errors()).isEqualTo(1);
  }

  @Test
  void probesRunInsideInvocationsOnlyWhenDueAndEachNewResultIsWrittenOnce() {
    Counting db = new Counting("db", Duration.ofSeconds(30));
    VitalsLambda.Handler<String, String> handler = wrap(monitor(Map.of()).probe(db), orders());
    assertThat(db.runs.get()).as("runs before the first invocation").isZero();

    handler.handleRequest("a", context("r-1"));
    assertThat(db.runs.get()).isEqualTo(1);
    List<Map<String, Object>> first = records();
    assertThat(first).hasSize(2);
    Map<String, Object> probe = first.get(1);
    assertThat(probe).containsEntry(LambdaMetrics.PROBE, "db").containsEntry(LambdaMetrics.FUNCTION_NAME, "orders")
        .containsEntry(LambdaMetrics.STATUS, "UP");
    assertThat(number(probe, LambdaMetrics.PROBE_UP)).isEqualTo(1);
    assertThat(number(probe, LambdaMetrics.PROBE_LATENCY)).isEqualTo(5.0);

    clock.advance(Duration.ofSeconds(10));
    handler.handleRequest("b", context("r-2"));
    assertThat(db.runs.get()).as("within the interval the last result is reused").isEqualTo(1);
    assertThat(records()).as("no probe record without a new result").hasSize(1);

    clock.advance(Duration.ofMinutes(10)); // frozen between invocations: one run, not twenty
    handler.handleRequest("c", context("r-3"));
    assertThat(db.runs.get()).isEqualTo(2);
    assertThat(records()).hasSize(2);
  }

  @Test
  void probesGetAShareOfTheRemainingTimeAndNeverMoreThanTheBudget() {
    VitalsLambda.Handler<String, String> handler = wrap(monitor(Map.of("vitals.lambda.probe-share", "0.25",
        "vitals.lambda.probe-budget", "500ms")), orders());
    Invocations invocations = invocationsOf(handler);

    assertThat(invocations.probeBudget(new TestContext("f", "1", "r", 1_000))).isEqualTo(Duration.ofMillis(250));
    assertThat(invocations.probeBudget(new TestContext("f", "1", "r", 60_000))).isEqualTo(Duration.ofMillis(500));
    assertThat(invocations.probeBudget(new TestContext("f", "1", "r", 3))).isEqualTo(Duration.ZERO);
    assertThat(invocations.probeBudget(null)).as("no context: the budget").isEqualTo(Duration.ofMillis(500));
  }

  @Test
  void aHungProbeNeverHoldsTheInvocationPastTheProbeBudget() throws Exception {
    java.util.concurrent.CountDownLatch never = new java.util.concurrent.CountDownLatch(1);
    Probe hung = new Probe() {
      @Override
      public String name() {
        return "payments";
      }

      @Override
      public ProbeDefaults defaults() {
        return ProbeDefaults.builder().interval(Duration.ofSeconds(30)).timeout(Duration.ofSeconds(20)).build();
      }

      @Override
      public ProbeResult check() throws InterruptedException {
        never.await();
        return ProbeResult.up();
      }
    };
    // the real clock: the budget is a real wait
    HealthMonitor.Builder b = HealthMonitor.builder().environment(Map.of()).discoverExporters(false).probe(hung)
        .config(Map.of("vitals.lambda.probe-budget", "100ms"));
    VitalsLambda.Handler<String, String> handler = VitalsLambda.builder().monitor(b).output(out)
        .environment(Map.of()).executionEnvironment(new ExecutionEnvironment())
        .wrap((RequestHandler<String, String>) (input, context) -> "ok " + input);
    monitors.add(handler.monitor());
    try {
      long t0 = System.nanoTime();
      assertThat(handler.handleRequest("a", context("r-1"))).isEqualTo("ok a");
      long tookMillis = (System.nanoTime() - t0) / 1_000_000;

      assertThat(tookMillis).as("the invocation waited for its probe budget, not the probe's 20 s timeout")
          .isLessThan(5_000);
      Map<String, Object> record = records().get(0);
      assertThat(number(record, LambdaMetrics.PROBE_TIME)).as("time spent on probes").isBetween(100.0, 5_000.0);
      assertThat(record).as("no probe record: the run has no result yet").containsEntry(LambdaMetrics.STATUS, "UNKNOWN");
    } finally {
      never.countDown();
    }
  }

  @Test
  void theFunctionsVariablesSetTheKeys() {
    HealthMonitor.Builder b = HealthMonitor.builder().clock(clock).discoverExporters(false)
        .environment(Map.of("VITALS_LAMBDA_PROBE_BUDGET", "250ms", "VITALS_LAMBDA_NAMESPACE", "Orders"));
    VitalsLambda.Handler<String, String> handler = wrap(b, orders());
    assertThat(invocationsOf(handler).probeBudget(null)).isEqualTo(Duration.ofMillis(250));
    handler.handleRequest("a", context("r-1"));
    assertThat(bytes.toString(StandardCharsets.UTF_8)).contains("\"Namespace\":\"Orders\"");
  }

  @Test
  void recordsPerInvocationAreBoundedAndTheRestAreWrittenLater() {
    HealthMonitor.Builder b = monitor(Map.of("vitals.lambda.emf.max-records", "5"));
    for (int i = 0; i < 12; i++) {
      b.probe(new Counting("p" + i, Duration.ofMinutes(5)));
    }
    VitalsLambda.Handler<String, String> handler = wrap(b, orders());

    handler.handleRequest("a", context("r-1"));
    assertThat(records()).as("the invocation and 4 probes").hasSize(5);
    handler.handleRequest("b", context("r-2"));
    assertThat(records()).hasSize(5);
    handler.handleRequest("c", context("r-3"));
    assertThat(records()).as("the last 4 of 12").hasSize(5);
    handler.handleRequest("d", context("r-4"));
    assertThat(records()).as("nothing new").hasSize(1);
  }

  @Test
  void withoutEmfNothingIsWrittenAndTheInvocationIsStillTracked() {
    VitalsLambda.Handler<String, String> handler = wrap(monitor(Map.of("vitals.lambda.emf.enabled", "false")), orders());
    handler.handleRequest("a", context("r-1"));
    assertThat(bytes.size()).isZero();
    assertThat(handler.monitor().report().trackers()).anyMatch(t -> t.name().equals("invocations"));
  }

  @Test
  void aRestoredSnapshotIsAColdStartAgainTimedFromItsRestore() {
    ExecutionEnvironment env = new ExecutionEnvironment();
    VitalsLambda.Handler<String, String> handler = lambda(monitor(Map.of())).executionEnvironment(env).wrap(orders());
    monitors.add(handler.monitor());
    handler.handleRequest("a", context("r-1"));
    clock.advance(Duration.ofDays(2));
    env.restored(clock.wallTimeMillis());
    clock.advanceMillis(35);
    handler.handleRequest("b", context("r-2"));

    List<Map<String, Object>> records = records();
    assertThat(number(records.get(1), LambdaMetrics.COLD_START)).isEqualTo(1);
    assertThat(number(records.get(1), LambdaMetrics.INIT_DURATION)).isEqualTo(35.0);
  }

  @Test
  void aSnapStartFunctionWithoutTheHookHasAColdStartButNoInitDuration() {
    VitalsLambda.Handler<String, String> handler = lambda(monitor(Map.of()))
        .environment(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "snap-start")).wrap(orders());
    monitors.add(handler.monitor());
    handler.handleRequest("a", context("r-1"));
    Map<String, Object> record = records().get(0);
    assertThat(number(record, LambdaMetrics.COLD_START)).isEqualTo(1);
    assertThat(record).doesNotContainKey(LambdaMetrics.INIT_DURATION);
  }

  @Test
  void provisionedConcurrencyCountsTheInitPhaseNotTheWaitForTheFirstRequest() {
    VitalsLambda.Handler<String, String> handler = lambda(monitor(Map.of()))
        .environment(Map.of("AWS_LAMBDA_INITIALIZATION_TYPE", "provisioned-concurrency")).wrap(orders());
    monitors.add(handler.monitor());
    clock.advance(Duration.ofMinutes(20)); // initialised ahead; the first request comes later
    handler.handleRequest("a", context("r-1"));
    Map<String, Object> record = records().get(0);
    assertThat(number(record, LambdaMetrics.COLD_START)).isEqualTo(1);
    assertThat(number(record, LambdaMetrics.INIT_DURATION)).isEqualTo(180.0);
    assertThat(handler.monitor().report().coldStart()).contains(Duration.ofMillis(180));
  }

  @Test
  void functionNameAndVersionComeFromTheRuntimesVariablesWhenTheContextHasNone() {
    VitalsLambda.Handler<String, String> handler = lambda(monitor(Map.of()))
        .environment(Map.of("AWS_LAMBDA_FUNCTION_NAME", "billing", "AWS_LAMBDA_FUNCTION_VERSION", "$LATEST"))
        .wrap(orders());
    monitors.add(handler.monitor());
    handler.handleRequest("a", null);
    Map<String, Object> record = records().get(0);
    assertThat(record).containsEntry(LambdaMetrics.FUNCTION_NAME, "billing")
        .containsEntry(LambdaMetrics.FUNCTION_VERSION, "$LATEST").doesNotContainKey(LambdaMetrics.REQUEST_ID);
  }

  @Test
  void aStreamHandlerIsWrappedTheSameWay() throws IOException {
    RequestStreamHandler echo = (in, o, context) -> {
      byte[] read = in.readAllBytes();
      if (read.length == 0) {
        throw new IOException("empty");
      }
      o.write(read);
    };
    VitalsLambda.StreamHandler handler = lambda(monitor(Map.of())).wrap(echo);
    monitors.add(handler.monitor());
    ByteArrayOutputStream response = new ByteArrayOutputStream();
    handler.handleRequest(new ByteArrayInputStream("{}".getBytes(StandardCharsets.UTF_8)), response, context("r-1"));
    assertThat(response.toString(StandardCharsets.UTF_8)).isEqualTo("{}");
    assertThatThrownBy(() -> handler.handleRequest(new ByteArrayInputStream(new byte[0]), response, context("r-2")))
        .isInstanceOf(IOException.class).hasMessage("empty");
    List<Map<String, Object>> records = records();
    assertThat(records).hasSize(2);
    assertThat(records.get(1)).containsEntry(LambdaMetrics.ERROR_TYPE, "IOException");
  }

  @Test
  void everyBadLambdaSettingIsReportedAtOnceWhenTheHandlerIsWrapped() {
    HealthMonitor.Builder b = monitor(Map.of("vitals.lambda.probe-share", "1.5", "vitals.lambda.namespace", "AWS/Lambda",
        "vitals.lambda.emf.max-records", "0", "vitals.lambda.tracker", "all invocations",
        "vitals.lambda.cold-start.target", "2h", "vitals.lambda.region", "Mars 1"));
    assertThatThrownBy(() -> lambda(b).wrap(orders())).isInstanceOf(ConfigException.class)
        .hasMessageContaining("vitals.lambda.probe-share").hasMessageContaining("vitals.lambda.namespace")
        .hasMessageContaining("vitals.lambda.emf.max-records").hasMessageContaining("vitals.lambda.tracker")
        .hasMessageContaining("vitals.lambda.cold-start.target").hasMessageContaining("vitals.lambda.region");

    assertThatThrownBy(() -> lambda(monitor(Map.of("vitals.lambda.namspace", "Orders"))).wrap(orders()))
        .isInstanceOf(ConfigException.class).hasMessageContaining("did you mean vitals.lambda.namespace");
  }

  @Test
  void theNamespaceIsTheConfiguredOne() {
    VitalsLambda.Handler<String, String> handler = wrap(monitor(Map.of("vitals.lambda.namespace", "Shop/Orders")),
        orders());
    handler.handleRequest("a", context("r-1"));
    @SuppressWarnings("unchecked")
    Map<String, Object> aws = (Map<String, Object>) records().get(0).get("_aws");
    assertThat(aws.get("CloudWatchMetrics").toString()).contains("Namespace=Shop/Orders");
  }

  @SuppressWarnings("unchecked")
  private static List<String> metricNames(Map<String, Object> record) {
    List<String> names = new ArrayList<>();
    Map<String, Object> aws = (Map<String, Object>) record.get("_aws");
    for (Object d : (List<Object>) aws.get("CloudWatchMetrics")) {
      for (Object m : (List<Object>) ((Map<String, Object>) d).get("Metrics")) {
        names.add((String) ((Map<String, Object>) m).get("Name"));
      }
    }
    return names;
  }

  @SuppressWarnings("unchecked")
  private static long timestamp(Map<String, Object> record) {
    return ((BigDecimal) ((Map<String, Object>) record.get("_aws")).get("Timestamp")).longValueExact();
  }

  private static Invocations invocationsOf(VitalsLambda.Handler<?, ?> handler) {
    try {
      java.lang.reflect.Field f = VitalsLambda.Handler.class.getDeclaredField("invocations");
      f.setAccessible(true);
      return (Invocations) f.get(handler);
    } catch (ReflectiveOperationException e) {
      throw new AssertionError(e);
    }
  }

  /** A code probe that takes 5 ms on the test's clock and counts its runs. */
  private final class Counting implements Probe {
    private final String name;
    private final Duration interval;
    final AtomicInteger runs = new AtomicInteger();

    Counting(String name, Duration interval) {
      this.name = name;
      this.interval = interval;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public ProbeDefaults defaults() {
      return ProbeDefaults.builder().interval(interval).timeout(Duration.ofSeconds(1)).build();
    }

    @Override
    public ProbeResult check() {
      runs.incrementAndGet();
      clock.advanceMillis(5);
      return ProbeResult.up();
    }
  }
}
