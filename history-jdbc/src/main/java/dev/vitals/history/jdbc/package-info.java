/**
 * The JDBC history store: {@link dev.vitals.history.jdbc.JdbcHistoryStore} keeps a monitor's history
 * in the service's own database; {@link dev.vitals.history.jdbc.JdbcHistoryStoreFactory} makes it from
 * {@code vitals.history.type = jdbc} and {@code vitals.history.jdbc.*}.
 */
package dev.vitals.history.jdbc;
