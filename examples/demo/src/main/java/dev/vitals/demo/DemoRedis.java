package dev.vitals.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import redis.embedded.RedisServer;

/** The demo's embedded redis-server (a real one), which the chaos endpoint stops and starts. */
final class DemoRedis implements AutoCloseable {

  private final int port;
  private final Path dir;
  private RedisServer server;

  DemoRedis() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    dir = Files.createTempDirectory("vitals-demo-redis");
    start();
  }

  int port() {
    return port;
  }

  synchronized boolean running() {
    return server != null;
  }

  synchronized void start() {
    if (server != null) {
      return;
    }
    try {
      RedisServer s = RedisServer.newRedisServer()
          .port(port)
          .setting("bind 127.0.0.1")
          .setting("save \"\"")
          .setting("appendonly no")
          .setting("dir " + dir)
          .soutListener(line -> { })
          .serrListener(line -> { })
          .build();
      s.start();
      server = s;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start the embedded redis-server: " + e.getMessage(), e);
    }
  }

  synchronized void stop() {
    if (server == null) {
      return;
    }
    try {
      server.stop();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } finally {
      server = null;
    }
  }

  @Override
  public void close() {
    stop();
  }
}
