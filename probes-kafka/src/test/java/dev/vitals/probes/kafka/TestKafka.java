package dev.vitals.probes.kafka;

import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.common.Uuid;

/**
 * A real Kafka server in KRaft mode (broker and controller in one process) in a child JVM, on 127.0.0.1
 * and free ports, with its data in a temporary folder: it can be killed and started again on the same
 * data and ports, and frozen with SIGSTOP.
 */
final class TestKafka implements AutoCloseable {

  /** The user and password the SASL/PLAIN listener accepts (besides the broker's own). */
  static final String SASL_USER = "monitor";
  static final String SASL_PASSWORD = "m0nitor-Secret";

  final int port;
  /** A SASL_PLAINTEXT listener (mechanism PLAIN) that accepts {@link #SASL_USER}. */
  final int saslPort;
  private final int controllerPort;
  private final Path dir;
  private final Path config;
  private final Path data;
  private final String clusterId = Uuid.randomUuid().toString();
  private Process process;

  private TestKafka() throws IOException {
    port = freePort();
    controllerPort = freePort();
    saslPort = freePort();
    dir = Files.createTempDirectory("vitals-kafka");
    data = dir.resolve("data");
    config = dir.resolve("server.properties");
    Files.writeString(config, String.join("\n",
        "process.roles=broker,controller",
        "node.id=1",
        "controller.quorum.voters=1@127.0.0.1:" + controllerPort,
        "listeners=PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort
            + ",CONTROLLER://127.0.0.1:" + controllerPort,
        "advertised.listeners=PLAINTEXT://127.0.0.1:" + port + ",SASL_PLAINTEXT://127.0.0.1:" + saslPort,
        "controller.listener.names=CONTROLLER",
        "inter.broker.listener.name=PLAINTEXT",
        "listener.security.protocol.map=PLAINTEXT:PLAINTEXT,SASL_PLAINTEXT:SASL_PLAINTEXT,CONTROLLER:PLAINTEXT",
        "sasl.enabled.mechanisms=PLAIN",
        "listener.name.sasl_plaintext.plain.sasl.jaas.config=org.apache.kafka.common.security.plain.PlainLoginModule"
            + " required username=\"broker\" password=\"broker-pass\" user_" + SASL_USER + "=\"" + SASL_PASSWORD + "\";",
        "log.dirs=" + data,
        "num.partitions=1",
        "auto.create.topics.enable=false",
        "offsets.topic.replication.factor=1",
        "transaction.state.log.replication.factor=1",
        "transaction.state.log.min.isr=1",
        "share.coordinator.state.topic.replication.factor=1",
        "share.coordinator.state.topic.min.isr=1",
        "num.network.threads=1",
        "num.io.threads=2",
        "background.threads=2",
        "num.recovery.threads.per.data.dir=1",
        "log.cleaner.threads=1",
        "") + "\n");
  }

  /** Starts a new server and waits until it answers. */
  static TestKafka start() {
    try {
      TestKafka k = new TestKafka();
      k.startProcess();
      return k;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  String bootstrap() {
    return "127.0.0.1:" + port;
  }

  String saslBootstrap() {
    return "127.0.0.1:" + saslPort;
  }

  /** The JAAS line of a SASL/PLAIN client. */
  static String jaas(String user, String password) {
    return "org.apache.kafka.common.security.plain.PlainLoginModule required username=\"" + user + "\" password=\""
        + password + "\";";
  }

  long pid() {
    return process.pid();
  }

  private void startProcess() throws IOException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String cp = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    Path log = Path.of("target", "kafka-" + port + ".log");
    process = new ProcessBuilder(java, "-Xms64m", "-Xmx384m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
        "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn", "-cp", cp, BrokerMain.class.getName(), config.toString(),
        data.toString(), clusterId)
        .redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start();
    try (Admin admin = admin()) {
      await("the Kafka server on " + bootstrap() + " to answer (its output: " + log.toAbsolutePath() + ")")
          .atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            if (!process.isAlive()) {
              throw new AssertionError("the Kafka server exited with " + process.exitValue() + ": see " + log.toAbsolutePath());
            }
            return admin.describeCluster().nodes().get(2, TimeUnit.SECONDS).size() == 1;
          });
    }
  }

  /** An Admin client for the test's own work (creating topics). */
  Admin admin() {
    return Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap(),
        AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5000, AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 10000));
  }

  /** Creates a topic and waits until each partition has a leader. */
  void createTopic(String name, int partitions, short replication, Map<String, String> configs) {
    try (Admin admin = admin()) {
      admin.createTopics(List.of(new NewTopic(name, Optional.of(partitions), Optional.of(replication)).configs(configs)))
          .all().get(20, TimeUnit.SECONDS);
      await("topic " + name + " to have leaders").atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() ->
          admin.describeTopics(List.of(name)).allTopicNames().get(5, TimeUnit.SECONDS).get(name).partitions().stream()
              .allMatch(p -> p.leader() != null && !p.leader().isEmpty()));
    } catch (Exception e) {
      throw new AssertionError("cannot create topic " + name, e);
    }
  }

  /** Kills the server (SIGKILL) and waits until it is gone. */
  void kill() {
    process.destroyForcibly();
    try {
      if (!process.waitFor(20, TimeUnit.SECONDS)) {
        throw new AssertionError("the Kafka server did not exit");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Starts the server again on the same data and ports, and waits until it answers. */
  void restart() {
    try {
      startProcess();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  void freeze() {
    signal("STOP");
    Path stat = Path.of("/proc", Long.toString(pid()), "stat");
    await("process " + pid() + " to stop").atMost(Duration.ofSeconds(5)).pollInSameThread().until(() -> {
      String s = Files.readString(stat);
      char state = s.charAt(s.lastIndexOf(')') + 2);
      return state == 'T' || state == 't';
    });
  }

  void thaw() {
    if (process != null && process.isAlive()) {
      signal("CONT");
    }
  }

  private void signal(String name) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid())).inheritIO().start();
      if (!kill.waitFor(5, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill -" + name + " " + pid() + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("the kill command is missing (Debian package procps)", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process != null) {
      thaw();
      kill();
    }
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temporary folder left behind
    }
  }
}
