package dev.vitals.history.jdbc;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

/**
 * The store's tables, created or migrated on open.
 *
 * <p><b>Versions.</b> {@code <prefix>schema} holds one row ({@code id = 1}) with the version of the
 * tables. Version 0 is an empty database; {@link #migrations} lists, for each version {@code v}, the
 * steps that take the tables from {@code v} to {@code v + 1}. A step is a statement and a check
 * that tells whether its effect is there; a step whose statement fails is accepted when its check
 * passes, so two instances that start at once, both creating or altering, both succeed. After the
 * steps of a version the row moves on with {@code UPDATE ... WHERE version = v}, which only one of
 * them does.
 *
 * <p><b>Rule for new versions:</b> a version only adds tables, indexes, and columns that are
 * nullable or have a default, so that an older Vitals still running beside a newer one during a
 * rolling deploy keeps working on tables of a higher version (it accepts them as they are).
 *
 * <p>DDL runs with auto-commit on (MySQL commits DDL anyway). Not thread-safe: one open at a time
 * per connection.
 */
final class Schema {

  /** The version this Vitals writes. */
  static final int VERSION = 1;

  /**
   * One change, and how to tell that it is there: a query that succeeds, or for an index the index
   * listed by {@link java.sql.DatabaseMetaData#getIndexInfo}.
   */
  record Step(String sql, String check, String table, String index) {
    static Step table(String sql, String check) {
      return new Step(sql, check, null, null);
    }

    static Step index(String sql, String table, String index) {
      return new Step(sql, null, table, index);
    }
  }

  private Schema() {}

  /**
   * The steps of each version for a database and a prefix: element {@code v} takes the tables from
   * version {@code v} to {@code v + 1}.
   */
  static List<List<Step>> migrations(Dialect d, String prefix) {
    List<List<Step>> all = new ArrayList<>();
    String minutes = prefix + "minutes";
    String transitions = prefix + "transitions";
    String values = prefix + "values";
    all.add(List.of(
        Step.table(d.createTable(minutes, "instance_id " + d.key(200) + " NOT NULL, subject " + d.key(100) + " NOT NULL,"
            + " epoch_minute BIGINT NOT NULL, ops BIGINT NOT NULL, errors BIGINT NOT NULL,"
            + " up_ms BIGINT NOT NULL, down_ms BIGINT NOT NULL, latency " + d.binary + " NOT NULL"),
            "SELECT instance_id FROM " + minutes + " WHERE 1 = 0"),
        Step.index(d.createIndex(minutes + "_idx", minutes, "instance_id, subject, epoch_minute"),
            minutes, minutes + "_idx"),
        Step.table(d.createTable(transitions, "instance_id " + d.key(200) + " NOT NULL, subject " + d.key(100) + " NOT NULL,"
            + " at_ms BIGINT NOT NULL, seq INT NOT NULL, from_status VARCHAR(16) NOT NULL,"
            + " to_status VARCHAR(16) NOT NULL, message VARCHAR(500) NOT NULL"),
            "SELECT instance_id FROM " + transitions + " WHERE 1 = 0"),
        Step.index(d.createIndex(transitions + "_idx", transitions, "instance_id, at_ms"),
            transitions, transitions + "_idx"),
        Step.table(d.createTable(values, "instance_id " + d.key(200) + " NOT NULL, k " + d.key(200) + " NOT NULL,"
            + " v VARCHAR(4000) NOT NULL, PRIMARY KEY (instance_id, k)"),
            "SELECT instance_id FROM " + values + " WHERE 1 = 0")));
    return all;
  }

  /**
   * Brings the tables to the last version of {@code migrations}.
   *
   * @return the version the tables have now (higher than the last of {@code migrations} when a newer
   *     Vitals migrated them)
   */
  static int open(Connection c, Dialect d, String prefix, List<List<Step>> migrations, int queryTimeoutSeconds)
      throws SQLException {
    String table = prefix + "schema";
    boolean autoCommit = c.getAutoCommit();
    if (!autoCommit) {
      c.setAutoCommit(true);
    }
    try {
      apply(c, Step.table(d.createTable(table, "id INT NOT NULL PRIMARY KEY, version INT NOT NULL"),
          "SELECT version FROM " + table + " WHERE 1 = 0"), queryTimeoutSeconds);
      int version = version(c, table, queryTimeoutSeconds);
      if (version < 0) {
        try (PreparedStatement s = c.prepareStatement("INSERT INTO " + table + " (id, version) VALUES (1, 0)")) {
          s.setQueryTimeout(queryTimeoutSeconds);
          s.executeUpdate();
        } catch (SQLException e) {
          if (version(c, table, queryTimeoutSeconds) < 0) {
            throw e;
          }
          // another instance inserted it at the same time
        }
        version = version(c, table, queryTimeoutSeconds);
      }
      while (version < migrations.size()) {
        for (Step step : migrations.get(version)) {
          apply(c, step, queryTimeoutSeconds);
        }
        try (PreparedStatement s = c.prepareStatement("UPDATE " + table + " SET version = ? WHERE id = 1 AND version = ?")) {
          s.setQueryTimeout(queryTimeoutSeconds);
          s.setInt(1, version + 1);
          s.setInt(2, version);
          s.executeUpdate();
        }
        version = version(c, table, queryTimeoutSeconds);
      }
      return version;
    } finally {
      if (!autoCommit) {
        c.setAutoCommit(false);
      }
    }
  }

  /** The version in the schema table, or -1 when it has no row. */
  static int version(Connection c, String table, int queryTimeoutSeconds) throws SQLException {
    try (PreparedStatement s = c.prepareStatement("SELECT version FROM " + table + " WHERE id = 1")) {
      s.setQueryTimeout(queryTimeoutSeconds);
      try (ResultSet rs = s.executeQuery()) {
        return rs.next() ? rs.getInt(1) : -1;
      }
    }
  }

  private static void apply(Connection c, Step step, int queryTimeoutSeconds) throws SQLException {
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(queryTimeoutSeconds);
      s.execute(step.sql());
    } catch (SQLException e) {
      if (!passes(c, step, queryTimeoutSeconds)) {
        throw e;
      }
      // created or changed by another instance at the same moment (PostgreSQL's CREATE ... IF NOT
      // EXISTS can still fail then), or "already exists" where IF NOT EXISTS cannot be written
    }
  }

  private static boolean passes(Connection c, Step step, int queryTimeoutSeconds) {
    if (step.index() != null) {
      return hasIndex(c, step.table(), step.index());
    }
    try (Statement s = c.createStatement()) {
      s.setQueryTimeout(queryTimeoutSeconds);
      s.executeQuery(step.check()).close();
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** Whether the table has the index, looked up as written, in upper and in lower case (identifiers fold). */
  private static boolean hasIndex(Connection c, String table, String index) {
    try {
      java.sql.DatabaseMetaData md = c.getMetaData();
      for (String t : new String[] {table, table.toUpperCase(java.util.Locale.ROOT), table.toLowerCase(java.util.Locale.ROOT)}) {
        try (ResultSet rs = md.getIndexInfo(null, null, t, false, true)) {
          while (rs.next()) {
            if (index.equalsIgnoreCase(rs.getString("INDEX_NAME"))) {
              return true;
            }
          }
        }
      }
      return false;
    } catch (SQLException e) {
      return false;
    }
  }
}
