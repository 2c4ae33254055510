package dev.vitals.probes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.sql.Connection;
import java.sql.DriverManager;
import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;
import org.junit.jupiter.api.Test;

/** The probe against real H2 databases: in memory, and behind H2's TCP server. */
class H2ProbeTest {

  private static final String SECRET = "h2-Secret;pw";

  @Test
  void inMemoryDatabaseIsUpWithProductAndVersion() {
    ProbeResult r = JdbcProbe.builder("h2").url("jdbc:h2:mem:up").username("sa").password("").build().check();

    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.details())
        .containsEntry("database", "H2")
        .containsEntry("url", "jdbc:h2:mem:up")
        .containsEntry("validation", "isValid");
    assertThat((String) r.details().get("databaseVersion")).startsWith("2.3.232");
    assertThat(r.message()).isEmpty();
  }

  @Test
  void stoppedTcpServerIsDownWithConnectionRefusedAndUpAfterRestart() throws Exception {
    Server server = Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start();
    int port = server.getPort();
    JdbcProbe probe = JdbcProbe.builder("h2").url("jdbc:h2:tcp://127.0.0.1:" + port + "/mem:served")
        .username("sa").password(SECRET).build();
    ProbeResult up;
    ProbeResult stopped;
    ProbeResult restarted;
    try {
      up = probe.check();
      server.stop();
      stopped = probe.check();
      server = Server.createTcpServer("-tcpPort", Integer.toString(port), "-ifNotExists").start();
      restarted = probe.check();
    } finally {
      server.stop();
    }

    assertThat(up.status()).isEqualTo(Status.UP);
    assertThat(stopped.status()).isEqualTo(Status.DOWN);
    assertThat(stopped.message()).get().asString()
        .startsWith("connection refused: ")
        .contains("127.0.0.1:" + port);
    assertThat(stopped.toString()).doesNotContain(SECRET);
    assertThat(restarted.status()).isEqualTo(Status.UP);
  }

  @Test
  void wrongPasswordIsDownWithAuthenticationFailed() throws Exception {
    try (Connection keepOpen = DriverManager.getConnection("jdbc:h2:mem:auth", "sa", SECRET)) {
      assertThat(keepOpen.isValid(1)).as("the database lives while a connection is open").isTrue();
      ProbeResult r = JdbcProbe.builder("h2").url("jdbc:h2:mem:auth").username("sa").password("wrong-Pass").build()
          .check();

      assertThat(r.status()).isEqualTo(Status.DOWN);
      assertThat(r.message()).get().asString().isEqualTo("authentication failed: Wrong user name or password [28000-232]");
      assertThat(r.details()).containsEntry("sqlState", "28000");
      assertThat(r.toString()).doesNotContain("wrong-Pass").doesNotContain(SECRET);
    }
  }

  @Test
  void missingDatabaseIsDownWithDatabaseNotFound() {
    ProbeResult r = JdbcProbe.builder("h2").url("jdbc:h2:mem:absent;IFEXISTS=TRUE").username("sa").build().check();

    assertThat(r.status()).isEqualTo(Status.DOWN);
    assertThat(r.message()).get().asString().startsWith("database not found: Database \"mem:absent\" not found");
    assertThat(r.details()).containsEntry("vendorCode", 90146);
  }

  @Test
  void passwordWrittenIntoTheUrlAsASettingNeverAppears() throws Exception {
    String urlSecret = "h2-Url-pw9";
    try (Connection keepOpen = DriverManager.getConnection("jdbc:h2:mem:insecure", "sa", urlSecret)) {
      assertThat(keepOpen.isValid(1)).as("the database lives while a connection is open").isTrue();
      JdbcProbe good = JdbcProbe.builder("h2").url("jdbc:h2:mem:insecure;USER=sa;PASSWORD=" + urlSecret).build();
      JdbcProbe bad = JdbcProbe.builder("h2").url("jdbc:h2:mem:insecure;USER=sa;PASSWORD=not-it-7").build();

      ProbeResult up = good.check();
      ProbeResult down = bad.check();

      assertThat(up.status()).isEqualTo(Status.UP);
      assertThat(up.details()).containsEntry("url", "jdbc:h2:mem:insecure;USER=sa;PASSWORD=****");
      assertThat(down.status()).isEqualTo(Status.DOWN);
      assertThat(down.message()).get().asString().startsWith("authentication failed");
      assertThat(down.details()).containsEntry("url", "jdbc:h2:mem:insecure;USER=sa;PASSWORD=****");
      for (Object text : new Object[] {up, down, good, bad}) {
        assertThat(text.toString()).doesNotContain(urlSecret).doesNotContain("not-it-7");
      }
    }
  }

  @Test
  void urlOfADriverThatIsNotThereIsDownWithoutItsPassword() {
    JdbcProbe mysql = JdbcProbe.builder("mysql").url("jdbc:mysql://probe:my-S3cret@127.0.0.1:1/app").build();
    JdbcProbe oracle = JdbcProbe.builder("oracle").url("jdbc:oracle:thin:scott/tiger-Pw@//127.0.0.1:1/XE").build();

    ProbeResult m = mysql.check();
    ProbeResult o = oracle.check();

    assertThat(m.status()).isEqualTo(Status.DOWN);
    assertThat(m.message()).get().asString().isEqualTo("no JDBC driver on the class path accepts this URL:"
        + " No suitable driver found for jdbc:mysql://probe:****@127.0.0.1:1/app");
    assertThat(o.message()).get().asString().isEqualTo("no JDBC driver on the class path accepts this URL:"
        + " No suitable driver found for jdbc:oracle:thin:scott/****@//127.0.0.1:1/XE");
    assertThat(m.toString() + mysql).doesNotContain("my-S3cret");
    assertThat(o.toString() + oracle).doesNotContain("tiger-Pw");
  }

  @Test
  void aPlainDataSourceIsUpWithoutPoolDetails() {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:plain");
    ds.setUser("sa");

    ProbeResult r = JdbcProbe.builder("h2").dataSource(ds).validationQuery("SELECT 1").build().check();

    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.details()).containsEntry("database", "H2").containsEntry("url", "jdbc:h2:mem:plain")
        .doesNotContainKey("pool");
  }
}
