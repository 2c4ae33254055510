package dev.vitals.exporter.micrometer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.ExporterFactory;
import dev.vitals.test.ManualClock;
import io.micrometer.core.instrument.Metrics;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class MicrometerExporterFactoryTest {

  private final SimpleMeterRegistry service = new SimpleMeterRegistry();
  private final MicrometerExporterFactory factory = new MicrometerExporterFactory();

  private static TestContext context(Map<String, String> settings) {
    return new TestContext(settings, Reports::standard, new ManualClock(Reports.NOW));
  }

  @AfterEach
  void leaveTheGlobalRegistryAsFound() {
    Metrics.removeRegistry(service);
    service.close();
  }

  @Test
  void isNamedMicrometer() {
    assertThat(factory.name()).isEqualTo("micrometer");
  }

  @Test
  void isOffByDefault() {
    TestContext context = context(Map.of());

    assertThat(factory.create(context)).isEmpty();
    assertThat(factory.create(context(Map.of("vitals.micrometer.enabled", "false")))).isEmpty();
    assertThat(Metrics.globalRegistry.find("vitals.service.score").meters()).isEmpty();
  }

  @Test
  void whenEnabledBindsToTheGlobalRegistrySoEveryRegistryAddedThereGetsTheFigures() {
    Metrics.addRegistry(service);

    Optional<Exporter> exporter = factory.create(context(Map.of("vitals.micrometer.enabled", "true")));

    assertThat(exporter).get().extracting(Exporter::name).isEqualTo("micrometer");
    assertThat(service.get("vitals.probe.score").tags("probe", "db").gauge().value()).isEqualTo(97.5);
    assertThat(service.get("vitals.uptime").gauge().value()).isEqualTo(125.0);
    exporter.get().close();
  }

  @Test
  void aRegistryAddedAfterStartStillGetsTheFigures() {
    Exporter exporter = factory.create(context(Map.of("vitals.micrometer.enabled", "true"))).orElseThrow();

    Metrics.addRegistry(service);

    assertThat(service.get("vitals.tracker.operations").tags("tracker", "api").functionCounter().count())
        .isEqualTo(1000);
    exporter.close();
  }

  @Test
  void closingRemovesTheMetersFromTheGlobalRegistry() {
    Metrics.addRegistry(service);
    Exporter exporter = factory.create(context(Map.of("vitals.micrometer.enabled", "true"))).orElseThrow();
    assertThat(Metrics.globalRegistry.find("vitals.service.score").meters()).hasSize(1);

    exporter.close();
    exporter.close();

    assertThat(Metrics.globalRegistry.find("vitals.service.score").meters()).isEmpty();
    assertThat(Metrics.globalRegistry.getMeters()).noneMatch(m -> m.getId().getName().startsWith("vitals."));
  }

  @Test
  void registersNoListenerOrObserver() {
    TestContext context = context(Map.of("vitals.micrometer.enabled", "true"));
    factory.create(context).orElseThrow().close();

    assertThat(context.listeners).isEmpty();
    assertThat(context.observers).as("no global ObservationRegistry: tracing is programmatic").isEmpty();
  }

  @Test
  void aBadEnabledValueIsRefusedNamingKeyValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> factory.create(context(Map.of("vitals.micrometer.enabled", "yes"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vitals.micrometer.enabled")
        .hasMessageContaining("'yes'")
        .hasMessageContaining("true or false");
  }

  @Test
  void serviceLoaderFindsTheFactory() {
    assertThat(ServiceLoader.load(ExporterFactory.class).stream().map(ServiceLoader.Provider::type))
        .contains(MicrometerExporterFactory.class);
  }
}
