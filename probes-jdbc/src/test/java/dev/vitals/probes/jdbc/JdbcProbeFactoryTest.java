package dev.vitals.probes.jdbc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.Probe;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Configuration to probe: keys, defaults and precise errors. */
class JdbcProbeFactoryTest {

  private final JdbcProbeFactory factory = new JdbcProbeFactory();

  private Probe create(String... keyValues) {
    Map<String, String> m = new HashMap<>();
    m.put("type", "jdbc");
    for (int i = 0; i < keyValues.length; i += 2) {
      m.put(keyValues[i], keyValues[i + 1]);
    }
    return factory.create(ProbeConfig.of("db", m));
  }

  @Test
  void serviceLoaderFindsTheFactory() {
    assertThat(ServiceLoader.load(ProbeFactory.class).stream().map(ServiceLoader.Provider::type))
        .contains(JdbcProbeFactory.class);
  }

  @Test
  void keysAreTheTypesOwn() {
    assertThat(factory.type()).isEqualTo("jdbc");
    assertThat(factory.keys()).containsExactlyInAnyOrder("url", "username", "password", "validation-query",
        "client-timeout");
  }

  @Test
  void aConfiguredProbeRunsWithItsSettings() throws Exception {
    Probe p = create("url", "jdbc:h2:mem:factory", "username", "sa", "password", "f-Secret",
        "validation-query", "SELECT 1", "timeout", "3s", "client-timeout", "1s");

    ProbeResult r = p.check();

    assertThat(p).isInstanceOf(JdbcProbe.class);
    assertThat(p.name()).isEqualTo("db");
    assertThat(p.defaults().timeout()).contains(Duration.ofSeconds(3));
    assertThat(((JdbcProbe) p).clientTimeout()).isEqualTo(Duration.ofSeconds(1));
    assertThat(r.status()).isEqualTo(Status.UP);
    assertThat(r.details()).containsEntry("validation", "query");
    assertThat(p.toString() + r).doesNotContain("f-Secret");
  }

  @Test
  void theClientTimeoutFollowsTheProbeTimeout() {
    assertThat(((JdbcProbe) create("url", "jdbc:h2:mem:x")).clientTimeout()).isEqualTo(Duration.ofMillis(1500));
    assertThat(((JdbcProbe) create("url", "jdbc:h2:mem:x", "timeout", "1s")).clientTimeout())
        .isEqualTo(Duration.ofMillis(750));
  }

  @Test
  void aMissingUrlNamesTheKey() {
    assertThatThrownBy(() -> create("username", "sa")).isInstanceOf(ConfigException.class)
        .hasMessage("vitals.probes.db.url is missing: expected a value");
  }

  @Test
  void aUrlThatIsNotJdbcNamesKeyValueAndWhatIsAllowedWithoutThePassword() {
    assertThatThrownBy(() -> create("url", "postgresql://u:hunter2@db/app")).isInstanceOf(ConfigException.class)
        .hasMessage("vitals.probes.db.url = 'postgresql://u:****@db/app' is not allowed: expected a JDBC URL"
            + " starting with jdbc:, such as jdbc:postgresql://host:5432/db");
  }

  @Test
  void aBlankValidationQueryIsRefused() {
    assertThatThrownBy(() -> create("url", "jdbc:h2:mem:x", "validation-query", "  "))
        .isInstanceOf(ConfigException.class)
        .hasMessage("vitals.probes.db.validation-query = '' is not allowed: expected an SQL query such as SELECT 1,"
            + " or no key to use Connection.isValid");
  }

  @Test
  void aClientTimeoutNotBelowTheTimeoutIsRefused() {
    assertThatThrownBy(() -> create("url", "jdbc:h2:mem:x", "timeout", "2s", "client-timeout", "2s"))
        .isInstanceOf(ConfigException.class)
        .hasMessage("vitals.probes.db.client-timeout = '2s' is not allowed: expected a positive duration below"
            + " the probe's timeout (2s)");
    assertThatThrownBy(() -> create("url", "jdbc:h2:mem:x", "client-timeout", "soon"))
        .isInstanceOf(ConfigException.class)
        .hasMessageStartingWith("vitals.probes.db.client-timeout = 'soon' is not allowed");
  }
}
