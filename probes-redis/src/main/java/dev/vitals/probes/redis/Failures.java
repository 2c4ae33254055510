package dev.vitals.probes.redis;

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
 * Turns what a client threw into one sentence that says what failed, using only JDK types and
 * Redis's own error words, so both client libraries get the same messages. Stateless.
 */
final class Failures {

  private Failures() {}

  /**
   * Describes a failure.
   *
   * @param step what was being done: {@code connect}, {@code PING} or {@code INFO}
   * @param error what the client threw
   * @param elapsedMillis how long the step had run, for timeouts
   * @param user the user the client authenticates as
   * @return a sentence without secrets (the caller redacts it again)
   */
  static String describe(String step, Throwable error, long elapsedMillis, String user) {
    String reply = redisError(error);
    if (reply != null) {
      return describeReply(step, reply, user);
    }
    Throwable t = find(error, e -> e instanceof NotConnected);
    if (t != null) {
      return "not connected: " + t.getMessage() + "; no answer to " + step + " within " + elapsedMillis + " ms";
    }
    t = find(error, e -> e instanceof UnknownHostException);
    if (t != null) {
      return "unknown host " + firstWord(t.getMessage());
    }
    t = find(error, e -> e instanceof SSLException);
    if (t != null) {
      return "TLS handshake failed: " + text(t);
    }
    t = find(error, e -> e instanceof ConnectException || e instanceof NoRouteToHostException);
    if (t != null) {
      String m = text(t).toLowerCase(Locale.ROOT);
      return m.contains("refused") ? "connection refused" : "cannot connect: " + text(t);
    }
    t = find(error, e -> e instanceof SocketTimeoutException || e instanceof TimeoutException
        || e.getClass().getSimpleName().contains("Timeout"));
    if (t != null) {
      if (step.equals("connect")) {
        return text(t).toLowerCase(Locale.ROOT).contains("connect timed out")
            ? "connect timed out after " + elapsedMillis + " ms"
            : "no answer during connection set-up within " + elapsedMillis + " ms";
      }
      return "no answer to " + step + " within " + elapsedMillis + " ms";
    }
    t = find(error, e -> e instanceof EOFException || e instanceof SocketException
        || text(e).toLowerCase(Locale.ROOT).contains("end of stream"));
    if (t != null) {
      return "connection closed during " + (step.equals("connect") ? "connection set-up" : step) + " (" + text(t)
          + ")";
    }
    return step + " failed: " + text(error);
  }

  /**
   * The Redis error reply in a chain of exceptions, if any.
   *
   * @param error what a client threw
   * @return the reply text, such as {@code WRONGPASS invalid username-password pair}, or null
   */
  static String redisError(Throwable error) {
    Throwable t = find(error, e -> e instanceof ErrorReply || isReplyText(e.getMessage()));
    return t == null ? null : t.getMessage();
  }

  private static boolean isReplyText(String message) {
    if (message == null) {
      return false;
    }
    String word = firstWord(message);
    return word.equals("ERR") || word.equals("WRONGPASS") || word.equals("NOAUTH") || word.equals("NOPERM")
        || word.equals("LOADING") || word.equals("MASTERDOWN") || word.equals("BUSY") || word.equals("READONLY")
        || word.equals("MISCONF") || word.equals("OOM") || word.equals("WRONGTYPE") || word.equals("NOSCRIPT");
  }

  private static String describeReply(String step, String reply, String user) {
    String word = firstWord(reply);
    String upper = reply.toUpperCase(Locale.ROOT);
    switch (word) {
      case "WRONGPASS":
        return "authentication failed for user '" + user + "': wrong password, or the user is unknown or disabled ("
            + reply + ")";
      case "NOAUTH":
        return "authentication required: the server has a password (requirepass or an ACL user) and the probe gave none ("
            + reply + ")";
      case "NOPERM":
        return "user '" + user + "' is not allowed to run " + step + " (" + reply + ")";
      case "LOADING":
        return "redis is loading its data set into memory and answers nothing else yet (" + reply + ")";
      case "MASTERDOWN":
        return "this replica lost its master and does not serve stale data (" + reply + ")";
      case "BUSY":
        return "redis is busy running a script (" + reply + ")";
      default:
        break;
    }
    if (upper.contains("WITHOUT ANY PASSWORD CONFIGURED")) {
      return "authentication failed: the probe gave a password but the server's user '" + user
          + "' has none (" + reply + ")";
    }
    if (upper.contains("INVALID PASSWORD") || upper.contains("INVALID USERNAME-PASSWORD")) {
      return "authentication failed for user '" + user + "' (" + reply + ")";
    }
    if (upper.contains("DB INDEX IS OUT OF RANGE")) {
      return "the database number in the URI does not exist on the server (" + reply + ")";
    }
    return step + " refused: " + reply;
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

  private static String firstWord(String s) {
    if (s == null) {
      return "";
    }
    String trimmed = s.trim();
    int end = 0;
    while (end < trimmed.length() && !Character.isWhitespace(trimmed.charAt(end)) && trimmed.charAt(end) != ':') {
      end++;
    }
    return trimmed.substring(0, end);
  }
}
