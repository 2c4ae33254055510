package dev.vitals.notifier.slack;

import dev.vitals.api.spi.NotifierRouting;
import dev.vitals.test.NotifierCompatibilityKit;
import dev.vitals.test.RecordingHttpServer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The Slack notifier against the notifier compatibility kit: registered for ServiceLoader, its keys and
 * routing (every alert: Slack is for real-time alerts) declared, FIRING and RESOLVED posted to a real
 * HTTP server, its timeout honoured against a server that never answers, the webhook's token never
 * shown, every bad setting reported at once, {@code close()} idempotent.
 */
class SlackNotifierCompatibilityTest extends NotifierCompatibilityKit {

  static final String TOKEN = "XyZsecretTokenAbc123456789";

  @Override
  protected String type() {
    return "slack";
  }

  @Override
  protected Receiver startReceiver() {
    return httpReceiver(new RecordingHttpServer());
  }

  @Override
  protected Map<String, String> settingsFor(String host, int port) {
    return Map.of("url", "http://" + host + ":" + port + "/services/T0001/B0002/" + TOKEN);
  }

  @Override
  protected List<String> secrets() {
    return List.of(TOKEN);
  }

  @Override
  protected Set<String> expectedKeys() {
    return Set.of("url", "channel", "username", "icon-emoji", "link-text", "timeout");
  }

  @Override
  protected NotifierRouting expectedDefaultRouting() {
    return NotifierRouting.all();
  }

  @Override
  protected Map<String, String> badSettings() {
    return Map.of("timeout", "0s", "icon-emoji", "x", "link-text", "y".repeat(201));
  }

  @Override
  protected Set<String> badKeys() {
    return Set.of("url", "timeout", "icon-emoji", "link-text");
  }
}
