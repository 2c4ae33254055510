package dev.vitals.notifier.email;

import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Notifier;
import dev.vitals.api.spi.NotifierConfig;
import dev.vitals.api.spi.NotifierFactory;
import dev.vitals.api.spi.NotifierRouting;
import java.util.Set;

/**
 * The {@code email} notifier type: each alert notification, and each daily or weekly summary, as one e-mail
 * over SMTP, sent with Jakarta Mail (Eclipse Angus Mail).
 *
 * <table>
 *   <caption>Keys, under {@code vitals.notifiers.<name>.}</caption>
 *   <tr><th>key</th><th>default</th><th>meaning</th></tr>
 *   <tr><td>{@code host}</td><td>required</td><td>the SMTP server's host name or IP address</td></tr>
 *   <tr><td>{@code port}</td><td>587, or 465 with {@code ssl=true}</td><td>its port, 1 to 65535</td></tr>
 *   <tr><td>{@code starttls}</td><td>{@code required}</td><td>{@code required}: upgrade the connection with
 *       STARTTLS and refuse to send when the server does not offer it; {@code optional}: upgrade when offered,
 *       else send in clear; {@code none}: always in clear (password included), for a trusted local relay
 *       only</td></tr>
 *   <tr><td>{@code ssl}</td><td>{@code false}</td><td>{@code true}: implicit TLS from the first byte (SMTPS,
 *       port 465)</td></tr>
 *   <tr><td>{@code username}, {@code password}</td><td>none</td><td>SMTP authentication; both or neither;
 *       the password is usually {@code ${SMTP_PASSWORD}} and is never shown</td></tr>
 *   <tr><td>{@code from}</td><td>required</td><td>the sender, such as {@code Vitals <vitals@example.com>}</td></tr>
 *   <tr><td>{@code to}</td><td>required</td><td>comma-separated recipients</td></tr>
 *   <tr><td>{@code summary-to}</td><td>{@code to}</td><td>comma-separated recipients of the daily and weekly
 *       summaries</td></tr>
 *   <tr><td>{@code subject-prefix}</td><td>{@code [vitals]}</td><td>starts every subject</td></tr>
 *   <tr><td>{@code timeout}</td><td>{@code 10s}</td><td>bounds connecting, and each read and write, from 1ms
 *       to 1h</td></tr>
 *   <tr><td>{@code ca-file}</td><td>none: the JVM's trust store</td><td>a PEM file of the certificates to trust
 *       instead, for a relay with a private CA</td></tr>
 * </table>
 *
 * <p>TLS connections check the server's certificate and that it names {@code host}. A subject looks like
 * {@code [vitals] FIRING critical: db probe-down}; the body comes as plain text and as HTML; reminders and
 * the resolve of an alert reply to its first message, so mail clients show one thread per incident.
 *
 * <p><b>Summaries.</b> An e-mail notifier also sends the daily and weekly summaries
 * ({@link Notifier#sendsSummaries()} is true) when it is named in {@code vitals.summary.notifiers}: one
 * message per summary to {@code summary-to} (else {@code to}), subject such as
 * {@code [vitals] Daily summary 2026-12-02: all good}, plain text and HTML (inline CSS, every value escaped).
 *
 * <p>{@link Notifier#send} makes one attempt (one SMTP conversation, each step bounded by {@code timeout})
 * and throws an {@link java.io.IOException} whose message never contains the password; the monitor owns
 * retries. A refused recipient fails the whole message, so a retry never mails anyone twice.
 *
 * <p><b>Routing.</b> E-mail is for daily summaries, not real-time alerts: by default an {@code email}
 * notifier receives <em>no</em> alert ({@link #defaultRouting()}), and the monitor says so in one INFO
 * line at start. To mail alerts as they happen, set the monitor's key {@code severities}
 * ({@code critical}, {@code warning} or {@code all}); {@code rules} and {@code subjects} narrow it further.
 *
 * <p>Found with {@link java.util.ServiceLoader}; stateless and thread-safe. {@link #create} reads
 * {@code ca-file} when it is set, and does no network I/O.
 */
public final class EmailNotifierFactory implements NotifierFactory {

  /** For {@link java.util.ServiceLoader}. */
  public EmailNotifierFactory() {
  }

  /**
   * The type this factory builds.
   *
   * @return {@code email}
   */
  @Override
  public String type() {
    return "email";
  }

  /**
   * The keys an e-mail notifier reads.
   *
   * @return {@code host}, {@code port}, {@code starttls}, {@code ssl}, {@code username}, {@code password},
   *     {@code from}, {@code to}, {@code summary-to}, {@code subject-prefix}, {@code timeout} and {@code ca-file}
   */
  @Override
  public Set<String> keys() {
    return EmailSettings.KEYS;
  }

  /**
   * E-mail is for daily summaries: no real-time alert unless {@code severities} is configured.
   *
   * @return {@link NotifierRouting#none()}
   */
  @Override
  public NotifierRouting defaultRouting() {
    return NotifierRouting.none();
  }

  /**
   * Builds an e-mail notifier.
   *
   * @param config its settings, not null
   * @return a new notifier named {@code config.name()}; thread-safe
   * @throws ConfigException listing every key that is missing or bad, with its value (never the password's)
   *     and what is allowed
   */
  @Override
  public Notifier create(NotifierConfig config) {
    return new EmailNotifier(EmailSettings.of(config));
  }
}
