package dev.vitals.probes.rabbitmq;

import com.rabbitmq.client.AMQP;
import com.rabbitmq.client.AuthenticationFailureException;
import com.rabbitmq.client.MalformedFrameException;
import com.rabbitmq.client.Method;
import com.rabbitmq.client.PossibleAuthenticationFailureException;
import com.rabbitmq.client.ShutdownSignalException;
import java.io.EOFException;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.util.ArrayDeque;
import java.util.Collections;
import java.util.Deque;
import java.util.IdentityHashMap;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import javax.net.ssl.SSLException;

/**
 * Turns what the AMQP client threw into one sentence that says what failed. Stateless; the caller
 * redacts the sentence again.
 */
final class Failures {

  /** The step that opens the connection (TCP connect, AMQP handshake, login, vhost). */
  static final String CONNECT = "connect";

  private Failures() {}

  /**
   * Describes a failure.
   *
   * @param step {@link #CONNECT}, {@code channel.open}, {@code queue.declare (passive)} or
   *     {@code basic.qos}
   * @param error what the client threw
   * @param elapsedMillis how long the run had taken when it failed
   * @param user the user the probe logs in as
   * @return a sentence without secrets
   */
  static String describe(String step, Throwable error, long elapsedMillis, String user) {
    Throwable t = find(error, e -> e instanceof AuthenticationFailureException
        || e instanceof PossibleAuthenticationFailureException);
    if (t != null) {
      return "authentication failed for user '" + user + "' (" + text(t) + ")";
    }
    t = find(error, e -> e instanceof UnknownHostException);
    if (t != null) {
      return "unknown host " + text(t);
    }
    t = find(error, e -> e instanceof SSLException);
    if (t != null) {
      return "TLS handshake failed: " + text(t);
    }
    t = find(error, e -> e instanceof ConnectException || e instanceof NoRouteToHostException);
    if (t != null) {
      return text(t).toLowerCase(Locale.ROOT).contains("refused") ? "connection refused" : "cannot connect: " + text(t);
    }
    t = find(error, e -> e instanceof MalformedFrameException);
    if (t != null) {
      return "not an AMQP 0-9-1 server: " + text(t);
    }
    t = find(error, e -> e instanceof SocketTimeoutException || e instanceof TimeoutException
        || e.getClass().getSimpleName().contains("Timeout"));
    if (t != null) {
      if (step.equals(CONNECT)) {
        return text(t).toLowerCase(Locale.ROOT).contains("connect timed out")
            ? "TCP connect timed out after " + elapsedMillis + " ms"
            : "no AMQP handshake within " + elapsedMillis + " ms (the server took the TCP connection but did not"
                + " answer)";
      }
      return "no answer to " + step + " within " + elapsedMillis + " ms";
    }
    t = find(error, e -> e instanceof ShutdownSignalException);
    if (t != null) {
      return closedBy((ShutdownSignalException) t, step);
    }
    t = find(error, e -> e instanceof EOFException || e instanceof SocketException);
    if (t != null) {
      return "connection closed during " + (step.equals(CONNECT) ? "connection set-up" : step) + " (" + text(t) + ")";
    }
    return step + " failed: " + text(error);
  }

  /**
   * Describes a connection or channel the server (or the network) closed.
   *
   * @param signal the client's shutdown signal
   * @param step what was being done
   * @return for example {@code the server closed the connection during connect: 530 NOT_ALLOWED - vhost x not found}
   */
  static String closedBy(ShutdownSignalException signal, String step) {
    String what = signal.isHardError() ? "connection" : "channel";
    String reply = replyText(signal);
    if (reply != null) {
      return "the server closed the " + what + " during " + step + ": " + reply;
    }
    Throwable cause = signal.getCause();
    return "the " + what + " was closed during " + step
        + (cause == null ? "" : " (" + cause.getClass().getSimpleName() + ": " + text(cause) + ")");
  }

  /**
   * The server's close reason, such as {@code 404 NOT_FOUND - no queue 'x' in vhost '/'}.
   *
   * @param signal a shutdown signal
   * @return the code and text, or null when the client closed it itself
   */
  static String replyText(ShutdownSignalException signal) {
    if (signal.isInitiatedByApplication()) {
      return null;
    }
    Method reason = signal.getReason();
    if (reason instanceof AMQP.Channel.Close) {
      AMQP.Channel.Close close = (AMQP.Channel.Close) reason;
      return close.getReplyCode() + " " + close.getReplyText();
    }
    if (reason instanceof AMQP.Connection.Close) {
      AMQP.Connection.Close close = (AMQP.Connection.Close) reason;
      return close.getReplyCode() + " " + close.getReplyText();
    }
    return null;
  }

  /**
   * The server's reply code when it closed a channel, such as 404 for a queue that does not exist.
   *
   * @param signal a shutdown signal
   * @return the code, or -1 when the signal is not a channel closed by the server
   */
  static int channelReplyCode(ShutdownSignalException signal) {
    if (signal.isHardError() || signal.isInitiatedByApplication()) {
      return -1;
    }
    Method reason = signal.getReason();
    return reason instanceof AMQP.Channel.Close ? ((AMQP.Channel.Close) reason).getReplyCode() : -1;
  }

  /** The first exception in the chain (causes and suppressed ones) that matches. */
  static Throwable find(Throwable error, Predicate<Throwable> matches) {
    Set<Throwable> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Deque<Throwable> todo = new ArrayDeque<>();
    todo.add(error);
    while (!todo.isEmpty()) {
      Throwable t = todo.poll();
      if (t == null || !seen.add(t)) {
        continue;
      }
      if (matches.test(t)) {
        return t;
      }
      if (t.getCause() != null) {
        todo.add(t.getCause());
      }
      Collections.addAll(todo, t.getSuppressed());
    }
    return null;
  }

  private static String text(Throwable t) {
    String m = t.getMessage();
    return m == null || m.isBlank() ? t.getClass().getSimpleName() : m.trim();
  }
}
