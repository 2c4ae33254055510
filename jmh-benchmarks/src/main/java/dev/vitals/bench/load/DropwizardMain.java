package dev.vitals.bench.load;

import com.codahale.metrics.health.HealthCheckRegistry;
import java.util.concurrent.Executors;

/**
 * The Dropwizard side of the start-up race: a {@code HealthCheckRegistry} with one {@code @Async} check,
 * answered as JSON by the JDK {@code HttpServer} (TCP_NODELAY on) on 127.0.0.1. Exits by itself after a
 * minute.
 */
public final class DropwizardMain {

  private DropwizardMain() {}

  /**
   * Starts.
   *
   * @param args the port
   * @throws Exception if the server cannot start
   */
  public static void main(String[] args) throws Exception {
    int port = StartupRace.childPort(args);
    StartupRace.exitLater();
    Servers.noDelay();
    HealthCheckRegistry registry = new HealthCheckRegistry(Executors.newScheduledThreadPool(1,
        Servers.daemon("dropwizard-health")));
    registry.register("db", new Servers.HealthyCheck());
    Servers.server("dropwizard", port, Servers.dropwizardHandler(registry));
  }
}
