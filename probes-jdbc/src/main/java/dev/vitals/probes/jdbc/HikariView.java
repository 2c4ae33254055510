package dev.vitals.probes.jdbc;

import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.HikariPoolMXBean;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.SQLTransientConnectionException;
import java.util.Optional;
import javax.sql.DataSource;

/**
 * The view of a HikariCP pool. This is the only class that names HikariCP types; it is loaded only
 * when the DataSource is a {@code HikariDataSource}.
 *
 * <p>Borrows with a bounded wait ({@code HikariPool.getConnection(long)}) rather than the pool's own
 * {@code connectionTimeout} (30 s by default), so the probe stays inside its client limit.
 * Thread-safe.
 */
final class HikariView implements Pool {

  private final HikariDataSource dataSource;

  private HikariView(HikariDataSource dataSource) {
    this.dataSource = dataSource;
  }

  /**
   * The view of a DataSource that is a {@code HikariDataSource} of this class loader's HikariCP.
   *
   * @param dataSource a DataSource whose class is named like HikariCP's
   * @return the view, or null when it is not one of ours (another class loader's HikariCP)
   */
  static Pool of(DataSource dataSource) {
    return dataSource instanceof HikariDataSource ? new HikariView((HikariDataSource) dataSource) : null;
  }

  @Override
  public Optional<PoolUsage> usage() {
    HikariPoolMXBean mx = dataSource.getHikariPoolMXBean();
    if (mx == null) {
      return Optional.empty();
    }
    String name = dataSource.getPoolName();
    return Optional.of(new PoolUsage(name == null ? "" : name, mx.getActiveConnections(),
        mx.getIdleConnections(), mx.getTotalConnections(), mx.getThreadsAwaitingConnection(),
        dataSource.getMaximumPoolSize()));
  }

  @Override
  public Connection borrow(long maxWaitMillis) throws SQLException {
    HikariPoolMXBean mx = dataSource.getHikariPoolMXBean();
    if (mx instanceof com.zaxxer.hikari.pool.HikariPool && !dataSource.isClosed()) {
      return ((com.zaxxer.hikari.pool.HikariPool) mx).getConnection(Math.max(1, maxWaitMillis));
    }
    // Not started yet (lazy HikariDataSource) or closed: the DataSource starts it or says why not.
    return dataSource.getConnection();
  }

  @Override
  public void discard(Connection connection) {
    dataSource.evictConnection(connection);
  }

  @Override
  public boolean isWaitTimeout(SQLException e) {
    // HikariCP's "Connection is not available, request timed out", with its last connection error as cause.
    return e instanceof SQLTransientConnectionException;
  }
}
