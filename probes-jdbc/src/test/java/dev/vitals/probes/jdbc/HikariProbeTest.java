package dev.vitals.probes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.sql.Connection;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The probe around a real HikariCP pool of a real PostgreSQL server. */
class HikariProbeTest {

  private static final String APP = "vitals-hikari-test";
  private static PostgresServer pg;
  private ExecutorService threads;
  private HikariDataSource pool;

  @BeforeAll
  static void startPostgres() {
    pg = PostgresServer.shared();
  }

  @BeforeEach
  void startThreads() {
    threads = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "test-thread");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterEach
  void stop() {
    threads.shutdownNow();
    if (pool != null) {
      pool.close();
    }
  }

  private static HikariConfig config(String name, int size) {
    HikariConfig c = new HikariConfig();
    c.setPoolName(name);
    c.setJdbcUrl(pg.url(PostgresServer.DATABASE));
    c.setUsername(PostgresServer.USER);
    c.setPassword(PostgresServer.PASSWORD);
    c.setMaximumPoolSize(size);
    c.setMinimumIdle(size);
    c.setConnectionTimeout(10_000);
    c.setValidationTimeout(250);
    c.addDataSourceProperty("ApplicationName", APP);
    return c;
  }

  private static void awaitIdle(HikariDataSource ds, int idle) {
    Awaitility.await("pool filled").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(10))
        .until(() -> ds.getHikariPoolMXBean().getIdleConnections() == idle);
  }

  @Test
  void poolUsageIsInTheDetails() {
    pool = new HikariDataSource(config("usage-pool", 2));
    awaitIdle(pool, 2);

    ProbeResult r = JdbcProbe.builder("db").dataSource(pool).build().check();

    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.details())
        .containsEntry("database", "PostgreSQL")
        .containsEntry("pool", "usage-pool")
        .containsEntry("poolActive", 0)
        .containsEntry("poolIdle", 2)
        .containsEntry("poolTotal", 2)
        .containsEntry("poolMax", 2)
        .containsEntry("poolWaiting", 0);
    assertThat(r.toString()).doesNotContain(PostgresServer.PASSWORD);
    assertThat(pool.getHikariPoolMXBean().getActiveConnections()).as("connection returned").isZero();
  }

  @Test
  void degradedWhileThreadsWaitForAConnectionAndUpOnceTheyAreServed() throws Exception {
    pool = new HikariDataSource(config("busy-pool", 2));
    awaitIdle(pool, 2);
    JdbcProbe probe = JdbcProbe.builder("db").dataSource(pool).build();
    Connection held1 = pool.getConnection();
    Connection held2 = pool.getConnection();
    CompletableFuture<Void> waiter = CompletableFuture.runAsync(() -> {
      try (Connection c = pool.getConnection()) {
        c.isValid(1);
      } catch (Exception e) {
        throw new IllegalStateException(e);
      }
    }, threads);
    Awaitility.await("a thread waits").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(10))
        .until(() -> pool.getHikariPoolMXBean().getThreadsAwaitingConnection() == 1);

    long start = System.nanoTime();
    ProbeResult busy = probe.check();
    Duration took = Duration.ofNanos(System.nanoTime() - start);

    assertThat(busy.status()).isEqualTo(Status.DEGRADED);
    assertThat(busy.message()).get().asString().isEqualTo("all 2 connections of pool 'busy-pool' are in use"
        + " and 1 thread(s) wait for one; the probe did not join the queue");
    assertThat(busy.details())
        .containsEntry("poolActive", 2)
        .containsEntry("poolIdle", 0)
        .containsEntry("poolWaiting", 1);
    assertThat(took).as("the probe does not queue behind the waiting thread").isLessThan(Duration.ofMillis(500));
    assertThat(pool.getHikariPoolMXBean().getThreadsAwaitingConnection()).isEqualTo(1);

    held1.close();
    waiter.get(5, TimeUnit.SECONDS);
    held2.close();
    ProbeResult served = probe.check();

    assertThat(served.status()).isEqualTo(Status.UP);
    assertThat(served.details()).containsEntry("poolWaiting", 0);
  }

  @Test
  void theConnectionIsAlwaysReturnedAndAnSqlErrorDoesNotEvictIt() {
    pool = new HikariDataSource(config("return-pool", 2));
    awaitIdle(pool, 2);

    ProbeResult r = JdbcProbe.builder("db").dataSource(pool).validationQuery("SELECT nope").build().check();

    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).get().asString().startsWith("validation failed: ERROR: column \"nope\" does not exist");
    assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
    assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isEqualTo(2);
  }

  @Test
  void aPoolThatHasNotStartedIsStartedByTheFirstRunAndReportedFromTheSecond() {
    pool = new HikariDataSource();
    pool.setPoolName("lazy-pool");
    pool.setJdbcUrl(pg.url(PostgresServer.DATABASE));
    pool.setUsername(PostgresServer.USER);
    pool.setPassword(PostgresServer.PASSWORD);
    pool.setMaximumPoolSize(1);
    JdbcProbe probe = JdbcProbe.builder("db").dataSource(pool).build();

    ProbeResult first = probe.check();
    ProbeResult second = probe.check();

    assertThat(first.status()).isEqualTo(Status.UP);
    assertThat(first.details()).doesNotContainKey("pool");
    assertThat(second.status()).isEqualTo(Status.UP);
    assertThat(second.details()).containsEntry("pool", "lazy-pool").containsEntry("poolMax", 1);
  }

  @Test
  void aClosedPoolIsDown() {
    pool = new HikariDataSource(config("closed-pool", 1));
    pool.close();

    ProbeResult r = JdbcProbe.builder("db").dataSource(pool).build().check();

    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).get().asString()
        .isEqualTo("cannot get a connection from the DataSource: HikariDataSource HikariDataSource (closed-pool) has been closed.");
  }

  @Test
  void wrongPasswordInThePoolIsDownWithAuthenticationFailed() {
    HikariConfig c = config("wrong-password-pool", 1);
    c.setPassword("not-the-Password-1");
    c.setInitializationFailTimeout(-1);
    c.setMinimumIdle(0);
    pool = new HikariDataSource(c);

    ProbeResult r = JdbcProbe.builder("db").dataSource(pool).timeout(Duration.ofSeconds(1)).build().check();

    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).get().asString()
        .isEqualTo("authentication failed: FATAL: password authentication failed for user \"probe\"");
    assertThat(r.toString()).doesNotContain("not-the-Password-1");
  }

  @Test
  void frozenServerIsDownWithinTheProbeTimeoutWhetherOrNotThePoolChecksConnectionsFirst() throws Exception {
    Duration timeout = Duration.ofSeconds(1);
    // Two real pools: one that hands out connections without checking them (HikariCP skips its own
    // check for connections used within aliveBypassWindowMs), so the probe's isValid meets the frozen
    // backend; and one that checks every connection before handing it out.
    HikariDataSource trusting = hikari(config("trusting-pool", 1), "600000");
    pool = hikari(config("checking-pool", 2), "0");
    try {
      awaitIdle(trusting, 1);
      awaitIdle(pool, 2);
      JdbcProbe onTrusting = JdbcProbe.builder("trusting").dataSource(trusting).timeout(timeout).build();
      JdbcProbe onChecking = JdbcProbe.builder("checking").dataSource(pool).timeout(timeout).build();
      assertThat(onTrusting.check().status()).isEqualTo(Status.UP);
      assertThat(onChecking.check().status()).isEqualTo(Status.UP);

      try (PostgresServer.Frozen frozen = pg.freeze()) {
        assertThat(frozen.pids()).hasSizeGreaterThan(1);
        ProbeResult invalid = runWithin(onTrusting, timeout);
        ProbeResult noConnection = runWithin(onChecking, timeout);

        assertThat(invalid.status()).isEqualTo(Status.DOWN);
        assertThat(invalid.message()).get().asString().isEqualTo("the connection is not valid: isValid(1) returned false");
        assertThat(noConnection.status()).isEqualTo(Status.DOWN);
        assertThat(noConnection.message()).get().asString()
            .startsWith("no valid connection from pool 'checking-pool' (active=0, idle=2")
            .contains("within 750 ms");
      }
      Awaitility.await("UP after SIGCONT").atMost(Duration.ofSeconds(15)).pollInterval(Duration.ofMillis(50))
          .until(() -> onTrusting.check().status() == Status.UP && onChecking.check().status() == Status.UP);
      assertThat(trusting.getHikariPoolMXBean().getActiveConnections()).isZero();
      assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
    } finally {
      trusting.close();
    }
  }

  private static HikariDataSource hikari(HikariConfig config, String aliveBypassWindowMs) {
    System.setProperty("com.zaxxer.hikari.aliveBypassWindowMs", aliveBypassWindowMs);
    try {
      return new HikariDataSource(config);
    } finally {
      System.clearProperty("com.zaxxer.hikari.aliveBypassWindowMs");
    }
  }

  private ProbeResult runWithin(JdbcProbe probe, Duration timeout) throws Exception {
    Future<ProbeResult> run = threads.submit(probe::check);
    try {
      // The probe's client limit is 750 ms; the slack allows for a loaded machine.
      return run.get(timeout.plusMillis(500).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      run.cancel(true);
      throw new AssertionError(probe + " did not return within its timeout " + timeout, e);
    }
  }

  @Test
  void thousandRunsWithFailuresKeepOnlyThePoolsOwnConnections() {
    pool = new HikariDataSource(config("leak-pool", 2));
    awaitIdle(pool, 2);
    JdbcProbe good = JdbcProbe.builder("good").dataSource(pool).build();
    JdbcProbe badQuery = JdbcProbe.builder("bad").dataSource(pool).validationQuery("SELECT nope").build();

    int up = 0;
    for (int i = 0; i < 1000; i++) {
      if ((i % 4 == 0 ? badQuery : good).check().status() == Status.UP) {
        up++;
      }
    }

    assertThat(up).isEqualTo(750);
    assertThat(pool.getHikariPoolMXBean().getActiveConnections()).isZero();
    assertThat(pool.getHikariPoolMXBean().getTotalConnections()).isEqualTo(2);
    assertThat(pg.connections(APP)).isEqualTo(2);
  }
}
