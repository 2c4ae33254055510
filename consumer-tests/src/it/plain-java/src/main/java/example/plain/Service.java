package example.plain;

import dev.vitals.core.HealthMonitor;
import dev.vitals.exporter.http.Details;
import dev.vitals.exporter.http.HttpEndpoint;
import java.io.IOException;
import java.time.Duration;
import java.util.Map;

/** What a user writes: a monitor with an HTTP probe of a dependency, and the /health endpoint. */
public final class Service implements AutoCloseable {

  private final HealthMonitor monitor;
  private final HttpEndpoint endpoint;

  /**
   * Starts the monitor and the endpoint, and runs the probe once.
   *
   * @param dependencyUrl the URL the HTTP probe checks
   * @throws IOException when the endpoint cannot start
   * @throws InterruptedException when interrupted while the probe runs
   */
  public Service(String dependencyUrl) throws IOException, InterruptedException {
    monitor = HealthMonitor.builder()
        .config(Map.of("vitals.probes.orders.type", "http", "vitals.probes.orders.url", dependencyUrl,
            // generous: the first run sets up the JDK HTTP client, slow on a loaded build machine
            "vitals.probes.orders.interval", "30s", "vitals.probes.orders.timeout", "15s"))
        .onDemand(true)   // probes run when runDue is called: the test needs no waiting
        .build()
        .start();
    if (monitor.runDue(Duration.ofSeconds(20)) != 1) {
      throw new IllegalStateException("the probe did not run");
    }
    endpoint = HttpEndpoint.builder(monitor::report).port(0).details(Details.ALWAYS).start();
  }

  /** @return the endpoint's base URI */
  public java.net.URI uri() {
    return endpoint.uri();
  }

  @Override
  public void close() {
    endpoint.close();
    monitor.close();
  }
}
