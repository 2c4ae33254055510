package dev.vitals.notifier.pagerduty;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real JDK {@link HttpServer} on 127.0.0.1 that records every request (method, path with query,
 * headers, body) and answers with what the test set: a status and body, or headers followed by a body
 * that never ends. Its handler threads are started up front, so they do not change a thread count
 * taken during a test.
 */
final class RecordingServer implements AutoCloseable {

  /** One received request. */
  static final class Request {
    final String method;
    final String target;
    final Map<String, List<String>> headers;
    final byte[] body;

    Request(String method, String target, Map<String, List<String>> headers, byte[] body) {
      this.method = method;
      this.target = target;
      this.headers = headers;
      this.body = body;
    }

    String header(String name) {
      List<String> v = headers.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    String text() {
      return new String(body, StandardCharsets.UTF_8);
    }
  }

  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final HttpServer server;
  private final ThreadPoolExecutor pool;
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile int status = 200;
  private volatile String body = "ok";
  private volatile Map<String, String> responseHeaders = Map.of();
  private volatile boolean stallBody;

  RecordingServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int id = SERVERS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    pool = new ThreadPoolExecutor(4, 4, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "recording-server-" + id + "-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    pool.prestartAllCoreThreads();
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  private void handle(HttpExchange ex) throws IOException {
    byte[] received = ex.getRequestBody().readAllBytes();
    Map<String, List<String>> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
    ex.getRequestHeaders().forEach((k, v) -> headers.put(k, List.copyOf(v)));
    requests.add(new Request(ex.getRequestMethod(), ex.getRequestURI().toString(), headers, received));
    responseHeaders.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    if (stallBody) {
      ex.sendResponseHeaders(status, 1000);
      OutputStream out = ex.getResponseBody();
      out.write("partial".getBytes(StandardCharsets.UTF_8));
      out.flush();
      awaitRelease();
      ex.close();
      return;
    }
    byte[] answer = body.getBytes(StandardCharsets.UTF_8);
    ex.sendResponseHeaders(status, answer.length == 0 ? -1 : answer.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(answer);
    }
  }

  private void awaitRelease() {
    try {
      release.await(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Answers every request with this status and body. */
  RecordingServer answer(int status, String body) {
    this.status = status;
    this.body = body;
    return this;
  }

  /** Adds headers to every answer. */
  RecordingServer headers(Map<String, String> headers) {
    this.responseHeaders = Map.copyOf(headers);
    return this;
  }

  /** Answers with the status and headers, then a few bytes of a body that never ends. */
  RecordingServer stallBody(int status) {
    this.status = status;
    this.stallBody = true;
    return this;
  }

  /** The base URL, such as {@code http://127.0.0.1:41234}. */
  String base() {
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  /** A URL on this server. */
  String url(String path) {
    return base() + path;
  }

  /** The next recorded request, waiting up to 5 s for it. */
  Request take() throws InterruptedException {
    Request r = requests.poll(5, TimeUnit.SECONDS);
    if (r == null) {
      throw new AssertionError("no request received within 5 s");
    }
    return r;
  }

  /** How many requests are recorded and not yet taken. */
  int pending() {
    return requests.size();
  }

  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    pool.shutdownNow();
  }

  /** The longest a test waits for a request it expects. */
  static final Duration WAIT = Duration.ofSeconds(5);
}
