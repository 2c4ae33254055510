package dev.vitals.history.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The dialect picked from the product name, and what differs in the tables of each. */
class DialectTest {

  @Test
  void isPickedFromTheProductName() {
    assertThat(Dialect.of("PostgreSQL")).isEqualTo(Dialect.POSTGRESQL);
    assertThat(Dialect.of("MySQL")).isEqualTo(Dialect.MYSQL);
    assertThat(Dialect.of("MariaDB")).isEqualTo(Dialect.MYSQL);
    assertThat(Dialect.of("H2")).isEqualTo(Dialect.H2);
    assertThat(Dialect.of("Microsoft SQL Server")).isEqualTo(Dialect.OTHER);
    assertThat(Dialect.of(null)).isEqualTo(Dialect.OTHER);
  }

  @Test
  void onMysqlIdentifyingColumnsCompareByteForByte() {
    List<Schema.Step> v1 = Schema.migrations(Dialect.MYSQL, "vitals_").get(0);

    assertThat(v1.get(0).sql()).isEqualTo("CREATE TABLE IF NOT EXISTS vitals_minutes (instance_id VARCHAR(200)"
        + " CHARACTER SET utf8mb4 COLLATE utf8mb4_bin NOT NULL, subject VARCHAR(100) CHARACTER SET utf8mb4 COLLATE"
        + " utf8mb4_bin NOT NULL, epoch_minute BIGINT NOT NULL, ops BIGINT NOT NULL, errors BIGINT NOT NULL,"
        + " up_ms BIGINT NOT NULL, down_ms BIGINT NOT NULL, latency BLOB NOT NULL)");
    // MySQL has no CREATE INDEX IF NOT EXISTS: "already exists" is checked instead
    assertThat(v1.get(1).sql()).isEqualTo("CREATE INDEX vitals_minutes_idx ON vitals_minutes (instance_id, subject, epoch_minute)");
    assertThat(v1).allSatisfy(step -> assertThat(step.sql()).doesNotContain("BYTEA"));
  }

  @Test
  void onPostgresHistogramsAreByteaAndNothingIsCollated() {
    List<Schema.Step> v1 = Schema.migrations(Dialect.POSTGRESQL, "vitals_").get(0);

    assertThat(v1.get(0).sql()).contains("latency BYTEA NOT NULL").doesNotContain("COLLATE");
    assertThat(v1.get(1).sql()).startsWith("CREATE INDEX IF NOT EXISTS vitals_minutes_idx");
  }
}
