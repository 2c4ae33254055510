package dev.vitals.history.jdbc;

import static dev.vitals.history.jdbc.Minutes.T0;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.Secrets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.List;
import java.util.Properties;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * The schema steps where {@code IF NOT EXISTS} cannot be written (a database of the OTHER dialect,
 * played by H2): "already exists" is caught and checked, so a second open, or one racing another,
 * succeeds; a step whose effect is not there still fails.
 */
class H2SchemaTest {

  private static final String DATABASE = "jdbc:h2:mem:schema-" + ProcessHandle.current().pid();
  private static final String URL = DATABASE + ";DB_CLOSE_DELAY=-1";

  private JdbcHistoryStore open(String prefix, List<List<Schema.Step>> migrations) throws SQLException {
    Properties p = new Properties();
    p.setProperty("user", "sa");
    return JdbcHistoryStore.open(new ConnectionSource.Single(URL, p, JdbcHistoryStore.DEFAULT_TIMEOUT), "host-a",
        prefix, null, Secrets.none(), URL, migrations);
  }

  @Test
  void alreadyExistsIsCheckedAndAccepted() throws Exception {
    List<List<Schema.Step>> plain = Schema.migrations(Dialect.OTHER, "plain_");
    assertThat(plain.get(0)).allSatisfy(step -> assertThat(step.sql()).doesNotContain("IF NOT EXISTS"));
    HistoryPeriod minute = Minutes.upMinute("db", T0, new Random(1));
    try (JdbcHistoryStore first = open("plain_", plain)) {
      first.append(List.of(minute), List.of());
    }
    // as if another instance had created every table a moment ago: version 0 again, tables in place
    try (Connection c = DriverManager.getConnection(URL, "sa", ""); Statement s = c.createStatement()) {
      s.execute("UPDATE plain_schema SET version = 0");
    }

    try (JdbcHistoryStore second = open("plain_", plain)) {
      assertThat(HistoryStoreContract.read(second, null, Instant.MIN, Instant.MAX)).containsExactly(minute);
    }
  }

  @Test
  void aStepThatFailsAndIsNotThereFailsTheOpenWithItsReason() {
    List<List<Schema.Step>> broken = List.of(List.of(Schema.Step.table("CREATE TABLE broken_minutes (x NOT_A_TYPE)",
        "SELECT x FROM broken_minutes WHERE 1 = 0")));

    assertThatThrownBy(() -> open("broken_", broken))
        .isInstanceOf(SQLException.class)
        .hasMessageStartingWith("history store " + DATABASE + ": opening the history tables failed: ")
        .hasMessageContaining("NOT_A_TYPE");
  }
}
