/**
 * Alerts to any HTTP endpoint: {@link dev.vitals.notifier.webhook.WebhookNotifierFactory} builds
 * notifiers of type {@code webhook}, which post each alert as a documented, versioned JSON document,
 * optionally signed with HMAC-SHA256. Every other type of this package is an implementation detail.
 */
package dev.vitals.notifier.webhook;
