package dev.vitals.history.jdbc;

import dev.vitals.api.Secrets;
import java.sql.SQLException;

/**
 * The exceptions the store throws: a {@link SQLException} that says what failed, on which store
 * ({@link JdbcHistoryStore#describe()}), and why, with the driver's exceptions below it as causes
 * whose messages have gone through the same scrubbing (the store's secrets, the raw URL replaced by
 * its description, then {@link dev.vitals.api.Redaction}). Stack traces are kept.
 */
final class Failures {

  private static final int MAX_CAUSES = 8;

  private Failures() {}

  static SQLException of(String what, String description, Throwable e, Secrets secrets, String rawUrl) {
    // a batch's exception quotes the whole statement with its values; the reason is the next one's
    Throwable shown = e instanceof java.sql.BatchUpdateException batch && batch.getNextException() != null
        ? batch.getNextException() : e;
    SQLException first = shown instanceof SQLException sql ? sql : null;
    String reason = scrub(shown.getMessage() == null ? shown.getClass().getSimpleName() : shown.getMessage(),
        description, secrets, rawUrl);
    String state = first == null ? null : first.getSQLState();
    SQLException out = new SQLException("history store " + description + ": " + what + " failed: " + reason
        + (state == null ? "" : " (SQLState " + state + ")"), state, first == null ? 0 : first.getErrorCode(),
        copy(e, description, secrets, rawUrl, 0));
    return out;
  }

  /** A copy of an exception and its causes whose messages carry no secret. */
  private static Throwable copy(Throwable t, String description, Secrets secrets, String rawUrl, int depth) {
    if (t == null || depth >= MAX_CAUSES) {
      return null;
    }
    String message = t.getClass().getName() + (t.getMessage() == null ? ""
        : ": " + scrub(t.getMessage(), description, secrets, rawUrl));
    Throwable cause = t.getCause() == t ? null : t.getCause();
    Throwable next = t instanceof SQLException sql && sql.getNextException() != null && cause == null
        ? sql.getNextException() : cause;
    Throwable copy;
    if (t instanceof SQLException sql) {
      copy = new SQLException(message, sql.getSQLState(), sql.getErrorCode(), copy(next, description, secrets, rawUrl, depth + 1));
    } else {
      copy = new Exception(message, copy(next, description, secrets, rawUrl, depth + 1));
    }
    copy.setStackTrace(t.getStackTrace());
    return copy;
  }

  /**
   * Whether a failure is one of the connection rather than of a statement: SQLState class 08, the
   * JDBC connection exceptions, or an I/O error (a read that timed out) anywhere in its causes.
   */
  static boolean isConnectionFailure(Throwable e) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < MAX_CAUSES; depth++) {
      if (t instanceof java.sql.SQLTransientConnectionException || t instanceof java.sql.SQLNonTransientConnectionException
          || t instanceof java.io.IOException) {
        return true;
      }
      if (t instanceof SQLException sql) {
        if (sql.getSQLState() != null && sql.getSQLState().startsWith("08")) {
          return true;
        }
        if (t.getCause() == null && sql.getNextException() != null) {
          t = sql.getNextException();
          continue;
        }
      }
      t = t.getCause() == t ? null : t.getCause();
    }
    return false;
  }

  static String scrub(String text, String description, Secrets secrets, String rawUrl) {
    String out = text;
    if (rawUrl != null && !rawUrl.isEmpty() && out.contains(rawUrl)) {
      out = out.replace(rawUrl, description);
    }
    return secrets.scrub(out);
  }
}
