/**
 * Vitals alerts to any HTTP endpoint: notifiers of type {@code webhook}, registered as a
 * {@link dev.vitals.api.spi.NotifierFactory} service. Needs nothing but the Vitals API and the JDK
 * (its HTTP client, and HMAC-SHA256 from {@code java.base}); it posts through
 * {@code dev.vitals.notifier.http}, the HTTP notifiers' shared internal module (JDK only).
 */
module dev.vitals.notifier.webhook {
  requires transitive dev.vitals.api;
  requires dev.vitals.notifier.http;
  requires java.net.http;

  exports dev.vitals.notifier.webhook;

  provides dev.vitals.api.spi.NotifierFactory with dev.vitals.notifier.webhook.WebhookNotifierFactory;
}
