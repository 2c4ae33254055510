/**
 * The {@code email} notifier: Vitals alerts and daily summaries as e-mail over SMTP, with Jakarta Mail and its Eclipse
 * Angus implementation; see {@link dev.vitals.notifier.email.EmailNotifierFactory}.
 */
module dev.vitals.notifier.email {
  requires transitive dev.vitals.api;
  requires jakarta.mail;

  exports dev.vitals.notifier.email;

  provides dev.vitals.api.spi.NotifierFactory with dev.vitals.notifier.email.EmailNotifierFactory;
}
