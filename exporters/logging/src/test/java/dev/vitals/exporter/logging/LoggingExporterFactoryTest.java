package dev.vitals.exporter.logging;

import static dev.vitals.exporter.logging.CapturedLog.everything;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.spi.ILoggingEvent;
import dev.vitals.api.Clock;
import dev.vitals.api.HealthListener;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.ExporterFactory;
import dev.vitals.test.RecordingContext;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class LoggingExporterFactoryTest {

  private final CapturedLog captured = new CapturedLog();
  private final LoggingExporterFactory factory = new LoggingExporterFactory();

  @AfterEach
  void detach() {
    captured.close();
  }

  private static RecordingContext context(Map<String, String> settings) {
    return RecordingContext.of(settings, () -> Reports.standard(List.of()), Clock.system());
  }

  @Test
  void isNamedLoggingAndWritesToDevVitalsHealth() {
    assertThat(factory.name()).isEqualTo("logging");
    assertThat(LoggingExporterFactory.LOGGER_NAME).isEqualTo("dev.vitals.health");
  }

  @Test
  void isOnByDefaultAndLogsThroughTheListenerItRegisters() {
    RecordingContext context = context(Map.of());

    Optional<Exporter> exporter = factory.create(context);

    assertThat(exporter).get().extracting(Exporter::name).isEqualTo("logging");
    assertThat(context.listeners()).hasSize(1);
    context.listeners().get(0).onStatusChange(Reports.change("db", Status.UP, Status.DOWN, ProbeResult.down("refused")));
    assertThat(captured.only().getLevel()).isEqualTo(Level.ERROR);
  }

  @Test
  void canBeTurnedOff() {
    RecordingContext context = context(Map.of("vitals.logging.enabled", "false"));

    assertThat(factory.create(context)).isEmpty();
    assertThat(context.listeners()).isEmpty();
  }

  @Test
  void aBadEnabledValueIsRefusedNamingKeyValueAndWhatIsAllowed() {
    assertThatThrownBy(() -> factory.create(context(Map.of("vitals.logging.enabled", "off"))))
        .isInstanceOf(ConfigException.class)
        .hasMessageContaining("vitals.logging.enabled")
        .hasMessageContaining("'off'")
        .hasMessageContaining("true or false");
  }

  @Test
  void closingSilencesIt() {
    RecordingContext context = context(Map.of());
    Exporter exporter = factory.create(context).orElseThrow();

    exporter.close();
    exporter.close();
    context.listeners().get(0).onStatusChange(Reports.change("db", Status.UP, Status.DOWN, ProbeResult.down("refused")));

    assertThat(captured.events()).isEmpty();
  }

  @Test
  void configurationValuesAreNeverLogged() {
    RecordingContext context = RecordingContext.of(Map.of(
        "vitals.probes.db.url", "jdbc:postgresql://db:5432/orders",
        "vitals.probes.db.password", "S3cretPassw0rd",
        "vitals.http.token", "T0kenValue",
        "vitals.notifiers.pd.routing-key", "R0utingKey"),
        () -> Reports.standard(List.of("probe db: bad setting")), Clock.system());
    factory.create(context).orElseThrow();
    HealthListener listener = context.listeners().get(0);

    listener.onReport(context.report());
    listener.onStatusChange(Reports.change("db", Status.UNKNOWN, Status.DOWN, ProbeResult.down("refused")));
    listener.onStatusChange(Reports.change("db", Status.DOWN, Status.UP, ProbeResult.up()));

    assertThat(captured.events()).hasSize(3);
    for (ILoggingEvent e : captured.events()) {
      assertThat(everything(e)).doesNotContain("S3cretPassw0rd", "T0kenValue", "R0utingKey", "5432");
    }
  }

  @Test
  void serviceLoaderFindsTheFactory() {
    assertThat(ServiceLoader.load(ExporterFactory.class).stream().map(ServiceLoader.Provider::type))
        .contains(LoggingExporterFactory.class);
  }
}
