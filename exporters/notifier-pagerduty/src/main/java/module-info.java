/**
 * Vitals alerts to PagerDuty's Events API v2: notifiers of type {@code pagerduty}, registered as a
 * {@link dev.vitals.api.spi.NotifierFactory} service. Needs nothing but the Vitals API and the JDK's
 * HTTP client.
 */
module dev.vitals.notifier.pagerduty {
  requires transitive dev.vitals.api;
  requires java.net.http;

  exports dev.vitals.notifier.pagerduty;

  provides dev.vitals.api.spi.NotifierFactory with dev.vitals.notifier.pagerduty.PagerDutyNotifierFactory;
}
