package dev.vitals.example.quarkus;

import dev.vitals.api.Tracker;
import dev.vitals.core.HealthMonitor;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The service's own API, tracked by Vitals as {@code api}. */
@Path("/hello")
public class GreetingResource {

  private final Tracker api;

  @Inject
  GreetingResource(HealthMonitor monitor) {
    this.api = monitor.tracker("api");
  }

  /**
   * Greets.
   *
   * @return a greeting
   */
  @GET
  @Produces(MediaType.TEXT_PLAIN)
  public String hello() {
    long start = System.nanoTime();
    String answer = "hello from Quarkus with Vitals";
    api.record(System.nanoTime() - start, true);
    return answer;
  }
}
