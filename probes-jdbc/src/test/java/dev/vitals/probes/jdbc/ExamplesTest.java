package dev.vitals.probes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ProbeConfig;
import java.time.Duration;
import java.util.Map;
import javax.sql.DataSource;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The examples in JdbcProbe's javadoc and in README.md, kept compiling and running here. */
class ExamplesTest {

  /** JdbcProbe's class javadoc, verbatim between the markers. */
  static Probe[] javadocExample(String passwordFromVault, DataSource hikariDataSource) {
    // -- begin javadoc example
    Probe orders = JdbcProbe.builder("orders-db")
        .url("jdbc:postgresql://db.internal:5432/orders")
        .username("monitor")
        .password(passwordFromVault)
        .timeout(Duration.ofSeconds(2))
        .build();

    Probe pool = JdbcProbe.builder("pool").dataSource(hikariDataSource).build();
    // -- end javadoc example
    return new Probe[] {orders, pool};
  }

  @Test
  void theJavadocExampleBuildsTwoProbes() throws Exception {
    JdbcDataSource ds = new JdbcDataSource();
    ds.setURL("jdbc:h2:mem:example");

    Probe[] probes = javadocExample("vault-Secret", ds);

    assertThat(probes).extracting(Probe::name).containsExactly("orders-db", "pool");
    assertThat(probes[0].toString()).doesNotContain("vault-Secret");
    assertThat(probes[1].check().status()).isEqualTo(Status.UP);
  }

  @Test
  void theReadmeExampleRunsAgainstH2() {
    // -- begin README example
    JdbcProbe probe = JdbcProbe.builder("db")
        .url("jdbc:h2:mem:readme")
        .username("sa")
        .password("")
        .validationQuery("SELECT 1")
        .build();
    ProbeResult result = probe.check();
    // result.status() == UP, result.details(): database=H2, databaseVersion=2.3.232 (2024-08-11), ...
    // -- end README example

    assertThat(result.status()).isEqualTo(Status.UP);
    assertThat(result.details()).containsEntry("database", "H2");
  }

  @Test
  void theReadmeConfigurationBuildsAProbe() {
    Probe p = new JdbcProbeFactory().create(ProbeConfig.of("db", Map.of(
        "type", "jdbc",
        "url", "jdbc:postgresql://db.internal:5432/orders",
        "username", "monitor",
        "password", "resolved-from-env",
        "validation-query", "SELECT 1",
        "timeout", "2s")));

    assertThat(p.type()).isEqualTo("jdbc");
    assertThat(((JdbcProbe) p).clientTimeout()).isEqualTo(Duration.ofMillis(1500));
  }
}
