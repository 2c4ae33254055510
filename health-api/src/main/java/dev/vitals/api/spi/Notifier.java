package dev.vitals.api.spi;

import dev.vitals.api.Alert;

/**
 * Delivers alerts somewhere: a Slack channel, PagerDuty, a webhook, e-mail. Built by a
 * {@link NotifierFactory}.
 *
 * <p><b>Threading.</b> The monitor calls {@link #send(Alert)} from its own delivery thread, one
 * alert at a time per notifier, never on a probe's or the request path's thread. The monitor owns
 * queueing, retries (with exponential backoff and jitter) and dropping: {@code send} makes one
 * attempt, bounded by its own timeouts, and throws when it fails.
 */
public interface Notifier extends AutoCloseable {

  /**
   * The notifier's name, from {@code vitals.notifiers.<name>.*}.
   *
   * @return the name
   */
  String name();

  /**
   * Makes one attempt to deliver an alert.
   *
   * @param alert the alert, not null
   * @throws Exception when delivery failed; the monitor may retry. Its message must carry no secret
   *     (no webhook URL with a token, no routing key)
   */
  void send(Alert alert) throws Exception;

  /** Releases what the notifier holds. Idempotent; never throws. */
  @Override
  default void close() {}
}
