package dev.vitals.bench.load;

import com.codahale.metrics.health.HealthCheckRegistry;
import java.util.concurrent.Executors;

/**
 * The Dropwizard side of the start-up race: a {@code HealthCheckRegistry} with one {@code @Async} check,
 * answered by the JDK {@code HttpServer} (TCP_NODELAY on) on 127.0.0.1 as {@code HealthCheckServlet}
 * answers (Jackson with metrics-json's module), or with {@code handwritten} as the second argument, with
 * JSON written by hand. Exits by itself after a minute.
 */
public final class DropwizardMain {

  private DropwizardMain() {}

  /**
   * Starts.
   *
   * @param args the port, and optionally {@code handwritten}
   * @throws Exception if the server cannot start
   */
  public static void main(String[] args) throws Exception {
    boolean handwritten = args.length == 2 && args[1].equals("handwritten");
    int port = StartupRace.childPort(handwritten ? new String[] {args[0]} : args);
    StartupRace.exitLater();
    Servers.noDelay();
    HealthCheckRegistry registry = new HealthCheckRegistry(Executors.newScheduledThreadPool(1,
        Servers.daemon("dropwizard-health")));
    registry.register("db", new Servers.HealthyCheck());
    Servers.server("dropwizard", port, handwritten ? Servers.dropwizardHandwrittenHandler(registry)
        : Servers.dropwizardHandler(registry));
  }
}
