package dev.vitals.notifier.webhook;

import dev.vitals.api.Alert;
import dev.vitals.api.spi.Notifier;
import dev.vitals.notifier.http.internal.Delivery;
import dev.vitals.notifier.http.internal.Endpoint;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * Posts alerts as JSON documents to one URL. Built by {@link WebhookNotifierFactory}; see its javadoc
 * for the settings and the document. One {@link #send(Alert)} is one POST, bounded by the timeout; it
 * throws on any answer but 2xx. Header values and the signing secret are never shown. Thread-safe.
 */
final class WebhookNotifier implements Notifier {

  private final String name;
  private final Endpoint endpoint;
  private final Map<String, String> headers;
  private final Signature signature;
  private final Delivery delivery;

  WebhookNotifier(String name, Endpoint endpoint, Map<String, String> headers, Signature signature, Delivery delivery) {
    this.name = name;
    this.endpoint = endpoint;
    this.headers = headers;
    this.signature = signature;
    this.delivery = delivery;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Alert alert) throws Exception {
    Objects.requireNonNull(alert, "alert");
    String json = WebhookPayload.json(alert);
    Map<String, String> all = headers;
    if (signature != null) {
      all = new LinkedHashMap<>(headers);
      all.put(Signature.HEADER, signature.sign(json));
    }
    delivery.post(json, all);
  }

  @Override
  public void close() {
    delivery.close();
  }

  @Override
  public String toString() {
    return "WebhookNotifier[" + name + ", " + endpoint.masked() + (headers.isEmpty() ? "" : ", headers " + headers.keySet())
        + (signature == null ? "" : ", signed") + "]";
  }
}
