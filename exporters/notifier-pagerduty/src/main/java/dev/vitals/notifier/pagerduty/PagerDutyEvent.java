package dev.vitals.notifier.pagerduty;

import dev.vitals.api.Alert;
import dev.vitals.notifier.http.internal.JsonWriter;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.function.Supplier;

/**
 * Turns an {@link Alert} into a PagerDuty Events API v2 alert event: {@code trigger} for a firing
 * alert (a reminder too, with the same {@code dedup_key}, which PagerDuty adds to the open alert) and
 * {@code resolve} for a resolved one. Fields and limits follow PagerDuty's documentation: a
 * {@code dedup_key} of at most 255 characters, a {@code payload.summary} of at most 1024, a
 * {@code severity} of {@code critical}, {@code error}, {@code warning} or {@code info}. Immutable and
 * thread-safe.
 */
final class PagerDutyEvent {

  /** PagerDuty's limit for {@code payload.summary}. */
  static final int SUMMARY_MAX = 1024;
  /** PagerDuty's limit for {@code dedup_key}. */
  static final int DEDUP_KEY_MAX = 255;
  /** The severities PagerDuty accepts. */
  static final List<String> SEVERITIES = List.of("critical", "error", "warning", "info");

  private final String routingKey;
  private final Supplier<String> source;
  private final Optional<String> group;
  private final String critical;
  private final String warning;
  private final String linkText;

  /**
   * An event writer.
   *
   * @param routingKey the integration key
   * @param source {@code payload.source}, read on the first trigger (the host name by default)
   * @param group {@code payload.group}, if any
   * @param critical the PagerDuty severity of a {@link Alert.Severity#CRITICAL} alert
   * @param warning the PagerDuty severity of a {@link Alert.Severity#WARNING} alert
   * @param linkText the text of the link to the alert's status page
   */
  PagerDutyEvent(String routingKey, Supplier<String> source, Optional<String> group, String critical, String warning,
      String linkText) {
    this.routingKey = routingKey;
    this.source = source;
    this.group = group;
    this.critical = critical;
    this.warning = warning;
    this.linkText = linkText;
  }

  /** The JSON of the event for an alert. */
  String json(Alert alert) {
    return JsonWriter.write(event(alert));
  }

  /** The event as maps and lists, in the order it is written. */
  Map<String, Object> event(Alert alert) {
    Map<String, Object> event = new LinkedHashMap<>();
    event.put("routing_key", routingKey);
    event.put("event_action", alert.state() == Alert.State.RESOLVED ? "resolve" : "trigger");
    event.put("dedup_key", dedupKey(alert.dedupKey()));
    if (alert.state() == Alert.State.RESOLVED) {
      return event;
    }
    Map<String, Object> payload = new LinkedHashMap<>();
    String summary = alert.summary().isBlank() ? alert.rule() + " on " + alert.subject() : alert.summary();
    payload.put("summary", cut(summary, SUMMARY_MAX));
    payload.put("source", source.get());
    payload.put("severity", alert.severity() == Alert.Severity.CRITICAL ? critical : warning);
    payload.put("timestamp", alert.time().truncatedTo(ChronoUnit.MILLIS).toString());
    payload.put("component", alert.subject());
    group.ifPresent(g -> payload.put("group", g));
    payload.put("class", alert.rule());
    Map<String, Object> details = new LinkedHashMap<>();
    details.put("state", alert.state().name());
    details.put("repeat", alert.repeat());
    details.put("value", alert.value());
    details.put("threshold", alert.threshold());
    details.put("unit", alert.unit());
    details.put("starts_at", alert.startsAt().truncatedTo(ChronoUnit.MILLIS).toString());
    details.put("labels", new TreeMap<>(alert.labels()));
    payload.put("custom_details", details);
    event.put("payload", payload);
    event.put("client", "Vitals");
    link(alert).ifPresent(url -> {
      event.put("client_url", url);
      Map<String, Object> link = new LinkedHashMap<>();
      link.put("href", url);
      link.put("text", linkText);
      event.put("links", List.of(link));
    });
    return event;
  }

  /**
   * The alert's dedup key, or when longer than PagerDuty's 255 characters, its first 190 characters,
   * {@code #} and the SHA-256 of the whole key in hex: still stable, still distinct.
   */
  static String dedupKey(String key) {
    if (key.length() <= DEDUP_KEY_MAX) {
      return key;
    }
    String head = key.substring(0, DEDUP_KEY_MAX - 65);
    if (Character.isHighSurrogate(head.charAt(head.length() - 1))) {
      head = head.substring(0, head.length() - 1);
    }
    return head + "#" + sha256(key);
  }

  private static String sha256(String text) {
    try {
      byte[] d = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      StringBuilder sb = new StringBuilder(64);
      for (byte b : d) {
        sb.append(String.format(Locale.ROOT, "%02x", b));
      }
      return sb.toString();
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every Java platform has SHA-256", e);
    }
  }

  /** Text cut to {@code max} characters, ending with {@code ...} when cut. */
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

  /** The alert's link when it is a valid absolute http(s) URL. */
  static Optional<String> link(Alert alert) {
    if (alert.link().isEmpty()) {
      return Optional.empty();
    }
    String raw = alert.link().get().trim();
    try {
      URI u = new URI(raw);
      String scheme = u.getScheme() == null ? "" : u.getScheme().toLowerCase(Locale.ROOT);
      return (scheme.equals("http") || scheme.equals("https")) && u.getHost() != null ? Optional.of(raw)
          : Optional.empty();
    } catch (URISyntaxException e) {
      return Optional.empty();
    }
  }
}
