package dev.vitals.exporter.http;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.vitals.api.Clock;
import dev.vitals.api.HealthReport;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.MetricsWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * The {@code /health} endpoint on the JDK's built-in HTTP server ({@code com.sun.net.httpserver}).
 *
 * <pre>{@code
 * HttpEndpoint endpoint = HttpEndpoint.builder(monitor::report)
 *     .port(8080)
 *     .details(Details.ALWAYS)
 *     .start();
 * System.out.println("Health: " + endpoint.uri().resolve("health"));
 * }</pre>
 *
 * <p><b>Paths</b> ({@code GET} and {@code HEAD} only; any other method gets {@code 405} with
 * {@code Allow: GET, HEAD}; any other path {@code 404}; every answer carries
 * {@code Cache-Control: no-store}):
 * <ul>
 *   <li>{@code /health}: the whole service, {@code 200} for {@code UP} and {@code DEGRADED},
 *       {@code 503} for {@code DOWN} and {@code UNKNOWN};</li>
 *   <li>{@code /health/live}, {@code /health/ready}, {@code /health/started}: the probes of that
 *       group only; before a probe's first result readiness and startup answer {@code 503}, liveness
 *       {@code 200} (liveness fails on {@code DOWN} only);</li>
 *   <li>{@code /health/{name}}: one probe, {@code 404} for an unknown name (the three group names
 *       above take precedence over probes so named);</li>
 *   <li>{@code /metrics}: written by the first {@link MetricsWriter} found with
 *       {@link java.util.ServiceLoader} ({@code exporter-prometheus}), {@code 404} when there is none;</li>
 *   <li>{@code /status}: the human status page (HTML, no external assets, under a
 *       {@code Content-Security-Policy}), {@code 200}; with details ({@link Details#ALWAYS}, or
 *       {@link Details#AUTHORIZED} with the token) it shows every message and detail, without them
 *       names, statuses and figures only; with a {@link Builder#history history}, also 30- and 90-day
 *       uptime bars per probe and tracker and the incidents, read at most once a minute;</li>
 *   <li>{@code /history/{name}?from=&to=&step=}: a probe's or tracker's history as JSON, {@code 400}
 *       for a bad parameter, {@code 404} for an unknown name or when there is no history store;</li>
 *   <li>{@code /badge}, {@code /badge/{name}}: an SVG badge with the status and 30-day uptime of the
 *       service or of a probe or tracker ({@code image/svg+xml}, {@code Cache-Control: max-age=60, no-cache}).</li>
 * </ul>
 * Paths are matched as sent, before percent-decoding: no path and no probe name (see
 * {@link dev.vitals.api.Names}) holds a character that needs encoding, so a path with a
 * {@code %} escape, such as {@code /st%61tus} or {@code /health/d%62}, is answered {@code 404}.
 * Query strings are ignored but by {@code /history}. Every path answers {@code 503} while the supplier has no report yet.
 * Health answers are JSON ({@code application/json}), or the IETF draft format when the request's
 * {@code Accept} names {@code application/health+json}. They come from the latest report and are
 * rendered once per report (and second, for uptime), never by running a probe.
 *
 * <p><b>JDK server settings.</b> Starting an endpoint sets the system property
 * {@code sun.net.httpserver.nodelay=true} unless it is already set: without it every answer waits for
 * the client's delayed ACK (about 40 ms on Linux) because the server writes headers and body
 * separately. The JDK reads that property once, when its first server starts in the process, so an
 * {@link HttpServer} created earlier without it keeps Nagle's algorithm on. Other JDK properties apply
 * as usual ({@code sun.net.httpserver.idleInterval}, {@code sun.net.httpserver.maxReqHeaders},
 * {@code sun.net.httpserver.maxReqHeaderSize}, {@code jdk.httpserver.maxConnections}).
 *
 * <p><b>Threads and slow clients.</b> Exchanges run on the endpoint's own bounded pool of daemon
 * threads ({@code vitals-http-<port>-worker-<n>}): {@link Builder#threads(int)} threads with a
 * bounded queue, growing to {@link Builder#maxThreads(int)} while clients are slow; an exchange
 * that takes longer than {@link Builder#requestTimeout(Duration)} (a client that never finishes its
 * headers, or never reads the answer) is cut and its connection closed; when the pool is full a new
 * connection is closed at once rather than queued, and while every thread is taken an exchange older
 * than a second is cut. Those connections are <em>shed</em>: counted ({@link #shedConnections()}) and
 * logged at {@code WARN} on the logger {@code dev.vitals.exporter.http} at most once a minute, with
 * how many were shed since the last such line. The server's own dispatcher thread is not a daemon:
 * {@link #close()} the endpoint (the monitor does) to let the process exit.
 *
 * <p><b>Logging.</b> Through the SLF4J API, as the rest of Vitals: the start-up line at {@code INFO},
 * shed connections and failures to answer at {@code WARN}. Without an SLF4J provider nothing is logged.
 *
 * <p>Thread-safe. The report supplier is called on every request and must be cheap (a volatile read).
 */
public final class HttpEndpoint implements Exporter {

  /** The port when none is given. */
  public static final int DEFAULT_PORT = 8080;
  /** The address bound when none is given: loopback only. */
  public static final String DEFAULT_HOST = "127.0.0.1";
  /** The request timeout when none is given. */
  public static final Duration DEFAULT_REQUEST_TIMEOUT = Duration.ofSeconds(10);
  /** The queue length when none is given. */
  public static final int DEFAULT_QUEUE = 1024;
  /** The listen backlog when none is given: room for a burst of a thousand connections. */
  public static final int DEFAULT_BACKLOG = 1024;

  private static final String MAX_IDLE = "sun.net.httpserver.maxIdleConnections";
  /** The most threads when none is given: enough to keep serving while hundreds of clients are slow. */
  public static final int DEFAULT_MAX_THREADS = 256;

  static final String NODELAY = "sun.net.httpserver.nodelay";

  private final String host;
  private final int requestedPort;
  private final int backlog;
  private final int threads;
  private final int maxThreads;
  private final int queue;
  private final Duration requestTimeout;
  private final Details details;
  private final Clock clock;
  private final Responder responder;

  private final java.util.Map<String, com.sun.net.httpserver.HttpHandler> extraHandlers;
  private HttpServer server;
  private WorkerPool pool;
  private boolean closed;

  private HttpEndpoint(Builder b, int threads, int maxThreads) {
    this.host = b.host == null ? DEFAULT_HOST : b.host;
    this.requestedPort = b.port < 0 ? DEFAULT_PORT : b.port;
    this.backlog = b.backlog < 0 ? DEFAULT_BACKLOG : b.backlog;
    this.threads = threads;
    this.maxThreads = maxThreads;
    this.queue = b.queue > 0 ? b.queue : DEFAULT_QUEUE;
    this.requestTimeout = b.requestTimeout == null ? DEFAULT_REQUEST_TIMEOUT : b.requestTimeout;
    this.details = b.details == null ? Details.NEVER : b.details;
    this.clock = b.clock == null ? Clock.system() : b.clock;
    ClassLoader loader = HttpEndpoint.class.getClassLoader();
    Supplier<Optional<MetricsWriter>> lookup = b.metricsLookup != null
        ? b.metricsLookup : () -> Responder.findMetricsWriter(loader);
    this.responder = new Responder(b.reports, clock, details, b.token, lookup,
        b.statusPage != null ? b.statusPage : StatusPage::render,
        b.history != null ? b.history : Optional::empty);
    this.extraHandlers = java.util.Map.copyOf(b.handlers);
  }

  static int defaultThreads() {
    return Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
  }

  /**
   * A builder for an endpoint serving the given reports.
   *
   * @param reports the latest report on each call, cheap (a volatile read such as
   *     {@code monitor::report}); not null
   * @return a new builder
   * @throws NullPointerException if {@code reports} is null
   */
  public static Builder builder(Supplier<HealthReport> reports) {
    return new Builder(Objects.requireNonNull(reports, "reports"));
  }

  /**
   * Binds the port and starts serving.
   *
   * @return this endpoint
   * @throws IOException if the address cannot be bound (a port in use ...) or the host is unknown
   * @throws IllegalStateException if it was started before
   */
  public synchronized HttpEndpoint start() throws IOException {
    if (server != null || closed) {
      throw new IllegalStateException("an HttpEndpoint starts once");
    }
    useNoDelay();
    InetSocketAddress address = new InetSocketAddress(InetAddress.getByName(host), requestedPort);
    HttpServer s = HttpServer.create(address, backlog);
    WorkerPool p = new WorkerPool("vitals-http-" + s.getAddress().getPort(), threads, maxThreads, queue,
        requestTimeout, clock, "endpoint on port " + s.getAddress().getPort());
    try {
      s.setExecutor(p);
      s.createContext("/", this::handle);
      extraHandlers.forEach(s::createContext);
      s.start();
    } catch (RuntimeException e) {
      p.close();
      s.stop(0);
      throw e;
    }
    server = s;
    pool = p;
    String started = "Vitals HTTP endpoint at " + uri().resolve("health") + " (details: " + details.id() + ")";
    // logged by the pool's watchdog thread: the first log line of a process sets up the logging backend
    // (tens of milliseconds), which the caller, on its way to serving, need not wait for
    p.announce(() -> start(started));
    return this;
  }

  /** Logs the start-up line; named {@code start} so that the log shows the same source method as before. */
  private static void start(String line) {
    Log.LOG.info(line);
  }

  /**
   * Sets {@code sun.net.httpserver.nodelay=true} and {@code sun.net.httpserver.maxIdleConnections}
   * (to the default backlog) unless they are already set. Must run before
   * the first JDK HTTP server of the process is created, which reads it once.
   */
  static void useNoDelay() {
    if (System.getProperty(NODELAY) == null) {
      System.setProperty(NODELAY, "true");
    }
    // the JDK keeps only 200 idle kept-alive connections by default and closes the others, which
    // under many clients turns into read errors and reconnects; keep as many as the backlog
    if (System.getProperty(MAX_IDLE) == null) {
      System.setProperty(MAX_IDLE, Integer.toString(DEFAULT_BACKLOG));
    }
  }

  /**
   * {@inheritDoc}
   *
   * @return {@code http}
   */
  @Override
  public String name() {
    return "http";
  }

  /**
   * The port it listens on: the one configured, or the one the system chose for port 0.
   *
   * @return the port
   * @throws IllegalStateException if it is not started
   */
  public synchronized int port() {
    return address().getPort();
  }

  /**
   * The address it listens on.
   *
   * @return the bound address
   * @throws IllegalStateException if it is not started
   */
  public synchronized InetSocketAddress address() {
    if (server == null) {
      throw new IllegalStateException("not started");
    }
    return server.getAddress();
  }

  /**
   * The base URI, such as {@code http://127.0.0.1:8080/}; {@code uri().resolve("health")} is the
   * health endpoint.
   *
   * @return the URI, ending with {@code /}
   * @throws IllegalStateException if it is not started
   */
  public synchronized URI uri() {
    InetSocketAddress a = address();
    try {
      return new URI("http", null, a.getAddress().getHostAddress(), a.getPort(), "/", null, null);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Stops serving and closes the port and threads. Idempotent; never throws.
   */
  @Override
  public synchronized void close() {
    closed = true;
    if (server != null) {
      try {
        server.stop(0);
      } catch (RuntimeException e) {
        Log.LOG.debug("Stopping the HTTP server: {}", e.toString());
      }
      pool.close();
    }
  }

  /**
   * How many connections the endpoint has shed since it started: closed at once because every thread
   * and queue place was taken, or cut after a second while every thread was taken (see the class
   * description). Slow clients cut at the request timeout while threads were left are not counted.
   *
   * @return the count; 0 before the endpoint is started
   */
  public synchronized long shedConnections() {
    return pool == null ? 0 : pool.shed();
  }

  /** The worker pool, for tests. */
  synchronized WorkerPool pool() {
    return pool;
  }

  /**
   * The settings it serves with, for logs: for example {@code HttpEndpoint{127.0.0.1:8080,
   * details=never, threads=4, max-threads=256, queue=1024, request-timeout=10s, backlog=1024}}.
   * Never the token.
   *
   * @return the host, requested port and settings
   */
  @Override
  public String toString() {
    return "HttpEndpoint{" + host + ":" + requestedPort + ", details=" + details.id() + ", threads=" + threads
        + ", max-threads=" + maxThreads + ", queue=" + queue + ", request-timeout="
        + dev.vitals.api.spi.Config.formatDuration(requestTimeout) + ", backlog=" + backlog + '}';
  }

  private void handle(HttpExchange exchange) throws IOException {
    try {
      String method = exchange.getRequestMethod();
      Headers in = exchange.getRequestHeaders();
      // the raw path: routing on the decoded one would let /st%61tus reach /status
      // runs on a worker of the pool, never on the server's dispatcher thread: /history, /badge and /status
      // may read the history store
      Response r = responder.respond(method, exchange.getRequestURI().getRawPath(),
          exchange.getRequestURI().getRawQuery(), in.getFirst("Accept"), in.getFirst("Authorization"));
      Headers out = exchange.getResponseHeaders();
      out.set("Content-Type", r.contentType);
      out.set("Cache-Control", r.cacheControl);
      if (r.allow != null) {
        out.set("Allow", r.allow);
      }
      if (r.wwwAuthenticate != null) {
        out.set("WWW-Authenticate", r.wwwAuthenticate);
      }
      if (r.contentSecurityPolicy != null) {
        out.set("Content-Security-Policy", r.contentSecurityPolicy);
        out.set("X-Content-Type-Options", "nosniff");
      }
      if ("HEAD".equals(method)) {
        out.set("Content-Length", Integer.toString(r.body.length));
        exchange.sendResponseHeaders(r.status, -1);
      } else {
        exchange.sendResponseHeaders(r.status, r.body.length);
        OutputStream body = exchange.getResponseBody();
        body.write(r.body);
        body.close();
      }
    } finally {
      exchange.close();
    }
  }

  /**
   * Builds an {@link HttpEndpoint}. Each setting is checked when given and may be given once.
   * {@link #build()} and {@link #start()} may be called more than once; each builds a new endpoint.
   * Not thread-safe.
   */
  public static final class Builder {
    private final Supplier<HealthReport> reports;
    private String host;
    private int port = -1;
    private Details details;
    private String token;
    private Clock clock;
    private int backlog = -1;
    private int threads;
    private int maxThreads;
    private int queue;
    private Duration requestTimeout;
    private Supplier<Optional<MetricsWriter>> metricsLookup;
    private Responder.PageRenderer statusPage;
    private Supplier<Optional<dev.vitals.api.History>> history;
    private final java.util.Map<String, com.sun.net.httpserver.HttpHandler> handlers = new java.util.LinkedHashMap<>();

    private Builder(Supplier<HealthReport> reports) {
      this.reports = reports;
    }

    /**
     * Serves a service's own routes from the same server, so one port carries both: requests whose
     * path starts with {@code path} go to {@code handler} (on the endpoint's bounded pool, under its
     * request timeout) instead of the health routes.
     *
     * @param path a path prefix such as {@code /api/}; must start with {@code /}, and must not be
     *     {@code /}, {@code /health}, {@code /metrics}, {@code /status}, {@code /history} or {@code /badge}
     *     or under them
     * @param handler the handler, not null
     * @return this builder
     * @throws IllegalArgumentException if the path is not allowed or already has a handler
     */
    public Builder handler(String path, com.sun.net.httpserver.HttpHandler handler) {
      Objects.requireNonNull(path, "path");
      Objects.requireNonNull(handler, "handler");
      if (!path.startsWith("/") || path.equals("/")) {
        throw new IllegalArgumentException("handler path '" + path + "' must start with / and not be /");
      }
      for (String reserved : new String[] {"/health", "/metrics", "/status", "/history", "/badge"}) {
        if (path.startsWith(reserved) || reserved.startsWith(path)) {
          throw new IllegalArgumentException("handler path '" + path + "' overlaps the endpoint's own " + reserved);
        }
      }
      if (handlers.putIfAbsent(path, handler) != null) {
        throw new IllegalArgumentException("handler path '" + path + "' already has a handler");
      }
      return this;
    }

    /**
     * The address to bind: an IP address or a host name ({@value HttpEndpoint#DEFAULT_HOST} by
     * default: loopback only; {@code 0.0.0.0} for every interface).
     *
     * @param host the host, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     * @throws IllegalStateException if already set
     */
    public Builder host(String host) {
      once(this.host == null, "host");
      Objects.requireNonNull(host, "host");
      if (host.isBlank()) {
        throw new IllegalArgumentException("host must not be blank");
      }
      this.host = host.trim();
      return this;
    }

    /**
     * The port ({@value HttpEndpoint#DEFAULT_PORT} by default; 0 lets the system choose one, see
     * {@link HttpEndpoint#port()}).
     *
     * @param port 0 to 65535
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder port(int port) {
      once(this.port < 0, "port");
      if (port < 0 || port > 65_535) {
        throw new IllegalArgumentException("port must be from 0 to 65535, was " + port);
      }
      this.port = port;
      return this;
    }

    /**
     * How much answers show ({@link Details#NEVER} by default). {@link Details#AUTHORIZED} needs
     * {@link #token(String)}.
     *
     * @param details the level, not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder details(Details details) {
      once(this.details == null, "details");
      this.details = Objects.requireNonNull(details, "details");
      return this;
    }

    /**
     * The bearer token that unlocks details with {@link Details#AUTHORIZED}. It is compared in
     * constant time and never logged or shown.
     *
     * @param token the token, not blank
     * @return this builder
     * @throws IllegalArgumentException if blank
     * @throws IllegalStateException if already set
     */
    public Builder token(String token) {
      once(this.token == null, "token");
      Objects.requireNonNull(token, "token");
      if (token.isBlank()) {
        throw new IllegalArgumentException("token must not be blank");
      }
      this.token = token;
      return this;
    }

    /**
     * The clock for uptime, the time shown in answers and the once-a-minute warning about shed
     * connections ({@link Clock#system()} by default).
     *
     * @param clock the clock, not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder clock(Clock clock) {
      once(this.clock == null, "clock");
      this.clock = Objects.requireNonNull(clock, "clock");
      return this;
    }

    /**
     * The listen backlog: connections the system holds before the server accepts them
     * ({@value HttpEndpoint#DEFAULT_BACKLOG} by default, capped by the system, on Linux by
     * {@code net.core.somaxconn}; 0 uses the JDK's default of 50). The JDK server accepts one
     * connection per turn of its event loop, so a burst of connections waits here.
     *
     * @param backlog 0 to 65535
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder backlog(int backlog) {
      once(this.backlog < 0, "backlog");
      if (backlog < 0 || backlog > 65_535) {
        throw new IllegalArgumentException("backlog must be from 0 to 65535, was " + backlog);
      }
      this.backlog = backlog;
      return this;
    }

    /**
     * The threads that serve normal load (by default twice the processors, at least 4).
     *
     * @param threads 1 to 1024
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder threads(int threads) {
      once(this.threads == 0, "threads");
      if (threads < 1 || threads > 1024) {
        throw new IllegalArgumentException("threads must be from 1 to 1024, was " + threads);
      }
      this.threads = threads;
      return this;
    }

    /**
     * The most threads, reached only while clients are slow ({@value HttpEndpoint#DEFAULT_MAX_THREADS}
     * by default). At least {@link #threads(int)}.
     *
     * @param maxThreads 1 to 4096
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder maxThreads(int maxThreads) {
      once(this.maxThreads == 0, "maxThreads");
      if (maxThreads < 1 || maxThreads > 4096) {
        throw new IllegalArgumentException("maxThreads must be from 1 to 4096, was " + maxThreads);
      }
      this.maxThreads = maxThreads;
      return this;
    }

    /**
     * How many exchanges may wait for a thread ({@value HttpEndpoint#DEFAULT_QUEUE} by default); when
     * the queue and the pool are full, a new connection is closed at once.
     *
     * @param queue 1 to 1000000
     * @return this builder
     * @throws IllegalArgumentException if out of range
     * @throws IllegalStateException if already set
     */
    public Builder queue(int queue) {
      once(this.queue == 0, "queue");
      if (queue < 1 || queue > 1_000_000) {
        throw new IllegalArgumentException("queue must be from 1 to 1000000, was " + queue);
      }
      this.queue = queue;
      return this;
    }

    /**
     * The longest an exchange may take, from the moment a server thread takes it up (its first
     * bytes have arrived) to the last byte of the answer (10 seconds by default); a slower client's
     * connection is closed. Precise to about 50 ms. A connection that sends nothing at all holds no
     * thread and is closed by the JDK server after {@code sun.net.httpserver.idleInterval} (30 s).
     *
     * @param requestTimeout at least 100 ms
     * @return this builder
     * @throws IllegalArgumentException if shorter
     * @throws IllegalStateException if already set
     */
    public Builder requestTimeout(Duration requestTimeout) {
      once(this.requestTimeout == null, "requestTimeout");
      Objects.requireNonNull(requestTimeout, "requestTimeout");
      if (requestTimeout.compareTo(Duration.ofMillis(100)) < 0) {
        throw new IllegalArgumentException("requestTimeout must be at least 100ms, was " + requestTimeout);
      }
      this.requestTimeout = requestTimeout;
      return this;
    }

    /**
     * Applies the {@code vitals.http.*} keys of a configuration, checked exactly as when a monitor
     * starts the endpoint from them ({@link HttpExporterFactory} lists the keys): for a program that
     * starts its own endpoint, with its own {@link #handler handlers}, from the configuration its
     * monitor reads. Keys outside {@code vitals.http.} are ignored. {@code vitals.http.enabled} must be
     * a boolean but is not consulted: the caller starts this endpoint either way. A setting the keys
     * leave out gets its default here, as with the exporter (details {@link Details#NEVER}, port
     * {@value HttpEndpoint#DEFAULT_PORT} ...).
     *
     * @param config the configuration with full keys (such as {@code vitals.http.port}), for example
     *     the monitor's resolved {@code config()}; not null
     * @return this builder
     * @throws dev.vitals.api.spi.ConfigException listing every bad or unknown {@code vitals.http.*} key
     *     at once, each with its full key, its value (never the token's) and what is allowed
     * @throws IllegalStateException if host, port, details, token, backlog, threads, max threads,
     *     queue or request timeout was already set on this builder
     */
    public Builder configure(dev.vitals.api.spi.Config config) {
      Objects.requireNonNull(config, "config");
      HttpSettings.apply(config.scoped(HttpExporterFactory.PREFIX), this);
      return this;
    }

    /**
     * The monitor's history across restarts, which {@code /history/{name}}, {@code /badge} and the status
     * page's 30- and 90-day bars show (without it {@code /history} answers {@code 404} saying no store is
     * configured, badges show the report's availability, and the page its last 24 hours only). A monitor
     * started from configuration passes its own; a program that starts its own endpoint passes
     * {@code monitor.history()} when it has one.
     *
     * @param history the history, not null
     * @return this builder
     * @throws IllegalStateException if already set
     */
    public Builder history(dev.vitals.api.History history) {
      Objects.requireNonNull(history, "history");
      return history(() -> Optional.of(history));
    }

    /** The history as the exporter's context gives it, asked on each use. */
    Builder history(Supplier<Optional<dev.vitals.api.History>> history) {
      once(this.history == null, "history");
      this.history = Objects.requireNonNull(history, "history");
      return this;
    }

    /** Replaces the ServiceLoader lookup of the metrics writer, for tests. */
    Builder metricsLookup(Supplier<Optional<MetricsWriter>> metricsLookup) {
      once(this.metricsLookup == null, "metricsLookup");
      this.metricsLookup = Objects.requireNonNull(metricsLookup, "metricsLookup");
      return this;
    }

    /** Replaces the status page, for tests. */
    Builder statusPage(Responder.PageRenderer statusPage) {
      once(this.statusPage == null, "statusPage");
      this.statusPage = Objects.requireNonNull(statusPage, "statusPage");
      return this;
    }

    /**
     * Builds an endpoint, not yet started.
     *
     * @return a new endpoint; call {@link HttpEndpoint#start()}
     * @throws IllegalStateException if details are {@link Details#AUTHORIZED} without a token, or
     *     {@code maxThreads} is below {@code threads}
     */
    public HttpEndpoint build() {
      if (details == Details.AUTHORIZED && token == null) {
        throw new IllegalStateException("details AUTHORIZED needs a token");
      }
      if (threads > 0 && maxThreads > 0 && maxThreads < threads) {
        throw new IllegalStateException("maxThreads (" + maxThreads + ") must be at least threads (" + threads + ")");
      }
      int t = threads > 0 ? threads : defaultThreads();
      int m = maxThreads > 0 ? maxThreads : Math.max(DEFAULT_MAX_THREADS, t);
      return new HttpEndpoint(this, Math.min(t, m), m);
    }

    /**
     * Builds and starts an endpoint.
     *
     * @return the started endpoint
     * @throws IOException if the address cannot be bound (a port in use ...) or the host is unknown
     * @throws IllegalStateException as {@link #build()}
     */
    public HttpEndpoint start() throws IOException {
      return build().start();
    }

    private static void once(boolean unset, String what) {
      if (!unset) {
        throw new IllegalStateException(what + " was already set");
      }
    }
  }
}
