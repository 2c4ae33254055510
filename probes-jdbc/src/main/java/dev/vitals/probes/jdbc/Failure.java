package dev.vitals.probes.jdbc;

import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.UnknownHostException;
import java.nio.channels.ClosedByInterruptException;
import java.sql.SQLException;
import java.sql.SQLInvalidAuthorizationSpecException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTimeoutException;
import java.sql.SQLTransientConnectionException;
import java.util.Locale;

/**
 * What went wrong, in words a person on call can act on: connection refused, unknown host,
 * authentication failed, database not found, no answer in time, no driver; with the driver's own
 * message after it, scrubbed of secrets.
 *
 * <p>Immutable and thread-safe.
 */
final class Failure {

  /** Where in a check the failure happened. */
  enum Phase {
    CONNECT("connect"),
    BORROW("borrow"),
    VALIDATE("validate");

    private final String id;

    Phase(String id) {
      this.id = id;
    }

    String id() {
      return id;
    }
  }

  /** H2's codes for "database not found" (DATABASE_NOT_FOUND_1, DATABASE_NOT_FOUND_WITH_IF_EXISTS_1). */
  private static final int H2_DATABASE_NOT_FOUND = 90013;
  private static final int H2_DATABASE_NOT_FOUND_IF_EXISTS = 90146;

  private final String message;
  private final SQLException error;
  private final Throwable original;
  private final boolean sqlLevel;
  private final boolean specific;

  private Failure(String message, SQLException error, Throwable original, boolean sqlLevel, boolean specific) {
    this.message = message;
    this.error = error;
    this.original = original;
    this.sqlLevel = sqlLevel;
    this.specific = specific;
  }

  /**
   * Describes a failure.
   *
   * @param e what was thrown
   * @param phase where
   * @param limitMillis the client limit, for timeout messages
   * @param secrets to scrub the driver's message with
   * @return the description
   */
  static Failure of(Throwable e, Phase phase, long limitMillis, Secrets secrets) {
    String driverMessage = secrets.scrub(firstLine(messageOf(e)));
    String sqlState = e instanceof SQLException ? ((SQLException) e).getSQLState() : null;
    int vendorCode = e instanceof SQLException ? ((SQLException) e).getErrorCode() : 0;
    String state = sqlState == null ? "" : sqlState;
    String lower = driverMessage.toLowerCase(Locale.ROOT);

    String reason;
    SQLException standard;
    boolean sqlLevel = false;
    boolean specific = true;
    UnknownHostException unknownHost = find(e, UnknownHostException.class);
    if (Thread.currentThread().isInterrupted() || find(e, InterruptedException.class) != null
        || find(e, ClosedByInterruptException.class) != null) {
      // The engine cancelled the run (its timeout): the driver's own words add nothing.
      String what = phase == Phase.VALIDATE ? "validating the connection" : "connecting";
      return new Failure("interrupted while " + what + ": the run was cancelled",
          new SQLTransientConnectionException("interrupted", sqlState, vendorCode), e, false, false);
    } else if (unknownHost != null) {
      reason = "unknown host '" + secrets.scrub(unknownHost.getMessage()) + "'";
      standard = new SQLNonTransientConnectionException(driverMessage, sqlState, vendorCode);
    } else if (state.startsWith("28") || vendorCode == 28000) {
      reason = "authentication failed";
      standard = new SQLInvalidAuthorizationSpecException(driverMessage, sqlState, vendorCode);
    } else if (state.equals("3D000") || vendorCode == H2_DATABASE_NOT_FOUND
        || vendorCode == H2_DATABASE_NOT_FOUND_IF_EXISTS) {
      reason = "database not found";
      standard = new SQLNonTransientConnectionException(driverMessage, sqlState, vendorCode);
    } else if (find(e, ConnectException.class) != null || lower.contains("connection refused")
        || lower.matches(".*connection to .* refused.*")) {
      reason = "connection refused";
      standard = new SQLNonTransientConnectionException(driverMessage, sqlState, vendorCode);
    } else if (find(e, NoRouteToHostException.class) != null) {
      reason = "no route to host";
      standard = new SQLNonTransientConnectionException(driverMessage, sqlState, vendorCode);
    } else if (find(e, SocketTimeoutException.class) != null || find(e, SQLTimeoutException.class) != null
        || lower.contains("timed out") || lower.contains("timeout")) {
      reason = "no answer within " + limitMillis + " ms";
      standard = new SQLTimeoutException(driverMessage, sqlState, vendorCode);
      specific = false;
    } else if (lower.startsWith("no suitable driver")) {
      reason = "no JDBC driver on the class path accepts this URL";
      standard = new SQLNonTransientConnectionException(driverMessage, sqlState, vendorCode);
    } else {
      specific = false;
      switch (phase) {
        case CONNECT:
          reason = "cannot connect";
          break;
        case BORROW:
          reason = "cannot get a connection from the DataSource";
          break;
        default:
          reason = "validation failed";
          break;
      }
      standard = state.startsWith("08")
          ? new SQLTransientConnectionException(driverMessage, sqlState, vendorCode)
          : new SQLException(driverMessage, sqlState, vendorCode);
      // An error the server answered with (a syntax error, a missing table): the connection is fine.
      sqlLevel = state.length() == 5 && !state.startsWith("08") && !state.startsWith("57");
    }
    String message = driverMessage.isEmpty() ? reason : reason + ": " + driverMessage;
    return new Failure(message, standard, e, sqlLevel, specific);
  }

  /**
   * A pool that gave no usable connection within the limit.
   *
   * @param pool the pool and its usage before the borrow, such as {@code pool 'db' (active=0, ...)}
   * @param cause the pool's last error, or null
   * @param limitMillis how long the probe waited
   * @param secrets to scrub the cause's message with
   * @return the cause's own description when it is specific (authentication failed, connection
   *     refused ...), otherwise "no valid connection from ... within N ms" with the pool's last error
   */
  static Failure poolTimeout(String pool, Throwable cause, long limitMillis, Secrets secrets) {
    String base = "no valid connection from " + pool + " within " + limitMillis + " ms";
    if (cause == null) {
      return new Failure(base, null, null, false, false);
    }
    Failure f = of(cause, Phase.BORROW, limitMillis, secrets);
    if (f.specific) {
      return f;
    }
    String last = secrets.scrub(firstLine(messageOf(cause)));
    return new Failure(base + "; the pool's last error: " + last, f.error, cause, false, false);
  }

  /**
   * A failure the probe found itself, without an exception.
   *
   * @param message what failed
   * @return the description
   */
  static Failure of(String message) {
    return new Failure(message, null, null, false, false);
  }

  /**
   * Whether the server answered with an SQL error (so the connection itself still works), as
   * opposed to a connection that failed, timed out or is in doubt.
   *
   * @return true for an SQL-level error
   */
  boolean isSqlLevel() {
    return sqlLevel;
  }

  /**
   * The message for the result: the reason, then the driver's message.
   *
   * @return the message, scrubbed
   */
  String message() {
    return message;
  }

  /**
   * A standard JDBC exception carrying the scrubbed driver message and the SQL state, for
   * {@code ProbeResult.error}; the driver's own exception may hold secrets in its message.
   *
   * @return the exception, or null when the probe found the failure itself
   */
  SQLException error() {
    return error;
  }

  /**
   * The driver's exception class.
   *
   * @return its name, or null
   */
  String originalType() {
    return original == null ? null : original.getClass().getName();
  }

  /**
   * The SQL state of the original exception.
   *
   * @return the state, or null
   */
  String sqlState() {
    return error == null ? null : error.getSQLState();
  }

  /**
   * The vendor code of the original exception.
   *
   * @return the code, 0 when none
   */
  int vendorCode() {
    return error == null ? 0 : error.getErrorCode();
  }

  private static String messageOf(Throwable e) {
    String m = e.getMessage();
    if (m == null || m.isBlank()) {
      Throwable cause = e.getCause();
      m = cause != null && cause != e ? messageOf(cause) : e.getClass().getSimpleName();
    }
    return m;
  }

  private static String firstLine(String text) {
    String t = text.strip();
    int nl = t.indexOf('\n');
    return nl < 0 ? t : t.substring(0, nl).strip();
  }

  private static <T extends Throwable> T find(Throwable e, Class<T> type) {
    int depth = 0;
    for (Throwable t = e; t != null && depth < 20; t = t.getCause(), depth++) {
      if (type.isInstance(t)) {
        return type.cast(t);
      }
      if (t instanceof SQLException) {
        SQLException next = ((SQLException) t).getNextException();
        if (next != null && next != t && type.isInstance(next)) {
          return type.cast(next);
        }
      }
    }
    return null;
  }
}
