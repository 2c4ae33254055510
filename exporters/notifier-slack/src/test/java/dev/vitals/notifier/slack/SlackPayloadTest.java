package dev.vitals.notifier.slack;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.Alert;
import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import dev.vitals.test.Json;
import dev.vitals.test.RecordingHttpServer;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * What reaches a real HTTP server, checked field by field against Slack's documented incoming-webhook
 * payload: a top-level {@code text} (the notification fallback, mrkdwn), optional {@code channel},
 * {@code username} and {@code icon_emoji}, and {@code blocks} of the documented types ({@code header}
 * with a {@code plain_text} text of at most 150 characters, {@code section} with a {@code mrkdwn}
 * text of at most 3000 or at most 10 {@code fields} of at most 2000, {@code context} with mrkdwn
 * elements), with {@code &}, {@code <} and {@code >} escaped in every text taken from the alert.
 */
class SlackPayloadTest {

  static final String TOKEN = "XyZsecretTokenAbc123456789";
  static final Set<String> TOP_LEVEL = Set.of("text", "blocks", "channel", "username", "icon_emoji");
  static final Set<String> BLOCK_TYPES = Set.of("header", "section", "context");

  private final RecordingHttpServer server = new RecordingHttpServer();
  private Notifier notifier;

  @AfterEach
  void stop() {
    if (notifier != null) {
      notifier.close();
    }
    server.close();
  }

  private Map<String, Object> send(Alert alert, Map<String, String> extra) throws Exception {
    Map<String, String> settings = new HashMap<>(extra);
    settings.put("type", "slack");
    settings.put("url", server.url("/services/T0001/B0002/" + TOKEN));
    settings.put("timeout", "2s");
    notifier = new SlackNotifierFactory().create(NotifierConfig.of("ops", settings));
    notifier.send(alert);
    RecordingHttpServer.Request r = server.take();
    assertThat(r.method()).isEqualTo("POST");
    assertThat(r.target()).isEqualTo("/services/T0001/B0002/" + TOKEN);
    assertThat(r.header("Content-Type")).isEqualTo("application/json; charset=utf-8");
    Map<String, Object> payload = Json.parseObject(r.text());
    assertConformsToSlackSchema(payload);
    return payload;
  }

  private Map<String, Object> send(Alert alert) throws Exception {
    return send(alert, Map.of());
  }

  /** The structural rules of Slack's documentation, applied to any payload sent. */
  @SuppressWarnings("unchecked")
  static void assertConformsToSlackSchema(Map<String, Object> payload) {
    assertThat(payload.keySet()).isSubsetOf(TOP_LEVEL).contains("text", "blocks");
    assertThat(payload.get("text")).isInstanceOf(String.class);
    assertThat((String) payload.get("text")).isNotBlank().hasSizeLessThanOrEqualTo(40_000);
    List<Object> blocks = (List<Object>) payload.get("blocks");
    assertThat(blocks).isNotEmpty().hasSizeLessThanOrEqualTo(50);
    for (Object o : blocks) {
      Map<String, Object> block = (Map<String, Object>) o;
      assertThat(BLOCK_TYPES).contains((String) block.get("type"));
      switch ((String) block.get("type")) {
        case "header": {
          assertThat(block.keySet()).containsExactlyInAnyOrder("type", "text");
          Map<String, Object> text = (Map<String, Object>) block.get("text");
          assertThat(text.get("type")).isEqualTo("plain_text");
          assertThat((String) text.get("text")).isNotBlank().hasSizeLessThanOrEqualTo(150);
          assertThat(text.get("emoji")).isEqualTo(Boolean.TRUE);
          break;
        }
        case "section": {
          assertThat(block.keySet()).containsAnyOf("text", "fields");
          assertThat(block.keySet()).isSubsetOf("type", "text", "fields");
          if (block.containsKey("text")) {
            Map<String, Object> text = (Map<String, Object>) block.get("text");
            assertThat(text.keySet()).containsExactlyInAnyOrder("type", "text");
            assertThat(text.get("type")).isEqualTo("mrkdwn");
            assertThat((String) text.get("text")).isNotBlank().hasSizeLessThanOrEqualTo(3000);
          }
          if (block.containsKey("fields")) {
            List<Object> fields = (List<Object>) block.get("fields");
            assertThat(fields).isNotEmpty().hasSizeLessThanOrEqualTo(10);
            for (Object f : fields) {
              Map<String, Object> field = (Map<String, Object>) f;
              assertThat(field.keySet()).containsExactlyInAnyOrder("type", "text");
              assertThat(field.get("type")).isEqualTo("mrkdwn");
              assertThat((String) field.get("text")).isNotBlank().hasSizeLessThanOrEqualTo(2000);
            }
          }
          break;
        }
        default: {
          assertThat(block.keySet()).containsExactlyInAnyOrder("type", "elements");
          List<Object> elements = (List<Object>) block.get("elements");
          assertThat(elements).isNotEmpty().hasSizeLessThanOrEqualTo(10);
          for (Object e : elements) {
            assertThat(((Map<String, Object>) e).get("type")).isEqualTo("mrkdwn");
          }
        }
      }
    }
  }

  @SuppressWarnings("unchecked")
  static List<Map<String, Object>> blocks(Map<String, Object> payload) {
    return (List<Map<String, Object>>) payload.get("blocks");
  }

  @SuppressWarnings("unchecked")
  static String text(Map<String, Object> block) {
    return (String) ((Map<String, Object>) block.get("text")).get("text");
  }

  @SuppressWarnings("unchecked")
  static List<String> fieldTexts(Map<String, Object> payload) {
    return blocks(payload).stream().filter(b -> b.containsKey("fields"))
        .flatMap(b -> ((List<Map<String, Object>>) b.get("fields")).stream())
        .map(f -> (String) f.get("text")).collect(java.util.stream.Collectors.toList());
  }

  @Test
  void firingAlertIsAHeaderTheSummaryFieldsLabelsAndALink() throws Exception {
    Map<String, Object> p = send(Alerts.firing());

    assertThat(p.get("text")).isEqualTo(
        "[FIRING] latency on db: db p95 240 ms is above 2x its 50 ms target (100 ms)");
    List<Map<String, Object>> blocks = blocks(p);
    assertThat(blocks).extracting(b -> b.get("type")).containsExactly("header", "section", "section", "context", "section");
    assertThat(text(blocks.get(0))).isEqualTo(":rotating_light: FIRING: latency on db");
    assertThat(text(blocks.get(1))).isEqualTo("db p95 240 ms is above 2x its 50 ms target (100 ms)");
    assertThat(fieldTexts(p)).containsExactly(
        "*Status*\nFIRING",
        "*Severity*\nCRITICAL",
        "*Rule*\nlatency",
        "*Subject*\ndb",
        "*Value*\n240 ms",
        "*Threshold*\n100 ms",
        "*Since*\n<!date^" + Alerts.STARTS.getEpochSecond() + "^{date_short_pretty} {time_secs}|2026-11-27 10:00:00 UTC>");
    @SuppressWarnings("unchecked")
    List<Map<String, Object>> context = (List<Map<String, Object>>) blocks.get(3).get("elements");
    assertThat(context).singleElement().satisfies(e -> assertThat(e.get("text")).isEqualTo("kind: readiness  ·  type: jdbc"));
    assertThat(text(blocks.get(4))).isEqualTo("<https://status.example.com/|Open status page>");
    assertThat(p).doesNotContainKeys("channel", "username", "icon_emoji");
  }

  @Test
  void resolvedAlertHasAGreenCheckAndTellsWhenItStartedAndEnded() throws Exception {
    Map<String, Object> p = send(Alerts.resolved());

    assertThat(p.get("text")).isEqualTo("[RESOLVED] latency on db: db p95 40 ms is back within 2x its 50 ms target");
    assertThat(text(blocks(p).get(0))).isEqualTo(":white_check_mark: RESOLVED: latency on db");
    assertThat(fieldTexts(p)).contains("*Status*\nRESOLVED")
        .anySatisfy(f -> assertThat(f).startsWith("*Started*\n<!date^" + Alerts.STARTS.getEpochSecond() + "^"))
        .anySatisfy(f -> assertThat(f).isEqualTo("*Resolved*\n<!date^" + Alerts.NOW.plusSeconds(600).getEpochSecond()
            + "^{date_short_pretty} {time_secs}|2026-11-27 10:51:07 UTC>"));
  }

  @Test
  void warningHasAWarningSignAndARepeatSaysItIsAReminder() throws Exception {
    Map<String, Object> p = send(Alerts.of("api error rate 7.31 % is above 5 %", Alert.Severity.WARNING,
        Alert.State.FIRING, true, Optional.empty()));

    assertThat(text(blocks(p).get(0))).isEqualTo(":warning: FIRING (reminder): error-rate on api");
    assertThat(p.get("text")).isEqualTo("[FIRING (reminder)] error-rate on api: api error rate 7.31 % is above 5 %");
    assertThat(fieldTexts(p)).contains("*Severity*\nWARNING", "*Value*\n7.31 %", "*Threshold*\n5 %");
    assertThat(blocks(p)).extracting(b -> b.get("type")).containsExactly("header", "section", "section");
  }

  @Test
  void slackControlCharactersFromTheAlertAreEscapedSoItCannotMentionOrLink() throws Exception {
    Alert alert = new Alert("latency", "a<b>&c", Alert.State.FIRING, Alert.Severity.CRITICAL,
        "<!channel> look at <http://evil.example|this> & that", 1, 2, "ms", Alerts.STARTS, Alerts.NOW, false,
        Optional.empty(), Map.of("team", "<@U123>"));
    Map<String, Object> p = send(alert);

    Map<String, Object> parsedTexts = new java.util.LinkedHashMap<>(p);
    parsedTexts.put("blocks", blocks(p).subList(1, blocks(p).size()));
    assertThat(JsonTexts.rewrite(parsedTexts)).as("every mrkdwn text")
        .doesNotContain("<!channel>", "<http://evil", "<@U123>", "a<b>");
    assertThat(text(blocks(p).get(1))).isEqualTo("&lt;!channel&gt; look at &lt;http://evil.example|this&gt; &amp; that");
    assertThat(fieldTexts(p)).contains("*Subject*\na&lt;b&gt;&amp;c");
    assertThat(p.get("text")).isEqualTo(
        "[FIRING] latency on a&lt;b&gt;&amp;c: &lt;!channel&gt; look at &lt;http://evil.example|this&gt; &amp; that");
    // the header is plain_text, which Slack does not parse: shown as written
    assertThat(text(blocks(p).get(0))).isEqualTo(":rotating_light: FIRING: latency on a<b>&c");
  }

  @Test
  void longTextsAreCutWithinSlackLimitsWithoutBreakingAnEntity() throws Exception {
    String summary = "&".repeat(2000) + "x".repeat(5000);
    Alert alert = new Alert("latency", "s".repeat(300), Alert.State.FIRING, Alert.Severity.CRITICAL, summary,
        1, 2, "ms", Alerts.STARTS, Alerts.NOW, false, Optional.empty(), Map.of());
    Map<String, Object> p = send(alert);

    String section = text(blocks(p).get(1));
    assertThat(section).hasSizeLessThanOrEqualTo(3000).endsWith("&amp;...").startsWith("&amp;&amp;");
    assertThat(text(blocks(p).get(0))).hasSize(150).endsWith("...");
    assertThat((String) p.get("text")).hasSizeLessThanOrEqualTo(3000).endsWith("...");
  }

  @Test
  void channelUsernameAndIconAreSentWhenConfigured() throws Exception {
    Map<String, Object> p = send(Alerts.firing(),
        Map.of("channel", "#ops-alerts", "username", "Vitals", "icon-emoji", ":bell:", "link-text", "Status <page>"));

    assertThat(p).containsEntry("channel", "#ops-alerts").containsEntry("username", "Vitals")
        .containsEntry("icon_emoji", ":bell:");
    assertThat(text(blocks(p).get(4))).isEqualTo("<https://status.example.com/|Status &lt;page&gt;>");
  }

  @Test
  void aLinkHasItsAmpersandsEscapedAndOnlyValidHttpLinksAreShown() throws Exception {
    Map<String, Object> p = send(Alerts.of("s", Alert.Severity.WARNING, Alert.State.FIRING, false,
        Optional.of("https://status.example.com/x?a=1&b=2")));
    assertThat(text(blocks(p).get(blocks(p).size() - 1)))
        .isEqualTo("<https://status.example.com/x?a=1&amp;b=2|Open status page>");

    for (String bad : List.of("javascript:alert(1)", "https://status.example.com/<x>|y", "/relative/path")) {
      notifier.close();
      Map<String, Object> q = send(Alerts.of("s", Alert.Severity.WARNING, Alert.State.FIRING, false, Optional.of(bad)));
      assertThat(blocks(q)).as(bad).extracting(b -> b.get("type")).containsExactly("header", "section", "section");
      assertThat(JsonTexts.rewrite(q)).as(bad).doesNotContain(bad);
    }
  }

  @Test
  void textWithQuotesNewlinesAndUnicodeIsValidJsonAndArrivesIntact() throws Exception {
    String summary = "quote \" backslash \\ tab \t newline \n bell \u0007 line-sep \u2028 snowman \u2603 face \uD83D\uDE00";
    Map<String, Object> p = send(Alerts.of(summary, Alert.Severity.WARNING, Alert.State.FIRING, false, Optional.empty()));
    assertThat(text(blocks(p).get(1))).isEqualTo(summary);
  }

  @Test
  void numbersAreShortAndRatiosArePercentages() {
    assertThat(SlackMessage.quantity(240.0, "ms")).isEqualTo("240 ms");
    assertThat(SlackMessage.quantity(1234.5678, "ms")).isEqualTo("1235 ms");
    assertThat(SlackMessage.quantity(0.1234567, "ms")).isEqualTo("0.1235 ms");
    assertThat(SlackMessage.quantity(0.0731, "ratio")).isEqualTo("7.31 %");
    assertThat(SlackMessage.quantity(0.99, "ratio")).isEqualTo("99 %");
    assertThat(SlackMessage.quantity(3, "")).isEqualTo("3");
    assertThat(SlackMessage.quantity(Double.NaN, "ms")).isEqualTo("n/a");
    assertThat(SlackMessage.quantity(Double.POSITIVE_INFINITY, "ms")).isEqualTo("∞ ms");
  }
}
