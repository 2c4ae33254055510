package dev.vitals.notifier.email;

import dev.vitals.api.Alert;
import dev.vitals.api.Redaction;
import dev.vitals.api.Summary;
import dev.vitals.api.spi.Notifier;
import jakarta.mail.Address;
import jakarta.mail.AuthenticationFailedException;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.SendFailedException;
import jakarta.mail.Session;
import jakarta.mail.Transport;
import jakarta.mail.internet.MimeBodyPart;
import jakarta.mail.internet.MimeMessage;
import jakarta.mail.internet.MimeMultipart;
import jakarta.mail.internet.MimeUtility;
import java.io.IOException;
import java.io.UnsupportedEncodingException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Date;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;
import javax.net.ssl.SSLException;

/**
 * Sends each alert, and each daily or weekly summary, as one e-mail, in one SMTP conversation opened and
 * closed by {@link #send(Alert)} or {@link #sendSummary(Summary)}.
 *
 * <p>Thread-safe: it holds only immutable settings and a Jakarta Mail {@link Session} (itself
 * thread-safe); each send uses its own connection. No thread of its own: Angus Mail's write-timeout
 * watchdog lives only as long as the connection.
 */
final class EmailNotifier implements Notifier {

  private static final String UTF_8 = "UTF-8";

  private final EmailSettings settings;
  private final Session session;
  private final String domain;
  private volatile boolean closed;

  EmailNotifier(EmailSettings settings) {
    this.settings = Objects.requireNonNull(settings, "settings");
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(EmailNotifier.class.getClassLoader());
    try {
      this.session = Session.getInstance(properties(settings));
    } finally {
      current.setContextClassLoader(previous);
    }
    this.domain = settings.senderDomain();
  }

  /** The Jakarta Mail session properties for these settings. */
  static Properties properties(EmailSettings s) {
    Properties p = new Properties();
    String millis = Long.toString(s.timeout.toMillis());
    p.setProperty("mail.transport.protocol", "smtp");
    p.setProperty("mail.smtp.host", s.host);
    p.setProperty("mail.smtp.port", Integer.toString(s.port));
    p.setProperty("mail.smtp.connectiontimeout", millis);
    p.setProperty("mail.smtp.timeout", millis);
    p.setProperty("mail.smtp.writetimeout", millis);
    p.setProperty("mail.smtp.from", s.from.getAddress());
    p.setProperty("mail.smtp.auth", Boolean.toString(s.username != null));
    p.setProperty("mail.smtp.ssl.enable", Boolean.toString(s.ssl));
    p.setProperty("mail.smtp.ssl.checkserveridentity", "true");
    boolean startTls = !s.ssl && s.startTls != EmailSettings.StartTls.NONE;
    p.setProperty("mail.smtp.starttls.enable", Boolean.toString(startTls));
    p.setProperty("mail.smtp.starttls.required", Boolean.toString(!s.ssl && s.startTls == EmailSettings.StartTls.REQUIRED));
    // All recipients or none: a retry must not mail twice those who already got it.
    p.setProperty("mail.smtp.sendpartial", "false");
    // Once the server took the message, do not wait on its answer to QUIT.
    p.setProperty("mail.smtp.quitwait", "false");
    if (s.sslSocketFactory != null) {
      p.put("mail.smtp.ssl.socketFactory", s.sslSocketFactory);
    }
    return p;
  }

  @Override
  public String name() {
    return settings.name;
  }

  @Override
  public void send(Alert alert) throws IOException {
    Objects.requireNonNull(alert, "alert");
    deliver(() -> message(alert), alert.state() + " " + alert.dedupKey());
  }

  /**
   * E-mail notifiers send the daily and weekly summaries.
   *
   * @return true
   */
  @Override
  public boolean sendsSummaries() {
    return true;
  }

  /**
   * Sends a summary to {@code summary-to} (else {@code to}) in one SMTP conversation, as {@link #send} does.
   *
   * @param summary the summary, not null
   * @throws IOException when it was not sent; the message carries no password
   */
  @Override
  public void sendSummary(Summary summary) throws IOException {
    Objects.requireNonNull(summary, "summary");
    deliver(() -> message(summary), "the " + summary.period().name().toLowerCase(java.util.Locale.ROOT)
        + " summary of " + summary.firstDay());
  }

  /** Builds a message; may fail as Jakarta Mail does. */
  @FunctionalInterface
  private interface MessageBuilder {
    MimeMessage build() throws MessagingException;
  }

  /** One SMTP conversation that delivers one message; {@code what} names it in the error. */
  private void deliver(MessageBuilder builder, String what) throws IOException {
    if (closed) {
      throw new IllegalStateException("e-mail notifier '" + settings.name + "' is closed");
    }
    // Jakarta Mail and Activation look up their providers and content handlers (Angus' META-INF/mailcap)
    // through the context class loader first: make it the one that loaded the provider, whatever thread
    // the monitor calls from and however the modules are laid out in class loaders.
    Thread current = Thread.currentThread();
    ClassLoader previous = current.getContextClassLoader();
    current.setContextClassLoader(EmailNotifier.class.getClassLoader());
    Transport transport = null;
    try {
      transport = session.getTransport("smtp");
      current.setContextClassLoader(transport.getClass().getClassLoader());
      MimeMessage message = builder.build();
      transport.connect(settings.host, settings.port, settings.username, settings.password);
      transport.sendMessage(message, message.getAllRecipients());
    } catch (MessagingException | RuntimeException e) {
      throw failure(what, e);
    } finally {
      if (transport != null) {
        try {
          transport.close();
        } catch (MessagingException ignored) {
          // the socket is closed anyway; the outcome of the send is already decided
        }
      }
      current.setContextClassLoader(previous);
    }
  }

  /** Builds the message for an alert. */
  MimeMessage message(Alert alert) throws MessagingException {
    MimeMessage m = new AlertMessage(session, AlertMail.messageId(alert, domain));
    m.setFrom(settings.from);
    m.setRecipients(Message.RecipientType.TO, settings.to.toArray(new Address[0]));
    m.setSubject(AlertMail.subject(alert, settings.subjectPrefix), UTF_8);
    m.setSentDate(Date.from(alert.time()));
    if (!AlertMail.startsThread(alert)) {
      String thread = AlertMail.threadId(alert, domain);
      m.setHeader("In-Reply-To", thread);
      m.setHeader("References", thread);
    }
    // RFC 3834: no auto-replies (vacation notices) to an automatic message.
    m.setHeader("Auto-Submitted", "auto-generated");
    m.setHeader("X-Auto-Response-Suppress", "All");
    m.setHeader("X-Vitals-Alert", header(alert.dedupKey()));
    m.setHeader("X-Vitals-State", alert.state().name());
    m.setHeader("X-Vitals-Severity", alert.severity().name());

    m.setContent(alternative(AlertMail.text(alert), AlertMail.html(alert, settings.subjectPrefix)));
    m.saveChanges();
    return m;
  }

  /**
   * Builds the message for a summary: to {@code summary-to}, with an id that a retried send keeps (so a mail
   * client shows a duplicate as one message).
   */
  MimeMessage message(Summary summary) throws MessagingException {
    String kind = summary.period().name().toLowerCase(java.util.Locale.ROOT);
    MimeMessage m = new AlertMessage(session, "<vitals.summary." + kind + '.' + summary.firstDay() + '.'
        + AlertMail.atom(settings.name) + '@' + domain + '>');
    m.setFrom(settings.from);
    m.setRecipients(Message.RecipientType.TO, settings.summaryTo.toArray(new Address[0]));
    m.setSubject(SummaryMail.subject(summary, settings.subjectPrefix), UTF_8);
    m.setSentDate(Date.from(summary.madeAt()));
    m.setHeader("Auto-Submitted", "auto-generated");
    m.setHeader("X-Auto-Response-Suppress", "All");
    m.setHeader("X-Vitals-Summary", kind + ' ' + summary.firstDay());
    m.setContent(alternative(SummaryMail.text(summary), SummaryMail.html(summary, settings.subjectPrefix)));
    m.saveChanges();
    return m;
  }

  /** A multipart/alternative of a plain-text and an HTML body, both UTF-8. */
  private static MimeMultipart alternative(String plain, String html) throws MessagingException {
    MimeBodyPart text = new MimeBodyPart();
    text.setText(plain, UTF_8, "plain");
    MimeBodyPart rich = new MimeBodyPart();
    rich.setText(html, UTF_8, "html");
    MimeMultipart alternative = new MimeMultipart("alternative");
    alternative.addBodyPart(text);
    alternative.addBodyPart(rich);
    return alternative;
  }

  private static String header(String value) {
    try {
      return MimeUtility.fold(0, MimeUtility.encodeText(AlertMail.oneLine(value), UTF_8, "Q"));
    } catch (UnsupportedEncodingException e) {
      throw new IllegalStateException("UTF-8 is always supported", e);
    }
  }

  /** A failed attempt, described without the password; the cause is kept only when it is clean too. */
  private IOException failure(String what, Exception e) {
    String message = "e-mail notifier '" + settings.name + "' could not send " + what + " through " + settings.host + ':' + settings.port + ": " + reason(e);
    IOException out = new IOException(scrub(message));
    if (!mentionsPassword(e)) {
      out.initCause(e);
    }
    return out;
  }

  private String reason(Exception e) {
    String m = String.valueOf(e.getMessage());
    if (m.contains("STARTTLS is required")) {
      return "the server does not offer STARTTLS, and starttls=required refuses to send in clear"
          + " (set " + settings.startTlsKey + "=none only for a trusted relay on a private network)";
    }
    if (e instanceof AuthenticationFailedException) {
      return "authentication as '" + settings.username + "' failed: " + chain(e);
    }
    if (e instanceof SendFailedException) {
      Address[] invalid = ((SendFailedException) e).getInvalidAddresses();
      if (invalid != null && invalid.length > 0) {
        return "the server refused recipient(s) " + Arrays.toString(invalid) + ": " + chain(e);
      }
    }
    if (hasCause(e, SSLException.class)) {
      return "the TLS handshake failed (the server's certificate must be trusted by the JVM or by "
          + settings.caFileKey + ", and must name " + settings.host + "): " + chain(e);
    }
    return chain(e);
  }

  /** The messages of an exception and its causes, each once. */
  private static String chain(Throwable e) {
    List<String> parts = new ArrayList<>();
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
      String m = t.getMessage() == null ? t.getClass().getSimpleName()
          : t == e ? t.getMessage() : t.getClass().getSimpleName() + ": " + t.getMessage();
      String line = m.strip();
      if (parts.stream().noneMatch(p -> p.contains(line))) {
        parts.add(line);
      }
    }
    return String.join("; caused by ", parts);
  }

  private static boolean hasCause(Throwable e, Class<? extends Throwable> type) {
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  private boolean mentionsPassword(Throwable e) {
    if (settings.password == null) {
      return false;
    }
    Map<Throwable, Boolean> seen = new IdentityHashMap<>();
    for (Throwable t = e; t != null && seen.put(t, Boolean.TRUE) == null; t = t.getCause()) {
      if (String.valueOf(t.getMessage()).contains(settings.password)) {
        return true;
      }
      for (Throwable s : t.getSuppressed()) {
        if (String.valueOf(s.getMessage()).contains(settings.password)) {
          return true;
        }
      }
    }
    return false;
  }

  private String scrub(String text) {
    String out = text;
    if (settings.password != null) {
      out = out.replace(settings.password, Redaction.MASK);
    }
    return Redaction.redact(out);
  }

  /** Idempotent; later sends are refused. Holds no connection between sends, so there is nothing else to free. */
  @Override
  public void close() {
    closed = true;
  }

  @Override
  public String toString() {
    return "EmailNotifier{" + settings + '}';
  }

  /** A message whose {@code Message-ID} is ours, not one Jakarta Mail makes up. */
  private static final class AlertMessage extends MimeMessage {
    private final String id;

    AlertMessage(Session session, String id) {
      super(session);
      this.id = id;
    }

    @Override
    protected void updateMessageID() throws MessagingException {
      setHeader("Message-ID", id);
    }
  }
}
