package dev.vitals.notifier.pagerduty;

import dev.vitals.api.Alert;
import dev.vitals.api.spi.Notifier;
import dev.vitals.notifier.http.internal.Delivery;
import dev.vitals.notifier.http.internal.Endpoint;
import java.util.Map;
import java.util.Objects;

/**
 * Sends alerts to PagerDuty's Events API v2. Built by {@link PagerDutyNotifierFactory}; see its
 * javadoc for the settings. One {@link #send(Alert)} is one POST, bounded by the timeout; it throws on
 * any answer but 2xx (PagerDuty answers 202). Thread-safe.
 */
final class PagerDutyNotifier implements Notifier {

  private final String name;
  private final Endpoint endpoint;
  private final PagerDutyEvent event;
  private final Delivery delivery;

  PagerDutyNotifier(String name, Endpoint endpoint, PagerDutyEvent event, Delivery delivery) {
    this.name = name;
    this.endpoint = endpoint;
    this.event = event;
    this.delivery = delivery;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public void send(Alert alert) throws Exception {
    Objects.requireNonNull(alert, "alert");
    delivery.post(event.json(alert), Map.of());
  }

  @Override
  public void close() {
    delivery.close();
  }

  @Override
  public String toString() {
    return "PagerDutyNotifier[" + name + ", " + endpoint.masked() + ", routing-key ****]";
  }
}
