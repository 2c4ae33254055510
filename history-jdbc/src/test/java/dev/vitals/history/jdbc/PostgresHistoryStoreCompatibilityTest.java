package dev.vitals.history.jdbc;

import dev.vitals.api.spi.HistoryStore;
import dev.vitals.test.HistoryStoreCompatibilityKit;
import java.util.concurrent.atomic.AtomicInteger;

/** The JDBC store on a real PostgreSQL meets the history-store kit (fresh tables per test, by prefix). */
class PostgresHistoryStoreCompatibilityTest extends HistoryStoreCompatibilityKit {

  private static final AtomicInteger TABLES = new AtomicInteger();
  private String prefix;

  @Override
  protected HistoryStore openFresh() throws Exception {
    prefix = "kit" + TABLES.incrementAndGet() + "_";
    return reopen();
  }

  @Override
  protected HistoryStore reopen() throws Exception {
    return new JdbcHistoryStoreFactory().create(PostgresStoreTest.config(prefix), "kit-instance");
  }
}
