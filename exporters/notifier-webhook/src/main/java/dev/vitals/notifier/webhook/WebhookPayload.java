package dev.vitals.notifier.webhook;

import dev.vitals.api.Alert;
import dev.vitals.notifier.http.internal.JsonWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;

/**
 * Turns an {@link Alert} into the documented webhook JSON document, version {@value #VERSION}:
 * {@code version}, {@code dedupKey}, {@code rule}, {@code subject}, {@code state}, {@code severity},
 * {@code summary}, {@code value}, {@code threshold}, {@code unit}, {@code startsAt}, {@code time},
 * {@code repeat}, {@code link} and {@code labels}, in that order. Stateless.
 */
final class WebhookPayload {

  /** The version of the document's form; a change that could break a receiver gets a new one. */
  static final String VERSION = "1";

  private WebhookPayload() {}

  /** The JSON document of an alert. */
  static String json(Alert alert) {
    return JsonWriter.write(document(alert));
  }

  /** The document as a map, in the order it is written. */
  static Map<String, Object> document(Alert alert) {
    Map<String, Object> d = new LinkedHashMap<>();
    d.put("version", VERSION);
    d.put("dedupKey", alert.dedupKey());
    d.put("rule", alert.rule());
    d.put("subject", alert.subject());
    d.put("state", alert.state().name());
    d.put("severity", alert.severity().name());
    d.put("summary", alert.summary());
    d.put("value", alert.value());
    d.put("threshold", alert.threshold());
    d.put("unit", alert.unit());
    d.put("startsAt", time(alert.startsAt()));
    d.put("time", time(alert.time()));
    d.put("repeat", alert.repeat());
    d.put("link", alert.link().orElse(null));
    d.put("labels", new TreeMap<>(alert.labels()));
    return d;
  }

  private static String time(Instant t) {
    return t.truncatedTo(ChronoUnit.MILLIS).toString();
  }
}
