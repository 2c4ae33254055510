package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.Alert;
import dev.vitals.api.HealthReport;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import dev.vitals.api.spi.ProbeObserver;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/**
 * Every configured secret value is scrubbed from a probe's result where the engine receives it, whatever
 * the probe: here a plugin that quotes its own password, the password of its URL, a header value and
 * another probe's password in its message, its details and the exception it throws.
 */
class ConfiguredSecretsTest {

  private static final String PASSWORD = "pa55-of-the-db-42";
  private static final String URL_PASSWORD = "url-pa55-9981";
  private static final String HEADER = "hdr-val-5f6e7d";
  private static final String OTHER_PASSWORD = "0ther-pa55-77aa";

  private final ManualClock clock = new ManualClock();
  private final List<ProbeResult> observed = new CopyOnWriteArrayList<>();

  /** Type {@code leaky}: a careless plugin that quotes its secrets in what it reports. */
  static final class LeakyProbeFactory implements ProbeFactory {
    @Override
    public String type() {
      return "leaky";
    }

    @Override
    public Set<String> keys() {
      return Set.of("url", "password", "throw", "headers");
    }

    @Override
    public Probe create(ProbeConfig config) {
      String password = config.require("password");
      String url = config.require("url");
      String header = config.require("headers.X-Key");
      boolean fail = config.bool("throw", false);
      return Probe.of(config.name(), "leaky", () -> {
        String said = "server said " + password + " is wrong for " + url.replace("leaky://app:", "user app, ")
            + "; sent " + header + " and " + OTHER_PASSWORD;
        if (fail) {
          throw new IllegalStateException(said);
        }
        return ProbeResult.builder(Status.DOWN).message(said).detail("echo", said).build();
      });
    }
  }

  private HealthMonitor monitor(boolean fail) {
    Map<String, String> config = new HashMap<>();
    config.put("vitals.probes.db.type", "leaky");
    config.put("vitals.probes.db.password", PASSWORD);
    config.put("vitals.probes.db.url", "leaky://app:" + URL_PASSWORD + "@db:1234/app");
    config.put("vitals.probes.db.headers.X-Key", HEADER);
    config.put("vitals.probes.db.throw", Boolean.toString(fail));
    config.put("vitals.probes.db.failure-threshold", "1");
    // another probe's secret: known to the monitor, so scrubbed from every probe's results
    config.put("vitals.probes.other.type", "leaky");
    config.put("vitals.probes.other.password", OTHER_PASSWORD);
    config.put("vitals.probes.other.url", "leaky://other");
    config.put("vitals.probes.other.headers.X-Key", "x");
    config.put("vitals.notifiers.ops.type", "recording");
    config.put("vitals.notifiers.ops.backoff", "1ms");
    return MonitorTestSupport.manual(clock).config(config).probeFactory(new LeakyProbeFactory())
        .notifierFactory(new RecordingNotifier.Factory())
        .probeObserver((probe, type) -> observed::add)
        .build();
  }

  private static void assertNoSecret(String text) {
    assertThat(text).doesNotContain(PASSWORD).doesNotContain(URL_PASSWORD).doesNotContain(HEADER)
        .doesNotContain(OTHER_PASSWORD);
  }

  @Test
  void aResultQuotingConfiguredSecretsReachesNoOneWithThem() {
    MonitorTestSupport.Changes changes = new MonitorTestSupport.Changes();
    try (HealthMonitor m = monitor(false)) {
      m.start();
      RecordingNotifier ops = RecordingNotifier.CREATED.stream().filter(n -> n.name.equals("ops"))
          .reduce((a, b) -> b).orElseThrow();
      clock.advance(Duration.ofSeconds(10));

      HealthReport report = m.report();
      ProbeResult last = report.probe("db").orElseThrow().lastResult().orElseThrow();
      assertThat(report.probe("db").orElseThrow().status()).isEqualTo(Status.DOWN);
      assertThat(last.message()).hasValueSatisfying(msg -> assertThat(msg).startsWith("server said **** is wrong"));
      assertNoSecret(last.toString());
      assertNoSecret(report.toString());
      assertThat(observed).isNotEmpty().allSatisfy(r -> assertNoSecret(r.toString()));
      await().until(() -> !ops.received.isEmpty());
      for (Alert a : ops.received) {
        assertNoSecret(a.summary());
        assertNoSecret(a.toString());
      }
    }
  }

  @Test
  void anExceptionQuotingConfiguredSecretsIsScrubbedToo() {
    try (HealthMonitor m = monitor(true)) {
      m.start();
      clock.advance(Duration.ofSeconds(10));

      ProbeResult last = m.report().probe("db").orElseThrow().lastResult().orElseThrow();
      assertThat(last.error()).hasValueSatisfying(e -> assertThat(e).startsWith("java.lang.IllegalStateException: "
          + "server said ****"));
      assertNoSecret(last.toString());
    }
  }
}
