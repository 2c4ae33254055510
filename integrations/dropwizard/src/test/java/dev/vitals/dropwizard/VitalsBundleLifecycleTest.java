package dev.vitals.dropwizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.core.HealthMonitor;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import org.junit.jupiter.api.Test;

/** The monitor starts and stops with a real Dropwizard application. */
class VitalsBundleLifecycleTest {

  @Test
  void theMonitorStartsWithTheApplicationAndIsClosedWhenItStops() throws Exception {
    DropwizardTestSupport<OrdersApp.OrdersConfiguration> support =
        new DropwizardTestSupport<>(OrdersApp.class, ResourceHelpers.resourceFilePath("vitals-app.yml"));
    support.before();
    HealthMonitor monitor;
    OrdersApp app = support.getApplication();
    try {
      monitor = app.vitals.monitor().orElseThrow();
      assertThat(monitor.report().probe("db-primary")).isPresent();
    } finally {
      support.after();
    }
    assertThat(app.vitals.monitor()).isEmpty();
    // closed: a second start is refused, as for any closed monitor
    assertThatThrownBy(monitor::start).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
  }
}
