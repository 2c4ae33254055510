package dev.vitals.probes.http;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A real JDK {@link HttpServer} (or {@link HttpsServer}) on 127.0.0.1 with a fixed pool of handler
 * threads started up front, so the server's own threads do not change a thread count taken during a
 * test. Handlers that stall wait on {@link #release()} (counted down by {@link #close()}).
 */
final class TestHttpServer implements AutoCloseable {

  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final HttpServer server;
  private final ThreadPoolExecutor pool;
  private final CountDownLatch release = new CountDownLatch(1);
  private final String scheme;

  private TestHttpServer(HttpServer server, String scheme, int threads) {
    this.server = server;
    this.scheme = scheme;
    int id = SERVERS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    this.pool = new ThreadPoolExecutor(threads, threads, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "test-server-" + id + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pool.prestartAllCoreThreads();
    server.setExecutor(pool);
    server.start();
  }

  /** An HTTP server with 8 handler threads. */
  static TestHttpServer http() {
    return http(8);
  }

  /** An HTTP server. */
  static TestHttpServer http(int threads) {
    try {
      return new TestHttpServer(HttpServer.create(loopback(), 100), "http", threads);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** An HTTPS server presenting the key and chain of a TLS context. */
  static TestHttpServer https(SSLContext context) {
    try {
      HttpsServer s = HttpsServer.create(loopback(), 100);
      s.setHttpsConfigurator(new HttpsConfigurator(context));
      return new TestHttpServer(s, "https", 8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static InetSocketAddress loopback() {
    return new InetSocketAddress(InetAddress.getLoopbackAddress(), 0);
  }

  TestHttpServer handle(String path, HttpHandler handler) {
    server.createContext(path, handler);
    return this;
  }

  /** Answers a path with a fixed status, content type and body. */
  TestHttpServer answer(String path, int status, String contentType, String body) {
    return handle(path, ex -> respond(ex, status, contentType, body));
  }

  int port() {
    return server.getAddress().getPort();
  }

  String url(String path) {
    return scheme + "://127.0.0.1:" + port() + path;
  }

  URI uri(String path) {
    return URI.create(url(path));
  }

  /** What stalling handlers wait for. */
  CountDownLatch release() {
    return release;
  }

  /** Waits until {@link #close()}: a handler that never finishes its answer. */
  void stall() {
    try {
      release.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** The fault "slow server": holds the answer back for a while. */
  static void delay(Duration d) {
    try {
      new CountDownLatch(1).await(d.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  static void respond(HttpExchange ex, int status, String contentType, String body) throws IOException {
    byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
    if (contentType != null) {
      ex.getResponseHeaders().set("Content-Type", contentType);
    }
    if (ex.getRequestMethod().equals("HEAD") || status == 204 || status == 304) {
      ex.sendResponseHeaders(status, -1);
    } else {
      ex.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
      ex.getResponseBody().write(bytes);
    }
    ex.close();
  }

  static void redirect(HttpExchange ex, int status, String location) throws IOException {
    ex.getResponseHeaders().set("Location", location);
    ex.sendResponseHeaders(status, -1);
    ex.close();
  }

  /** Stops the server at once and releases stalled handlers. */
  void stop() {
    release.countDown();
    server.stop(0);
  }

  @Override
  public void close() {
    stop();
    pool.shutdownNow();
  }
}
