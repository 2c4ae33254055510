package dev.vitals.history.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.HistoryStore;
import dev.vitals.probes.jdbc.PostgresServer;
import java.time.Duration;
import java.util.List;
import java.util.Properties;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The contract on a real PostgreSQL, through {@link JdbcHistoryStore#of} over a DataSource. */
class PostgresDataSourceStoreTest extends HistoryStoreContract {

  static final PostgresServer PG = PostgresServer.shared();

  static UrlDataSource dataSource() {
    return dataSource(PG.url(PostgresServer.DATABASE));
  }

  static UrlDataSource dataSource(String url) {
    Properties p = new Properties();
    p.setProperty("user", PostgresServer.USER);
    p.setProperty("password", PostgresServer.PASSWORD);
    p.setProperty("ApplicationName", "vitals-history-ds");
    return new UrlDataSource(url, p);
  }

  @Override
  HistoryStore open(String instance, String tablePrefix) throws Exception {
    return JdbcHistoryStore.of(dataSource(), instance, tablePrefix);
  }

  @Test
  void describesTheDataSourcesUrlWithoutCredentials() throws Exception {
    UrlDataSource ds = dataSource(PG.url(PostgresServer.DATABASE) + "?user=" + PostgresServer.USER
        + "&password=" + PostgresServer.PASSWORD);

    HistoryStore store = JdbcHistoryStore.of(ds, "host-a", prefix);
    opened.add(store);

    assertThat(store.describe()).doesNotContain(PostgresServer.PASSWORD).doesNotContain("user=")
        .startsWith("jdbc:postgresql://localhost:" + PG.port() + "/" + PostgresServer.DATABASE);
  }

  @Test
  void givesEachConnectionBackToThePool() throws Exception {
    HistoryStore store = store("host-a");
    store.append(List.of(Minutes.upMinute("db", Minutes.T0, random)), List.of());
    store.value("k", "v");

    // a backend leaves pg_stat_activity a moment after its client has closed the connection
    Awaitility.await("every connection closed").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
        .untilAsserted(() -> assertThat(PG.connections("vitals-history-ds")).isZero());
  }
}
