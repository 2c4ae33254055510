package dev.vitals.notifier.webhook;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.Alert;
import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import dev.vitals.test.Json;
import dev.vitals.test.RecordingHttpServer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What reaches a real HTTP server, checked field by field against the document this module's README
 * specifies (version 1): {@code version}, {@code dedupKey}, {@code rule}, {@code subject},
 * {@code state}, {@code severity}, {@code summary}, {@code value}, {@code threshold}, {@code unit},
 * {@code startsAt}, {@code time}, {@code repeat}, {@code link}, {@code labels}, in that order; the
 * configured headers; and the HMAC-SHA256 signature, verified here with the JDK's own {@link Mac}.
 */
class WebhookPayloadTest {

  static final String TOKEN = "tok3n-5ecret-value-42";
  static final String SECRET = "whsec-0123456789abcdef";

  private final RecordingHttpServer server = new RecordingHttpServer().answer(204, "");
  private Notifier notifier;

  @AfterEach
  void stop() {
    if (notifier != null) {
      notifier.close();
    }
    server.close();
  }

  private RecordingHttpServer.Request send(Alert alert, Map<String, String> extra) throws Exception {
    if (notifier == null) {
      Map<String, String> settings = new HashMap<>(extra);
      settings.put("type", "webhook");
      settings.put("url", server.url("/hooks/vitals?tenant=42"));
      notifier = new WebhookNotifierFactory().create(NotifierConfig.of("audit", settings));
    }
    notifier.send(alert);
    RecordingHttpServer.Request r = server.take();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.target()).isEqualTo("/hooks/vitals?tenant=42");
    assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    assertThat(r.header("User-Agent")).isEqualTo("vitals-notifier-webhook");
    return r;
  }

  private static Map<String, Object> document(RecordingHttpServer.Request r) {
    return Json.parseObject(new String(r.body(), StandardCharsets.UTF_8));
  }

  @Test
  void firingAlertIsTheDocumentedVersionOneDocument() throws Exception {
    Map<String, Object> d = document(send(Alerts.firing(), Map.of()));

    assertThat(d).containsExactly(
        Map.entry("version", "1"),
        Map.entry("dedupKey", "latency:db"),
        Map.entry("rule", "latency"),
        Map.entry("subject", "db"),
        Map.entry("state", "FIRING"),
        Map.entry("severity", "CRITICAL"),
        Map.entry("summary", "db p95 240 ms is above 2x its 50 ms target (100 ms)"),
        Map.entry("value", new BigDecimal("240")),
        Map.entry("threshold", new BigDecimal("100")),
        Map.entry("unit", "ms"),
        Map.entry("startsAt", "2026-11-27T10:00:00Z"),
        Map.entry("time", "2026-11-27T10:41:07.123Z"),
        Map.entry("repeat", false),
        Map.entry("link", "https://status.example.com/"),
        Map.entry("labels", Map.of("kind", "readiness", "type", "jdbc")));
    assertThat(Instant.parse((String) d.get("time"))).isEqualTo(Alerts.NOW);
  }

  @Test
  void resolveSharesTheDedupKeyOfItsTrigger() throws Exception {
    Map<String, Object> fire = document(send(Alerts.firing(), Map.of()));
    Map<String, Object> resolve = document(send(Alerts.resolved(), Map.of()));

    assertThat(resolve).containsEntry("state", "RESOLVED").containsEntry("dedupKey", fire.get("dedupKey"))
        .containsEntry("time", "2026-11-27T10:51:07.123Z").containsEntry("value", new BigDecimal("40"));
  }

  @Test
  void aReminderWithoutLinkOrLabelsHasNullLinkEmptyLabelsAndRepeatTrue() throws Exception {
    Map<String, Object> d = document(send(Alerts.of("api error rate 7.31 % is above 5 %", Alert.Severity.WARNING,
        Alert.State.FIRING, true, Optional.empty()), Map.of()));

    assertThat(d).containsEntry("repeat", true).containsEntry("link", null).containsEntry("labels", Map.of())
        .containsEntry("severity", "WARNING").containsEntry("unit", "ratio")
        .containsEntry("value", new BigDecimal("0.0731")).containsEntry("threshold", new BigDecimal("0.05"));
    assertThat(d.keySet()).hasSize(15);
  }

  @Test
  void nonFiniteNumbersAreNullAndTextArrivesIntact() throws Exception {
    String summary = "quote \" backslash \\ newline \n nul \u0000 snowman \u2603 face \uD83D\uDE00 <b>&</b>";
    Alert alert = new Alert("availability", "db", Alert.State.FIRING, Alert.Severity.CRITICAL, summary, Double.NaN,
        Double.NEGATIVE_INFINITY, "ratio", Alerts.STARTS, Alerts.NOW, false, Optional.empty(), Map.of("k", "v\u2028w"));
    Map<String, Object> d = document(send(alert, Map.of()));

    assertThat(d).containsEntry("summary", summary).containsEntry("value", null).containsEntry("threshold", null)
        .containsEntry("labels", Map.of("k", "v\u2028w"));
  }

  @Test
  void configuredHeadersAreSent() throws Exception {
    RecordingHttpServer.Request r = send(Alerts.firing(),
        Map.of("headers.Authorization", "Bearer " + TOKEN, "headers.X-Tenant", "acme"));

    assertThat(r.header("Authorization")).isEqualTo("Bearer " + TOKEN);
    assertThat(r.header("X-Tenant")).isEqualTo("acme");
    assertThat(r.header("X-Vitals-Signature")).isNull();
  }

  @Test
  void withASecretTheBodyIsSignedWithHmacSha256() throws Exception {
    RecordingHttpServer.Request r = send(Alerts.firing(), Map.of("secret", SECRET));

    Mac mac = Mac.getInstance("HmacSHA256");
    mac.init(new SecretKeySpec(SECRET.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    String expected = "sha256=" + HexFormat.of().formatHex(mac.doFinal(r.body()));
    assertThat(r.header("X-Vitals-Signature")).isEqualTo(expected).matches("sha256=[0-9a-f]{64}");

    RecordingHttpServer.Request second = send(Alerts.resolved(), Map.of());
    mac.init(new SecretKeySpec("another-secret-of-16+".getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
    assertThat(second.header("X-Vitals-Signature")).as("a signature made with another key differs")
        .isNotEqualTo("sha256=" + HexFormat.of().formatHex(mac.doFinal(second.body())));
  }

  @Test
  void theReadmeExampleIsWhatIsSent() throws Exception {
    String readme = java.nio.file.Files.readString(java.nio.file.Path.of("README.md"), StandardCharsets.UTF_8);
    String sent = new String(send(Alerts.firing(), Map.of()).body(), StandardCharsets.UTF_8);
    assertThat(readme).contains(sent);
  }
}
