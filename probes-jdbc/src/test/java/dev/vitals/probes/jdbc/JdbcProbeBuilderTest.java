package dev.vitals.probes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.LatencyBudget;
import java.time.Duration;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

/** The builder checks each argument at once and refuses a setting given twice. */
class JdbcProbeBuilderTest {

  @Test
  void defaultsAreTheDatabaseBudgetAndTheTimeout() {
    JdbcProbe p = JdbcProbe.builder("db").url("jdbc:h2:mem:x").build();

    assertThat(p.name()).isEqualTo("db");
    assertThat(p.type()).isEqualTo("jdbc");
    assertThat(p.defaults().budget()).contains(LatencyBudget.DATABASE);
    assertThat(p.defaults().timeout()).contains(Duration.ofSeconds(2));
    assertThat(p.clientTimeout()).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void clientTimeoutIsBelowTheTimeoutByAQuarterAtMost500Ms() {
    assertThat(JdbcProbe.Builder.defaultClientTimeout(Duration.ofSeconds(1))).isEqualTo(Duration.ofMillis(750));
    assertThat(JdbcProbe.Builder.defaultClientTimeout(Duration.ofSeconds(2))).isEqualTo(Duration.ofMillis(1500));
    assertThat(JdbcProbe.Builder.defaultClientTimeout(Duration.ofSeconds(10))).isEqualTo(Duration.ofMillis(9500));
    JdbcProbe p = JdbcProbe.builder("db").url("jdbc:h2:mem:x").timeout(Duration.ofSeconds(5))
        .clientTimeout(Duration.ofSeconds(3)).build();
    assertThat(p.clientTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(p.defaults().timeout()).contains(Duration.ofSeconds(5));
  }

  @Test
  void clientTimeoutNotBelowTheTimeoutIsRefused() {
    JdbcProbe.Builder b = JdbcProbe.builder("db").url("jdbc:h2:mem:x").timeout(Duration.ofSeconds(1))
        .clientTimeout(Duration.ofSeconds(1));
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
        .hasMessage("probe 'db': clientTimeout (1000ms) must be less than the timeout (1000ms)");
  }

  @Test
  void aTargetIsRequiredAndOnlyOne() {
    assertThatThrownBy(() -> JdbcProbe.builder("db").build()).isInstanceOf(IllegalStateException.class)
        .hasMessage("probe 'db' needs a dataSource(...) or a url(...)");
    assertThatThrownBy(() -> JdbcProbe.builder("db").url("jdbc:h2:mem:x").dataSource(new JdbcDataSource()))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("probe 'db' already has a url 'jdbc:h2:mem:x'; give either a dataSource or a url, once");
    assertThatThrownBy(() -> JdbcProbe.builder("db").url("jdbc:h2:mem:x;PASSWORD=pw1").url("jdbc:h2:mem:y"))
        .isInstanceOf(IllegalStateException.class).hasMessageNotContaining("pw1");
  }

  @Test
  void credentialsAndPropertiesDoNotGoWithADataSource() {
    JdbcProbe.Builder b = JdbcProbe.builder("db").dataSource(new JdbcDataSource()).username("sa");
    assertThatThrownBy(b::build).isInstanceOf(IllegalStateException.class)
        .hasMessage("probe 'db': username, password and properties apply to url(...) only; a DataSource carries its own");
  }

  @Test
  void aUrlThatIsNotJdbcIsRefusedWithoutItsPassword() {
    assertThatThrownBy(() -> JdbcProbe.builder("db").url("postgres://u:hunter2@db/app"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("url 'postgres://u:****@db/app' is not allowed: expected a JDBC URL starting with jdbc:");
  }

  @Test
  void settingsGivenTwiceAreRefused() {
    JdbcProbe.Builder b = JdbcProbe.builder("db").url("jdbc:h2:mem:x").username("a").password("p")
        .validationQuery("SELECT 1").timeout(Duration.ofSeconds(1)).clientTimeout(Duration.ofMillis(500))
        .property("ssl", "true");
    assertThatThrownBy(() -> b.username("b")).isInstanceOf(IllegalStateException.class).hasMessage("username was already set");
    assertThatThrownBy(() -> b.password("q")).isInstanceOf(IllegalStateException.class).hasMessage("password was already set");
    assertThatThrownBy(() -> b.validationQuery("SELECT 2")).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> b.timeout(Duration.ofSeconds(2))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> b.clientTimeout(Duration.ofSeconds(2))).isInstanceOf(IllegalStateException.class);
    assertThatThrownBy(() -> b.property("ssl", "false")).isInstanceOf(IllegalStateException.class)
        .hasMessage("property 'ssl' was already set");
  }

  @Test
  void badArgumentsAreRefusedAtOnce() {
    assertThatThrownBy(() -> JdbcProbe.builder("my db")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("probe name 'my db' is not allowed: expected 1 to 63 letters, digits, '_' or '-', starting with"
            + " a letter or digit");
    for (String bad : java.util.List.of("orders.db", "_db", "d".repeat(64), "")) {
      String expected = org.assertj.core.api.Assertions.catchThrowable(() -> dev.vitals.api.Names.check(bad)).getMessage();
      assertThatThrownBy(() -> JdbcProbe.builder(bad)).as(bad).isInstanceOf(IllegalArgumentException.class)
          .hasMessage(expected);
    }
    assertThatThrownBy(() -> JdbcProbe.builder(null)).isInstanceOf(NullPointerException.class);
    assertThatThrownBy(() -> JdbcProbe.builder("db").timeout(Duration.ZERO)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("timeout must be positive, was PT0S");
    assertThatThrownBy(() -> JdbcProbe.builder("db").validationQuery(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("validation query must not be blank");
    assertThatThrownBy(() -> JdbcProbe.builder("db").property("password", "x")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("property 'password' is not allowed here: use password(...)");
    assertThatThrownBy(() -> JdbcProbe.builder("db").dataSource(null)).isInstanceOf(NullPointerException.class);
  }

  @Test
  void toStringShowsNoPassword() {
    JdbcProbe p = JdbcProbe.builder("db").url("jdbc:postgresql://db/app?password=in-url-1").password("given-2")
        .property("sslpassword", "prop-3").build();

    assertThat(p.toString())
        .isEqualTo("JdbcProbe[db, jdbc:postgresql://db/app?password=****, validation=isValid, timeout=2000ms,"
            + " clientTimeout=1500ms]");
  }

  @Test
  void theBuilderCanBuildMoreThanOnce() {
    JdbcProbe.Builder b = JdbcProbe.builder("db").url("jdbc:h2:mem:x");
    assertThat(b.build()).isNotSameAs(b.build());
    assertThat(b.build().check().status().isAvailable()).isTrue();
  }
}
