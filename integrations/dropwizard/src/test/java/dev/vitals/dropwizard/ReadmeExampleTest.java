package dev.vitals.dropwizard;

import static org.assertj.core.api.Assertions.assertThat;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import dev.vitals.core.HealthMonitor;
import java.util.Map;
import java.util.SortedMap;
import org.junit.jupiter.api.Test;

/** The README's "Without the bundle" example, as written there, run against a registry with one check. */
class ReadmeExampleTest {

  @Test
  void theRegistryExampleRunsAsWritten() {
    HealthCheckRegistry checks = new HealthCheckRegistry();
    checks.register("db.primary", new HealthCheck() {
      @Override
      protected Result check() {
        return Result.healthy();
      }
    });

    // --- as in the README ---
    HealthMonitor.Builder builder = HealthMonitor.builder();
    DropwizardProbes.register(builder, checks);              // one probe per check, and a listener
    HealthMonitor monitor = builder.environment(Map.of()).build().start();

    HealthCheckRegistry reportBacked = new HealthCheckRegistry();
    VitalsHealthChecks.registerAll(reportBacked, monitor);   // one report-backed check per probe
    SortedMap<String, HealthCheck.Result> results = reportBacked.runHealthChecks();   // never calls a dependency
    // ---

    try {
      assertThat(results).containsOnlyKeys("db-primary");
      assertThat(results.get("db-primary").getDetails()).containsEntry("type", "dropwizard");
    } finally {
      monitor.close();
    }
  }
}
