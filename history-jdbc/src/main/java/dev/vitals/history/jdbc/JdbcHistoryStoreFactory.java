package dev.vitals.history.jdbc;

import dev.vitals.api.Secrets;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.HistoryStore;
import dev.vitals.api.spi.HistoryStoreFactory;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.TreeSet;

/**
 * Makes {@link JdbcHistoryStore}s for {@code vitals.history.type = jdbc}, over {@link java.sql.DriverManager}
 * (the driver jar is the service's):
 *
 * <pre>
 * vitals.history.type = jdbc
 * vitals.history.jdbc.url = jdbc:postgresql://db:5432/app     # required
 * vitals.history.jdbc.user = app
 * vitals.history.jdbc.password = ${DB_PASSWORD}
 * vitals.history.jdbc.table-prefix = vitals_                   # the default
 * </pre>
 *
 * <p>The store keeps one connection and opens a new one after a failure. Found with
 * {@link java.util.ServiceLoader}; stateless and thread-safe.
 */
public final class JdbcHistoryStoreFactory implements HistoryStoreFactory {

  /** The JDBC URL: required. */
  public static final String URL = "vitals.history.jdbc.url";
  /** The user, unless the URL names one. */
  public static final String USER = "vitals.history.jdbc.user";
  /** The password (a secret: never shown). */
  public static final String PASSWORD = "vitals.history.jdbc.password";
  /** The tables' prefix, {@value JdbcHistoryStore#DEFAULT_TABLE_PREFIX} by default. */
  public static final String TABLE_PREFIX = "vitals.history.jdbc.table-prefix";

  private static final String PREFIX = "vitals.history.jdbc.";
  private static final Set<String> KEYS = Set.of(URL, USER, PASSWORD, TABLE_PREFIX);

  /** For {@link java.util.ServiceLoader}. */
  public JdbcHistoryStoreFactory() {}

  @Override
  public String type() {
    return "jdbc";
  }

  /**
   * {@inheritDoc}
   *
   * @return {@value #URL}, {@value #USER}, {@value #PASSWORD}, {@value #TABLE_PREFIX}
   */
  @Override
  public Set<String> keys() {
    return KEYS;
  }

  /**
   * Makes a store and opens it: the tables are created or migrated before this returns.
   *
   * @param config the whole configuration
   * @param instance this process's instance id, 1 to 200 characters
   * @return the open store
   * @throws ConfigException for every missing or bad {@code vitals.history.jdbc.*} setting at once
   *     (the URL without password, the password never)
   * @throws SQLException when the database cannot be reached or the tables cannot be created; the
   *     message carries no password
   */
  @Override
  public HistoryStore create(Config config, String instance) throws SQLException {
    Secrets secrets = Secrets.of(config);
    List<String> problems = new ArrayList<>();
    Set<String> unknown = new TreeSet<>();
    for (String key : config.keys()) {
      if (key.startsWith(PREFIX) && !KEYS.contains(key)) {
        unknown.add(key);
      }
    }
    for (String key : unknown) {
      problems.add(key + " is not a setting of the JDBC history store: expected one of " + new TreeSet<>(KEYS));
    }
    Optional<String> url = config.get(URL);
    if (url.isEmpty()) {
      problems.add(ConfigException.describe(URL, null, "a JDBC URL such as jdbc:postgresql://db:5432/app"));
    } else if (!url.get().toLowerCase(Locale.ROOT).startsWith("jdbc:")) {
      problems.add(ConfigException.describe(URL, secrets.scrub(JdbcUrls.masked(url.get())),
          "a JDBC URL, starting with jdbc: (such as jdbc:postgresql://db:5432/app)"));
    }
    String prefix = config.get(TABLE_PREFIX).orElse(JdbcHistoryStore.DEFAULT_TABLE_PREFIX);
    if (!JdbcHistoryStore.isValidPrefix(prefix)) {
      problems.add(ConfigException.describe(TABLE_PREFIX, prefix, JdbcHistoryStore.TABLE_PREFIX_RULE));
    }
    try {
      JdbcHistoryStore.checkInstance(instance);
    } catch (IllegalArgumentException e) {
      problems.add("vitals.history.instance: " + e.getMessage());
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    Properties props = new Properties();
    config.get(USER).ifPresent(u -> props.setProperty("user", u));
    config.get(PASSWORD).ifPresent(p -> props.setProperty("password", p));
    return JdbcHistoryStore.open(new ConnectionSource.Single(url.get(), props, JdbcHistoryStore.DEFAULT_TIMEOUT),
        instance, prefix, JdbcUrls.withoutCredentials(url.get()), secrets, url.get());
  }

  @Override
  public String toString() {
    return "JdbcHistoryStoreFactory[jdbc]";
  }
}
