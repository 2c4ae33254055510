package dev.vitals.dropwizard;

import com.codahale.metrics.health.HealthCheck;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import io.dropwizard.core.Application;
import io.dropwizard.core.Configuration;
import io.dropwizard.core.setup.Bootstrap;
import io.dropwizard.core.setup.Environment;
import io.dropwizard.lifecycle.Managed;
import java.util.concurrent.CountDownLatch;

/** A small Dropwizard application as users write them: its own checks, one of which hangs forever. */
public class OrdersApp extends Application<OrdersApp.OrdersConfiguration> {

  /** The application's configuration, with its {@code vitals} section. */
  public static class OrdersConfiguration extends Configuration {
    @JsonProperty
    private VitalsConfiguration vitals;

    /** @return the {@code vitals} section */
    public VitalsConfiguration getVitals() {
      return vitals;
    }
  }

  /** Released when the test ends, so no thread stays parked in the hung check. */
  static final CountDownLatch NEVER = new CountDownLatch(1);

  final VitalsBundle<OrdersConfiguration> vitals = VitalsBundle.of(OrdersConfiguration::getVitals)
      .customize(builder -> builder.probe(Probe.of("orders-api", () -> ProbeResult.up("200 OK"))));

  @Override
  public void initialize(Bootstrap<OrdersConfiguration> bootstrap) {
    bootstrap.addBundle(vitals);
  }

  @Override
  public void run(OrdersConfiguration configuration, Environment environment) {
    environment.healthChecks().register("db.primary", new HealthCheck() {
      @Override
      protected Result check() {
        return Result.healthy("pool 2/10");
      }
    });
    environment.healthChecks().register("payments", new HealthCheck() {
      @Override
      protected Result check() throws InterruptedException {
        NEVER.await();                                // a dependency that never answers
        return Result.healthy();
      }
    });
    // registered once the application runs, after the Vitals monitor was built
    environment.lifecycle().manage(new Managed() {
      @Override
      public void start() {
        environment.healthChecks().register("late-check", new HealthCheck() {
          @Override
          protected Result check() {
            return Result.healthy();
          }
        });
      }
    });
  }
}
