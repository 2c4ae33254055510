package dev.vitals.notifier.slack;

import dev.vitals.api.Alert;
import dev.vitals.notifier.http.internal.JsonWriter;
import java.math.BigDecimal;
import java.math.MathContext;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * Turns an {@link Alert} into the JSON of a Slack incoming-webhook message: a {@code text} that
 * notifications and old clients show, and Block Kit {@code blocks} (a header, the summary, a section of
 * fields, the labels and the link). Text taken from the alert has Slack's control characters
 * ({@code &}, {@code <}, {@code >}) escaped, so an alert can neither mention anyone nor forge a link,
 * and every text is kept within Slack's documented limits. Immutable and thread-safe.
 */
final class SlackMessage {

  /** Slack's limit for a header block's text. */
  static final int HEADER_MAX = 150;
  /** Slack's limit for a section's text. */
  static final int SECTION_MAX = 3000;
  /** Slack's limit for a section field's text. */
  static final int FIELD_MAX = 2000;
  /** What the top-level {@code text} is kept within (Slack truncates at 40,000). */
  static final int TEXT_MAX = 3000;

  private static final DateTimeFormatter FALLBACK_TIME =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss 'UTC'", Locale.ROOT).withZone(ZoneOffset.UTC);

  private final Optional<String> channel;
  private final Optional<String> username;
  private final Optional<String> iconEmoji;
  private final String linkText;

  SlackMessage(Optional<String> channel, Optional<String> username, Optional<String> iconEmoji, String linkText) {
    this.channel = channel;
    this.username = username;
    this.iconEmoji = iconEmoji;
    this.linkText = linkText;
  }

  /** The JSON payload for an alert. */
  String json(Alert alert) {
    return JsonWriter.write(payload(alert));
  }

  /** The payload as maps and lists, in the order it is written. */
  Map<String, Object> payload(Alert alert) {
    Map<String, Object> root = new LinkedHashMap<>();
    channel.ifPresent(c -> root.put("channel", c));
    username.ifPresent(u -> root.put("username", u));
    iconEmoji.ifPresent(i -> root.put("icon_emoji", i));
    root.put("text", fallbackText(alert));
    List<Object> blocks = new ArrayList<>();
    blocks.add(block("header", plainText(cut(emoji(alert) + " " + headline(alert), HEADER_MAX))));
    String summary = alert.summary().isBlank() ? alert.rule() + " on " + alert.subject() : alert.summary();
    blocks.add(block("section", mrkdwn(escape(summary, SECTION_MAX))));
    blocks.add(fields(alert));
    if (!alert.labels().isEmpty()) {
      blocks.add(context(labels(alert.labels())));
    }
    link(alert).ifPresent(url -> blocks.add(block("section",
        mrkdwn("<" + url + "|" + escape(linkText, 200) + ">"))));
    root.put("blocks", blocks);
    return root;
  }

  /** What a notification shows: {@code [FIRING] latency on db: db p95 240 ms is above ...}. */
  static String fallbackText(Alert alert) {
    return escape("[" + state(alert) + "] " + alert.rule() + " on " + alert.subject() + ": " + alert.summary(),
        TEXT_MAX);
  }

  private static String headline(Alert alert) {
    return state(alert) + ": " + alert.rule() + " on " + alert.subject();
  }

  private static String state(Alert alert) {
    if (alert.state() == Alert.State.RESOLVED) {
      return "RESOLVED";
    }
    return alert.repeat() ? "FIRING (reminder)" : "FIRING";
  }

  /** The status as a Slack emoji code: red light, warning sign, or a green check when resolved. */
  static String emoji(Alert alert) {
    if (alert.state() == Alert.State.RESOLVED) {
      return ":white_check_mark:";
    }
    return alert.severity() == Alert.Severity.CRITICAL ? ":rotating_light:" : ":warning:";
  }

  private static Map<String, Object> fields(Alert alert) {
    List<Object> fields = new ArrayList<>();
    fields.add(field("Status", state(alert)));
    fields.add(field("Severity", alert.severity().name()));
    fields.add(field("Rule", alert.rule()));
    fields.add(field("Subject", alert.subject()));
    fields.add(field("Value", quantity(alert.value(), alert.unit())));
    fields.add(field("Threshold", quantity(alert.threshold(), alert.unit())));
    Map<String, Object> since = new LinkedHashMap<>();
    since.put("type", "mrkdwn");
    since.put("text", "*" + (alert.state() == Alert.State.RESOLVED ? "Started" : "Since") + "*\n" + date(alert.startsAt()));
    fields.add(since);
    if (alert.state() == Alert.State.RESOLVED) {
      Map<String, Object> resolved = new LinkedHashMap<>();
      resolved.put("type", "mrkdwn");
      resolved.put("text", "*Resolved*\n" + date(alert.time()));
      fields.add(resolved);
    }
    Map<String, Object> section = new LinkedHashMap<>();
    section.put("type", "section");
    section.put("fields", fields);
    return section;
  }

  private static Map<String, Object> field(String title, String value) {
    Map<String, Object> f = new LinkedHashMap<>();
    f.put("type", "mrkdwn");
    f.put("text", "*" + title + "*\n" + escape(value, FIELD_MAX - title.length() - 3));
    return f;
  }

  /**
   * A time the reader's Slack client shows in their own time zone, with a UTC fallback:
   * {@code <!date^1764237600^{date_short_pretty} {time_secs}|2025-11-27 10:00:00 UTC>}.
   */
  static String date(Instant t) {
    return "<!date^" + t.getEpochSecond() + "^{date_short_pretty} {time_secs}|" + FALLBACK_TIME.format(t) + ">";
  }

  private static String labels(Map<String, String> labels) {
    StringBuilder sb = new StringBuilder();
    for (Map.Entry<String, String> e : new TreeMap<>(labels).entrySet()) {
      if (sb.length() > 0) {
        sb.append("  ·  ");
      }
      sb.append(e.getKey()).append(": ").append(e.getValue());
    }
    return escape(sb.toString(), SECTION_MAX);
  }

  private static Map<String, Object> context(String text) {
    Map<String, Object> c = new LinkedHashMap<>();
    c.put("type", "context");
    c.put("elements", List.of(mrkdwn(text)));
    return c;
  }

  /** The alert's link when it is a valid http(s) URL, written so Slack's link syntax cannot be broken. */
  static Optional<String> link(Alert alert) {
    if (alert.link().isEmpty()) {
      return Optional.empty();
    }
    String raw = alert.link().get().trim();
    try {
      URI u = new URI(raw);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      if (!(scheme.equals("http") || scheme.equals("https")) || u.getHost() == null) {
        return Optional.empty();
      }
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
    // A valid URI has no '<', '>', '|' or space, which would end Slack's <url|text>; '&' is escaped.
    return Optional.of(raw.replace("&", "&amp;"));
  }

  /** A value with its unit: {@code 240 ms}; a {@code ratio} as a percentage: {@code 7.3 %}. */
  static String quantity(double value, String unit) {
    if (Double.isNaN(value)) {
      return "n/a";
    }
    if ("ratio".equals(unit) && Double.isFinite(value)) {
      return number(value * 100) + " %";
    }
    return unit.isBlank() ? number(value) : number(value) + " " + unit;
  }

  /** A number with at most four significant digits and no trailing zeros. */
  static String number(double v) {
    if (Double.isInfinite(v)) {
      return v > 0 ? "∞" : "-∞";
    }
    if (v == Math.rint(v) && Math.abs(v) < 1e15) {
      return Long.toString((long) v);
    }
    return new BigDecimal(v).round(new MathContext(4)).stripTrailingZeros().toPlainString();
  }

  /**
   * Text for a mrkdwn field: {@code &}, {@code <} and {@code >} replaced by their HTML entities, as
   * Slack's formatting reference asks, after cutting the raw text to fit {@code max} characters once
   * escaped.
   */
  static String escape(String text, int max) {
    StringBuilder full = new StringBuilder(text.length() + 16);
    StringBuilder cut = null;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (cut == null && full.length() + entity(c).length() > max - 3) {
        cut = new StringBuilder(full);
      }
      full.append(entity(c));
    }
    if (full.length() <= max || cut == null) {
      return full.toString();
    }
    if (cut.length() > 0 && Character.isHighSurrogate(cut.charAt(cut.length() - 1))) {
      cut.setLength(cut.length() - 1);
    }
    return cut.append("...").toString();
  }

  private static String entity(char c) {
    switch (c) {
      case '&': return "&amp;";
      case '<': return "&lt;";
      case '>': return "&gt;";
      default: return String.valueOf(c);
    }
  }

  /** Plain text cut to {@code max} characters (header blocks are not parsed, so nothing is escaped). */
  static String cut(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max - 3;
    if (Character.isHighSurrogate(text.charAt(end - 1))) {
      end--;
    }
    return text.substring(0, end) + "...";
  }

  private static Map<String, Object> block(String type, Map<String, Object> text) {
    Map<String, Object> b = new LinkedHashMap<>();
    b.put("type", type);
    b.put("text", text);
    return b;
  }

  private static Map<String, Object> plainText(String text) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("type", "plain_text");
    t.put("text", text);
    t.put("emoji", true);
    return t;
  }

  private static Map<String, Object> mrkdwn(String text) {
    Map<String, Object> t = new LinkedHashMap<>();
    t.put("type", "mrkdwn");
    t.put("text", text);
    return t;
  }
}
