package dev.vitals.history.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.HistoryStoreFactory;
import java.sql.SQLException;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** {@code vitals.history.type = jdbc}: found by ServiceLoader, its keys, and every bad setting reported at once. */
class JdbcHistoryStoreFactoryTest {

  private static final String SECRET = "Sup3r-S3cret-pw";

  private final JdbcHistoryStoreFactory factory = new JdbcHistoryStoreFactory();

  @Test
  void isFoundByServiceLoaderAsTypeJdbc() {
    assertThat(ServiceLoader.load(HistoryStoreFactory.class)).anySatisfy(f -> {
      assertThat(f).isInstanceOf(JdbcHistoryStoreFactory.class);
      assertThat(f.type()).isEqualTo("jdbc");
    });
  }

  @Test
  void declaresItsFourKeys() {
    assertThat(factory.keys()).containsExactlyInAnyOrder("vitals.history.jdbc.url", "vitals.history.jdbc.user",
        "vitals.history.jdbc.password", "vitals.history.jdbc.table-prefix");
  }

  @Test
  void aMissingUrlIsReportedWithAnExample() {
    assertThatThrownBy(() -> factory.create(Config.of(Map.of()), "host-a"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("vitals.history.jdbc.url is missing: expected a JDBC URL such as jdbc:postgresql://db:5432/app");
  }

  @Test
  void everyBadSettingIsReportedAtOnceWithoutThePassword() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> factory.create(Config.of(Map.of(
        "vitals.history.jdbc.url", "postgresql://app:" + SECRET + "@db:5432/app",
        "vitals.history.jdbc.password", SECRET,
        "vitals.history.jdbc.table-prefix", "vitals-history",
        "vitals.history.jdbc.passwrod", "x")), "host-a"));

    assertThat(e.problems()).containsExactly(
        "vitals.history.jdbc.passwrod is not a setting of the JDBC history store: expected one of"
            + " [vitals.history.jdbc.password, vitals.history.jdbc.table-prefix, vitals.history.jdbc.url,"
            + " vitals.history.jdbc.user]",
        "vitals.history.jdbc.url = 'postgresql://app:****@db:5432/app' is not allowed: expected a JDBC URL,"
            + " starting with jdbc: (such as jdbc:postgresql://db:5432/app)",
        "vitals.history.jdbc.table-prefix = 'vitals-history' is not allowed: expected " + JdbcHistoryStore.TABLE_PREFIX_RULE);
    assertThat(e.getMessage()).doesNotContain(SECRET);
  }

  @Test
  void aPrefixThatWouldMakeLongIdentifiersIsRefused() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> factory.create(Config.of(Map.of(
        "vitals.history.jdbc.url", "jdbc:h2:mem:x",
        "vitals.history.jdbc.table-prefix", "p".repeat(41))), "host-a"));

    assertThat(e.problems()).singleElement().asString().startsWith("vitals.history.jdbc.table-prefix = 'ppp");
  }

  @Test
  void aUrlNoDriverServesFailsNamingTheStoreWithoutCredentials() {
    String url = "jdbc:nosuchdb://app:" + SECRET + "@db:5432/app?password=" + SECRET;

    SQLException e = catchThrowableOfType(SQLException.class, () -> factory.create(Config.of(Map.of(
        "vitals.history.jdbc.url", url, "vitals.history.jdbc.password", SECRET)), "host-a"));

    assertThat((Throwable) e).hasMessageStartingWith("history store jdbc:nosuchdb://db:5432/app: opening the history tables failed: ");
    for (Throwable t = e; t != null; t = t.getCause()) {
      assertThat(t.toString()).doesNotContain(SECRET);
    }
  }
}
