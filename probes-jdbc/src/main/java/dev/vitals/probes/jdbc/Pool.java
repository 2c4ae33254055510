package dev.vitals.probes.jdbc;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * How the probe borrows from a {@link DataSource} and what it can tell about the pool behind it.
 * {@link #of(DataSource)} returns the HikariCP view when the DataSource is a
 * {@code HikariDataSource}, and a plain view otherwise; HikariCP classes are loaded only in the
 * first case, so the probe works without HikariCP on the class path.
 *
 * <p>Implementations are thread-safe.
 */
interface Pool {

  /**
   * The pool's usage now.
   *
   * @return the usage, or empty when the DataSource is not a known pool (or the pool has not started)
   */
  Optional<PoolUsage> usage();

  /**
   * Borrows a connection.
   *
   * @param maxWaitMillis how long to wait for a free connection, where the pool lets the caller say
   * @return a connection, to be closed by the caller
   * @throws SQLException when no connection can be had
   */
  Connection borrow(long maxWaitMillis) throws SQLException;

  /**
   * Tells the pool that a connection failed validation, so it is not handed out again.
   *
   * @param connection the borrowed connection; the caller still closes it
   */
  void discard(Connection connection);

  /**
   * Whether the borrow failure is the pool's wait timing out (its last connection error, if any, is
   * the cause), as opposed to an error passed on from the driver.
   *
   * @param e what {@link #borrow(long)} threw
   * @return true for a wait timeout
   */
  boolean isWaitTimeout(SQLException e);

  /**
   * The view of a DataSource.
   *
   * @param dataSource not null
   * @return the HikariCP view for a {@code HikariDataSource}, a plain view otherwise
   */
  static Pool of(DataSource dataSource) {
    if (isHikari(dataSource.getClass())) {
      try {
        Pool hikari = HikariView.of(dataSource);
        if (hikari != null) {
          return hikari;
        }
      } catch (LinkageError e) {
        // HikariCP is not visible from this module's class loader: fall back to the plain view.
      }
    }
    return new Plain(dataSource);
  }

  private static boolean isHikari(Class<?> type) {
    for (Class<?> c = type; c != null; c = c.getSuperclass()) {
      if (c.getName().equals("com.zaxxer.hikari.HikariDataSource")) {
        return true;
      }
    }
    return false;
  }

  /** Any DataSource: borrows with {@link DataSource#getConnection()}, knows no usage. */
  final class Plain implements Pool {
    private final DataSource dataSource;

    Plain(DataSource dataSource) {
      this.dataSource = dataSource;
    }

    @Override
    public Optional<PoolUsage> usage() {
      return Optional.empty();
    }

    @Override
    public Connection borrow(long maxWaitMillis) throws SQLException {
      Connection c = dataSource.getConnection();
      if (c == null) {
        throw new SQLException("the DataSource returned no connection");
      }
      return c;
    }

    @Override
    public void discard(Connection connection) {
      // A generic pool has no standard way to evict; it validates on its own terms.
    }

    @Override
    public boolean isWaitTimeout(SQLException e) {
      return false;
    }
  }
}
