/**
 * The {@code email} notifier ({@link dev.vitals.notifier.email.EmailNotifierFactory}): one e-mail per
 * alert notification, sent over SMTP with STARTTLS (or implicit TLS), with a plain-text body, an HTML
 * alternative and threading headers, so that reminders and the resolve of an alert reply to its
 * first message; and one e-mail per daily or weekly summary of the monitor's history.
 */
package dev.vitals.notifier.email;
