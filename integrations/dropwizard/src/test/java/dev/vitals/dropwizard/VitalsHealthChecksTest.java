package dev.vitals.dropwizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import dev.vitals.api.HealthReport;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.core.HealthMonitor;
import dev.vitals.test.Reports;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class VitalsHealthChecksTest {

  /** Released after each test, so no thread stays parked in it. */
  private final CountDownLatch never = new CountDownLatch(1);

  @AfterEach
  void release() {
    never.countDown();
  }

  /** A check that hangs until the test ends, ignoring interruption as a stuck socket read does. */
  private HealthCheck hangs() {
    return new HealthCheck() {
      @Override
      protected Result check() {
        boolean interrupted = false;
        while (never.getCount() > 0) {
          try {
            never.await();
          } catch (InterruptedException e) {
            interrupted = true;                       // a stuck read ignores interrupts: so does this
          }
        }
        if (interrupted) {
          Thread.currentThread().interrupt();
        }
        return Result.healthy();
      }
    };
  }

  @Test
  void aHungCheckIsDownAfterItsTimeoutWhileTheReportBackedRegistryAnswersWithinMilliseconds() {
    HealthCheckRegistry checks = new HealthCheckRegistry();
    checks.register("payments", hangs());
    checks.register("db", new HealthCheck() {
      @Override
      protected Result check() {
        return Result.healthy("1 ms");
      }
    });
    HealthMonitor.Builder builder = HealthMonitor.builder().environment(Map.of()).config(Map.of(
        "vitals.probes.payments.interval", "200ms",
        "vitals.probes.payments.timeout", "100ms",
        "vitals.probes.payments.failure-threshold", "1",
        "vitals.probes.db.interval", "200ms"));
    DropwizardProbes.register(builder, checks);
    try (HealthMonitor monitor = builder.build().start()) {
      Awaitility.await().atMost(Duration.ofSeconds(20)).until(() ->
          monitor.report().probe("payments").orElseThrow().status() == Status.DOWN
              && monitor.report().probe("db").orElseThrow().status() == Status.UP);

      HealthCheckRegistry reportBacked = new HealthCheckRegistry();
      assertThat(VitalsHealthChecks.registerAll(reportBacked, monitor)).containsExactly("db", "payments");
      // the original registry would hang here forever; the report-backed one answers from the report
      SortedMap<String, HealthCheck.Result> results =
          assertTimeoutPreemptively(Duration.ofSeconds(2), () -> reportBacked.runHealthChecks());
      long started = System.nanoTime();
      results = reportBacked.runHealthChecks();
      long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
      assertThat(tookMillis).isLessThan(200);       // no check is run: a read of the latest report

      HealthCheck.Result payments = results.get("payments");
      assertThat(payments.isHealthy()).isFalse();
      // the run that timed out, or a later interval's report that the stuck run still holds its thread
      assertThat(payments.getMessage()).matches("timed out after 100ms.*|previous run has not returned .*");
      assertThat(payments.getDetails()).containsEntry("status", "DOWN").containsEntry("type", "dropwizard");
      HealthCheck.Result db = results.get("db");
      assertThat(db.isHealthy()).isTrue();
      assertThat(db.getMessage()).isEqualTo("1 ms");
      assertThat(db.getDetails()).containsEntry("status", "UP").containsKey("latencyMs").containsKey("score");
    }
  }

  @Test
  void aCheckThatBecameAProbeIsNotRegisteredAgainAsItsOwnReport() {
    HealthCheckRegistry checks = new HealthCheckRegistry();
    checks.register("db.primary", new HealthCheck() {
      @Override
      protected Result check() {
        return Result.healthy();
      }
    });
    HealthMonitor.Builder builder = HealthMonitor.builder().environment(Map.of())
        .probe(Probe.of("orders-api", () -> ProbeResult.up()));
    DropwizardProbes.register(builder, checks);
    try (HealthMonitor monitor = builder.build().start()) {
      assertThat(VitalsHealthChecks.registerAll(checks, monitor)).containsExactly("orders-api");
      assertThat(checks.getNames()).containsExactly("db.primary", "orders-api");
      assertThat(checks.getHealthCheck("db.primary")).isNotInstanceOf(ReportHealthCheck.class);
      // and the report-backed check is never made into a probe in turn
      assertThat(DropwizardProbes.from(checks)).extracting(Probe::name).containsExactly("db-primary");
    }
  }

  @Test
  void degradedIsHealthyAndUnknownOrMissingIsUnhealthy() {
    HealthReport report = Reports.report(
        Reports.probe("slow").status(Status.DEGRADED).build(),
        Reports.unknown("new").build()).build();
    HealthCheck.Result slow = VitalsHealthChecks.of(() -> report, "slow").execute();
    assertThat(slow.isHealthy()).isTrue();
    assertThat(slow.getDetails()).containsEntry("status", "DEGRADED");
    HealthCheck.Result fresh = VitalsHealthChecks.of(() -> report, "new").execute();
    assertThat(fresh.isHealthy()).isFalse();
    assertThat(fresh.getMessage()).isEqualTo("no result yet");
    HealthCheck.Result gone = VitalsHealthChecks.of(() -> report, "gone").execute();
    assertThat(gone.isHealthy()).isFalse();
    assertThat(gone.getMessage()).isEqualTo("no probe named 'gone' in the Vitals report");
  }

  @Test
  void aDetailNamedAsASecretIsMaskedInTheCheck() {
    HealthReport report = Reports.report(Reports.probe("api")
        .lastResult(ProbeResult.builder(Status.UP).detail("api-key", "k-1234567890").build()).build()).build();
    assertThat(VitalsHealthChecks.of(() -> report, "api").execute().getDetails()).containsEntry("api-key", "****");
  }
}
