package dev.vitals.dropwizard;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import dev.vitals.api.spi.ConfigException;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;

class VitalsConfigurationTest {

  private static final ObjectMapper YAML = Jackson.newObjectMapper(new YAMLFactory());

  @Test
  void nestedAndDottedSettingsBecomeVitalsKeys() throws Exception {
    VitalsConfiguration c = YAML.readValue("""
        propertiesFile: config/vitals.properties
        endpoint: true
        settings:
          probes:
            database:
              interval: 5s
              kinds: [readiness, startup]
          http.details: always
          vitals.jitter: 0.2
        """, VitalsConfiguration.class);
    assertThat(c.settings()).containsExactly(
        Map.entry("vitals.probes.database.interval", "5s"),
        Map.entry("vitals.probes.database.kinds", "readiness, startup"),
        Map.entry("vitals.http.details", "always"),
        Map.entry("vitals.jitter", "0.2"));
    assertThat(c.propertiesFile()).hasValue(Path.of("config/vitals.properties"));
    assertThat(c.endpoint()).isTrue();
    assertThat(c.adminHealthCheck()).isTrue();
  }

  @Test
  void aSettingWithoutAValueIsRefusedWithItsFullKey() {
    assertThatThrownBy(() -> YAML.readValue("settings:\n  probes:\n    db:\n      interval:\n",
        VitalsConfiguration.class))
        .hasRootCauseMessage("vitals.settings: vitals.probes.db.interval has no value: expected a value such as 10s,"
            + " true or a URL (a key without a value sets nothing; leave it out)");
  }

  @Test
  void defaultsAnswerTheAdminHealthcheckAndServeNoEndpoint() {
    VitalsConfiguration d = VitalsConfiguration.defaults();
    assertThat(d.settings()).isEmpty();
    assertThat(d.propertiesFile()).isEmpty();
    assertThat(d.adminHealthCheck()).isTrue();
    assertThat(d.endpoint()).isFalse();
  }

  @Test
  void toStringShowsKeysButNeverValues() {
    VitalsConfiguration c = VitalsConfiguration.of(Map.of("notifiers", Map.of("ops", Map.of("type", "slack",
        "url", "https://hooks.slack.com/services/T000/B000/secretsecret"))), null, true, false);
    assertThat(c.toString()).contains("vitals.notifiers.ops.url").doesNotContain("secretsecret");
  }

  @Test
  void aBadVitalsKeyFailsTheApplicationsStartWithVitalsMessage() {
    DropwizardTestSupport<OrdersApp.OrdersConfiguration> app = new DropwizardTestSupport<>(OrdersApp.class,
        ResourceHelpers.resourceFilePath("vitals-app.yml"),
        ConfigOverride.config("vitals.settings.probes.payments.interval", "fast"),
        ConfigOverride.config("vitals.settings.probe.db.type", "jdbc"));
    try {
      assertThatThrownBy(app::before)
          .isInstanceOf(ConfigException.class)
          .hasMessageContaining("vitals.probes.payments.interval")
          .hasMessageContaining("fast")
          .hasMessageContaining("did you mean vitals.probes.db.type");
    } finally {
      app.after();
    }
  }
}
