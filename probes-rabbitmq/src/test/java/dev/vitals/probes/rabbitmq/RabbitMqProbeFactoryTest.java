package dev.vitals.probes.rabbitmq;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.ProbeConfig;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Settings are checked when the probe is built, with messages that name the key and never the password. */
class RabbitMqProbeFactoryTest {

  private static final String SECRET = "pa55-Word";

  private static RabbitMqProbe create(String... keyValues) {
    Map<String, String> settings = new HashMap<>();
    settings.put("type", "rabbitmq");
    for (int i = 0; i < keyValues.length; i += 2) {
      settings.put(keyValues[i], keyValues[i + 1]);
    }
    return (RabbitMqProbe) new RabbitMqProbeFactory().create(ProbeConfig.of("mq", settings));
  }

  private static ConfigException refused(String... keyValues) {
    try {
      create(keyValues);
    } catch (ConfigException e) {
      assertThat(e.getMessage()).doesNotContain(SECRET);
      return e;
    }
    throw new AssertionError("accepted " + String.join(" ", keyValues));
  }

  @Test
  void declaresItsKeys() {
    RabbitMqProbeFactory f = new RabbitMqProbeFactory();
    assertThat(f.type()).isEqualTo("rabbitmq");
    assertThat(f.keys()).containsExactlyInAnyOrder("url", "queue", "max-depth", "min-consumers");
  }

  @Test
  void aMissingUrlIsRefused() {
    assertThat(refused().getMessage()).startsWith("vitals.probes.mq.url is missing: expected amqp://");
  }

  @Test
  void anotherSchemeIsRefusedWithThePasswordMasked() {
    assertThat(refused("url", "http://u:" + SECRET + "@h:5672").getMessage())
        .isEqualTo("vitals.probes.mq.url = 'http://u:****@h:5672' is not allowed: expected " + AmqpUrl.ALLOWED
            + " (the scheme must be amqp or amqps)");
  }

  @Test
  void badUrlsSayWhatIsWrong() {
    assertThat(refused("url", "amqp://u:" + SECRET + "@h:5672/a/b").getMessage())
        .contains("one path segment only, the vhost");
    assertThat(refused("url", "amqp://h:5672/?heartbeat=5").getMessage()).contains("no query parameters");
    assertThat(refused("url", "amqp:///vhost").getMessage()).contains("no host");
    assertThat(refused("url", "amqp://u:%zz" + SECRET + "@h").getMessage())
        .contains("'amqp://u:****@h'").contains("Malformed escape pair");
  }

  @Test
  void urlsAreParsedWithDefaultsAndDecoding() {
    AmqpUrl plain = AmqpUrl.parse("amqp://mq.internal");
    assertThat(plain.port).isEqualTo(5672);
    assertThat(plain.vhost).isEqualTo("/");
    assertThat(plain.user).isNull();
    AmqpUrl tls = AmqpUrl.parse("amqps://app:p%40ss%2Bw@mq.internal/%2Forders");
    assertThat(tls.port).isEqualTo(5671);
    assertThat(tls.tls).isTrue();
    assertThat(tls.user).isEqualTo("app");
    assertThat(tls.password).isEqualTo("p@ss+w");
    assertThat(tls.vhost).isEqualTo("/orders");
    assertThat(tls.toString()).isEqualTo("amqps://mq.internal:5671/%2Forders");
    assertThat(tls.target()).isEqualTo("mq.internal:5671 vhost '/orders'");
  }

  @Test
  void thresholdsAreCheckedAndNeedAQueue() {
    assertThat(refused("url", "amqp://h", "queue", "q", "max-depth", "-1").getMessage())
        .isEqualTo("vitals.probes.mq.max-depth = '-1' is not allowed: expected a whole number of messages, 0 or more,"
            + " such as 1000, at most 2147483647");
    assertThat(refused("url", "amqp://h", "queue", "q", "min-consumers", "0").getMessage())
        .startsWith("vitals.probes.mq.min-consumers = '0' is not allowed: expected a whole number of consumers, 1 or more");
    assertThat(refused("url", "amqp://h", "queue", "q", "max-depth", "lots").getMessage())
        .startsWith("vitals.probes.mq.max-depth = 'lots' is not allowed");
    assertThat(refused("url", "amqp://h", "max-depth", "10").getMessage())
        .isEqualTo("vitals.probes.mq.max-depth = '10' is not allowed: expected no max-depth without"
            + " vitals.probes.mq.queue: it applies to that queue");
    assertThat(refused("url", "amqp://h", "queue", "q".repeat(256)).getMessage()).contains("at most 255 bytes");
  }

  @Test
  void everyMistakeIsReportedAtOnce() {
    ConfigException e = refused("url", "amqp://u:" + SECRET + "@h/a/b", "min-consumers", "none", "max-depth", "x");
    assertThat(e.problems()).hasSize(3);
    assertThat(e.problems()).anySatisfy(p -> assertThat(p).startsWith("vitals.probes.mq.url ="))
        .anySatisfy(p -> assertThat(p).startsWith("vitals.probes.mq.min-consumers ="))
        .anySatisfy(p -> assertThat(p).startsWith("vitals.probes.mq.max-depth ="));
  }

  @Test
  void theProbeNeverShowsItsPassword() {
    RabbitMqProbe p = create("url", "amqp://app:" + SECRET + "@mq.internal:5673/orders", "queue", "jobs",
        "max-depth", "100", "min-consumers", "2");
    assertThat(p.toString()).isEqualTo("RabbitMqProbe[mq, amqp://mq.internal:5673/orders, queue 'jobs']");
  }
}
