package dev.vitals.demo;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthReport;
import dev.vitals.core.HealthMonitor;
import dev.vitals.exporter.http.Details;
import dev.vitals.exporter.http.HttpEndpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small service that embeds Vitals.
 *
 * <pre>
 * java -jar examples/demo/target/vitals-demo.jar [--port N] [--config FILE]
 * </pre>
 *
 * <p>Without {@code --config} it starts an H2 database and a real redis-server of its own and
 * monitors them, its own API (an HTTP probe) and its own port (a TCP probe); with {@code --config}
 * it monitors whatever the file names. Either way it serves {@code /health}, {@code /metrics},
 * {@code /status} and its API on 127.0.0.1, tracks {@code /api/echo} as {@code api}, and prints the
 * URLs. {@code -Dvitals.*} system properties override any setting.
 */
public final class VitalsDemo implements AutoCloseable {

  private final HttpEndpoint endpoint;
  private final HealthMonitor monitor;
  private final DemoDatabase database;
  private final DemoRedis redis;

  private VitalsDemo(HttpEndpoint endpoint, HealthMonitor monitor, DemoDatabase database, DemoRedis redis) {
    this.endpoint = endpoint;
    this.monitor = monitor;
    this.database = database;
    this.redis = redis;
  }

  /**
   * Runs the demo until the process is stopped.
   *
   * @param args {@code --port N}, {@code --config FILE}, {@code --help}
   * @throws Exception when it cannot start
   */
  public static void main(String[] args) throws Exception {
    long t0 = System.nanoTime();
    Integer port = null;
    Path config = null;
    boolean rules = false;
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port":
          port = parsePort(value(args, ++i, "--port"));
          break;
        case "--config":
          config = Path.of(value(args, ++i, "--config"));
          if (!Files.isReadable(config)) {
            fail("--config " + config + ": no such readable file");
          }
          break;
        case "--prometheus-rules":
          rules = true;
          break;
        case "-h":
        case "--help":
          usage(System.out);
          return;
        default:
          usage(System.err);
          fail("unknown argument '" + args[i] + "'");
      }
    }
    VitalsDemo demo;
    try {
      if (rules) {
        // the alerting rules Vitals evaluates itself, for a Prometheus that alerts on the exported metrics
        try (VitalsDemo d = start(0, config, systemOverrides())) {
          System.out.print(dev.vitals.exporter.prometheus.VitalsPrometheus.alertRules(d.report(), d.monitor.config()));
        }
        return;
      }
      demo = start(port == null ? 8080 : port, config, systemOverrides());
    } catch (dev.vitals.api.spi.ConfigException e) {
      fail(e.getMessage());
      return;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      demo.close();
      stopped.countDown();
    }, "vitals-demo-shutdown"));
    demo.printUrls(System.out, (System.nanoTime() - t0) / 1_000_000);
    stopped.await();
  }

  /**
   * Starts the demo.
   *
   * @param port the port for every endpoint; 0 for a free one
   * @param config a properties file naming what to monitor, or null for the embedded defaults
   * @param overrides settings applied last (for example {@code vitals.probes.db.interval})
   * @return the running demo; close it to stop
   * @throws IOException when the port cannot be bound or a file cannot be read
   * @throws SQLException when the embedded database cannot start
   */
  public static VitalsDemo start(int port, Path config, Map<String, String> overrides) throws IOException, SQLException {
    AtomicReference<HealthMonitor> ref = new AtomicReference<>();
    AtomicReference<DemoApi> api = new AtomicReference<>();
    Clock clock = Clock.system();
    HttpEndpoint.Builder endpointBuilder = HttpEndpoint.builder(() -> {
      HealthMonitor m = ref.get();
      return m == null ? null : m.report();
    }).port(port).clock(clock).handler("/api/", exchange -> {
      DemoApi a = api.get();
      if (a == null) {
        exchange.sendResponseHeaders(503, -1);
        exchange.close();
      } else {
        a.handle(exchange);
      }
    });
    Map<String, String> settings = new LinkedHashMap<>();
    if (config != null) {
      Properties p = new Properties();
      try (var in = Files.newBufferedReader(config)) {
        p.load(in);
      }
      p.stringPropertyNames().forEach(k -> settings.put(k, p.getProperty(k)));
    }
    settings.putAll(overrides);
    String details = settings.getOrDefault("vitals.http.details", "always");
    endpointBuilder.details(Details.parse(details));
    if (settings.containsKey("vitals.http.token")) {
      endpointBuilder.token(settings.get("vitals.http.token"));
    }
    HttpEndpoint endpoint = endpointBuilder.start();
    DemoDatabase database = null;
    DemoRedis redis = null;
    HealthMonitor monitor;
    try {
      int bound = endpoint.port();
      Map<String, String> all = new LinkedHashMap<>();
      if (config == null) {
        database = new DemoDatabase("vitals-demo");
        redis = new DemoRedis();
        all.putAll(defaults(bound, database.url(), redis.port()));
      }
      all.putAll(settings);
      // the demo serves the endpoint itself (with its API beside it), so the exporter stays off
      all.put("vitals.http.enabled", "false");
      all.remove("vitals.http.port");
      monitor = HealthMonitor.builder().clock(clock).config(all).build();
      api.set(new DemoApi(monitor.tracker("api"), clock, redis));
      ref.set(monitor.start());
    } catch (RuntimeException | IOException | SQLException e) {
      endpoint.close();
      closeQuietly(database);
      closeQuietly(redis);
      throw e;
    }
    return new VitalsDemo(endpoint, monitor, database, redis);
  }

  /** What the demo monitors without {@code --config}. */
  static Map<String, String> defaults(int port, String dbUrl, int redisPort) {
    Map<String, String> m = new LinkedHashMap<>();
    m.put("vitals.probes.db.type", "jdbc");
    m.put("vitals.probes.db.url", dbUrl);
    m.put("vitals.probes.db.username", "sa");
    m.put("vitals.probes.db.validation-query", "SELECT DEMO_DELAY()");
    m.put("vitals.probes.db.interval", "5s");
    m.put("vitals.probes.db.timeout", "2s");
    m.put("vitals.probes.cache.type", "redis");
    m.put("vitals.probes.cache.url", "redis://127.0.0.1:" + redisPort);
    m.put("vitals.probes.cache.critical", "false");
    m.put("vitals.probes.cache.interval", "5s");
    m.put("vitals.probes.echo.type", "http");
    m.put("vitals.probes.echo.url", "http://127.0.0.1:" + port + "/api/echo?delayMs=1");
    m.put("vitals.probes.echo.interval", "5s");
    m.put("vitals.probes.self.type", "tcp");
    m.put("vitals.probes.self.url", "tcp://127.0.0.1:" + port);
    m.put("vitals.probes.self.kinds", "liveness,startup");
    m.put("vitals.probes.self.interval", "5s");
    m.put("vitals.probes.self.timeout", "1s");
    return m;
  }

  /**
   * The base URI of the endpoints.
   *
   * @return for example {@code http://127.0.0.1:8080/}
   */
  public URI uri() {
    return endpoint.uri();
  }

  /**
   * The latest report.
   *
   * @return the report
   */
  public HealthReport report() {
    return monitor.report();
  }

  void printUrls(PrintStream out, long startMillis) {
    URI u = uri();
    out.println("Vitals demo is up (" + startMillis + " ms). Endpoints on " + u + ":");
    out.println("  health        " + u.resolve("health") + "   (live: /health/live, ready: /health/ready, "
        + "started: /health/started, one probe: /health/db)");
    out.println("  metrics       " + u.resolve("metrics"));
    out.println("  status page   " + u.resolve("status"));
    out.println("  demo API      " + u.resolve("api/echo?delayMs=120&fail=false") + "   (tracked as 'api')");
    if (redis != null) {
      out.println("  break things  " + u.resolve("api/chaos?redis=stop") + "   (redis=start, dbDelayMs=150, dbDelayMs=0)");
    }
    out.println("Monitoring: " + String.join(", ", report().probes().stream().map(p -> p.name() + " (" + p.type() + ")")
        .toList()) + ". Ctrl-C stops.");
  }

  @Override
  public void close() {
    endpoint.close();
    monitor.close();
    closeQuietly(database);
    closeQuietly(redis);
  }

  private static void closeQuietly(AutoCloseable c) {
    if (c != null) {
      try {
        c.close();
      } catch (Exception e) {
        System.err.println("vitals-demo: " + e.getMessage());
      }
    }
  }

  private static Map<String, String> systemOverrides() {
    Map<String, String> m = new LinkedHashMap<>();
    for (String k : System.getProperties().stringPropertyNames()) {
      if (k.startsWith("vitals.")) {
        m.put(k, System.getProperty(k));
      }
    }
    return m;
  }

  private static String value(String[] args, int i, String option) {
    if (i >= args.length) {
      fail(option + " needs a value");
    }
    return args[i];
  }

  private static int parsePort(String text) {
    try {
      int p = Integer.parseInt(text);
      if (p >= 0 && p <= 65_535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    fail("--port '" + text + "' is not allowed: expected a port from 0 to 65535");
    return -1;
  }

  private static void usage(PrintStream out) {
    out.println("usage: java -jar vitals-demo.jar [--port N] [--config FILE] [--prometheus-rules]");
    out.println("  --port N       port for /health, /metrics, /status and /api on 127.0.0.1 (default 8080; 0: any free port)");
    out.println("  --config FILE  monitor what this properties file names (vitals.probes.<name>.type = jdbc|redis|http|tcp ...)");
    out.println("                 instead of the embedded H2 database and redis-server");
    out.println("  --prometheus-rules  print the Prometheus alerting rules for this configuration and exit");
    out.println("  -Dvitals.<key>=<value> overrides any setting, e.g. -Dvitals.probes.db.interval=1s");
  }

  private static void fail(String message) {
    System.err.println("vitals-demo: " + message);
    System.exit(2);
  }
}
