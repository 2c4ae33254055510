package dev.vitals.probes.rabbitmq;

import static org.assertj.core.api.Assertions.fail;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import com.rabbitmq.client.DefaultConsumer;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Assumptions;

/**
 * A real RabbitMQ server (Debian's {@code rabbitmq-server}) started as a child process with
 * everything of its own under a temporary directory: node name, Mnesia data, logs, configuration
 * (AMQP listener on 127.0.0.1 only), Erlang distribution port, {@code HOME} (so its Erlang cookie),
 * and its own {@code epmd} on a free loopback port. It does not use or disturb a system service.
 *
 * <p>What the fault tests need: the pid of the Erlang VM (SIGSTOP/SIGCONT), stop and restart on
 * the same port with the same data, and an admin connection to fill queues and add consumers.
 */
final class TestRabbit implements AutoCloseable {

  static final String USER = "vitals";
  static final String PASSWORD = "r4bbit-S3cret";
  /** The Debian package that installs the server. */
  static final String PACKAGE = "rabbitmq-server";
  private static final Duration START_LIMIT = Duration.ofSeconds(90);

  private static TestRabbit shared;

  private final Path dir;
  private final Path script;
  private final int port;
  private final int distPort;
  private final int epmdPort;
  private final String node;
  private Process epmd;
  private Process server;
  private boolean frozen;
  private final List<Connection> admins = new ArrayList<>();

  private TestRabbit(Path script, Path epmdBinary) {
    this.script = script;
    this.port = freePort();
    this.distPort = freePort();
    this.epmdPort = freePort();
    this.node = "vitals-test-" + port + "@localhost";
    try {
      this.dir = Files.createTempDirectory("vitals-rabbitmq-");
      Files.createDirectories(dir.resolve("home"));
      Files.createDirectories(dir.resolve("mnesia"));
      Files.createDirectories(dir.resolve("log"));
      Files.writeString(dir.resolve("enabled_plugins"), "[].\n");
      Files.writeString(dir.resolve("rabbitmq-env.conf"), "# empty: no settings from /etc/rabbitmq\n");
      Files.writeString(dir.resolve("rabbitmq.conf"), String.join("\n",
          "listeners.tcp.1 = 127.0.0.1:" + port,
          "default_user = " + USER,
          "default_pass = " + PASSWORD,
          "disk_free_limit.absolute = 1MB",
          ""));
      this.epmd = new ProcessBuilder(epmdBinary.toString(), "-port", String.valueOf(epmdPort), "-address", "127.0.0.1")
          .redirectErrorStream(true).redirectOutput(dir.resolve("log/epmd.log").toFile()).start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      kill();
      deleteDir();
    }, "stop-test-rabbitmq"));
  }

  /**
   * A server of its own, started and accepting AMQP logins. The calling test is skipped (failed on
   * CI) when {@code rabbitmq-server} is not installed.
   *
   * @return the running server
   */
  static TestRabbit start() {
    TestRabbit rabbit = new TestRabbit(require(), requireEpmd());
    rabbit.startServer();
    return rabbit;
  }

  /**
   * One server shared by the test classes that do not break it, started once per JVM and stopped
   * when the JVM exits.
   *
   * @return the running shared server
   */
  static synchronized TestRabbit shared() {
    if (shared == null) {
      shared = start();
    }
    return shared;
  }

  int port() {
    return port;
  }

  /** The URL with the admin user's credentials, for vhost {@code /}. */
  String url() {
    return "amqp://" + USER + ":" + PASSWORD + "@127.0.0.1:" + port;
  }

  /** Starts the server (again, on the same port and with the same data) and waits until it takes logins. */
  synchronized void startServer() {
    if (server != null && server.isAlive()) {
      return;
    }
    ProcessBuilder pb = new ProcessBuilder(script.toString());
    Map<String, String> env = pb.environment();
    env.put("HOME", dir.resolve("home").toString());
    env.put("RABBITMQ_CONF_ENV_FILE", dir.resolve("rabbitmq-env.conf").toString());
    env.put("RABBITMQ_NODENAME", node);
    env.put("RABBITMQ_CONFIG_FILE", dir.resolve("rabbitmq.conf").toString());
    env.put("RABBITMQ_ENABLED_PLUGINS_FILE", dir.resolve("enabled_plugins").toString());
    env.put("RABBITMQ_MNESIA_BASE", dir.resolve("mnesia").toString());
    env.put("RABBITMQ_LOG_BASE", dir.resolve("log").toString());
    env.put("RABBITMQ_DIST_PORT", String.valueOf(distPort));
    env.put("ERL_EPMD_PORT", String.valueOf(epmdPort));
    env.put("RABBITMQ_SERVER_ADDITIONAL_ERL_ARGS", "-kernel inet_dist_use_interface {127,0,0,1}");
    pb.directory(dir.toFile());
    pb.redirectErrorStream(true);
    pb.redirectOutput(ProcessBuilder.Redirect.appendTo(dir.resolve("log/console.log").toFile()));
    try {
      server = pb.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Process started = server;
    try {
      Awaitility.await("rabbitmq-server on 127.0.0.1:" + port + " taking AMQP logins")
          .atMost(START_LIMIT).pollInterval(Duration.ofMillis(200)).ignoreExceptions()
          .until(() -> {
            if (!started.isAlive()) {
              throw new AssertionError("rabbitmq-server exited with " + started.exitValue());
            }
            try (Connection c = factory().newConnection("vitals-test-wait")) {
              return c.isOpen();
            }
          });
    } catch (RuntimeException | AssertionError e) {
      String log = consoleLog();
      kill();
      throw new AssertionError("rabbitmq-server did not start; its output:\n" + log, e);
    }
  }

  /** Stops the server (a clean shutdown, as an operator would) and waits until its VM has exited. */
  synchronized void stop() {
    thaw();
    closeAdmins();
    if (server == null) {
      return;
    }
    Optional<ProcessHandle> beam = beam();
    server.destroy(); // SIGTERM: the script stops the broker cleanly
    try {
      if (!server.waitFor(60, TimeUnit.SECONDS)) {
        server.destroyForcibly();
      }
      if (beam.isPresent()) {
        beam.get().onExit().get(60, TimeUnit.SECONDS);
      }
    } catch (Exception e) {
      beam.ifPresent(ProcessHandle::destroyForcibly);
    }
    server = null;
  }

  /** Freezes the Erlang VM with SIGSTOP: it keeps its sockets and answers nothing. */
  synchronized void freeze() {
    signal("STOP");
    frozen = true;
  }

  /** Lets a frozen VM run again (SIGCONT). */
  synchronized void thaw() {
    if (frozen) {
      signal("CONT");
      frozen = false;
    }
  }

  private void signal(String name) {
    long pid = beam().orElseThrow(() -> new AssertionError("no beam.smp process under rabbitmq-server")).pid();
    try {
      Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new AssertionError("kill -" + name + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The Erlang VM the server script started. */
  Optional<ProcessHandle> beam() {
    Process p = server;
    if (p == null) {
      return Optional.empty();
    }
    return Stream.concat(Stream.of(p.toHandle()), p.toHandle().descendants())
        .filter(h -> h.info().command().map(c -> c.endsWith("beam.smp") || c.endsWith("beam")).orElse(false))
        .findFirst();
  }

  /**
   * Declares a queue (not durable) and publishes messages to it.
   *
   * @param queue the queue
   * @param messages how many messages
   */
  void fill(String queue, int messages) {
    try (Connection c = factory().newConnection("vitals-test-fill"); Channel ch = c.createChannel()) {
      ch.queueDeclare(queue, false, false, false, null);
      ch.confirmSelect();
      for (int i = 0; i < messages; i++) {
        ch.basicPublish("", queue, null, ("m" + i).getBytes(StandardCharsets.UTF_8));
      }
      ch.waitForConfirmsOrDie(30_000);
    } catch (Exception e) {
      throw new AssertionError("could not fill " + queue, e);
    }
  }

  /**
   * Adds a consumer to a queue (declared if missing), held until {@link #closeAdmins()}; it takes
   * no message (prefetch 1, never acknowledges).
   *
   * @param queue the queue
   */
  synchronized void consume(String queue) {
    try {
      Connection c = factory().newConnection("vitals-test-consumer");
      admins.add(c);
      Channel ch = c.createChannel();
      ch.queueDeclare(queue, false, false, false, null);
      ch.basicQos(1);
      ch.basicConsume(queue, false, new DefaultConsumer(ch));
    } catch (Exception e) {
      throw new AssertionError("could not consume from " + queue, e);
    }
  }

  /**
   * Deletes a queue.
   *
   * @param queue the queue
   */
  void delete(String queue) {
    try (Connection c = factory().newConnection("vitals-test-delete"); Channel ch = c.createChannel()) {
      ch.queueDelete(queue);
    } catch (Exception e) {
      throw new AssertionError("could not delete " + queue, e);
    }
  }

  /** Closes the consumers' connections. */
  synchronized void closeAdmins() {
    for (Connection c : admins) {
      c.abort(1000);
    }
    admins.clear();
  }

  private ConnectionFactory factory() {
    ConnectionFactory f = new ConnectionFactory();
    f.setHost("127.0.0.1");
    f.setPort(port);
    f.setUsername(USER);
    f.setPassword(PASSWORD);
    f.setAutomaticRecoveryEnabled(false);
    f.setConnectionTimeout(5000);
    f.setHandshakeTimeout(5000);
    return f;
  }

  String consoleLog() {
    try {
      Path log = dir.resolve("log/console.log");
      return Files.exists(log) ? Files.readString(log) : "(no output)";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  /** Stops the server and its epmd and deletes the directory. */
  @Override
  public synchronized void close() {
    stop();
    kill();
    deleteDir();
  }

  private synchronized void kill() {
    Process p = server;
    if (p != null) {
      List<ProcessHandle> tree = new ArrayList<>(p.toHandle().descendants().toList());
      tree.add(p.toHandle());
      for (ProcessHandle h : tree) {
        h.destroyForcibly(); // SIGKILL also ends a stopped process
      }
      server = null;
    }
    if (epmd != null) {
      epmd.destroyForcibly();
      epmd = null;
    }
  }

  private void deleteDir() {
    try (Stream<Path> files = Files.walk(dir)) {
      files.sorted(Comparator.reverseOrder()).forEach(f -> f.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket()) {
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The server script: {@code /usr/lib/rabbitmq/bin/rabbitmq-server} on Debian (the one on the PATH
   * is a wrapper that runs the server as the {@code rabbitmq} user), else {@code rabbitmq-server} on
   * the PATH.
   */
  private static Path require() {
    Path debian = Path.of("/usr/lib/rabbitmq/bin/rabbitmq-server");
    if (Files.isExecutable(debian)) {
      return debian;
    }
    Optional<Path> onPath = onPath("rabbitmq-server");
    if (onPath.isPresent()) {
      try {
        Path real = onPath.get().toRealPath();
        if (real.getFileName().toString().equals("rabbitmq-script-wrapper")) {
          return real.resolveSibling("rabbitmq-server");
        }
        return real;
      } catch (IOException e) {
        return onPath.get();
      }
    }
    missing("rabbitmq-server not found (neither /usr/lib/rabbitmq/bin/rabbitmq-server nor on PATH)");
    return null;
  }

  private static Path requireEpmd() {
    return onPath("epmd").orElseGet(() -> {
      missing("epmd (Erlang's port mapper, from erlang-base) not found on PATH");
      return null;
    });
  }

  private static void missing(String what) {
    String message = what + ": install the Debian package " + PACKAGE + " (apt-get install -y " + PACKAGE + ")";
    if ("true".equals(System.getenv("CI"))) {
      fail(message + " (CI=true, so this is a failure, not a skip)");
    }
    Assumptions.abort(message);
  }

  private static Optional<Path> onPath(String name) {
    String path = System.getenv("PATH");
    List<String> dirs = new ArrayList<>(List.of((path == null ? "" : path).split(File.pathSeparator)));
    dirs.add("/usr/sbin");
    dirs.add("/usr/bin");
    for (String d : dirs) {
      if (d.isEmpty()) {
        continue;
      }
      Path candidate = Path.of(d, name);
      if (Files.isExecutable(candidate)) {
        return Optional.of(candidate);
      }
    }
    return Optional.empty();
  }
}
