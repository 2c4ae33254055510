package dev.vitals.probes.kafka;

/**
 * One Kafka server for every test class that does not break it, started at first use and killed when the
 * test JVM exits. Tests that stop or freeze a server start their own {@link TestKafka}.
 */
final class SharedKafka {

  private static TestKafka kafka;

  private SharedKafka() {}

  static synchronized TestKafka get() {
    if (kafka == null) {
      kafka = TestKafka.start();
      TestKafka k = kafka;
      Runtime.getRuntime().addShutdownHook(new Thread(k::close, "kafka-test-server-stop"));
    }
    return kafka;
  }
}
