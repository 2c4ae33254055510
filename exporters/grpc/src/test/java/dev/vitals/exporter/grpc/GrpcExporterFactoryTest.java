package dev.vitals.exporter.grpc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The exporter's keys, each bad value named by its full key, all at once. */
class GrpcExporterFactoryTest {

  private final GrpcExporterFactory factory = new GrpcExporterFactory();

  @Test
  void declaresItsKeys() {
    assertThat(factory.keys()).containsExactlyInAnyOrder("vitals.grpc.enabled", "vitals.grpc.host", "vitals.grpc.port");
    assertThat(factory.name()).isEqualTo("grpc");
  }

  @Test
  void everyBadValueIsReportedAtOnce() {
    ConfigException e = catchThrowableOfType(ConfigException.class, () -> factory.validate(Config.of(Map.of(
        "vitals.grpc.enabled", "maybe", "vitals.grpc.host", "no-such-host.invalid", "vitals.grpc.port", "-1"))));
    assertThat(e.problems()).containsExactlyInAnyOrder(
        "vitals.grpc.enabled = 'maybe' is not allowed: expected true or false",
        "vitals.grpc.host = 'no-such-host.invalid' is not allowed: expected an IP address or a known host name",
        "vitals.grpc.port = '-1' is not allowed: expected an integer from 0 to 65535");
  }

  @Test
  void enabledWithoutAPortSaysAPortIsNeeded() {
    ConfigException e = catchThrowableOfType(ConfigException.class,
        () -> factory.validate(Config.of(Map.of("vitals.grpc.enabled", "true"))));
    assertThat(e).hasMessage("vitals.grpc.port is missing: expected a port from 0 to 65535 (0: any free port): "
        + "vitals.grpc.enabled = true needs one");
  }

  @Test
  void goodSettingsAndNoSettingsPass() {
    factory.validate(Config.of(Map.of()));
    factory.validate(Config.of(Map.of("vitals.grpc.port", "50051", "vitals.grpc.host", "0.0.0.0")));
    factory.validate(Config.of(Map.of("vitals.grpc.port", "50051", "vitals.grpc.enabled", "false")));
  }
}
