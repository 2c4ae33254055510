package dev.vitals.history.jdbc;

import static dev.vitals.history.jdbc.Minutes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowable;

import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.HistoryStore;
import dev.vitals.probes.jdbc.PostgresServer;
import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.assertj.core.api.ThrowableAssert.ThrowingCallable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A real PostgreSQL stopped and started again, and frozen with SIGSTOP: the store fails within its
 * time limit with a message that carries no password, and works again once the database is back,
 * with what it wrote before still there.
 */
class PostgresFailureTest {

  /** The store's time limit plus room for a busy shared machine. */
  private static final Duration WITHIN = JdbcHistoryStore.DEFAULT_TIMEOUT.plusSeconds(3);

  private final PostgresServer pg = PostgresServer.shared();
  private final Random random = new Random(7);
  private HistoryStore store;
  private String url;

  @BeforeEach
  void open() throws Exception {
    // the password both as a setting and in the URL: neither may show
    url = pg.url(PostgresServer.DATABASE) + "?password=" + PostgresServer.PASSWORD + "&ApplicationName=vitals-failure";
    store = new JdbcHistoryStoreFactory().create(Config.of(Map.of(
        JdbcHistoryStoreFactory.URL, url,
        JdbcHistoryStoreFactory.USER, PostgresServer.USER,
        JdbcHistoryStoreFactory.PASSWORD, PostgresServer.PASSWORD,
        JdbcHistoryStoreFactory.TABLE_PREFIX, "failure" + ProcessHandle.current().pid() + "_")), "host-a");
  }

  @AfterEach
  void close() throws Exception {
    store.close();
  }

  private HistoryPeriod minute(int m) {
    return Minutes.upMinute("db", T0.plusSeconds(60L * m), random);
  }

  @Test
  void stoppedDatabaseFailsWithoutPasswordAndAfterRestartWritesResumeOnTopOfEarlierRows() throws Exception {
    List<HistoryPeriod> written = new ArrayList<>(List.of(minute(0)));
    store.append(written, List.of());

    Failure onKeptConnection;
    Failure onConnect;
    pg.stop();
    try {
      onKeptConnection = Failure.of(() -> store.append(List.of(minute(1)), List.of()));
      onConnect = Failure.of(() -> store.append(List.of(minute(1)), List.of()));
    } finally {
      pg.restart();
    }
    HistoryPeriod after = minute(2);
    store.append(List.of(after), List.of());
    written.add(after);

    for (Failure f : List.of(onKeptConnection, onConnect)) {
      f.assertRedactedWithin(WITHIN, "writing 1 minutes and 0 transitions failed");
      assertThat(f.error.getMessage()).doesNotContain("INSERT INTO");
    }
    assertThat(onConnect.error.getMessage()).contains("refused");
    assertThat(HistoryStoreContract.read(store, null, Instant.MIN, Instant.MAX)).containsExactlyElementsOf(written);
  }

  @Test
  void aStoreOverADataSourceFailsWhileStoppedAndWorksAfterRestart() throws Exception {
    try (JdbcHistoryStore pooled = JdbcHistoryStore.of(PostgresDataSourceStoreTest.dataSource(), "host-pool",
        "failure" + ProcessHandle.current().pid() + "_")) {
      pooled.append(List.of(minute(0)), List.of());

      Failure stopped;
      pg.stop();
      try {
        stopped = Failure.of(() -> pooled.value("k", "v"));
      } finally {
        pg.restart();
      }
      pooled.value("k", "v");

      assertThat(stopped.error).isInstanceOf(SQLException.class)
          .hasMessageStartingWith("history store " + pg.url(PostgresServer.DATABASE) + ": writing the value k failed: ")
          .hasMessageContaining("refused");
      assertThat(stopped.took).isLessThan(WITHIN);
      assertThat(pooled.value("k")).contains("v");
      assertThat(HistoryStoreContract.read(pooled, null, Instant.MIN, Instant.MAX)).hasSize(1);
    }
  }

  @Test
  void frozenDatabaseFailsWithinTheTimeLimitInsteadOfHangingAndWorksAfterThaw() throws Exception {
    store.append(List.of(minute(0)), List.of());

    Failure onKeptConnection;
    Failure onConnect;
    try (PostgresServer.Frozen frozen = pg.freeze()) {
      assertThat(frozen.pids()).isNotEmpty();
      onKeptConnection = Failure.of(() -> store.append(List.of(minute(1)), List.of()));
      onConnect = Failure.of(() -> store.value("k", "v"));
    }
    store.append(List.of(minute(2)), List.of());

    onKeptConnection.assertRedactedWithin(WITHIN, "writing 1 minutes and 0 transitions failed: An I/O error occurred"
        + " while sending to the backend. (SQLState 08006)");
    // pgjdbc words a connect to a frozen server by which of its limits ends it first (connectTimeout or loginTimeout)
    onConnect.assertRedactedWithin(WITHIN, "writing the value k failed: Connection attempt timed out. (SQLState 08001)",
        "writing the value k failed: The connection attempt failed. (SQLState 08001)");
    assertThat(HistoryStoreContract.read(store, null, Instant.MIN, Instant.MAX)).extracting(HistoryPeriod::start)
        .containsExactly(T0, T0.plusSeconds(120));
  }

  /** What a call threw and how long it took. */
  private record Failure(Throwable error, Duration took) {
    static Failure of(ThrowingCallable call) {
      long start = System.nanoTime();
      Throwable t = catchThrowable(call);
      return new Failure(t, Duration.ofNanos(System.nanoTime() - start));
    }

    void assertRedactedWithin(Duration limit, String... oneOf) {
      String prefix = "history store " + PostgresServer.shared().url(PostgresServer.DATABASE)
          + "?ApplicationName=vitals-failure: ";
      assertThat(error).isInstanceOf(SQLException.class);
      assertThat(java.util.Arrays.stream(oneOf).map(w -> prefix + w))
          .anySatisfy(expected -> assertThat(error.getMessage()).startsWith(expected));
      assertThat(took).isLessThan(limit);
      for (Throwable t = error; t != null; t = t.getCause()) {
        assertThat(t.toString()).doesNotContain(PostgresServer.PASSWORD);
      }
    }
  }
}
