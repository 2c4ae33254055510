/**
 * Alerts to PagerDuty: {@link dev.vitals.notifier.pagerduty.PagerDutyNotifierFactory} builds notifiers
 * of type {@code pagerduty}, which trigger and resolve alerts through the Events API v2. Every other
 * type of this package is an implementation detail.
 */
package dev.vitals.notifier.pagerduty;
