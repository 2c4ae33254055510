package dev.vitals.probes.jdbc;

import dev.vitals.api.LatencyBudget;
import dev.vitals.api.Names;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ProbeConfig;
import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.Executor;
import javax.sql.DataSource;

/**
 * A probe of a relational database through JDBC: from a {@link DataSource} the service already
 * has, or from a JDBC URL with a username and password.
 *
 * <pre>{@code
 * Probe orders = JdbcProbe.builder("orders-db")
 *     .url("jdbc:postgresql://db.internal:5432/orders")
 *     .username("monitor")
 *     .password(passwordFromVault)
 *     .timeout(Duration.ofSeconds(2))
 *     .build();
 *
 * Probe pool = JdbcProbe.builder("pool").dataSource(hikariDataSource).build();
 * }</pre>
 *
 * <p><b>What a run does.</b> Built from a URL, it opens a connection, validates it and closes it:
 * it keeps no connection between runs. Built around a DataSource, it borrows one connection and
 * always returns it. It validates with {@link Connection#isValid(int)}, or with the
 * {@linkplain Builder#validationQuery(String) validation query} when one is set. A valid connection
 * gives {@code UP} with the database product and version in the details; a failure gives
 * {@code DOWN} with a message that says what failed (connection refused, unknown host,
 * authentication failed, database not found, no answer within the limit, no driver).
 *
 * <p><b>HikariCP.</b> When the DataSource is a {@code HikariDataSource}, the details also carry the
 * pool's usage ({@code poolActive}, {@code poolIdle}, {@code poolTotal}, {@code poolMax},
 * {@code poolWaiting}) and the result is {@code DEGRADED} while threads wait for a connection. When
 * every connection is in use and threads already wait, the probe does not join the queue: it reports
 * {@code DEGRADED} without borrowing. HikariCP is optional; without it on the class path the probe
 * works with any DataSource.
 *
 * <p><b>Time limits.</b> The engine interrupts a run at the probe's {@linkplain Builder#timeout(Duration)
 * timeout}, but a thread blocked in a socket read does not hear interrupts, so the probe bounds the
 * driver itself with a client limit below the timeout (by default the timeout less a quarter, at
 * most 500 ms less; see {@link Builder#clientTimeout(Duration)}): the driver's connect, login and
 * socket timeouts when it opens connections from a URL (PostgreSQL, MySQL, MariaDB, SQL Server,
 * Oracle), {@link Connection#setNetworkTimeout(Executor, int)} on every connection it validates,
 * and whole seconds for {@code isValid} and {@link Statement#setQueryTimeout(int)} (at least 1 s,
 * the smallest those APIs take). A DataSource's own acquisition limits are its pool's (for HikariCP
 * the probe waits at most the client limit for a free connection; the pool's
 * {@code validationTimeout} still applies to its own checks).
 *
 * <p><b>Secrets.</b> The password, the values of secret driver properties and any password written
 * into the URL ({@code //user:secret@host}, {@code user/secret@host}, {@code ?password=},
 * {@code ;password=}) never appear in results, messages, {@link #toString()} or exceptions thrown
 * by the builder. The probe logs nothing itself.
 *
 * <p>Immutable and thread-safe. The latency budget it suggests is {@link LatencyBudget#DATABASE}
 * (50 ms target, 100 ms acceptable).
 */
public final class JdbcProbe implements Probe {

  /** The probe type, as written in configuration: {@code jdbc}. */
  public static final String TYPE = "jdbc";

  private static final Executor DIRECT = Runnable::run;

  private final String name;
  private final DataSource dataSource;
  private final Pool pool;
  private final String url;
  private final String redactedUrl;
  private final Map<String, String> properties;
  private final String validationQuery;
  private final Duration timeout;
  private final Duration clientLimit;
  private final Secrets secrets;
  private final ProbeDefaults defaults;

  private JdbcProbe(Builder b, Duration clientLimit) {
    this.name = b.name;
    this.dataSource = b.dataSource;
    this.pool = b.dataSource == null ? null : Pool.of(b.dataSource);
    this.url = b.url;
    this.redactedUrl = b.url == null ? null : Secrets.redactUrl(b.url);
    Map<String, String> props = new LinkedHashMap<>(b.properties);
    if (b.username != null) {
      props.put("user", b.username);
    }
    if (b.password != null) {
      props.put("password", b.password);
    }
    this.properties = Collections.unmodifiableMap(props);
    this.validationQuery = b.validationQuery;
    this.timeout = b.timeout == null ? ProbeConfig.DEFAULT_TIMEOUT : b.timeout;
    this.clientLimit = clientLimit;
    this.secrets = Secrets.of(b.url, b.password, b.properties);
    this.defaults = ProbeDefaults.builder().budget(LatencyBudget.DATABASE).timeout(timeout).build();
  }

  /**
   * Starts a builder.
   *
   * @param name the probe's name: {@value dev.vitals.api.Names#RULE}
   * @return a new builder
   * @throws NullPointerException if {@code name} is null
   * @throws IllegalArgumentException if the name does not follow {@link dev.vitals.api.Names#RULE}
   */
  public static Builder builder(String name) {
    return new Builder(name);
  }

  @Override
  public String name() {
    return name;
  }

  /**
   * The type, {@value #TYPE}.
   *
   * @return {@code jdbc}
   */
  @Override
  public String type() {
    return TYPE;
  }

  /**
   * The {@link LatencyBudget#DATABASE} budget and the probe's timeout.
   *
   * @return the defaults
   */
  @Override
  public ProbeDefaults defaults() {
    return defaults;
  }

  /**
   * The client limit the probe sets on the driver: below the timeout.
   *
   * @return a positive duration, less than {@link #defaults()}' timeout
   */
  public Duration clientTimeout() {
    return clientLimit;
  }

  /**
   * Connects (or borrows), validates, reads the database's product and version, and closes (or
   * returns) the connection. Never throws for a database failure: it returns {@code DOWN} with a
   * message.
   *
   * @return {@code UP}, {@code DEGRADED} (threads waiting on a HikariCP pool) or {@code DOWN}
   */
  @Override
  public ProbeResult check() {
    Optional<PoolUsage> before = pool == null ? Optional.empty() : pool.usage();
    if (before.isPresent() && before.get().waiting() > 0 && before.get().saturated()) {
      PoolUsage u = before.get();
      ProbeResult.Builder r = ProbeResult.builder(Status.DEGRADED)
          .message("all " + u.max() + " connections of pool '" + u.name() + "' are in use and "
              + u.waiting() + " thread(s) wait for one; the probe did not join the queue");
      addPool(r, u);
      return r.build();
    }
    Connection c;
    try {
      c = open();
    } catch (SQLException | RuntimeException e) {
      return failed(describeOpenFailure(e, before), before);
    }
    boolean connectionWorks = false;
    try {
      Map<String, Object> details = new LinkedHashMap<>();
      Failure failure = validate(c, details);
      if (failure != null) {
        connectionWorks = failure.isSqlLevel();
        return failed(failure, before);
      }
      connectionWorks = true;
      Status status = Status.UP;
      String message = null;
      if (before.isPresent() && before.get().waiting() > 0) {
        status = Status.DEGRADED;
        message = before.get().waiting() + " thread(s) wait for a connection from pool '"
            + before.get().name() + "' (" + before.get().active() + " of " + before.get().max() + " in use)";
      }
      ProbeResult.Builder r = ProbeResult.builder(status);
      if (message != null) {
        r.message(message);
      }
      details.forEach(r::detail);
      before.ifPresent(u -> addPool(r, u));
      return r.build();
    } finally {
      release(c, connectionWorks);
    }
  }

  private Connection open() throws SQLException {
    if (dataSource != null) {
      return pool.borrow(clientLimit.toMillis());
    }
    Properties props = new Properties();
    properties.forEach(props::setProperty);
    DriverLimits.apply(url, clientLimit, props);
    Connection c = DriverManager.getConnection(url, props);
    if (c == null) {
      throw new SQLException("the driver returned no connection");
    }
    return c;
  }

  private Failure describeOpenFailure(Exception e, Optional<PoolUsage> before) {
    if (dataSource == null) {
      return Failure.of(e, Failure.Phase.CONNECT, clientLimit.toMillis(), secrets);
    }
    if (e instanceof SQLException && pool.isWaitTimeout((SQLException) e)) {
      return Failure.poolTimeout(before.map(PoolUsage::toString).orElse("the pool"), e.getCause(),
          clientLimit.toMillis(), secrets);
    }
    Throwable cause = e.getCause();
    Throwable described = cause instanceof SQLException ? cause : e;
    return Failure.of(described, Failure.Phase.BORROW, clientLimit.toMillis(), secrets);
  }

  /** Validates; fills details on success. Returns the failure, or null when valid. */
  private Failure validate(Connection c, Map<String, Object> details) {
    int savedNetworkTimeout = -1;
    try {
      savedNetworkTimeout = c.getNetworkTimeout();
      c.setNetworkTimeout(DIRECT, (int) Math.min(Integer.MAX_VALUE, clientLimit.toMillis()));
    } catch (SQLFeatureNotSupportedException | AbstractMethodError unsupported) {
      savedNetworkTimeout = -1; // an older driver: isValid / setQueryTimeout still bound the call
    } catch (SQLException e) {
      savedNetworkTimeout = -1; // a broken connection: validation below says so
    }
    int seconds = DriverLimits.floorSecondsAtLeastOne(clientLimit);
    try {
      if (validationQuery == null) {
        if (!c.isValid(seconds)) {
          return Failure.of("the connection is not valid: isValid(" + seconds + ") returned false"
              + (redactedUrl == null ? "" : " for " + redactedUrl));
        }
      } else {
        runValidationQuery(c, seconds);
      }
      readMetaData(c, details);
      details.put("validation", validationQuery == null ? "isValid" : "query");
      return null;
    } catch (SQLException | RuntimeException e) {
      return Failure.of(e, Failure.Phase.VALIDATE, clientLimit.toMillis(), secrets);
    } finally {
      if (dataSource != null && savedNetworkTimeout >= 0) {
        try {
          if (!c.isClosed()) {
            if (validationQuery != null && !c.getAutoCommit()) {
              c.rollback();
            }
            c.setNetworkTimeout(DIRECT, savedNetworkTimeout);
          }
        } catch (SQLException | RuntimeException ignored) {
          // the connection is broken: closing it below is all that is left to do
        }
      }
    }
  }

  private void runValidationQuery(Connection c, int seconds) throws SQLException {
    try (Statement s = c.createStatement()) {
      try {
        s.setQueryTimeout(seconds);
      } catch (SQLFeatureNotSupportedException unsupported) {
        // the network timeout set on the connection still bounds the query
      }
      if (s.execute(validationQuery)) {
        try (ResultSet rs = s.getResultSet()) {
          rs.next();
        }
      }
    }
  }

  private void readMetaData(Connection c, Map<String, Object> details) {
    try {
      DatabaseMetaData md = c.getMetaData();
      putIfPresent(details, "database", md.getDatabaseProductName());
      putIfPresent(details, "databaseVersion", md.getDatabaseProductVersion());
      putIfPresent(details, "driver", md.getDriverName());
      putIfPresent(details, "driverVersion", md.getDriverVersion());
      putIfPresent(details, "url", redactedUrl != null ? redactedUrl : secrets.scrub(Secrets.redactUrl(md.getURL())));
    } catch (SQLException | RuntimeException e) {
      // metadata is a nicety: a valid connection is UP without it
    }
  }

  private static void putIfPresent(Map<String, Object> details, String key, String value) {
    if (value != null && !value.isBlank()) {
      details.put(key, value);
    }
  }

  /** Closes or returns the connection; a pooled connection that failed is evicted first. */
  private void release(Connection c, boolean connectionWorks) {
    if (!connectionWorks && pool != null) {
      try {
        pool.discard(c);
      } catch (RuntimeException ignored) {
        // closing below returns it anyway
      }
    }
    try {
      c.close();
    } catch (SQLException | RuntimeException ignored) {
      // nothing more to do with a connection that cannot be closed
    }
  }

  private ProbeResult failed(Failure f, Optional<PoolUsage> before) {
    ProbeResult.Builder r = ProbeResult.builder(Status.DOWN).message(f.message());
    if (f.error() != null) {
      r.error(f.error());
    }
    if (redactedUrl != null) {
      r.detail("url", redactedUrl);
    }
    if (f.sqlState() != null) {
      r.detail("sqlState", f.sqlState());
    }
    if (f.vendorCode() != 0) {
      r.detail("vendorCode", f.vendorCode());
    }
    if (f.originalType() != null) {
      r.detail("exception", f.originalType());
    }
    before.ifPresent(u -> addPool(r, u));
    return r.build();
  }

  private static void addPool(ProbeResult.Builder r, PoolUsage u) {
    r.detail("pool", u.name())
        .detail("poolActive", u.active())
        .detail("poolIdle", u.idle())
        .detail("poolTotal", u.total())
        .detail("poolMax", u.max())
        .detail("poolWaiting", u.waiting());
  }

  @Override
  public String toString() {
    return "JdbcProbe[" + name + ", " + (redactedUrl != null ? redactedUrl : "dataSource")
        + ", validation=" + (validationQuery == null ? "isValid" : "query")
        + ", timeout=" + timeout.toMillis() + "ms, clientTimeout=" + clientLimit.toMillis() + "ms]";
  }

  /**
   * Builds a {@link JdbcProbe}. Each argument is checked at once and each setting may be given
   * once. Either {@link #dataSource(DataSource)} or {@link #url(String)} is required, not both.
   * Not thread-safe; {@link #build()} may be called more than once.
   */
  public static final class Builder {
    private final String name;
    private DataSource dataSource;
    private String url;
    private String username;
    private String password;
    private final Map<String, String> properties = new LinkedHashMap<>();
    private String validationQuery;
    private Duration timeout;
    private Duration clientTimeout;

    private Builder(String name) {
      this.name = Names.check(name, "probe");
    }

    /**
     * Probes through a DataSource the service already has (a pool, usually). The probe borrows one
     * connection per run and always returns it; credentials are the DataSource's.
     *
     * @param dataSource not null
     * @return this builder
     * @throws NullPointerException if {@code dataSource} is null
     * @throws IllegalStateException if a DataSource or a URL was already given
     */
    public Builder dataSource(DataSource dataSource) {
      Objects.requireNonNull(dataSource, "dataSource");
      requireNoTarget();
      this.dataSource = dataSource;
      return this;
    }

    /**
     * Probes a JDBC URL: each run opens a connection with {@link DriverManager} and closes it. The
     * driver must be on the class path.
     *
     * @param url a JDBC URL such as {@code jdbc:postgresql://host:5432/db}
     * @return this builder
     * @throws NullPointerException if {@code url} is null
     * @throws IllegalArgumentException if it does not start with {@code jdbc:} (the message shows
     *     the URL with its password masked)
     * @throws IllegalStateException if a DataSource or a URL was already given
     */
    public Builder url(String url) {
      Objects.requireNonNull(url, "url");
      if (!url.regionMatches(true, 0, "jdbc:", 0, 5)) {
        throw new IllegalArgumentException("url '" + Secrets.redactUrl(url)
            + "' is not allowed: expected a JDBC URL starting with jdbc:");
      }
      requireNoTarget();
      this.url = url.strip();
      return this;
    }

    /**
     * The user to connect as (the {@code user} connection property). Only with {@link #url(String)}.
     *
     * @param username not null
     * @return this builder
     * @throws NullPointerException if {@code username} is null
     * @throws IllegalStateException if already set
     */
    public Builder username(String username) {
      Objects.requireNonNull(username, "username");
      requireUnset(this.username, "username");
      this.username = username;
      return this;
    }

    /**
     * The password (the {@code password} connection property). Only with {@link #url(String)}.
     * Never shown: results, messages and {@code toString} mask it.
     *
     * @param password not null
     * @return this builder
     * @throws NullPointerException if {@code password} is null
     * @throws IllegalStateException if already set
     */
    public Builder password(String password) {
      Objects.requireNonNull(password, "password");
      requireUnset(this.password, "password");
      this.password = password;
      return this;
    }

    /**
     * A further driver connection property, such as {@code sslmode=require}. Only with
     * {@link #url(String)}. A property whose name contains password, secret, token or passphrase is
     * treated as a secret. A property the probe would set itself for a time limit (such as
     * PostgreSQL's {@code socketTimeout}) is left as given here.
     *
     * @param key the property name; not {@code user} or {@code password} (use their methods)
     * @param value the value, not null
     * @return this builder
     * @throws NullPointerException if an argument is null
     * @throws IllegalArgumentException if the key is blank, {@code user} or {@code password}
     * @throws IllegalStateException if the key was already given
     */
    public Builder property(String key, String value) {
      Objects.requireNonNull(key, "key");
      Objects.requireNonNull(value, "value of property '" + key + "'");
      if (key.isBlank()) {
        throw new IllegalArgumentException("property key must not be blank");
      }
      String k = key.toLowerCase(Locale.ROOT);
      if (k.equals("user") || k.equals("password")) {
        throw new IllegalArgumentException("property '" + key + "' is not allowed here: use "
            + (k.equals("user") ? "username(...)" : "password(...)"));
      }
      if (properties.containsKey(key)) {
        throw new IllegalStateException("property '" + key + "' was already set");
      }
      properties.put(key, value);
      return this;
    }

    /**
     * Validates with this SQL instead of {@link Connection#isValid(int)}, such as
     * {@code SELECT 1}. A query that returns rows has its first row read.
     *
     * @param sql the query, not blank
     * @return this builder
     * @throws NullPointerException if {@code sql} is null
     * @throws IllegalArgumentException if it is blank
     * @throws IllegalStateException if already set
     */
    public Builder validationQuery(String sql) {
      Objects.requireNonNull(sql, "sql");
      if (sql.isBlank()) {
        throw new IllegalArgumentException("validation query must not be blank");
      }
      requireUnset(this.validationQuery, "validationQuery");
      this.validationQuery = sql.strip();
      return this;
    }

    /**
     * The probe's timeout, suggested to the engine through {@link JdbcProbe#defaults()} and used to
     * derive the client limit. 2 s unless set.
     *
     * @param timeout positive
     * @return this builder
     * @throws NullPointerException if {@code timeout} is null
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder timeout(Duration timeout) {
      requireUnset(this.timeout, "timeout");
      this.timeout = positive(timeout, "timeout");
      return this;
    }

    /**
     * The limit the probe sets on the driver (connect, login, socket, network timeouts). By default
     * the timeout less a quarter of it, but at most 500 ms less: 1.5 s for a 2 s timeout, 750 ms
     * for 1 s.
     *
     * @param clientTimeout positive, and less than the timeout (checked by {@link #build()})
     * @return this builder
     * @throws NullPointerException if {@code clientTimeout} is null
     * @throws IllegalArgumentException if not positive
     * @throws IllegalStateException if already set
     */
    public Builder clientTimeout(Duration clientTimeout) {
      requireUnset(this.clientTimeout, "clientTimeout");
      this.clientTimeout = positive(clientTimeout, "clientTimeout");
      return this;
    }

    /**
     * Builds the probe. Does no I/O: the first connection is made by the first run.
     *
     * @return a new probe
     * @throws IllegalStateException if neither a DataSource nor a URL was given, if credentials or
     *     properties were given with a DataSource, or if the client timeout is not below the timeout
     */
    public JdbcProbe build() {
      if (dataSource == null && url == null) {
        throw new IllegalStateException("probe '" + name + "' needs a dataSource(...) or a url(...)");
      }
      if (dataSource != null && (username != null || password != null || !properties.isEmpty())) {
        throw new IllegalStateException("probe '" + name + "': username, password and properties apply to"
            + " url(...) only; a DataSource carries its own");
      }
      Duration t = timeout == null ? ProbeConfig.DEFAULT_TIMEOUT : timeout;
      Duration limit = clientTimeout != null ? clientTimeout : defaultClientTimeout(t);
      if (limit.compareTo(t) >= 0) {
        throw new IllegalStateException("probe '" + name + "': clientTimeout (" + limit.toMillis()
            + "ms) must be less than the timeout (" + t.toMillis() + "ms)");
      }
      return new JdbcProbe(this, limit);
    }

    /**
     * The default client limit for a timeout: the timeout less a quarter, at most 500 ms less.
     *
     * @param timeout positive
     * @return the limit, positive and below {@code timeout}
     */
    static Duration defaultClientTimeout(Duration timeout) {
      Duration margin = timeout.dividedBy(4);
      if (margin.compareTo(Duration.ofMillis(500)) > 0) {
        margin = Duration.ofMillis(500);
      }
      return timeout.minus(margin);
    }

    private void requireNoTarget() {
      if (dataSource != null || url != null) {
        throw new IllegalStateException("probe '" + name + "' already has a "
            + (dataSource != null ? "dataSource" : "url '" + Secrets.redactUrl(url) + "'")
            + "; give either a dataSource or a url, once");
      }
    }

    private static void requireUnset(Object current, String what) {
      if (current != null) {
        throw new IllegalStateException(what + " was already set");
      }
    }

    private static Duration positive(Duration d, String what) {
      Objects.requireNonNull(d, what);
      if (d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(what + " must be positive, was " + d);
      }
      return d;
    }
  }
}
