/**
 * The JDBC history store for Vitals: type {@code jdbc} ({@code vitals.history.type = jdbc}), or
 * {@link dev.vitals.history.jdbc.JdbcHistoryStore#of JdbcHistoryStore.of(DataSource, ...)} for a
 * service that has a connection pool. Driver jars are the user's.
 */
module dev.vitals.history.jdbc {
  requires transitive dev.vitals.api;
  requires transitive java.sql;

  exports dev.vitals.history.jdbc;

  provides dev.vitals.api.spi.HistoryStoreFactory with dev.vitals.history.jdbc.JdbcHistoryStoreFactory;
}
