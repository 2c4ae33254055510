package dev.vitals.notifier.webhook;

import dev.vitals.api.spi.NotifierRouting;
import dev.vitals.test.NotifierCompatibilityKit;
import dev.vitals.test.RecordingHttpServer;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The webhook notifier against the notifier compatibility kit: registered for ServiceLoader, its keys
 * and routing (every alert: its receiver routes them further) declared, FIRING and RESOLVED posted to a
 * real HTTP server, its timeout honoured against a server that never answers, no header value, signing
 * secret or secret part of the URL ever shown, every bad setting reported at once, {@code close()}
 * idempotent.
 */
class WebhookNotifierCompatibilityTest extends NotifierCompatibilityKit {

  static final String TOKEN = "tok3n-5ecret-value-42";
  static final String SECRET = "whsec-0123456789abcdef";
  static final String PATH_KEY = "k3y-in-the-path-77";
  static final String QUERY_SECRET = "qu3ry-secret-88";

  @Override
  protected String type() {
    return "webhook";
  }

  @Override
  protected Receiver startReceiver() {
    return httpReceiver(new RecordingHttpServer().answer(204, ""));
  }

  @Override
  protected Map<String, String> settingsFor(String host, int port) {
    return Map.of("url", "http://" + host + ":" + port + "/hooks/" + PATH_KEY + "?sig=" + QUERY_SECRET,
        "headers.Authorization", "Bearer " + TOKEN, "headers.X-Api-Key", "k-" + TOKEN, "secret", SECRET);
  }

  @Override
  protected List<String> secrets() {
    return List.of(TOKEN, SECRET, PATH_KEY, QUERY_SECRET);
  }

  @Override
  protected Set<String> expectedKeys() {
    return Set.of("url", "headers", "secret", "timeout");
  }

  @Override
  protected NotifierRouting expectedDefaultRouting() {
    return NotifierRouting.all();
  }

  @Override
  protected Map<String, String> badSettings() {
    return Map.of("timeout", "0s", "headers.Host", "x", "secret", "short");
  }

  @Override
  protected Set<String> badKeys() {
    return Set.of("url", "timeout", "headers.Host", "secret");
  }
}
