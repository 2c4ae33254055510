/**
 * Vitals alerts to PagerDuty's Events API v2: notifiers of type {@code pagerduty}, registered as a
 * {@link dev.vitals.api.spi.NotifierFactory} service. Needs nothing but the Vitals API and the JDK's
 * HTTP client, which it uses through {@code dev.vitals.notifier.http}, the HTTP notifiers' shared
 * internal module (JDK only).
 */
module dev.vitals.notifier.pagerduty {
  requires transitive dev.vitals.api;
  requires dev.vitals.notifier.http;

  exports dev.vitals.notifier.pagerduty;

  provides dev.vitals.api.spi.NotifierFactory with dev.vitals.notifier.pagerduty.PagerDutyNotifierFactory;
}
