/**
 * Vitals alerts to a Slack incoming webhook: notifiers of type {@code slack}, registered as a
 * {@link dev.vitals.api.spi.NotifierFactory} service. Needs nothing but the Vitals API and the JDK's
 * HTTP client, which it uses through {@code dev.vitals.notifier.http}, the HTTP notifiers' shared
 * internal module (JDK only).
 */
module dev.vitals.notifier.slack {
  requires transitive dev.vitals.api;
  requires dev.vitals.notifier.http;

  exports dev.vitals.notifier.slack;

  provides dev.vitals.api.spi.NotifierFactory with dev.vitals.notifier.slack.SlackNotifierFactory;
}
