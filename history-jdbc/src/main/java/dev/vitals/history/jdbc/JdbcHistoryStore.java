package dev.vitals.history.jdbc;

import dev.vitals.api.HistoryEntry;
import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.Secrets;
import dev.vitals.api.Status;
import dev.vitals.api.spi.HistoryStore;
import dev.vitals.api.spi.HistoryTransition;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;
import javax.sql.DataSource;

/**
 * A {@link HistoryStore} in a relational database (PostgreSQL, MySQL/MariaDB, H2; other databases
 * through standard SQL), in four tables whose names start with a prefix ({@code vitals_} by default):
 *
 * <ul>
 *   <li>{@code <prefix>minutes}: one row per subject and minute (instance, subject key, minute as
 *       minutes since the epoch, operations, errors, up and down milliseconds, the latency histogram
 *       in a compact binary form), indexed by instance, subject and minute;
 *   <li>{@code <prefix>transitions}: every status transition (instance, subject, time in epoch
 *       milliseconds, from, to, the message cut to 500 characters);
 *   <li>{@code <prefix>values}: named values per instance;
 *   <li>{@code <prefix>schema}: the version of these tables.
 * </ul>
 *
 * <p><b>Schema.</b> Created on open, or migrated from an older version; opening tables that are
 * already current changes nothing. Two instances may open one database at the same moment. A newer
 * Vitals only adds tables and columns, so tables of a higher version are used as they are.
 *
 * <p><b>Instances.</b> Every row carries the instance id given at open, and every read, write and
 * prune touches only that instance's rows: the instances of a service can share one database (give
 * each a stable id, {@code vitals.history.instance}, so its history survives a new host name).
 *
 * <p><b>Writes.</b> One {@link #append} is one transaction with batched inserts. A minute written
 * twice (a batch retried after a commit whose answer was lost) is read once. {@link #value(String, String)} replaces a value
 * (delete and insert in one transaction).
 *
 * <p><b>Failures and time limits.</b> Every statement has a query timeout, and every connection a
 * network timeout, of {@link #DEFAULT_TIMEOUT} (and, for a store from a URL, a login timeout of the
 * same length where the driver has one), so a frozen or unreachable database makes a call fail after
 * about that time instead of holding the monitor's writer. Every method throws {@link SQLException}
 * on failure, with a message that names the store by {@link #describe()} and carries no password; the
 * next call tries again (a store from a URL opens a new connection). Transition times are kept to
 * the millisecond.
 *
 * <p>Thread-safe: a store from a {@link DataSource} takes a connection per call; a store from a URL
 * keeps one connection, and its calls take turns.
 */
public final class JdbcHistoryStore implements HistoryStore {

  /** The time limit of each statement, connection and login. */
  public static final Duration DEFAULT_TIMEOUT = Duration.ofSeconds(5);
  /** The table prefix when none is given. */
  public static final String DEFAULT_TABLE_PREFIX = "vitals_";
  /** What a table prefix may be. */
  public static final String TABLE_PREFIX_RULE =
      "a prefix of SQL identifiers: a letter or '_', then letters, digits or '_', at most 40 characters (such as vitals_)";
  /** The longest message a transition keeps; a longer one is cut and ends with an ellipsis. */
  public static final int MAX_MESSAGE = 500;
  /** The longest value key and value. */
  static final int MAX_KEY = 200;
  static final int MAX_VALUE = 4000;
  static final int MAX_INSTANCE = 200;

  private static final Pattern PREFIX = Pattern.compile("[A-Za-z_][A-Za-z0-9_]{0,39}");
  private static final long MINUTE_MS = 60_000L;
  private static final long DAY_MINUTES = 1440L;
  private static final int FETCH_SIZE = 1000;

  private final ConnectionSource source;
  private final String instance;
  private final Dialect dialect;
  private final String description;
  private final Secrets secrets;
  private final String rawUrl;
  private final int queryTimeout;
  private final String minutes;
  private final String transitions;
  private final String values;
  private volatile boolean closed;

  private JdbcHistoryStore(ConnectionSource source, String instance, Dialect dialect, String description,
      Secrets secrets, String rawUrl, String prefix) {
    this.source = source;
    this.instance = instance;
    this.dialect = dialect;
    this.description = description;
    this.secrets = secrets;
    this.rawUrl = rawUrl;
    this.queryTimeout = (int) Math.max(1, source.timeout.getSeconds());
    this.minutes = prefix + "minutes";
    this.transitions = prefix + "transitions";
    this.values = prefix + "values";
  }

  /**
   * A store over a connection pool the service already has (a Spring Boot {@code DataSource}, for
   * instance), opened now: the tables are created or migrated before this returns. Connections are
   * taken per call and returned to the pool; closing the store leaves the pool open.
   *
   * @param dataSource the pool, not null
   * @param instance this process's instance id, 1 to 200 characters: the rows it writes and reads
   * @param tablePrefix the tables' prefix, such as {@value #DEFAULT_TABLE_PREFIX}; see {@link #TABLE_PREFIX_RULE}
   * @return the open store
   * @throws IllegalArgumentException for a null or bad argument, saying what is allowed
   * @throws SQLException when the database cannot be reached or the tables cannot be created (the
   *     message carries no password)
   */
  public static JdbcHistoryStore of(DataSource dataSource, String instance, String tablePrefix) throws SQLException {
    Objects.requireNonNull(dataSource, "dataSource");
    checkInstance(instance);
    checkPrefix(tablePrefix);
    return open(new ConnectionSource.Pooled(dataSource, DEFAULT_TIMEOUT), instance, tablePrefix, null,
        Secrets.none(), null);
  }

  /** Opens a store with the schema of this Vitals. */
  static JdbcHistoryStore open(ConnectionSource source, String instance, String prefix, String description,
      Secrets secrets, String rawUrl) throws SQLException {
    return open(source, instance, prefix, description, secrets, rawUrl, null);
  }

  /**
   * Opens a store over a source: reads what the database is, then creates or migrates the tables.
   * On failure the source is closed.
   *
   * @param description the store's description, or null to take the URL the driver reports
   * @param migrations the schema's versions (tests pass their own), or null for {@link Schema#migrations}
   */
  static JdbcHistoryStore open(ConnectionSource source, String instance, String prefix, String description,
      Secrets secrets, String rawUrl, List<List<Schema.Step>> migrations) throws SQLException {
    Connection c = null;
    boolean broken = false;
    String shown = description == null ? "jdbc" : description;
    try {
      c = source.get();
      DatabaseMetaData md = c.getMetaData();
      Dialect dialect = Dialect.of(md.getDatabaseProductName());
      if (description == null) {
        String url = md.getURL();
        shown = url == null ? "jdbc (" + md.getDatabaseProductName() + ")" : JdbcUrls.withoutCredentials(url);
      }
      Schema.open(c, dialect, prefix, migrations == null ? Schema.migrations(dialect, prefix) : migrations,
          (int) Math.max(1, source.timeout.getSeconds()));
      return new JdbcHistoryStore(source, instance, dialect, shown, secrets, rawUrl, prefix);
    } catch (SQLException | RuntimeException e) {
      broken = true;
      SQLException failure = Failures.of("opening the history tables", shown, e, secrets, rawUrl);
      if (c != null) {
        source.release(c, true);
        c = null;
      }
      source.close();
      throw failure;
    } finally {
      if (c != null) {
        source.release(c, broken);
      }
    }
  }

  static void checkInstance(String instance) {
    Objects.requireNonNull(instance, "instance");
    if (instance.isBlank() || instance.length() > MAX_INSTANCE || instance.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("an instance id has 1 to " + MAX_INSTANCE
          + " characters, not blank and without NUL; was '" + shorten(instance) + "'");
    }
  }

  static void checkPrefix(String prefix) {
    Objects.requireNonNull(prefix, "tablePrefix");
    if (!isValidPrefix(prefix)) {
      throw new IllegalArgumentException("table prefix '" + shorten(prefix) + "' is not allowed: expected "
          + TABLE_PREFIX_RULE);
    }
  }

  static boolean isValidPrefix(String prefix) {
    return PREFIX.matcher(prefix).matches();
  }

  private static String shorten(String s) {
    return s.length() <= 80 ? s : s.substring(0, 80) + "... (" + s.length() + " characters)";
  }

  @Override
  public void append(List<HistoryPeriod> minuteList, List<HistoryTransition> transitionList) throws SQLException {
    Objects.requireNonNull(minuteList, "minutes");
    Objects.requireNonNull(transitionList, "transitions");
    for (HistoryPeriod p : minuteList) {
      checkMinute(p);
    }
    if (minuteList.isEmpty() && transitionList.isEmpty()) {
      return;
    }
    run("writing " + minuteList.size() + " minutes and " + transitionList.size() + " transitions", c -> {
      inTransaction(c, () -> {
        if (!minuteList.isEmpty()) {
          try (PreparedStatement s = c.prepareStatement("INSERT INTO " + minutes
              + " (instance_id, subject, epoch_minute, ops, errors, up_ms, down_ms, latency) VALUES (?, ?, ?, ?, ?, ?, ?, ?)")) {
            s.setQueryTimeout(queryTimeout);
            for (HistoryPeriod p : minuteList) {
              s.setString(1, instance);
              s.setString(2, p.subject().key());
              s.setLong(3, p.start().getEpochSecond() / 60);
              s.setLong(4, p.count());
              s.setLong(5, p.errors());
              s.setLong(6, p.upMillis());
              s.setLong(7, p.downMillis());
              s.setBytes(8, HistogramCodec.encode(p.latency()));
              s.addBatch();
            }
            s.executeBatch();
          }
        }
        if (!transitionList.isEmpty()) {
          try (PreparedStatement s = c.prepareStatement("INSERT INTO " + transitions
              + " (instance_id, subject, at_ms, seq, from_status, to_status, message) VALUES (?, ?, ?, ?, ?, ?, ?)")) {
            s.setQueryTimeout(queryTimeout);
            int seq = 0;
            for (HistoryTransition t : transitionList) {
              s.setString(1, instance);
              s.setString(2, t.subject().key());
              s.setLong(3, millis(t.change().at()));
              s.setInt(4, seq++);
              s.setString(5, t.change().from().name());
              s.setString(6, t.change().to().name());
              s.setString(7, cut(t.change().message()));
              s.addBatch();
            }
            s.executeBatch();
          }
        }
      });
      return null;
    });
  }

  private static void checkMinute(HistoryPeriod p) {
    Objects.requireNonNull(p, "a minute");
    if (p.start().getNano() != 0 || p.start().getEpochSecond() % 60 != 0 || !p.length().equals(Duration.ofMinutes(1))) {
      throw new IllegalArgumentException("history stores minutes: a period of exactly one minute starting on a"
          + " minute of UTC; " + p.subject().key() + " has " + p.start() + " .. " + p.end());
    }
  }

  @Override
  public void readMinutes(HistorySubject subject, Instant from, Instant to, Consumer<HistoryPeriod> sink)
      throws SQLException {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    Objects.requireNonNull(sink, "sink");
    // minutes that start in [from, to): epoch_minute * 60000 >= from, < to
    long first = ceilDiv(millis(from), MINUTE_MS);
    long end = ceilDiv(millis(to), MINUTE_MS);
    if (first >= end) {
      return;
    }
    run("reading minutes", c -> {
      inTransaction(c, () -> {
        try (PreparedStatement s = c.prepareStatement("SELECT subject, epoch_minute, ops, errors, up_ms, down_ms, latency"
            + " FROM " + minutes + " WHERE instance_id = ?" + (subject == null ? "" : " AND subject = ?")
            + " AND epoch_minute >= ? AND epoch_minute < ? ORDER BY subject, epoch_minute")) {
          s.setQueryTimeout(queryTimeout);
          s.setFetchSize(FETCH_SIZE);
          int i = 1;
          s.setString(i++, instance);
          if (subject != null) {
            s.setString(i++, subject.key());
          }
          s.setLong(i++, first);
          s.setLong(i, end);
          try (ResultSet rs = s.executeQuery()) {
            HistoryPeriod pending = null;
            String pendingKey = null;
            long pendingMinute = 0;
            while (rs.next()) {
              String key = rs.getString(1);
              long minute = rs.getLong(2);
              HistoryPeriod p = minute(key, minute, rs);
              if (pending != null && minute == pendingMinute && key.equals(pendingKey)) {
                continue; // written twice (a commit whose answer was lost, then retried): the same minute, kept once
              }
              if (pending != null) {
                sink.accept(pending);
              }
              pending = p;
              pendingKey = key;
              pendingMinute = minute;
            }
            if (pending != null) {
              sink.accept(pending);
            }
          }
        }
      });
      return null;
    });
  }

  private static HistoryPeriod minute(String key, long minute, ResultSet rs) throws SQLException {
    Instant start = Instant.ofEpochSecond(minute * 60);
    try {
      return new HistoryPeriod(HistorySubject.ofKey(key), start, start.plusSeconds(60), rs.getLong(3),
          rs.getLong(4), rs.getLong(5), rs.getLong(6), HistogramCodec.decode(rs.getBytes(7)));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("the stored minute " + start + " of '" + key + "' is not valid: "
          + e.getMessage(), e);
    }
  }

  @Override
  public List<HistoryTransition> transitions(HistorySubject subject, Instant from, Instant to) throws SQLException {
    Objects.requireNonNull(from, "from");
    Objects.requireNonNull(to, "to");
    long first = millis(from);
    long end = millis(to);
    if (first >= end) {
      return List.of();
    }
    return run("reading transitions", c -> {
      List<HistoryTransition> out = new ArrayList<>();
      try (PreparedStatement s = c.prepareStatement("SELECT subject, at_ms, from_status, to_status, message FROM "
          + transitions + " WHERE instance_id = ?" + (subject == null ? "" : " AND subject = ?")
          + " AND at_ms >= ? AND at_ms < ? ORDER BY at_ms, seq")) {
        s.setQueryTimeout(queryTimeout);
        int i = 1;
        s.setString(i++, instance);
        if (subject != null) {
          s.setString(i++, subject.key());
        }
        s.setLong(i++, first);
        s.setLong(i, end);
        try (ResultSet rs = s.executeQuery()) {
          while (rs.next()) {
            String key = rs.getString(1);
            Instant at = Instant.ofEpochMilli(rs.getLong(2));
            try {
              out.add(new HistoryTransition(HistorySubject.ofKey(key), new HistoryEntry(
                  Status.valueOf(rs.getString(3)), Status.valueOf(rs.getString(4)), at, rs.getString(5))));
            } catch (IllegalArgumentException e) {
              throw new IllegalArgumentException("the stored transition at " + at + " of '" + key
                  + "' is not valid: " + e.getMessage(), e);
            }
          }
        }
      }
      return List.copyOf(out);
    });
  }

  @Override
  public Optional<String> value(String key) throws SQLException {
    checkKey(key);
    return run("reading the value " + key, c -> {
      try (PreparedStatement s = c.prepareStatement("SELECT v FROM " + values + " WHERE instance_id = ? AND k = ?")) {
        s.setQueryTimeout(queryTimeout);
        s.setString(1, instance);
        s.setString(2, key);
        try (ResultSet rs = s.executeQuery()) {
          return rs.next() ? Optional.of(rs.getString(1)) : Optional.<String>empty();
        }
      }
    });
  }

  @Override
  public void value(String key, String value) throws SQLException {
    checkKey(key);
    Objects.requireNonNull(value, "value");
    if (value.length() > MAX_VALUE || value.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a history value has at most " + MAX_VALUE
          + " characters and no NUL; the one for " + key + " has " + value.length());
    }
    run("writing the value " + key, c -> {
      inTransaction(c, () -> {
        try (PreparedStatement d = c.prepareStatement("DELETE FROM " + values + " WHERE instance_id = ? AND k = ?");
            PreparedStatement s = c.prepareStatement("INSERT INTO " + values + " (instance_id, k, v) VALUES (?, ?, ?)")) {
          d.setQueryTimeout(queryTimeout);
          d.setString(1, instance);
          d.setString(2, key);
          d.executeUpdate();
          s.setQueryTimeout(queryTimeout);
          s.setString(1, instance);
          s.setString(2, key);
          s.setString(3, value);
          s.executeUpdate();
        }
      });
      return null;
    });
  }

  private static void checkKey(String key) {
    Objects.requireNonNull(key, "key");
    if (key.isEmpty() || key.length() > MAX_KEY || key.indexOf('\0') >= 0) {
      throw new IllegalArgumentException("a history value key has 1 to " + MAX_KEY + " characters and no NUL; was '"
          + shorten(key) + "'");
    }
  }

  /**
   * {@inheritDoc}
   *
   * <p>Drops this instance's minutes that end at or before {@code before} (a minute that spans it is
   * kept) and its transitions before it; other instances' rows are theirs to prune. Minutes go one day
   * per statement, so a long backlog never becomes one statement that outlasts the timeout.
   */
  @Override
  public void prune(Instant before) throws SQLException {
    Objects.requireNonNull(before, "before");
    long beforeMs = millis(before);
    long lastToDrop = Math.floorDiv(beforeMs, MINUTE_MS); // minutes below it end at or before `before`
    run("pruning", c -> {
      long oldest;
      try (PreparedStatement s = c.prepareStatement("SELECT MIN(epoch_minute) FROM " + minutes + " WHERE instance_id = ?")) {
        s.setQueryTimeout(queryTimeout);
        s.setString(1, instance);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          oldest = rs.getLong(1);
          if (rs.wasNull()) {
            oldest = lastToDrop;
          }
        }
      }
      try (PreparedStatement s = c.prepareStatement("DELETE FROM " + minutes
          + " WHERE instance_id = ? AND epoch_minute < ?")) {
        s.setQueryTimeout(queryTimeout);
        for (long upTo = Math.min(lastToDrop, oldest + DAY_MINUTES); ; upTo = Math.min(lastToDrop, upTo + DAY_MINUTES)) {
          s.setString(1, instance);
          s.setLong(2, upTo);
          s.executeUpdate();
          if (upTo >= lastToDrop) {
            break;
          }
        }
      }
      try (PreparedStatement s = c.prepareStatement("DELETE FROM " + transitions + " WHERE instance_id = ? AND at_ms < ?")) {
        s.setQueryTimeout(queryTimeout);
        s.setString(1, instance);
        s.setLong(2, beforeMs);
        s.executeUpdate();
      }
      return null;
    });
  }

  /**
   * {@inheritDoc}
   *
   * @return the JDBC URL without user and password, such as {@code jdbc:postgresql://db:5432/app}
   */
  @Override
  public String describe() {
    return description;
  }

  /** The instance id whose rows this store reads and writes. */
  String instance() {
    return instance;
  }

  Dialect dialect() {
    return dialect;
  }

  /** Closes the store's own connection (a store from a URL); a pool stays open. Idempotent. */
  @Override
  public void close() {
    closed = true;
    source.close();
  }

  @Override
  public String toString() {
    return "JdbcHistoryStore[" + description + ", instance " + instance + "]";
  }

  // --- helpers ---

  @FunctionalInterface
  private interface Work<T> {
    T apply(Connection c) throws SQLException;
  }

  @FunctionalInterface
  private interface Body {
    void run() throws SQLException;
  }

  private <T> T run(String what, Work<T> work) throws SQLException {
    if (closed) {
      throw new IllegalStateException("the history store " + description + " is closed");
    }
    Connection c = null;
    boolean done = false;
    try {
      c = source.get();
      T result = work.apply(c);
      done = true;
      return result;
    } catch (SQLException | RuntimeException e) {
      if (e instanceof IllegalStateException && closed) {
        throw (IllegalStateException) e;
      }
      if (c != null && Failures.isConnectionFailure(e)) {
        ConnectionSource.abort(c); // a pool drops it instead of handing it out again
      }
      throw Failures.of(what, description, e, secrets, rawUrl);
    } finally {
      if (c != null) {
        source.release(c, !done); // after any failure, even an Error from the driver, the connection goes
      }
    }
  }

  /**
   * Runs a body in one transaction: committed when it returns, rolled back when it throws, unless
   * the connection itself failed (then nothing more is sent on it: a frozen server would hold each
   * further call for the network timeout, and the connection is aborted anyway).
   */
  private static void inTransaction(Connection c, Body body) throws SQLException {
    boolean autoCommit = c.getAutoCommit();
    if (autoCommit) {
      c.setAutoCommit(false);
    }
    try {
      body.run();
      c.commit();
    } catch (SQLException | RuntimeException e) {
      if (!Failures.isConnectionFailure(e)) {
        try {
          c.rollback();
          if (autoCommit) {
            c.setAutoCommit(true);
          }
        } catch (SQLException | RuntimeException rollback) {
          e.addSuppressed(rollback);
        }
      }
      throw e;
    }
    if (autoCommit) {
      c.setAutoCommit(true);
    }
  }

  /** A message as stored: at most {@value #MAX_MESSAGE} characters, without NUL (PostgreSQL refuses it). */
  static String cut(String message) {
    String m = message.indexOf('\0') >= 0 ? message.replace('\0', '\uFFFD') : message;
    if (m.length() <= MAX_MESSAGE) {
      return m;
    }
    int keep = MAX_MESSAGE - 1;
    if (Character.isHighSurrogate(m.charAt(keep - 1))) {
      keep--;
    }
    return m.substring(0, keep) + "\u2026";
  }

  /** Epoch milliseconds, clamped for instants beyond what a long holds. */
  static long millis(Instant t) {
    try {
      return t.toEpochMilli();
    } catch (ArithmeticException e) {
      return t.isBefore(Instant.EPOCH) ? Long.MIN_VALUE : Long.MAX_VALUE;
    }
  }

  private static long ceilDiv(long x, long y) {
    return x == Long.MIN_VALUE ? Long.MIN_VALUE / y : -Math.floorDiv(-x, y);
  }
}
