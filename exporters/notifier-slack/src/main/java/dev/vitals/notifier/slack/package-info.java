/**
 * Alerts to Slack: {@link dev.vitals.notifier.slack.SlackNotifierFactory} builds notifiers of type
 * {@code slack}, which post each alert to an incoming webhook as a Block Kit message. Every other type
 * of this package is an implementation detail.
 */
package dev.vitals.notifier.slack;
