package dev.vitals.history.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.Status;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.HistoryStore;
import dev.vitals.probes.jdbc.PostgresServer;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
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
  void readsFromOtherThreadsWhileTheWriterAppendsTakeTurnsOnTheOneConnection() throws Exception {
    HistoryStore store = store("host-a");
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      CyclicBarrier start = new CyclicBarrier(2);
      Future<?> writer = pool.submit(() -> {
        start.await();
        for (int m = 0; m < 50; m++) {
          store.append(List.of(Minutes.upMinute("db", Minutes.T0.plusSeconds(60L * m), new Random(m))),
              List.of(Minutes.transition("db", Status.UP, Status.UP, Minutes.T0.plusSeconds(60L * m), "")));
        }
        return null;
      });
      Future<?> reader = pool.submit(() -> {
        start.await();
        int seen = 0;
        for (int i = 0; i < 50; i++) {
          int now = read(store, null, Instant.MIN, Instant.MAX).size();
          assertThat(now).isGreaterThanOrEqualTo(seen); // whole appends only, never fewer
          assertThat(store.transitions(null, Instant.MIN, Instant.MAX).size()).isGreaterThanOrEqualTo(now);
          seen = now;
        }
        return null;
      });
      writer.get(60, TimeUnit.SECONDS);
      reader.get(60, TimeUnit.SECONDS);
    } finally {
      pool.shutdownNow();
    }

    assertThat(read(store, null, Instant.MIN, Instant.MAX)).hasSize(50);
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
