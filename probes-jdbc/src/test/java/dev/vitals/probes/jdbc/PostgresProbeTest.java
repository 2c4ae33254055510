package dev.vitals.probes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.LatencyBudget;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.time.Duration;
import java.util.List;
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

/** The probe built from a URL against a real PostgreSQL server, with real faults. */
class PostgresProbeTest {

  /** How far past its timeout a probe may return on a loaded machine. */
  private static final Duration SLACK = Duration.ofMillis(500);

  private static PostgresServer pg;
  private ExecutorService engine;

  @BeforeAll
  static void startPostgres() {
    pg = PostgresServer.shared();
  }

  @BeforeEach
  void startEngine() {
    engine = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "test-engine");
      t.setDaemon(true);
      return t;
    });
  }

  @AfterEach
  void stopEngine() {
    engine.shutdownNow();
  }

  private static JdbcProbe.Builder probe(String database) {
    return JdbcProbe.builder("db").url(pg.url(database))
        .username(PostgresServer.USER).password(PostgresServer.PASSWORD);
  }

  private static void assertNoPassword(ProbeResult r, String... secrets) {
    for (String s : List.of(secrets)) {
      assertThat(r.toString()).doesNotContain(s);
    }
    assertThat(r.toString()).doesNotContain(PostgresServer.PASSWORD);
  }

  @Test
  void workingServerIsUpWithProductAndVersionInDetails() {
    ProbeResult r = probe(PostgresServer.DATABASE).build().check();

    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.details())
        .containsEntry("database", "PostgreSQL")
        .containsEntry("validation", "isValid")
        .containsEntry("url", pg.url(PostgresServer.DATABASE))
        .containsKeys("driver", "driverVersion");
    assertThat((String) r.details().get("databaseVersion")).startsWith("14.");
    assertNoPassword(r);
  }

  @Test
  void validationQueryIsRunWhenConfigured() {
    ProbeResult r = probe(PostgresServer.DATABASE).validationQuery("SELECT 1").build().check();

    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.details()).containsEntry("validation", "query");
  }

  @Test
  void failingValidationQueryIsDownWithTheServersError() {
    ProbeResult r = probe(PostgresServer.DATABASE).validationQuery("SELECT * FROM no_such_table").build().check();

    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).get().asString()
        .startsWith("validation failed: ERROR: relation \"no_such_table\" does not exist");
    assertThat(r.details()).containsEntry("sqlState", "42P01");
  }

  @Test
  void wrongPasswordIsDownWithAuthenticationFailedAndNoPassword() {
    String wrong = "Wr0ng-pass!word";
    ProbeResult r = JdbcProbe.builder("db").url(pg.url(PostgresServer.DATABASE))
        .username(PostgresServer.USER).password(wrong).build().check();

    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).get().asString()
        .isEqualTo("authentication failed: FATAL: password authentication failed for user \"probe\"");
    assertThat(r.details()).containsEntry("sqlState", "28P01");
    assertThat(r.error()).get().asString().startsWith("java.sql.SQLInvalidAuthorizationSpecException: ");
    assertNoPassword(r, wrong);
  }

  @Test
  void unknownUserIsDownWithAuthenticationFailed() {
    ProbeResult r = JdbcProbe.builder("db").url(pg.url(PostgresServer.DATABASE))
        .username("nobody_here").password(PostgresServer.PASSWORD).build().check();

    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).get().asString()
        .isEqualTo("authentication failed: FATAL: password authentication failed for user \"nobody_here\"");
    assertNoPassword(r);
  }

  @Test
  void wrongDatabaseIsDownWithDatabaseNotFound() {
    ProbeResult r = probe("no_such_db").build().check();

    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).get().asString()
        .isEqualTo("database not found: FATAL: database \"no_such_db\" does not exist");
    assertThat(r.details()).containsEntry("sqlState", "3D000");
    assertNoPassword(r);
  }

  @Test
  void unknownHostIsDownNamingTheHost() {
    ProbeResult r = JdbcProbe.builder("db").url("jdbc:postgresql://no-such-host.invalid:5432/app")
        .username(PostgresServer.USER).password(PostgresServer.PASSWORD).build().check();

    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).get().asString().startsWith("unknown host 'no-such-host.invalid'");
    assertNoPassword(r);
  }

  @Test
  void passwordInTheUrlNeverAppearsInResultsOrToString() {
    String wrong = "url-Secret-42";
    JdbcProbe bad = JdbcProbe.builder("db")
        .url(pg.url(PostgresServer.DATABASE) + "?user=probe&password=" + wrong).build();
    JdbcProbe good = JdbcProbe.builder("db")
        .url(pg.url(PostgresServer.DATABASE) + "?user=probe&password=" + PostgresServer.PASSWORD).build();

    ProbeResult down = bad.check();
    ProbeResult up = good.check();

    assertThat(down.status()).isEqualTo(Status.DOWN);
    assertThat(down.message()).get().asString().startsWith("authentication failed");
    assertThat(up.status()).isEqualTo(Status.UP);
    assertThat(up.details().get("url")).isEqualTo(pg.url(PostgresServer.DATABASE) + "?user=probe&password=****");
    assertNoPassword(down, wrong);
    assertNoPassword(up);
    assertThat(bad.toString()).doesNotContain(wrong);
    assertThat(good.toString()).doesNotContain(PostgresServer.PASSWORD);
  }

  @Test
  void slowServerTakesLongerThanTheAcceptableBudgetAndIsUpForTheEngineToDegrade() {
    JdbcProbe p = probe(PostgresServer.DATABASE).validationQuery("SELECT pg_sleep(0.2)").build();
    LatencyBudget budget = p.defaults().budget().orElseThrow();

    long start = System.nanoTime();
    ProbeResult r = p.check();
    long took = System.nanoTime() - start;

    assertThat(budget).isEqualTo(LatencyBudget.DATABASE);
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(Duration.ofNanos(took)).isGreaterThan(budget.acceptable());
    assertThat(budget.exceeds(took)).isTrue();
  }

  @Test
  void frozenServerIsDownAtTheProbesOwnLimitAndUpAgainAfterThaw() throws Exception {
    Duration timeout = Duration.ofSeconds(1);
    JdbcProbe p = probe(PostgresServer.DATABASE).timeout(timeout).build();
    assertThat(p.check().status()).isEqualTo(Status.UP);

    try (PostgresServer.Frozen frozen = pg.freeze()) {
      assertThat(frozen.pids()).hasSizeGreaterThan(1);
      long start = System.nanoTime();
      Future<ProbeResult> run = engine.submit(p::check);
      ProbeResult r;
      try {
        // The probe must come back by itself at its client limit (750 ms), not hang in the driver;
        // SLACK allows for a loaded machine.
        r = run.get(timeout.plus(SLACK).toMillis(), TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        run.cancel(true);
        throw new AssertionError("check() did not return within the probe timeout " + timeout, e);
      }
      Duration took = Duration.ofNanos(System.nanoTime() - start);

      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).get().asString().startsWith("no answer within 750 ms");
      assertThat(took).isBetween(Duration.ofMillis(700), timeout.plus(SLACK));
      assertNoPassword(r);
    }
    Awaitility.await("UP after SIGCONT").atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(50))
        .until(() -> p.check().status() == Status.UP);
  }

  @Test
  void thousandRunsWithFailuresLeaveNoConnectionOpen() {
    String app = "vitals-leak-test";
    JdbcProbe good = JdbcProbe.builder("good").url(pg.url(PostgresServer.DATABASE))
        .username("postgres").property("ApplicationName", app).build();
    JdbcProbe goodQuery = JdbcProbe.builder("query").url(pg.url(PostgresServer.DATABASE))
        .username("postgres").property("ApplicationName", app).validationQuery("SELECT 1").build();
    JdbcProbe badQuery = JdbcProbe.builder("bad-query").url(pg.url(PostgresServer.DATABASE))
        .username("postgres").property("ApplicationName", app).validationQuery("SELECT nope").build();
    JdbcProbe wrongDb = JdbcProbe.builder("wrong-db").url(pg.url("no_such_db"))
        .username("postgres").property("ApplicationName", app).build();
    JdbcProbe wrongPassword = JdbcProbe.builder("wrong-password").url(pg.url(PostgresServer.DATABASE))
        .username(PostgresServer.USER).password("wrong").property("ApplicationName", app).build();

    int up = 0;
    int down = 0;
    for (int i = 0; i < 1000; i++) {
      JdbcProbe p;
      switch (i % 10) {
        case 0: p = badQuery; break;
        case 1: p = wrongDb; break;
        case 2: p = wrongPassword; break;
        case 3: p = goodQuery; break;
        default: p = good; break;
      }
      ProbeResult r = p.check();
      if (r.status() == Status.UP) {
        up++;
      } else {
        down++;
      }
    }

    assertThat(up).isEqualTo(700);
    assertThat(down).isEqualTo(300);
    // A backend goes away a moment after its client closes the socket.
    Awaitility.await("no connections left").atMost(Duration.ofSeconds(5)).pollInterval(Duration.ofMillis(20))
        .until(() -> pg.connections(app) == 0);
  }
}
