package dev.vitals.probes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import org.junit.jupiter.api.Test;

/** A real PostgreSQL server stopped and started again. */
class PostgresRestartTest {

  @Test
  void stoppedServerIsDownWithConnectionRefusedAndUpAfterRestart() {
    PostgresServer pg = PostgresServer.shared();
    JdbcProbe probe = JdbcProbe.builder("db").url(pg.url(PostgresServer.DATABASE))
        .username(PostgresServer.USER).password(PostgresServer.PASSWORD).build();
    assertThat(probe.check().status()).isEqualTo(Status.UP);

    ProbeResult stopped;
    pg.stop();
    try {
      stopped = probe.check();
    } finally {
      pg.restart();
    }
    ProbeResult restarted = probe.check();

    assertThat(stopped.status()).isEqualTo(Status.DOWN);
    assertThat(stopped.message()).get().asString().isEqualTo("connection refused: Connection to localhost:"
        + pg.port() + " refused. Check that the hostname and port are correct and that the postmaster is"
        + " accepting TCP/IP connections.");
    assertThat(stopped.error()).get().asString().startsWith("java.sql.SQLNonTransientConnectionException: ");
    assertThat(stopped.details())
        .containsEntry("url", pg.url(PostgresServer.DATABASE))
        .containsEntry("sqlState", "08001")
        .containsEntry("exception", "org.postgresql.util.PSQLException");
    assertThat(stopped.toString()).doesNotContain(PostgresServer.PASSWORD);
    assertThat(restarted.status()).isEqualTo(Status.UP);
  }
}
