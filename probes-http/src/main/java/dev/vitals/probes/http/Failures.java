package dev.vitals.probes.http;

import java.io.IOException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.channels.UnresolvedAddressException;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateNotYetValidException;
import java.util.Locale;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLHandshakeException;

/** Turns what the HTTP client threw into a message that says what failed, and where. Stateless. */
final class Failures {

  private Failures() {}

  /** The cause inside the wrappers of asynchronous execution. */
  static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof ExecutionException || c instanceof CompletionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }

  /** The port of a URL, with the scheme's default when none is written. */
  static int port(URI u) {
    if (u.getPort() >= 0) {
      return u.getPort();
    }
    return "https".equalsIgnoreCase(u.getScheme()) ? 443 : 80;
  }

  /**
   * Describes a failed exchange.
   *
   * @param error what the client threw, unwrapped
   * @param verb the request method
   * @param target the URL requested
   * @return a message such as {@code connection refused by 127.0.0.1:8080 (GET http://127.0.0.1:8080/health)}
   */
  static String describe(Throwable error, String verb, URI target) {
    String host = target.getHost();
    String where = host + ":" + port(target);
    String request = " (" + verb + " " + target + ")";
    if (has(error, UnresolvedAddressException.class) || has(error, UnknownHostException.class)) {
      return "unknown host '" + host + "': the name does not resolve" + request;
    }
    Throwable expired = find(error, CertificateExpiredException.class);
    if (expired != null || expiredPath(error)) {
      String detail = expired != null && expired.getMessage() != null ? " (" + expired.getMessage() + ")" : "";
      return "TLS certificate of " + where + " has expired" + detail + request;
    }
    Throwable notYet = find(error, CertificateNotYetValidException.class);
    if (notYet != null) {
      return "TLS certificate of " + where + " is not valid yet (" + notYet.getMessage() + ")" + request;
    }
    SSLException ssl = (SSLException) find(error, SSLException.class);
    if (ssl != null) {
      String text = allMessages(error);
      String lower = text.toLowerCase(Locale.ROOT);
      if (lower.contains("unable to find valid certification path") || lower.contains("pkix path building failed")) {
        return "TLS certificate of " + where + " is not trusted: no certification path to a trusted root "
            + "(set trust-store for a private CA)" + request;
      }
      if (lower.contains("no subject alternative") || lower.contains("no name matching")) {
        return "TLS certificate of " + where + " does not match the host name '" + host + "': "
            + firstMessage(ssl) + request;
      }
      if (find(error, SSLHandshakeException.class) != null) {
        return "TLS handshake with " + where + " failed: " + firstMessage(ssl) + request;
      }
      return "TLS error with " + where + ": " + firstMessage(ssl) + request;
    }
    if (has(error, NoRouteToHostException.class)) {
      return "no route to " + where + request;
    }
    ConnectException connect = (ConnectException) find(error, ConnectException.class);
    if (connect != null) {
      String text = allMessages(error).toLowerCase(Locale.ROOT);
      if (text.contains("refused") || text.isEmpty()) {
        return "connection refused by " + where + request;
      }
      return "cannot connect to " + where + ": " + firstMessage(connect) + request;
    }
    String text = firstMessage(error);
    String lower = text.toLowerCase(Locale.ROOT);
    if (lower.contains("received no bytes") || lower.contains("eof reached") || lower.contains("connection reset")) {
      return where + " closed the connection before the response was complete (" + text + ")" + request;
    }
    if (error instanceof IOException) {
      return verb + " " + target + " failed: " + text;
    }
    return verb + " " + target + " failed: " + error.getClass().getName() + (text.isEmpty() ? "" : ": " + text);
  }

  private static boolean expiredPath(Throwable error) {
    for (Throwable c = error; c != null; c = c.getCause()) {
      if (c instanceof CertPathValidatorException
          && ((CertPathValidatorException) c).getReason() == CertPathValidatorException.BasicReason.EXPIRED) {
        return true;
      }
    }
    return false;
  }

  private static boolean has(Throwable error, Class<? extends Throwable> type) {
    return find(error, type) != null;
  }

  private static Throwable find(Throwable error, Class<? extends Throwable> type) {
    int depth = 0;
    for (Throwable c = error; c != null && depth < 20; c = c.getCause(), depth++) {
      if (type.isInstance(c)) {
        return c;
      }
    }
    return null;
  }

  /** The first non-blank message in the cause chain, or empty. */
  private static String firstMessage(Throwable error) {
    int depth = 0;
    for (Throwable c = error; c != null && depth < 20; c = c.getCause(), depth++) {
      if (c.getMessage() != null && !c.getMessage().isBlank()) {
        return c.getMessage();
      }
    }
    return "";
  }

  private static String allMessages(Throwable error) {
    StringBuilder sb = new StringBuilder();
    int depth = 0;
    for (Throwable c = error; c != null && depth < 20; c = c.getCause(), depth++) {
      if (c.getMessage() != null) {
        sb.append(c.getMessage()).append(' ');
      }
    }
    return sb.toString().trim();
  }
}
