/**
 * What the HTTP notifiers share, and nothing else uses: one bounded JSON POST with the JDK's
 * {@link java.net.http.HttpClient}, a notifier that sends one JSON document per alert with it, the
 * check of the endpoint URL and of the common settings, the scrubbing of secrets from messages, and a
 * JSON writer. Needs nothing but the Vitals API and the JDK.
 *
 * <p>Not an API: its one package is exported only to the Slack, PagerDuty and webhook notifier modules,
 * and may change in any release.
 */
// "module": the notifier modules are built after this one, so javac cannot find them here
@SuppressWarnings("module")
module dev.vitals.notifier.http {
  requires transitive dev.vitals.api;
  requires java.net.http;

  exports dev.vitals.notifier.http.internal
      to dev.vitals.notifier.slack, dev.vitals.notifier.pagerduty, dev.vitals.notifier.webhook;
}
