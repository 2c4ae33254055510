package dev.vitals.notifier.slack;

import dev.vitals.api.Alert;
import dev.vitals.api.spi.Notifier;
import dev.vitals.notifier.http.internal.Delivery;
import dev.vitals.notifier.http.internal.Endpoint;
import java.util.Map;
import java.util.Objects;

/**
 * Posts alerts to one Slack incoming webhook. Built by {@link SlackNotifierFactory}; see its javadoc
 * for the settings. One {@link #send(Alert)} is one POST, bounded by the timeout; it throws on any
 * answer but 2xx. Thread-safe.
 */
final class SlackNotifier implements Notifier {

  private final String name;
  private final Endpoint endpoint;
  private final SlackMessage message;
  private final Delivery delivery;

  SlackNotifier(String name, Endpoint endpoint, SlackMessage message, Delivery delivery) {
    this.name = name;
    this.endpoint = endpoint;
    this.message = message;
    this.delivery = delivery;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Alert alert) throws Exception {
    Objects.requireNonNull(alert, "alert");
    delivery.post(message.json(alert), Map.of());
  }

  @Override
  public void close() {
    delivery.close();
  }

  @Override
  public String toString() {
    return "SlackNotifier[" + name + ", " + endpoint.masked() + "]";
  }
}
