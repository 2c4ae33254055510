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

  /**
   * Whether this notifier can deliver summaries ({@link #sendSummary}); only such notifiers may be
   * named in {@code vitals.summary.notifiers}.
   *
   * @return false by default; true for e-mail
   */
  default boolean sendsSummaries() {
    return false;
  }

  /**
   * Makes one attempt to deliver a daily or weekly summary. Called from the monitor's history thread,
   * at most once per period and notifier across restarts once it returns.
   *
   * @param summary the summary, not null
   * @throws UnsupportedOperationException by default (see {@link #sendsSummaries()})
   * @throws Exception when delivery failed; the monitor retries a few times. Its message carries no secret
   */
  default void sendSummary(dev.vitals.api.Summary summary) throws Exception {
    throw new UnsupportedOperationException("notifier " + name() + " does not send summaries");
  }

  /** Releases what the notifier holds. Idempotent; never throws. */
  @Override
  default void close() {}
}
