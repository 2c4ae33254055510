package dev.vitals.examples.lambda;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The function's downstream API, for real: a JDK {@link HttpServer} on loopback that counts the requests it
 * gets and either answers {@code 200 {"status":"ok"}} or, hung, never answers (its handler holds the
 * exchange until the server is closed). Thread-safe.
 */
final class DownstreamApi implements AutoCloseable {

  private final HttpServer server;
  private final ExecutorService threads = Executors.newCachedThreadPool(r -> {
    Thread t = new Thread(r, "downstream-api");
    t.setDaemon(true);
    return t;
  });
  private final AtomicInteger requests = new AtomicInteger();
  private final CountDownLatch closed = new CountDownLatch(1);
  private final boolean hung;

  private DownstreamApi(boolean hung) {
    this.hung = hung;
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    server.createContext("/", this::handle);
    server.setExecutor(threads);
    server.start();
  }

  /** An API that answers at once. */
  static DownstreamApi healthy() {
    return new DownstreamApi(false);
  }

  /** An API that accepts requests and never answers them. */
  static DownstreamApi hung() {
    return new DownstreamApi(true);
  }

  private void handle(HttpExchange exchange) throws IOException {
    requests.incrementAndGet();
    try (exchange) {
      if (hung) {
        try {
          closed.await(); // holds the request: the caller sees a connection that never answers
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
        return;
      }
      byte[] body = "{\"status\":\"ok\"}".getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    }
  }

  /** The URL of its health resource, for ORDERS_API_URL. */
  String url() {
    return "http://127.0.0.1:" + server.getAddress().getPort() + "/orders/health";
  }

  /** How many requests it has received so far (a hung one counts when it arrives). */
  int requests() {
    return requests.get();
  }

  @Override
  public void close() {
    closed.countDown();
    server.stop(0);
    threads.shutdownNow();
  }
}
