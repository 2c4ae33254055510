package dev.vitals.notifier.pagerduty;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.Alert;
import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import dev.vitals.test.Json;
import dev.vitals.test.RecordingHttpServer;
import java.math.BigDecimal;
import java.net.InetAddress;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What reaches a real HTTP server, checked field by field against PagerDuty's documented Events API v2
 * alert event ("Send an Alert Event"): {@code routing_key} (required, the 32-character integration
 * key), {@code event_action} (required: {@code trigger}, {@code acknowledge} or {@code resolve}),
 * {@code dedup_key} (at most 255 characters), {@code payload.summary} (required, at most 1024),
 * {@code payload.source} (required), {@code payload.severity} (required: {@code critical},
 * {@code error}, {@code warning} or {@code info}), optional {@code payload.timestamp} (ISO 8601),
 * {@code component}, {@code group}, {@code class}, {@code custom_details} (an object), {@code links}
 * (objects with a required {@code href} and an optional {@code text}), {@code client} and
 * {@code client_url}; a body of at most 512 KB.
 */
class PagerDutyEventTest {

  static final String KEY = "R0UT1NGKEY0123456789abcdefABCDEF";
  static final Set<String> TOP_LEVEL = Set.of("routing_key", "event_action", "dedup_key", "payload", "images", "links",
      "client", "client_url");
  static final Set<String> PAYLOAD = Set.of("summary", "source", "severity", "timestamp", "component", "group", "class",
      "custom_details");

  private final RecordingHttpServer server = new RecordingHttpServer().answer(202,
      "{\"status\":\"success\",\"message\":\"Event processed\",\"dedup_key\":\"latency:db\"}");
  private Notifier notifier;

  @AfterEach
  void stop() {
    if (notifier != null) {
      notifier.close();
    }
    server.close();
  }

  private Notifier notifier(Map<String, String> extra) {
    Map<String, String> settings = new HashMap<>(extra);
    settings.put("type", "pagerduty");
    settings.put("url", server.url("/v2/enqueue"));
    settings.put("routing-key", KEY);
    notifier = new PagerDutyNotifierFactory().create(NotifierConfig.of("oncall", settings));
    return notifier;
  }

  private Map<String, Object> send(Notifier n, Alert alert) throws Exception {
    n.send(alert);
    RecordingHttpServer.Request r = server.take();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.target()).isEqualTo("/v2/enqueue");
    assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(r.body().length).isLessThanOrEqualTo(512 * 1024);
    Map<String, Object> event = Json.parseObject(new String(r.body(), StandardCharsets.UTF_8));
    assertConformsToEventsApiV2(event);
    return event;
  }

  private Map<String, Object> send(Alert alert) throws Exception {
    return send(notifier == null ? notifier(Map.of()) : notifier, alert);
  }

  /** The documented rules of an alert event, applied to any event sent. */
  @SuppressWarnings("unchecked")
  static void assertConformsToEventsApiV2(Map<String, Object> event) {
    assertThat(event.keySet()).isSubsetOf(TOP_LEVEL).contains("routing_key", "event_action");
    assertThat(event.get("routing_key")).isEqualTo(KEY);
    assertThat(event.get("event_action")).isIn("trigger", "acknowledge", "resolve");
    if (event.containsKey("dedup_key")) {
      assertThat((String) event.get("dedup_key")).isNotEmpty().hasSizeLessThanOrEqualTo(255);
    }
    if (event.get("event_action").equals("trigger")) {
      Map<String, Object> payload = (Map<String, Object>) event.get("payload");
      assertThat(payload).as("payload of a trigger").isNotNull();
      assertThat(payload.keySet()).isSubsetOf(PAYLOAD).contains("summary", "source", "severity");
      assertThat((String) payload.get("summary")).isNotBlank().hasSizeLessThanOrEqualTo(1024);
      assertThat((String) payload.get("source")).isNotBlank();
      assertThat(payload.get("severity")).isIn("critical", "error", "warning", "info");
      if (payload.containsKey("timestamp")) {
        assertThat(OffsetDateTime.parse((String) payload.get("timestamp"))).isNotNull();
      }
      for (String k : List.of("component", "group", "class")) {
        if (payload.containsKey(k)) {
          assertThat(payload.get(k)).as(k).isInstanceOf(String.class);
        }
      }
      if (payload.containsKey("custom_details")) {
        assertThat(payload.get("custom_details")).isInstanceOf(Map.class);
      }
    } else {
      assertThat(event.get("dedup_key")).as("a resolve needs the dedup_key of its trigger").isNotNull();
    }
    if (event.containsKey("links")) {
      for (Object o : (List<Object>) event.get("links")) {
        Map<String, Object> link = (Map<String, Object>) o;
        assertThat(link.keySet()).contains("href").isSubsetOf("href", "text");
        assertThat((String) link.get("href")).startsWith("http");
      }
    }
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> payload(Map<String, Object> event) {
    return (Map<String, Object>) event.get("payload");
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> details(Map<String, Object> event) {
    return (Map<String, Object>) payload(event).get("custom_details");
  }

  @Test
  void firingAlertIsATriggerWithEveryDocumentedField() throws Exception {
    Map<String, Object> e = send(notifier(Map.of("source", "checkout-7f9c", "group", "checkout-stack")), Alerts.firing());

    assertThat(e.keySet()).containsExactly("routing_key", "event_action", "dedup_key", "payload", "client", "client_url",
        "links");
    assertThat(e).containsEntry("event_action", "trigger").containsEntry("dedup_key", "latency:db")
        .containsEntry("client", "Vitals").containsEntry("client_url", "https://status.example.com/");
    assertThat(e.get("links")).isEqualTo(List.of(Map.of("href", "https://status.example.com/", "text", "Vitals status page")));
    Map<String, Object> p = payload(e);
    assertThat(p.keySet()).containsExactly("summary", "source", "severity", "timestamp", "component", "group", "class",
        "custom_details");
    assertThat(p).containsEntry("summary", "db p95 240 ms is above 2x its 50 ms target (100 ms)")
        .containsEntry("source", "checkout-7f9c").containsEntry("severity", "critical")
        .containsEntry("timestamp", "2026-11-27T10:41:07.123Z").containsEntry("component", "db")
        .containsEntry("group", "checkout-stack").containsEntry("class", "latency");
    assertThat(Instant.parse((String) p.get("timestamp"))).isEqualTo(Alerts.NOW);
    assertThat(details(e)).containsExactly(
        Map.entry("state", "FIRING"), Map.entry("repeat", false), Map.entry("value", new BigDecimal("240")),
        Map.entry("threshold", new BigDecimal("100")), Map.entry("unit", "ms"),
        Map.entry("starts_at", "2026-11-27T10:00:00Z"),
        Map.entry("labels", Map.of("kind", "readiness", "type", "jdbc")));
  }

  @Test
  void resolveCarriesTheDedupKeyOfItsTriggerAndNothingElse() throws Exception {
    Map<String, Object> trigger = send(Alerts.firing());
    Map<String, Object> resolve = send(Alerts.resolved());

    assertThat(resolve).containsExactly(Map.entry("routing_key", KEY), Map.entry("event_action", "resolve"),
        Map.entry("dedup_key", "latency:db"));
    assertThat(resolve.get("dedup_key")).isEqualTo(trigger.get("dedup_key"));
  }

  @Test
  void aReminderTriggersAgainWithTheSameDedupKey() throws Exception {
    Alert first = Alerts.of("api error rate 7.31 % is above 5 %", Alert.Severity.WARNING, Alert.State.FIRING, false,
        Optional.empty());
    Alert reminder = Alerts.of("api error rate 8.02 % is above 5 %", Alert.Severity.WARNING, Alert.State.FIRING, true,
        Optional.empty());
    Map<String, Object> a = send(first);
    Map<String, Object> b = send(reminder);

    assertThat(b).containsEntry("event_action", "trigger").containsEntry("dedup_key", a.get("dedup_key"))
        .containsEntry("dedup_key", "error-rate:api").doesNotContainKeys("links", "client_url");
    assertThat(details(b)).containsEntry("repeat", true).containsEntry("unit", "ratio")
        .containsEntry("value", new BigDecimal("0.0731")).containsEntry("threshold", new BigDecimal("0.05"));
    assertThat(payload(b)).containsEntry("severity", "warning").doesNotContainKey("group");
  }

  @Test
  void severitiesMapAsConfigured() throws Exception {
    notifier(Map.of("severity-critical", "ERROR", "severity-warning", "info"));
    assertThat(payload(send(Alerts.firing()))).containsEntry("severity", "error");
    assertThat(payload(send(Alerts.of("s", Alert.Severity.WARNING, Alert.State.FIRING, false, Optional.empty()))))
        .containsEntry("severity", "info");
  }

  @Test
  void sourceIsThisMachineByDefault() throws Exception {
    String env = System.getenv("HOSTNAME");
    String expected = env != null && !env.isBlank() ? env.trim() : InetAddress.getLocalHost().getHostName();
    assertThat(payload(send(Alerts.firing()))).containsEntry("source", expected);
  }

  @Test
  void summaryIsCutToPagerDutyLimitAndABlankOneIsReplaced() throws Exception {
    Map<String, Object> e = send(Alerts.of("x".repeat(1100), Alert.Severity.WARNING, Alert.State.FIRING, false,
        Optional.empty()));
    assertThat((String) payload(e).get("summary")).hasSize(1024).endsWith("x...");

    Map<String, Object> blank = send(Alerts.of(" ", Alert.Severity.WARNING, Alert.State.FIRING, false, Optional.empty()));
    assertThat(payload(blank)).containsEntry("summary", "error-rate on api");
  }

  @Test
  void tooLongDedupKeyIsShortenedTheSameWayForTriggerAndResolve() throws Exception {
    String subject = "tracker-" + "x".repeat(300);
    Alert fire = new Alert("latency", subject, Alert.State.FIRING, Alert.Severity.CRITICAL, "s", 1, 2, "ms",
        Alerts.STARTS, Alerts.NOW, false, Optional.empty(), Map.of());
    Alert resolve = new Alert("latency", subject, Alert.State.RESOLVED, Alert.Severity.CRITICAL, "s", 1, 2, "ms",
        Alerts.STARTS, Alerts.NOW, false, Optional.empty(), Map.of());
    Alert other = new Alert("latency", subject + "y", Alert.State.FIRING, Alert.Severity.CRITICAL, "s", 1, 2, "ms",
        Alerts.STARTS, Alerts.NOW, false, Optional.empty(), Map.of());
    String a = (String) send(fire).get("dedup_key");
    String b = (String) send(resolve).get("dedup_key");
    String c = (String) send(other).get("dedup_key");

    assertThat(a).hasSize(255).startsWith("latency:tracker-xxx").matches(".*#[0-9a-f]{64}").isEqualTo(b).isNotEqualTo(c);
  }

  @Test
  void onlyValidHttpLinksAreSentAndNonFiniteValuesAreNull() throws Exception {
    Alert alert = new Alert("availability", "db", Alert.State.FIRING, Alert.Severity.CRITICAL, "s", Double.NaN,
        Double.POSITIVE_INFINITY, "ratio", Alerts.STARTS, Alerts.NOW, false, Optional.of("ftp://status.example.com/"),
        Map.of());
    Map<String, Object> e = send(alert);

    assertThat(e).doesNotContainKeys("links", "client_url");
    assertThat(details(e)).containsEntry("value", null).containsEntry("threshold", null);
  }
}
