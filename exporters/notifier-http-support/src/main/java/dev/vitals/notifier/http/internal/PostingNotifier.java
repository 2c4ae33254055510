package dev.vitals.notifier.http.internal;

import dev.vitals.api.Alert;
import dev.vitals.api.spi.Notifier;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * A notifier that POSTs one JSON document per alert to one endpoint: one {@link #send(Alert)} is one
 * POST, bounded by the delivery's timeout; it throws on any answer but 2xx. The Slack and PagerDuty
 * notifiers are this with their own JSON. Thread-safe when {@code body} is.
 */
public final class PostingNotifier implements Notifier {

  private final String name;
  private final String description;
  private final Function<Alert, String> body;
  private final Delivery delivery;

  /**
   * Creates the notifier.
   *
   * @param name the notifier's name
   * @param description what {@link #toString()} shows, with no secret in it (the endpoint masked)
   * @param body the JSON document for an alert
   * @param delivery the POST it is sent with; closed with the notifier
   */
  public PostingNotifier(String name, String description, Function<Alert, String> body, Delivery delivery) {
    this.name = Objects.requireNonNull(name, "name");
    this.description = Objects.requireNonNull(description, "description");
    this.body = Objects.requireNonNull(body, "body");
    this.delivery = Objects.requireNonNull(delivery, "delivery");
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Alert alert) throws Exception {
    Objects.requireNonNull(alert, "alert");
    delivery.post(body.apply(alert), Map.of());
  }

  @Override
  public void close() {
    delivery.close();
  }

  @Override
  public String toString() {
    return description;
  }
}
