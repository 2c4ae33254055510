package dev.vitals.bench.load;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.core.HealthMonitor;
import dev.vitals.exporter.http.HttpEndpoint;

/**
 * The Vitals side of the start-up race: a process that embeds Vitals with one probe (the builder's
 * defaults; a class, as Dropwizard's check is) and serves {@code /health} on 127.0.0.1 with
 * {@link HttpEndpoint}. Exits by itself after a minute.
 */
public final class VitalsMain {

  private VitalsMain() {}

  /** Always up, like the Dropwizard side's check. */
  static final class Db implements Probe {
    @Override
    public String name() {
      return "db";
    }

    @Override
    public ProbeResult check() {
      return ProbeResult.up();
    }
  }

  /**
   * Starts.
   *
   * @param args the port
   * @throws Exception if the server cannot start
   */
  public static void main(String[] args) throws Exception {
    int port = StartupRace.childPort(args);
    StartupRace.exitLater();
    HealthMonitor monitor = HealthMonitor.builder().probe(new Db()).build().start();
    HttpEndpoint.builder(monitor::report).host("127.0.0.1").port(port).start();
  }
}
