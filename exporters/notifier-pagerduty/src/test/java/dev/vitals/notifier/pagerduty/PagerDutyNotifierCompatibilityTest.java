package dev.vitals.notifier.pagerduty;

import dev.vitals.api.Alert;
import dev.vitals.api.spi.NotifierRouting;
import dev.vitals.test.NotifierCompatibilityKit;
import dev.vitals.test.RecordingHttpServer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The PagerDuty notifier against the notifier compatibility kit: registered for ServiceLoader, its keys
 * and routing (critical alerts only: an ordinary deploy pages nobody) declared, a trigger and a resolve
 * posted to a real HTTP server answering as PagerDuty's Events API does, its timeout honoured against a
 * server that never answers, the routing key never shown, every bad setting reported at once,
 * {@code close()} idempotent.
 */
class PagerDutyNotifierCompatibilityTest extends NotifierCompatibilityKit {

  static final String KEY = PagerDutyEventTest.KEY;

  @Override
  protected String type() {
    return "pagerduty";
  }

  @Override
  protected Receiver startReceiver() {
    return httpReceiver(new RecordingHttpServer()
        .answer(202, "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"probe-down:kit-db\"}"));
  }

  @Override
  protected Map<String, String> settingsFor(String host, int port) {
    return Map.of("url", "http://" + host + ":" + port + "/v2/enqueue", "routing-key", KEY);
  }

  @Override
  protected List<String> secrets() {
    return List.of(KEY);
  }

  @Override
  protected Set<String> expectedKeys() {
    return Set.of("url", "routing-key", "source", "group", "severity-critical", "severity-warning", "link-text",
        "timeout");
  }

  @Override
  protected NotifierRouting expectedDefaultRouting() {
    return NotifierRouting.of(Alert.Severity.CRITICAL);
  }

  @Override
  protected Map<String, String> badSettings() {
    return Map.of("routing-key", "short-" + KEY, "url", "http://example.com/x", "timeout", "0s",
        "severity-critical", "page", "source", "a\nb");
  }

  @Override
  protected Set<String> badKeys() {
    return Set.of("routing-key", "url", "timeout", "severity-critical", "source");
  }
}
