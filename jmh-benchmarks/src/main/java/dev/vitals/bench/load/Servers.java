package dev.vitals.bench.load;

import com.codahale.metrics.health.HealthCheck;
import com.codahale.metrics.health.HealthCheckRegistry;
import com.codahale.metrics.health.annotation.Async;
import com.codahale.metrics.json.HealthCheckModule;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectWriter;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import com.sun.net.httpserver.HttpServer;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeResult;
import dev.vitals.core.HealthMonitor;
import dev.vitals.exporter.http.HttpEndpoint;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.SortedMap;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The three servers of the load test, each on {@code 127.0.0.1} and a free port, each a JDK
 * {@code HttpServer} with TCP_NODELAY on, a listen backlog of 1024 and the same worker pool sizes as
 * Vitals' endpoint by default (core {@code max(4, 2 x cores)}, at most 256, a queue of 1024).
 */
final class Servers {

  /** The property the JDK server reads, once, when its classes initialise. */
  static final String NODELAY = "sun.net.httpserver.nodelay";
  static final int BACKLOG = 1024;
  /** How many idle kept-alive connections the JDK server keeps (200 by default); read once. */
  static final String MAX_IDLE = "sun.net.httpserver.maxIdleConnections";

  private Servers() {}

  /** Turns TCP_NODELAY on for every JDK HttpServer of this JVM; call before the first server starts. */
  static void noDelay() {
    System.setProperty(NODELAY, "true");
  }

  /** A running server. */
  interface Running extends AutoCloseable {
    String name();

    int port();

    @Override
    void close();
  }

  /** A probe that hangs and ignores interruption, like a driver stuck in a read without a timeout. */
  static final class HangingProbe implements Probe {
    private final CountDownLatch release = new CountDownLatch(1);
    final AtomicInteger started = new AtomicInteger();

    @Override
    public String name() {
      return "payments";
    }

    @Override
    public ProbeDefaults defaults() {
      return ProbeDefaults.builder().interval(Duration.ofSeconds(1)).timeout(Duration.ofMillis(500)).critical(false)
          .build();
    }

    @Override
    public ProbeResult check() {
      started.incrementAndGet();
      while (release.getCount() > 0) {
        try {
          release.await();
        } catch (InterruptedException e) {
          // a hung dependency does not care: keep blocking
        }
      }
      return ProbeResult.up();
    }

    void release() {
      release.countDown();
    }
  }

  /**
   * Vitals: a monitor with a healthy probe and a non-critical probe that hangs (the service is
   * DEGRADED and {@code /health} answers 200), served by {@link HttpEndpoint} with its defaults.
   */
  static Running vitals() throws IOException {
    HangingProbe hanging = new HangingProbe();
    HealthMonitor monitor = HealthMonitor.builder()
        .probe(Probe.of("db", ProbeResult::up))
        .probe(hanging)
        .config(Map.of("vitals.probes.payments.failure-threshold", "1"))
        .discoverExporters(false)
        .build()
        .start();
    HttpEndpoint endpoint;
    try {
      endpoint = HttpEndpoint.builder(monitor::report).host("127.0.0.1").port(0).backlog(BACKLOG).start();
    } catch (IOException | RuntimeException e) {
      monitor.close();
      hanging.release();
      throw e;
    }
    int port = endpoint.port();
    return new Running() {
      @Override
      public String name() {
        return "vitals";
      }

      @Override
      public int port() {
        return port;
      }

      @Override
      public void close() {
        endpoint.close();
        hanging.release();
        monitor.close();
      }
    };
  }

  /** A Dropwizard health check that is always healthy, run every second in the background. */
  @Async(period = 1, unit = TimeUnit.SECONDS)
  static final class HealthyCheck extends HealthCheck {
    @Override
    protected Result check() {
      return Result.healthy();
    }
  }

  /** A Dropwizard health check that hangs and ignores interruption. */
  @Async(period = 1, unit = TimeUnit.SECONDS)
  static final class HangingCheck extends HealthCheck {
    private final CountDownLatch release = new CountDownLatch(1);

    @Override
    protected Result check() {
      while (release.getCount() > 0) {
        try {
          release.await();
        } catch (InterruptedException e) {
          // keep blocking
        }
      }
      return Result.healthy();
    }
  }

  /**
   * Dropwizard Metrics: a {@code HealthCheckRegistry} whose checks are {@code @Async} (the registry
   * wraps them in {@code AsyncHealthCheckDecorator}, which runs them on a schedule and caches the
   * result), a healthy one and one that hangs, answered as {@code HealthCheckServlet} answers (see
   * {@link #dropwizardHandler}): 200 when all are healthy, else 500. The hung check reports its initial state (HEALTHY) until the
   * decorator's healthy-result TTL expires (2 to 3 s here), then unhealthy: the answer becomes 500.
   */
  static Running dropwizard() throws IOException {
    ScheduledExecutorService scheduler = Executors.newScheduledThreadPool(2, daemon("dropwizard-health"));
    HealthCheckRegistry registry = new HealthCheckRegistry(scheduler);
    HangingCheck hanging = new HangingCheck();
    registry.register("db", new HealthyCheck());
    registry.register("payments", hanging);
    HttpServer server = server("dropwizard", dropwizardHandler(registry));
    return running("dropwizard", server, () -> {
      hanging.release.countDown();
      registry.shutdown();
      scheduler.shutdownNow();
    });
  }

  /**
   * Answers as Dropwizard's {@code HealthCheckServlet} (metrics-servlets) does, minus the servlet
   * container: the registry's (cached) results written by a Jackson {@code ObjectMapper} with
   * metrics-json's {@code HealthCheckModule}, created once when the handler is (the servlet's
   * {@code init}); 501 without checks, 200 when all are healthy, else 500; the servlet's
   * {@code Cache-Control}. The body is buffered to set {@code Content-Length}, as a container's
   * response buffer does for a small body.
   */
  static HttpHandler dropwizardHandler(HealthCheckRegistry registry) {
    ObjectWriter writer = new ObjectMapper().registerModule(new HealthCheckModule()).writer();
    return new HttpHandler() {
      @Override
      public void handle(HttpExchange exchange) throws IOException {
        SortedMap<String, HealthCheck.Result> results = registry.runHealthChecks();
        int status = results.isEmpty() ? 501 : allHealthy(results) ? 200 : 500;
        send(exchange, status, writer.writeValueAsBytes(results), "must-revalidate,no-cache,no-store");
      }
    };
  }

  private static boolean allHealthy(Map<String, HealthCheck.Result> results) {
    for (HealthCheck.Result r : results.values()) {
      if (!r.isHealthy()) {
        return false;
      }
    }
    return true;
  }

  /**
   * The same answer written by hand (no Jackson): the least any Dropwizard setup can do, a reference
   * for the start-up race, not a setup Dropwizard ships.
   */
  static HttpHandler dropwizardHandwrittenHandler(HealthCheckRegistry registry) {
    return new HttpHandler() {
      @Override
      public void handle(HttpExchange exchange) throws IOException {
        SortedMap<String, HealthCheck.Result> results = registry.runHealthChecks();
        StringBuilder b = new StringBuilder(256).append('{');
        for (Map.Entry<String, HealthCheck.Result> e : results.entrySet()) {
          HealthCheck.Result r = e.getValue();
          if (b.length() > 1) {
            b.append(',');
          }
          b.append('"').append(e.getKey()).append("\":{\"healthy\":").append(r.isHealthy())
              .append(",\"duration\":").append(r.getDuration())
              .append(",\"timestamp\":\"").append(r.getTimestamp()).append("\"}");
        }
        int status = results.isEmpty() ? 501 : allHealthy(results) ? 200 : 500;
        send(exchange, status, b.append('}').toString().getBytes(StandardCharsets.UTF_8),
            "must-revalidate,no-cache,no-store");
      }
    };
  }

  /** The server's own limit: the same JDK server answering a fixed byte array. */
  static Running fixedBytes() throws IOException {
    byte[] body = "{\"status\":\"UP\",\"checks\":[{\"name\":\"db\",\"status\":\"UP\"},{\"name\":\"payments\",\"status\":\"UP\"}]}"
        .getBytes(StandardCharsets.UTF_8);
    HttpServer server = server("fixed", exchange -> send(exchange, 200, body));
    return running("fixed", server, () -> { });
  }

  static HttpServer server(String name, HttpHandler handler) throws IOException {
    return server(name, 0, handler);
  }

  static HttpServer server(String name, int port, HttpHandler handler) throws IOException {
    HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getByName("127.0.0.1"), port), BACKLOG);
    int threads = Math.max(4, 2 * Runtime.getRuntime().availableProcessors());
    ThreadPoolExecutor pool = new ThreadPoolExecutor(threads, Math.max(256, threads), 60, TimeUnit.SECONDS,
        new ArrayBlockingQueue<>(1024), daemon(name + "-http"));
    pool.allowCoreThreadTimeOut(true);
    server.setExecutor(pool);
    server.createContext("/health", handler);
    server.start();
    return server;
  }

  private static Running running(String name, HttpServer server, Runnable onClose) {
    int port = server.getAddress().getPort();
    return new Running() {
      @Override
      public String name() {
        return name;
      }

      @Override
      public int port() {
        return port;
      }

      @Override
      public void close() {
        server.stop(0);
        ((ThreadPoolExecutor) server.getExecutor()).shutdownNow();
        onClose.run();
      }
    };
  }

  static void send(HttpExchange exchange, int status, byte[] body) throws IOException {
    send(exchange, status, body, "no-store");
  }

  static void send(HttpExchange exchange, int status, byte[] body, String cacheControl) throws IOException {
    try {
      exchange.getResponseHeaders().set("Content-Type", "application/json");
      exchange.getResponseHeaders().set("Cache-Control", cacheControl);
      exchange.sendResponseHeaders(status, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    } finally {
      exchange.close();
    }
  }

  /** Daemon threads named prefix-N (a class, not a lambda: the start-up race's children share it). */
  static java.util.concurrent.ThreadFactory daemon(String prefix) {
    AtomicInteger n = new AtomicInteger();
    return new java.util.concurrent.ThreadFactory() {
      @Override
      public Thread newThread(Runnable r) {
        Thread t = new Thread(r, prefix + "-" + n.incrementAndGet());
        t.setDaemon(true);
        return t;
      }
    };
  }
}
