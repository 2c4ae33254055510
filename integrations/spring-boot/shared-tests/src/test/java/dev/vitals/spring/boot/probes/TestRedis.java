package dev.vitals.spring.boot.probes;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/** A real redis-server (the binary shipped by embedded-redis) on a free loopback port, no persistence. */
final class TestRedis implements AutoCloseable {

  private final int port;
  private final Path dir;
  private RedisServer server;

  private TestRedis(int port) throws IOException {
    this.port = port;
    this.dir = Files.createTempDirectory("vitals-spring-redis-");
  }

  static TestRedis start() {
    try {
      TestRedis r = new TestRedis(freePort());
      r.startAgain();
      return r;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Starts the process (again) on the same port. */
  void startAgain() {
    try {
      server = RedisServer.newRedisServer().port(port).bind("127.0.0.1").setting("save \"\"")
          .setting("appendonly no").setting("dir " + dir).soutListener(l -> { }).serrListener(l -> { }).build();
      server.start();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the process and waits for it. */
  void stop() {
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Runs {@code body} while the process is frozen with SIGSTOP: it accepts connections (the kernel
   * does) but answers nothing.
   */
  void whileFrozen(Runnable body) {
    long pid;
    try (redis.clients.jedis.Jedis admin = new redis.clients.jedis.Jedis("127.0.0.1", port)) {
      String info = admin.info("server");
      pid = info.lines().filter(l -> l.startsWith("process_id:")).mapToLong(l -> Long.parseLong(l.substring(11).trim()))
          .findFirst().orElseThrow();
    }
    signal("STOP", pid);
    try {
      body.run();
    } finally {
      signal("CONT", pid);
    }
  }

  private static void signal(String signal, long pid) {
    try {
      Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).inheritIO().start();
      if (!kill.waitFor(10, java.util.concurrent.TimeUnit.SECONDS) || kill.exitValue() != 0) {
        throw new IllegalStateException("kill -" + signal + " " + pid + " failed");
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  int port() {
    return port;
  }

  @Override
  public void close() {
    if (server != null && server.isActive()) {
      stop();
    }
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
}
