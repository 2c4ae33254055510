package dev.vitals.history.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.HistoryStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The contract on an H2 file database, through {@code vitals.history.type = jdbc}. */
class H2StoreTest extends HistoryStoreContract {

  static final String PASSWORD = "h2-S3cr3t-pw";
  static String url;

  @BeforeAll
  static void database() throws Exception {
    Path dir = Files.createDirectories(Path.of("target", "h2"));
    url = "jdbc:h2:file:" + Files.createTempDirectory(dir.toAbsolutePath(), "store-").resolve("history");
  }

  @Override
  HistoryStore open(String instance, String tablePrefix) throws Exception {
    return new JdbcHistoryStoreFactory().create(Config.of(Map.of(
        JdbcHistoryStoreFactory.URL, url,
        JdbcHistoryStoreFactory.USER, "sa",
        JdbcHistoryStoreFactory.PASSWORD, PASSWORD,
        JdbcHistoryStoreFactory.TABLE_PREFIX, tablePrefix)), instance);
  }

  @Test
  void picksTheH2Dialect() throws Exception {
    JdbcHistoryStore store = (JdbcHistoryStore) store("host-a");

    assertThat(store.dialect()).isEqualTo(Dialect.H2);
    assertThat(store.describe()).isEqualTo(url);
  }
}
