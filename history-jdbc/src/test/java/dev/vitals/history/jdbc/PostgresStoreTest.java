package dev.vitals.history.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.HistoryStore;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The contract on a real PostgreSQL, through {@code vitals.history.type = jdbc} (one kept connection). */
class PostgresStoreTest extends HistoryStoreContract {

  static final PostgresServer PG = PostgresServer.shared();

  static Config config(String prefix) {
    return Config.of(Map.of(
        JdbcHistoryStoreFactory.URL, PG.url(PostgresServer.DATABASE),
        JdbcHistoryStoreFactory.USER, PostgresServer.USER,
        JdbcHistoryStoreFactory.PASSWORD, PostgresServer.PASSWORD,
        JdbcHistoryStoreFactory.TABLE_PREFIX, prefix));
  }

  @Override
  HistoryStore open(String instance, String tablePrefix) throws Exception {
    return new JdbcHistoryStoreFactory().create(config(tablePrefix), instance);
  }

  @Test
  void histogramsAreStoredAsByteaAndTheDialectIsPostgres() throws Exception {
    JdbcHistoryStore store = (JdbcHistoryStore) store("host-a");

    assertThat(store.dialect()).isEqualTo(Dialect.POSTGRESQL);
    assertThat(PG.queryInApp("SELECT data_type FROM information_schema.columns WHERE table_name = '"
        + prefix + "minutes' AND column_name = 'latency'")).isEqualTo("bytea");
    assertThat(store.describe()).isEqualTo(PG.url(PostgresServer.DATABASE));
  }
}
