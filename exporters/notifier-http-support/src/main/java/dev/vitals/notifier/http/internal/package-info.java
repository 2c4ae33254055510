/**
 * Support for the HTTP notifiers, not an API: {@link dev.vitals.notifier.http.internal.Delivery}
 * posts one JSON document within a timeout, {@link dev.vitals.notifier.http.internal.Endpoint} checks
 * and masks the URL, {@link dev.vitals.notifier.http.internal.Scrubber} removes secrets from messages,
 * {@link dev.vitals.notifier.http.internal.JsonWriter} writes JSON,
 * {@link dev.vitals.notifier.http.internal.Settings} reads the settings every HTTP notifier shares and
 * {@link dev.vitals.notifier.http.internal.PostingNotifier} sends one document per alert. On the module path this package is
 * exported only to the notifier modules; on the class path, nothing but this warning keeps others out.
 */
package dev.vitals.notifier.http.internal;
