package dev.vitals.notifier.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.core.HealthMonitor;
import dev.vitals.test.Json;
import dev.vitals.test.ManualClock;
import dev.vitals.test.RecordingHttpServer;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The performance guide's alert channels as the routing defaults, end to end: a monitor with a real
 * PagerDuty notifier and a real Slack notifier (found by ServiceLoader), each posting to a real local
 * HTTP server, driven by a manual clock.
 *
 * <p>An ordinary deploy — every probe {@code UP}, a cold start of 900 ms, above the 500 ms threshold of the
 * {@code cold-start} rule (severity warning) — posts that warning to Slack and pages nobody. A critical
 * probe going down does page, and its recovery resolves the incident.
 */
class OrdinaryDeployTest {

  private static final String KEY = PagerDutyEventTest.KEY;

  private final ManualClock clock = new ManualClock();
  private final RecordingHttpServer pagerDuty = new RecordingHttpServer()
      .answer(202, "{\"status\":\"success\",\"message\":\"Event processed\"}");
  private final RecordingHttpServer slack = new RecordingHttpServer().answer(200, "ok");
  private final AtomicReference<ProbeResult> db = new AtomicReference<>(ProbeResult.up());

  @AfterEach
  void stop() {
    pagerDuty.close();
    slack.close();
  }

  /** A freshly deployed service: it started 900 ms before its first probe results, all of them UP. */
  private HealthMonitor deploy(Map<String, String> extra) {
    Map<String, String> config = new HashMap<>();
    config.put("vitals.notifiers.oncall.type", "pagerduty");
    config.put("vitals.notifiers.oncall.url", pagerDuty.url("/v2/enqueue"));
    config.put("vitals.notifiers.oncall.routing-key", KEY);
    config.put("vitals.notifiers.team.type", "slack");
    config.put("vitals.notifiers.team.url", slack.url("/services/T000/B000/XXXX"));
    config.put("vitals.probes.db.failure-threshold", "1");
    config.putAll(extra);
    return HealthMonitor.builder()
        .clock(clock).scheduler(clock.scheduler()).executor(clock.executor())
        .environment(Map.of()).jitter(0).discoverExporters(false)
        .startTime(clock.instant().minusMillis(900))
        .probe(Probe.of("db", db::get))
        .probe(Probe.of("cache", ProbeResult::up))
        .config(config)
        .build().start();
  }

  private static Map<String, Object> json(RecordingHttpServer.Request r) {
    return Json.parseObject(r.text());
  }

  @Test
  void anOrdinaryDeployWarnsSlackAndPagesNobody() throws Exception {
    try (HealthMonitor monitor = deploy(Map.of())) {
      clock.runDue();
      assertThat(monitor.report().status()).isEqualTo(Status.UP);
      assertThat(monitor.report().coldStart()).contains(Duration.ofMillis(900));

      assertThat(json(slack.take()).get("text")).isEqualTo("[FIRING] cold-start on service: cold start took 900 ms,"
          + " above 500 ms");
      clock.advance(Duration.ofMinutes(10)); // the service runs on, every probe UP
      assertThat(slack.pending()).as("nothing else to say").isZero();
      assertThat(pagerDuty.pending()).as("an ordinary deploy pages nobody").isZero();

      db.set(ProbeResult.down("connection refused"));
      clock.advance(Duration.ofSeconds(10));
      Map<String, Object> page = json(pagerDuty.take());
      assertThat(page.get("event_action")).isEqualTo("trigger");
      assertThat(page.get("dedup_key")).as("one queue, in order: the first event PagerDuty ever got is this page")
          .isEqualTo("probe-down:db");
      assertThat(json(slack.take()).get("text")).isEqualTo("[FIRING] probe-down on db: db is DOWN: connection refused");

      db.set(ProbeResult.up());
      clock.advance(Duration.ofSeconds(40)); // past the open circuit's wait: a trial run succeeds
      Map<String, Object> resolve = json(pagerDuty.take());
      assertThat(resolve.get("event_action")).isEqualTo("resolve");
      assertThat(resolve.get("dedup_key")).isEqualTo("probe-down:db");
      assertThat(json(slack.take()).get("text")).asString().startsWith("[RESOLVED] probe-down on db");
    }
  }

  @Test
  void aTeamThatWantsWarningsPagedSaysSo() throws Exception {
    try (HealthMonitor monitor = deploy(Map.of("vitals.notifiers.oncall.severities", "critical, warning",
        "vitals.notifiers.team.severities", "critical"))) {
      clock.runDue();
      assertThat(monitor.report().coldStart()).contains(Duration.ofMillis(900));

      Map<String, Object> page = json(pagerDuty.take());
      assertThat(page.get("dedup_key")).isEqualTo("cold-start:service");
      assertThat(((Map<?, ?>) page.get("payload")).get("severity")).isEqualTo("warning");
      db.set(ProbeResult.down("connection refused"));
      clock.advance(Duration.ofSeconds(10));
      assertThat(json(pagerDuty.take()).get("dedup_key")).isEqualTo("probe-down:db");
      assertThat(json(slack.take()).get("text")).as("this channel takes critical alerts only: the cold start never"
          + " reached it").isEqualTo("[FIRING] probe-down on db: db is DOWN: connection refused");
    }
  }
}
