package dev.vitals.probes.kafka;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import dev.vitals.api.spi.ProbeFactory;
import java.lang.module.ModuleDescriptor;
import java.lang.module.ModuleFinder;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.ServiceLoader;
import org.junit.jupiter.api.Test;

/** Settings checked at creation (no I/O), the client's limits, and the module's registration. */
class KafkaProbeFactoryTest {

  private static ConfigException refused(Map<String, String> settings) {
    Map<String, String> all = new HashMap<>(settings);
    all.put("type", "kafka");
    return (ConfigException) org.assertj.core.api.Assertions.catchThrowable(
        () -> new KafkaProbeFactory().create(ProbeConfig.of("bus", all)));
  }

  @Test
  void bootstrapServersAreRequiredAndCheckedEntryByEntry() {
    assertThat(refused(Map.of()).problems()).containsExactly("vitals.probes.bus.bootstrap-servers is missing: expected "
        + KafkaSettings.SERVERS_FORM);
    assertThat(refused(Map.of("bootstrap-servers", "kafka-1:9092,kafka-2")).getMessage()).isEqualTo(
        "vitals.probes.bus.bootstrap-servers = 'kafka-1:9092,kafka-2' is not allowed: expected " + KafkaSettings.SERVERS_FORM
            + " ('kafka-2' has no port)");
    assertThat(refused(Map.of("bootstrap-servers", "PLAINTEXT://k:9092")).getMessage())
        .contains("has a scheme: write host:port only, and the protocol as properties.security.protocol");
    assertThat(refused(Map.of("bootstrap-servers", "k:70000")).getMessage()).contains("'k:70000' has port 70000, outside 1..65535");
    assertThat(refused(Map.of("bootstrap-servers", "k:9092,,j:9092")).getMessage()).contains("an entry is empty");
  }

  @Test
  void everyMistakeIsReportedAtOnceWithTheFullKey() {
    ConfigException e = refused(Map.of("bootstrap-servers", "k:9092", "topic", "bad topic!", "min-isr", "0",
        "properties.request.timeout.ms", "60000", "properties.metric.reporters", "x.Y",
        "properties.security.protocol", "SASL_PLAIN"));
    assertThat(e.problems()).hasSize(5);
    assertThat(e.problems().get(4)).startsWith("vitals.probes.bus.properties.security.protocol = 'SASL_PLAIN' is not allowed:"
        + " expected a string: (case insensitive) [").contains("SASL_SSL").contains("PLAINTEXT");
    assertThat(e.problems()).contains(
        "vitals.probes.bus.topic = 'bad topic!' is not allowed: expected a Kafka topic name: 1 to 249 letters, digits,"
            + " '.', '_' or '-', not '.' or '..'",
        "vitals.probes.bus.min-isr = '0' is not allowed: expected an integer from 1 to 32767",
        "vitals.probes.bus.properties.request.timeout.ms = '****' is not allowed: expected no request.timeout.ms:"
            + " the probe sets it from vitals.probes.bus.timeout (every client limit stays below it)",
        "vitals.probes.bus.properties.metric.reporters = '****' is not allowed: expected " + KafkaSettings.PROPERTIES_ALLOWED);
  }

  @Test
  void minIsrNeedsATopic() {
    assertThat(refused(Map.of("bootstrap-servers", "k:9092", "min-isr", "2")).problems()).containsExactly(
        "vitals.probes.bus.min-isr = '2' is not allowed: expected no min-isr without vitals.probes.bus.topic"
            + " (the topic whose in-sync replicas it counts)");
  }

  @Test
  void secretPropertyValuesAreNeverShown() {
    String jaas = TestKafka.jaas("monitor", "S3cret-Value");
    ConfigException e = refused(Map.of("bootstrap-servers", "k:9092", "properties.sasl.jaas.config", jaas,
        "properties.sasl.jaas.confg", jaas, "properties.ssl.truststore.password", "Trust-S3cret",
        "properties.client.id", "S3cret-Value"));
    assertThat(e.getMessage()).doesNotContain("S3cret-Value").doesNotContain("Trust-S3cret").doesNotContain("monitor")
        .contains("vitals.probes.bus.properties.sasl.jaas.confg = '****' is not allowed")
        .contains("vitals.probes.bus.properties.client.id = '****' is not allowed");
    var probe = new KafkaProbeFactory().create(ProbeConfig.of("bus", Map.of("type", "kafka", "bootstrap-servers", "k:9092",
        "properties.sasl.jaas.config", jaas, "properties.security.protocol", "SASL_SSL")));
    assertThat(probe.toString()).doesNotContain("S3cret-Value");
    assertThat(((AutoCloseable) probe)).isNotNull();
  }

  @Test
  void everyClientLimitIsBelowTheProbesTimeout() {
    assertThat(KafkaSettings.callMillis(Duration.ofSeconds(2))).isEqualTo(1500);
    assertThat(KafkaSettings.callMillis(Duration.ofSeconds(10))).isEqualTo(9500);
    assertThat(KafkaSettings.callMillis(Duration.ofMillis(400))).isEqualTo(300);
    KafkaSettings s = KafkaSettings.parse(ProbeConfig.of("bus", Map.of("type", "kafka", "bootstrap-servers", "k:9092",
        "timeout", "2s")));
    assertThat(s.clientProperties).containsEntry("request.timeout.ms", 1500).containsEntry("default.api.timeout.ms", 1500)
        .containsEntry("socket.connection.setup.timeout.ms", 750L).containsEntry("socket.connection.setup.timeout.max.ms", 750L)
        .containsEntry("reconnect.backoff.max.ms", 375L).containsEntry("retry.backoff.max.ms", 375L)
        .containsEntry("sasl.login.connect.timeout.ms", 1500).containsEntry("sasl.login.read.timeout.ms", 1500)
        .containsEntry("bootstrap.servers", "k:9092").containsEntry("client.id", "vitals-bus");
    // what Kafka itself makes of them: accepted as they are
    var config = new org.apache.kafka.clients.admin.AdminClientConfig(s.clientProperties);
    assertThat(config.getInt("request.timeout.ms")).isEqualTo(1500);
  }

  @Test
  void theFactoryIsRegisteredAndTheModuleExportsOnlyItsPackage() {
    assertThat(ServiceLoader.load(ProbeFactory.class).stream().map(ServiceLoader.Provider::type))
        .contains(KafkaProbeFactory.class);
    assertThat(new KafkaProbeFactory().keys()).containsExactly("bootstrap-servers", "topic", "min-isr", "properties");
    ModuleDescriptor d = ModuleFinder.of(Path.of("target/classes")).find("dev.vitals.probes.kafka").orElseThrow()
        .descriptor();
    assertThat(d.exports()).extracting(ModuleDescriptor.Exports::source).containsExactly("dev.vitals.probes.kafka");
    assertThat(d.provides()).singleElement().satisfies(p ->
        assertThat(p.providers()).containsExactly(KafkaProbeFactory.class.getName()));
  }
}
