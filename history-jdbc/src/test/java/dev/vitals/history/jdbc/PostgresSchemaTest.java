package dev.vitals.history.jdbc;

import static dev.vitals.history.jdbc.Minutes.T0;
import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.Secrets;
import dev.vitals.probes.jdbc.PostgresServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The store's tables on a real PostgreSQL: created from nothing or from a half-done first open,
 * left alone when current, migrated to a next version that adds a column (also by two instances at
 * once), and used as they are when a newer Vitals has migrated them further.
 */
class PostgresSchemaTest {

  private static final PostgresServer PG = PostgresServer.shared();
  private static final AtomicInteger PREFIXES = new AtomicInteger();

  private final Random random = new Random(3);
  private final List<JdbcHistoryStore> opened = java.util.Collections.synchronizedList(new ArrayList<>());
  private final String prefix = "schema" + ProcessHandle.current().pid() + "_" + PREFIXES.incrementAndGet() + "_";

  @AfterEach
  void close() {
    synchronized (opened) {
      opened.forEach(JdbcHistoryStore::close);
    }
  }

  private JdbcHistoryStore open(String instance, List<List<Schema.Step>> migrations) throws Exception {
    Properties p = new Properties();
    p.setProperty("user", PostgresServer.USER);
    p.setProperty("password", PostgresServer.PASSWORD);
    JdbcHistoryStore store = JdbcHistoryStore.open(new ConnectionSource.Single(PG.url(PostgresServer.DATABASE), p,
        JdbcHistoryStore.DEFAULT_TIMEOUT), instance, prefix, null, Secrets.none(), null, migrations);
    opened.add(store);
    return store;
  }

  private JdbcHistoryStore open(String instance) throws Exception {
    return open(instance, null);
  }

  /** Version 1 and a version 2 that adds a nullable column to the minutes. */
  private List<List<Schema.Step>> withVersion2() {
    List<List<Schema.Step>> m = new ArrayList<>(Schema.migrations(Dialect.POSTGRESQL, prefix));
    m.add(List.of(Schema.Step.table("ALTER TABLE " + prefix + "minutes ADD COLUMN note VARCHAR(20)",
        "SELECT note FROM " + prefix + "minutes WHERE 1 = 0")));
    return m;
  }

  private String version() {
    return PG.queryInApp("SELECT version FROM " + prefix + "schema WHERE id = 1");
  }

  private void sql(String statement) throws Exception {
    try (Connection c = DriverManager.getConnection(PG.url(PostgresServer.DATABASE), "postgres", "");
        Statement s = c.createStatement()) {
      s.execute("SET ROLE " + PostgresServer.USER);
      s.execute(statement);
    }
  }

  @Test
  void anEmptyDatabaseGetsVersion1() throws Exception {
    open("host-a");

    assertThat(version()).isEqualTo("1");
    assertThat(PG.queryInApp("SELECT count(*) FROM " + prefix + "schema")).isEqualTo("1");
    assertThat(PG.queryInApp("SELECT string_agg(table_name, ',' ORDER BY table_name) FROM information_schema.tables"
        + " WHERE table_name LIKE '" + prefix + "%'"))
        .isEqualTo(prefix + "minutes," + prefix + "schema," + prefix + "transitions," + prefix + "values");
    assertThat(PG.queryInApp("SELECT indexdef FROM pg_indexes WHERE indexname = '" + prefix + "minutes_idx'"))
        .endsWith("(instance_id, subject, epoch_minute)");
  }

  @Test
  void aFirstOpenCutShortAtVersion0IsCompleted() throws Exception {
    // version 0: the schema row written, one table of version 1 created, then the process died
    sql("CREATE TABLE " + prefix + "schema (id INT NOT NULL PRIMARY KEY, version INT NOT NULL)");
    sql("INSERT INTO " + prefix + "schema VALUES (1, 0)");
    sql("CREATE TABLE " + prefix + "minutes (instance_id VARCHAR(200) NOT NULL, subject VARCHAR(100) NOT NULL,"
        + " epoch_minute BIGINT NOT NULL, ops BIGINT NOT NULL, errors BIGINT NOT NULL, up_ms BIGINT NOT NULL,"
        + " down_ms BIGINT NOT NULL, latency BYTEA NOT NULL)");

    JdbcHistoryStore store = open("host-a");
    store.append(List.of(Minutes.upMinute("db", T0, random)), List.of());
    store.value("k", "v");

    assertThat(version()).isEqualTo("1");
    assertThat(store.value("k")).contains("v");
  }

  @Test
  void reopeningCurrentTablesChangesNothing() throws Exception {
    JdbcHistoryStore first = open("host-a");
    HistoryPeriod minute = Minutes.upMinute("db", T0, random);
    first.append(List.of(minute), List.of());
    String tablesBefore = PG.queryInApp("SELECT string_agg(relname || ':' || relfilenode, ',' ORDER BY relname)"
        + " FROM pg_class WHERE relname LIKE '" + prefix + "%'");

    JdbcHistoryStore second = open("host-a");

    assertThat(PG.queryInApp("SELECT string_agg(relname || ':' || relfilenode, ',' ORDER BY relname)"
        + " FROM pg_class WHERE relname LIKE '" + prefix + "%'")).isEqualTo(tablesBefore);
    assertThat(version()).isEqualTo("1");
    assertThat(HistoryStoreContract.read(second, null, Instant.MIN, Instant.MAX)).containsExactly(minute);
  }

  @Test
  void aNextVersionAddsItsColumnAndKeepsTheRows() throws Exception {
    JdbcHistoryStore v1 = open("host-a");
    HistoryPeriod minute = Minutes.upMinute("db", T0, random);
    v1.append(List.of(minute), List.of());

    JdbcHistoryStore v2 = open("host-a", withVersion2());
    open("host-a", withVersion2()); // and again: nothing left to do

    assertThat(version()).isEqualTo("2");
    assertThat(PG.queryInApp("SELECT count(note) FROM " + prefix + "minutes")).isEqualTo("0");
    assertThat(HistoryStoreContract.read(v2, null, Instant.MIN, Instant.MAX)).containsExactly(minute);
  }

  @Test
  void anOlderVitalsUsesTablesANewerOneMigrated() throws Exception {
    open("host-a", withVersion2());

    JdbcHistoryStore older = open("host-a");
    HistoryPeriod minute = Minutes.upMinute("db", T0, random);
    older.append(List.of(minute), List.of());

    assertThat(version()).isEqualTo("2");
    assertThat(HistoryStoreContract.read(older, null, Instant.MIN, Instant.MAX)).containsExactly(minute);
  }

  @Test
  void twoInstancesCreatingAndMigratingAtOnceBothSucceed() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(2);
    try {
      for (List<List<Schema.Step>> migrations : List.of(Schema.migrations(Dialect.POSTGRESQL, prefix), withVersion2())) {
        CyclicBarrier start = new CyclicBarrier(2);
        List<Future<JdbcHistoryStore>> both = new ArrayList<>();
        for (String instance : List.of("host-a", "host-b")) {
          both.add(pool.submit(() -> {
            start.await(10, TimeUnit.SECONDS);
            return open(instance, migrations);
          }));
        }
        for (Future<JdbcHistoryStore> f : both) {
          assertThat(f.get(30, TimeUnit.SECONDS).describe()).isEqualTo(PG.url(PostgresServer.DATABASE));
        }
        assertThat(version()).isEqualTo(Integer.toString(migrations.size()));
        assertThat(PG.queryInApp("SELECT count(*) FROM " + prefix + "schema")).isEqualTo("1");
      }
    } finally {
      pool.shutdownNow();
    }
  }
}
