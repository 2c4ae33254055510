package dev.vitals.test;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A real HTTP/1.1 server (the JDK's {@code com.sun.net.httpserver}) on a free port of 127.0.0.1 that
 * records every request it receives (method, target, headers, body) and answers each with what the
 * test set: a status and a body ({@code 200 ok} until told otherwise), with extra headers if asked,
 * or headers followed by a few bytes of a body that never ends. For testing code that posts to a
 * webhook or calls an HTTP API.
 *
 * <pre>{@code
 * try (RecordingHttpServer server = new RecordingHttpServer().answer(202, "{}")) {
 *   client.post(server.url("/v2/enqueue"), json);
 *   RecordingHttpServer.Request r = server.take();
 *   assertThat(r.header("Content-Type")).isEqualTo("application/json");
 * }
 * }</pre>
 *
 * <p>Its four handler threads and its dispatcher thread start in the constructor, so they do not change
 * a {@link Threads#live() snapshot} of the live threads taken later in the test. Every path is handled
 * alike. The answer may be changed between requests. Thread-safe. Use with try-with-resources:
 * {@link #close()} stops the server, ends a stalled body and stops its threads.
 */
public final class RecordingHttpServer implements AutoCloseable {

  /** How long {@link #take()} waits for a request: 5 seconds. */
  public static final Duration TAKE_TIMEOUT = Duration.ofSeconds(5);

  /** What a stalled body sends before it stalls. */
  private static final byte[] PARTIAL = "partial".getBytes(StandardCharsets.UTF_8);
  /** The Content-Length a stalled body announces. */
  private static final int STALLED_LENGTH = 1000;
  /** The longest a stalled body holds its handler thread if the server is not closed. */
  private static final Duration STALL_LIMIT = Duration.ofSeconds(30);

  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final HttpServer server;
  private final ThreadPoolExecutor pool;
  private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
  private final CountDownLatch release = new CountDownLatch(1);
  private volatile Answer answer = new Answer(200, "ok".getBytes(StandardCharsets.UTF_8), false);
  private volatile Map<String, String> responseHeaders = Map.of();

  /** A status, a body, and whether the body stalls; immutable, so a request sees one whole answer. */
  private static final class Answer {
    final int status;
    final byte[] body;
    final boolean stall;

    Answer(int status, byte[] body, boolean stall) {
      this.status = status;
      this.body = body;
      this.stall = stall;
    }
  }

  /**
   * Starts a server on a free port of 127.0.0.1, answering {@code 200 ok}.
   *
   * @throws UncheckedIOException if no port can be bound
   */
  public RecordingHttpServer() {
    try {
      server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 50);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    int id = SERVERS.incrementAndGet();
    AtomicInteger n = new AtomicInteger();
    pool = new ThreadPoolExecutor(4, 4, 1, TimeUnit.MINUTES, new LinkedBlockingQueue<>(), r -> {
      Thread t = new Thread(r, "recording-http-server-" + id + "-" + n.incrementAndGet());
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
    Answer a = answer;
    responseHeaders.forEach((k, v) -> ex.getResponseHeaders().set(k, v));
    if (a.stall) {
      ex.sendResponseHeaders(a.status, STALLED_LENGTH);
      OutputStream out = ex.getResponseBody();
      out.write(PARTIAL);
      out.flush();
      awaitRelease();
      ex.close();
      return;
    }
    ex.sendResponseHeaders(a.status, a.body.length == 0 ? -1 : a.body.length);
    try (OutputStream out = ex.getResponseBody()) {
      out.write(a.body);
    }
  }

  private void awaitRelease() {
    try {
      release.await(STALL_LIMIT.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  private static int checkStatus(int status) {
    if (status < 100 || status > 599) {
      throw new IllegalArgumentException("status must be an HTTP status from 100 to 599: " + status);
    }
    return status;
  }

  /**
   * Answers every later request with this status and body (UTF-8; an empty body is sent without one).
   *
   * @param status the HTTP status, 100 to 599
   * @param body the body, not null
   * @return this server
   * @throws IllegalArgumentException if the status is out of range
   * @throws NullPointerException if {@code body} is null
   */
  public RecordingHttpServer answer(int status, String body) {
    answer = new Answer(checkStatus(status), Objects.requireNonNull(body, "body").getBytes(StandardCharsets.UTF_8),
        false);
    return this;
  }

  /**
   * Adds these headers to every later answer, in place of those set before.
   *
   * @param headers header names and values, not null
   * @return this server
   * @throws NullPointerException if the map, a name or a value is null
   */
  public RecordingHttpServer headers(Map<String, String> headers) {
    this.responseHeaders = Map.copyOf(headers);
    return this;
  }

  /**
   * Answers every later request with this status, headers announcing a 1000-byte body, and then only
   * the 7 bytes {@code partial}: the body never ends until the server is closed (or 30 seconds pass).
   *
   * @param status the HTTP status, 100 to 599
   * @return this server
   * @throws IllegalArgumentException if the status is out of range
   */
  public RecordingHttpServer stallBody(int status) {
    answer = new Answer(checkStatus(status), PARTIAL, true);
    return this;
  }

  /**
   * The port it listens on.
   *
   * @return the port
   */
  public int port() {
    return server.getAddress().getPort();
  }

  /**
   * The base URL.
   *
   * @return such as {@code http://127.0.0.1:41234}, without a trailing slash
   */
  public String base() {
    return "http://127.0.0.1:" + port();
  }

  /**
   * A URL on this server.
   *
   * @param path the path and query, such as {@code /hooks/abc?x=1}, not null
   * @return {@link #base()} followed by the path
   * @throws NullPointerException if {@code path} is null
   */
  public String url(String path) {
    return base() + Objects.requireNonNull(path, "path");
  }

  /**
   * The oldest request not yet taken, waiting up to {@link #TAKE_TIMEOUT} for one.
   *
   * @return the request
   * @throws AssertionError if no request arrives in time
   * @throws InterruptedException if the calling thread is interrupted while waiting
   */
  public Request take() throws InterruptedException {
    Request r = requests.poll(TAKE_TIMEOUT.toNanos(), TimeUnit.NANOSECONDS);
    if (r == null) {
      throw new AssertionError("no request received within " + TAKE_TIMEOUT.toSeconds() + " s");
    }
    return r;
  }

  /**
   * How many requests are recorded and not yet taken.
   *
   * @return the count
   */
  public int pending() {
    return requests.size();
  }

  /** Ends a stalled body, stops the server and its threads. Idempotent. */
  @Override
  public void close() {
    release.countDown();
    server.stop(0);
    pool.shutdownNow();
  }

  @Override
  public String toString() {
    return "RecordingHttpServer[" + base() + "]";
  }

  /** One received request. Immutable. */
  public static final class Request {
    private final String method;
    private final String target;
    private final Map<String, List<String>> headers;
    private final byte[] body;

    Request(String method, String target, Map<String, List<String>> headers, byte[] body) {
      this.method = method;
      this.target = target;
      this.headers = Collections.unmodifiableMap(headers);
      this.body = body;
    }

    /**
     * The method.
     *
     * @return such as {@code POST}
     */
    public String method() {
      return method;
    }

    /**
     * The request target: path and query, as sent.
     *
     * @return such as {@code /hooks/abc?x=1}
     */
    public String target() {
      return target;
    }

    /**
     * Every header.
     *
     * @return an unmodifiable map whose keys are compared ignoring case, each to its values in order
     */
    public Map<String, List<String>> headers() {
      return headers;
    }

    /**
     * The first value of a header.
     *
     * @param name the header name, in any case, not null
     * @return its first value, or null when the request has no such header
     */
    public String header(String name) {
      List<String> v = headers.get(name);
      return v == null || v.isEmpty() ? null : v.get(0);
    }

    /**
     * The body's bytes.
     *
     * @return a copy of the body; empty when there was none
     */
    public byte[] body() {
      return body.clone();
    }

    /**
     * The body decoded as UTF-8.
     *
     * @return the text; empty when there was no body
     */
    public String text() {
      return new String(body, StandardCharsets.UTF_8);
    }

    @Override
    public String toString() {
      return method + " " + target + " (" + body.length + " bytes)";
    }
  }
}
