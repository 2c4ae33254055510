package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HealthReport;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.Tracker;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import dev.vitals.test.ManualClock;
import java.net.InetAddress;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The README's examples, compiled and run as written (only the ping is not sent). */
class ReadmeExamplesTest {

  /** The README's custom probe type. */
  public static final class PingProbeFactory implements ProbeFactory {
    /** For ServiceLoader. */
    public PingProbeFactory() {}

    @Override
    public String type() {
      return "ping";
    }

    @Override
    public Set<String> keys() {
      return Set.of("host");
    }

    @Override
    public Probe create(ProbeConfig config) {
      String host = config.require("host");
      Duration timeout = config.timeout();           // set your client's own limits below it
      return Probe.of(config.name(), "ping", () -> InetAddress.getByName(host).isReachable((int) timeout.toMillis())
          ? ProbeResult.up() : ProbeResult.down(host + " unreachable"));
    }
  }

  @Test
  void theEmbeddingExampleRuns() {
    Probe ordersApi = Probe.of("orders-api", () -> {
      int code = 200;                                 // client.ping() in the README
      return code == 200 ? ProbeResult.up() : ProbeResult.down("ping answered " + code);
    });
    ManualClock clock = new ManualClock();
    try (HealthMonitor monitor = HealthMonitor.builder()
        .clock(clock).scheduler(clock.scheduler()).executor(clock.executor()).environment(Map.of())
        .probe(ordersApi)
        .build()
        .start()) {
      clock.advance(Duration.ofSeconds(30));
      Tracker checkout = monitor.tracker("checkout");
      checkout.record(Duration.ofMillis(42).toNanos(), true);
      clock.advance(Duration.ofSeconds(10));
      HealthReport report = monitor.report();
      assertThat(report.status()).isEqualTo(Status.UP);
      assertThat(report.tracker("checkout").orElseThrow().count()).isEqualTo(1);
    }
  }

  @Test
  void theCustomProbeTypeIsConfiguredByName() {
    ManualClock clock = new ManualClock();
    try (HealthMonitor monitor = HealthMonitor.builder().clock(clock).scheduler(clock.scheduler())
        .environment(Map.of()).probeFactory(new PingProbeFactory())
        .config(Map.of("vitals.probes.gateway.type", "ping", "vitals.probes.gateway.host", "127.0.0.1"))
        .build().start()) {
      assertThat(monitor.report().probe("gateway").orElseThrow().type()).isEqualTo("ping");
    }
  }
}
