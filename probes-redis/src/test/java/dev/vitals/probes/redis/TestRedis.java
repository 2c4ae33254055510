package dev.vitals.probes.redis;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import redis.clients.jedis.DefaultJedisClientConfig;
import redis.clients.jedis.HostAndPort;
import redis.clients.jedis.Jedis;
import redis.embedded.RedisServer;
import redis.embedded.core.RedisServerBuilder;

/**
 * A real redis-server (the binary shipped by embedded-redis) on a free loopback port, with its own
 * data directory and no persistence, plus what the fault tests need: its pid, SIGSTOP/SIGCONT, an
 * admin connection, restart on the same port.
 */
final class TestRedis implements AutoCloseable {

  private final int port;
  private final List<String> settings;
  private final Path dir;
  private final String adminPassword;
  private RedisServer server;
  private Long pid;
  private boolean frozen;

  private TestRedis(int port, List<String> settings, String adminPassword) {
    this.port = port;
    this.settings = settings;
    this.adminPassword = adminPassword;
    try {
      this.dir = Files.createTempDirectory("vitals-redis-" + port + "-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Starts a server.
   *
   * @param settings redis.conf lines, such as {@code requirepass secret}
   * @return the running server
   */
  static TestRedis start(String... settings) {
    return startWithPassword(null, settings);
  }

  /**
   * Starts a server whose default user has a password; the admin connection uses it.
   *
   * @param password the default user's password
   * @param settings more redis.conf lines
   * @return the running server
   */
  static TestRedis startWithPassword(String password, String... settings) {
    List<String> all = new ArrayList<>(Arrays.asList(settings));
    if (password != null) {
      all.add("requirepass " + password);
    }
    TestRedis redis = new TestRedis(freePort(), all, password);
    redis.startProcess();
    return redis;
  }

  static int freePort() {
    try (ServerSocket s = new ServerSocket()) {
      s.setReuseAddress(true);
      s.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
      return s.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts (again) the process on the same port. */
  void startProcess() {
    try {
      RedisServerBuilder b = RedisServer.newRedisServer()
          .port(port)
          .setting("save \"\"")
          .setting("appendonly no")
          .setting("dir " + dir)
          .soutListener(line -> { })
          .serrListener(line -> { });
      for (String s : settings) {
        b.setting(s);
      }
      server = b.build();
      server.start();
      pid = null;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the process (SIGTERM, waits for it). */
  void stop() {
    thaw();
    try {
      if (server != null) {
        server.stop();
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  int port() {
    return port;
  }

  /** A URL without credentials. */
  String url() {
    return "redis://127.0.0.1:" + port;
  }

  /**
   * A new admin connection, authenticated when the server has a password.
   *
   * @return a connection; close it
   */
  Jedis admin() {
    DefaultJedisClientConfig.Builder c = DefaultJedisClientConfig.builder().timeoutMillis(10_000);
    if (adminPassword != null) {
      c.password(adminPassword);
    }
    return new Jedis(new HostAndPort("127.0.0.1", port), c.build());
  }

  /** INFO of the server as fields. */
  Map<String, String> info() {
    try (Jedis j = admin()) {
      return RedisHealth.parseInfo(j.info());
    }
  }

  long pid() {
    if (pid == null) {
      pid = Long.parseLong(info().get("process_id"));
    }
    return pid;
  }

  /** Freezes the process with SIGSTOP; {@link #thaw()} (or close) resumes it. */
  void freeze() {
    long p = pid();
    signal("STOP", p);
    frozen = true;
  }

  /** Resumes a frozen process with SIGCONT; harmless when not frozen. */
  void thaw() {
    if (frozen) {
      signal("CONT", pid);
      frozen = false;
    }
  }

  private static void signal(String signal, long pid) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
      if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException("'kill' (Debian package procps) is needed to freeze redis-server", e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  /**
   * The clients the server lists (CLIENT LIST), as field maps, without the connection that asks.
   *
   * @return one map per client
   */
  List<Map<String, String>> clients() {
    try (Jedis j = admin()) {
      String self = Long.toString(j.clientId());
      List<Map<String, String>> out = new ArrayList<>();
      for (String line : j.clientList().split("\n")) {
        if (line.isBlank()) {
          continue;
        }
        Map<String, String> fields = new java.util.LinkedHashMap<>();
        for (String kv : line.trim().split(" ")) {
          int eq = kv.indexOf('=');
          if (eq > 0) {
            fields.put(kv.substring(0, eq), kv.substring(eq + 1));
          }
        }
        if (!self.equals(fields.get("id"))) {
          out.add(fields);
        }
      }
      return out;
    }
  }

  /**
   * The connections named {@code name} (the probe names its connection {@code vitals:<probe>}).
   *
   * @param name a client name
   * @return how many the server lists
   */
  long clientsNamed(String name) {
    return clients().stream().filter(c -> name.equals(c.get("name"))).count();
  }

  @Override
  public void close() {
    stop();
    try (var files = Files.walk(dir)) {
      files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    } catch (IOException e) {
      // a temp directory left behind is harmless
    }
  }
}
