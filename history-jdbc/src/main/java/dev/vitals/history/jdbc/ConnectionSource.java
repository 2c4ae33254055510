package dev.vitals.history.jdbc;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.time.Duration;
import java.util.Locale;
import java.util.Properties;
import java.util.concurrent.Executor;
import java.util.concurrent.locks.ReentrantLock;
import javax.sql.DataSource;

/**
 * Where the store's connections come from. {@link #get()} and {@link #release} always come in
 * pairs; {@code broken} says the connection failed and must not be used again.
 */
abstract class ConnectionSource implements AutoCloseable {

  /** Runs {@code setNetworkTimeout}'s abort on the calling thread (no thread of our own). */
  private static final Executor DIRECT = Runnable::run;

  final Duration timeout;

  ConnectionSource(Duration timeout) {
    this.timeout = timeout;
  }

  abstract Connection get() throws SQLException;

  abstract void release(Connection c, boolean broken);

  @Override
  public abstract void close();

  /**
   * Bounds every socket read of a connection (a frozen server cannot hold the store's thread), where
   * the driver supports it.
   *
   * @return the connection's earlier network timeout in milliseconds, or -1 when not supported
   */
  final int boundNetwork(Connection c) throws SQLException {
    try {
      int before = c.getNetworkTimeout();
      c.setNetworkTimeout(DIRECT, (int) Math.min(Integer.MAX_VALUE, timeout.toMillis()));
      return before;
    } catch (SQLFeatureNotSupportedException | AbstractMethodError | UnsupportedOperationException e) {
      return -1;
    }
  }

  /** Closes a failed connection at once, without a word to the server. */
  static void abort(Connection c) {
    try {
      c.abort(DIRECT);
    } catch (SQLException | RuntimeException | AbstractMethodError e) {
      // closed below all the same
    }
  }

  static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException | RuntimeException e) {
      // already broken: nothing more to release
    }
  }

  /**
   * A pool the service owns: a connection per call, returned to the pool after it with its network
   * timeout as it was. Concurrent calls use their own connections.
   */
  static final class Pooled extends ConnectionSource {
    private final DataSource dataSource;
    private final ThreadLocal<Integer> before = new ThreadLocal<>();

    Pooled(DataSource dataSource, Duration timeout) {
      super(timeout);
      this.dataSource = dataSource;
    }

    @Override
    Connection get() throws SQLException {
      Connection c = dataSource.getConnection();
      try {
        before.set(boundNetwork(c));
        return c;
      } catch (SQLException | RuntimeException e) {
        closeQuietly(c);
        throw e;
      }
    }

    @Override
    void release(Connection c, boolean broken) {
      Integer previous = before.get();
      before.remove();
      if (!broken && previous != null && previous >= 0) {
        try {
          c.setNetworkTimeout(DIRECT, previous);
        } catch (SQLException | RuntimeException e) {
          // the pool validates what it gets back
        }
      }
      closeQuietly(c);
    }

    @Override
    public void close() {
      // the pool is the service's: it closes it
    }
  }

  /**
   * One connection of {@link DriverManager}, kept between calls and opened again after a failure.
   * Calls take turns (a lock held from {@link #get()} to {@link #release}).
   */
  static final class Single extends ConnectionSource {
    private final String url;
    private final Properties properties;
    private final ReentrantLock lock = new ReentrantLock();
    private Connection connection;
    private boolean closed;

    Single(String url, Properties properties, Duration timeout) {
      super(timeout);
      this.url = url;
      this.properties = withLimits(url, properties, timeout);
    }

    @Override
    Connection get() throws SQLException {
      lock.lock();
      try {
        if (closed) {
          throw new IllegalStateException("the history store is closed");
        }
        if (connection == null) {
          Connection c = DriverManager.getConnection(url, properties);
          try {
            boundNetwork(c);
          } catch (SQLException | RuntimeException e) {
            closeQuietly(c);
            throw e;
          }
          connection = c;
        }
        return connection;
      } catch (SQLException | RuntimeException | Error e) {
        lock.unlock();
        throw e;
      }
    }

    @Override
    void release(Connection c, boolean broken) {
      try {
        if (broken && connection == c) {
          connection = null;
          closeQuietly(c);
        }
      } finally {
        lock.unlock();
      }
    }

    @Override
    public void close() {
      lock.lock();
      try {
        closed = true;
        if (connection != null) {
          closeQuietly(connection);
          connection = null;
        }
      } finally {
        lock.unlock();
      }
    }

    /**
     * The driver's connect, login and socket limits for a URL, so that opening a connection to a
     * server that does not answer gives up after the timeout (PostgreSQL: loginTimeout, connectTimeout,
     * socketTimeout in seconds, and 1 s for cancelSignalTimeout; MySQL and MariaDB: connectTimeout, socketTimeout in milliseconds).
     * A limit the user wrote in the URL or the properties wins.
     */
    static Properties withLimits(String url, Properties given, Duration timeout) {
      Properties p = new Properties();
      p.putAll(given);
      String u = url.toLowerCase(Locale.ROOT);
      long millis = Math.max(1, timeout.toMillis());
      String seconds = Long.toString(Math.max(1, (millis + 999) / 1000));
      if (u.startsWith("jdbc:postgresql:")) {
        putUnlessInUrl(p, u, "loginTimeout", seconds);
        putUnlessInUrl(p, u, "connectTimeout", seconds);
        putUnlessInUrl(p, u, "socketTimeout", seconds);
        // a statement past its query timeout waits for its cancel request, 10 s by default: a frozen
        // server never answers it
        putUnlessInUrl(p, u, "cancelSignalTimeout", "1");
      } else if (u.startsWith("jdbc:mysql:") || u.startsWith("jdbc:mariadb:")) {
        putUnlessInUrl(p, u, "connectTimeout", Long.toString(millis));
        putUnlessInUrl(p, u, "socketTimeout", Long.toString(millis));
      }
      return p;
    }

    private static void putUnlessInUrl(Properties p, String lowerUrl, String key, String value) {
      if (p.getProperty(key) == null && !lowerUrl.contains(key.toLowerCase(Locale.ROOT) + "=")) {
        p.setProperty(key, value);
      }
    }
  }
}
