package dev.vitals.demo;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.spi.ConfigException;
import dev.vitals.core.HealthMonitor;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A monitor built with exporter-http and the probe modules on the class path (as a user's service
 * has them) lists an unknown endpoint key, the endpoint's bad values and a probe's bad type in one
 * message, each once, whether or not the endpoint is on (no port here: it is off, and its values are
 * still checked).
 */
class EveryMistakeAtOnceTest {

  @Test
  void anUnknownEndpointKeyTheEndpointsBadValuesAndAProbesBadTypeComeInOneMessage() {
    Map<String, String> s = new HashMap<>();
    s.put("vitals.http.hots", "127.0.0.1");
    s.put("vitals.http.threads", "0");
    s.put("vitals.http.details", "sometimes");
    s.put("vitals.probes.db.type", "tcp-nope");
    assertThatThrownBy(() -> HealthMonitor.builder().environment(Map.of()).config(s).build())
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vitals.http.hots is not a known key: did you mean vitals.http.host?")
        .hasMessageContaining("vitals.http.threads = '0' is not allowed")
        .hasMessageContaining("vitals.http.details = 'sometimes' is not allowed")
        .hasMessageContaining("vitals.probes.db.type = 'tcp-nope' is not allowed")
        .satisfies(e -> org.assertj.core.api.Assertions.assertThat(e.getMessage().split("vitals.http.hots", -1))
            .as("the unknown key once: %s", e.getMessage()).hasSize(2));
  }
}
