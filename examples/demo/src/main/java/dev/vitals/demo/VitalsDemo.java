package dev.vitals.demo;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthReport;
import dev.vitals.api.Redaction;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.core.HealthMonitor;
import dev.vitals.exporter.http.HttpEndpoint;
import dev.vitals.exporter.grpc.GrpcExporterFactory;
import dev.vitals.exporter.logging.LoggingExporterFactory;
import dev.vitals.exporter.micrometer.MicrometerExporterFactory;
import java.io.IOException;
import java.io.PrintStream;
import java.net.BindException;
import java.net.URI;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A small service that embeds Vitals, and a stand-alone monitor.
 *
 * <pre>
 * java -jar examples/demo/target/vitals-demo.jar [--port N] [--config FILE] [--drivers DIR]
 * </pre>
 *
 * <p>Without {@code --config} it starts an H2 database and a real redis-server of its own and
 * monitors them, its own API (an HTTP probe) and its own port (a TCP probe); with {@code --config}
 * it monitors whatever the file names. Either way it serves {@code /health}, {@code /metrics},
 * {@code /status} and its API (on 127.0.0.1 unless {@code vitals.http.host} says otherwise), tracks
 * {@code /api/echo} as {@code api}, and prints the URLs. {@code -Dvitals.*} system properties override
 * any setting.
 *
 * <p>Every key is applied or refused: the engine's keys by {@link HealthMonitor.Builder#build()}, the
 * endpoint's {@code vitals.http.*} keys by {@link HttpEndpoint.Builder#configure(Config)}, and the demo's
 * own {@code vitals.demo.drivers} here. Every mistake is reported at once, in one message, before anything
 * starts; the process then exits with status 2, as it does when its port is in use.
 */
public final class VitalsDemo implements AutoCloseable {

  static final String PORT = "vitals.http.port";
  static final String DETAILS = "vitals.http.details";
  static final String ENABLED = "vitals.http.enabled";
  private static final String DEMO_PREFIX = "vitals.demo.";
  private static final String HTTP_PREFIX = "vitals.http.";
  private static final String USAGE_HINT = "run java -jar vitals-demo.jar --help for the options";

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
   * What the command line asks for.
   *
   * @param port {@code --port}, or null
   * @param config {@code --config}, or null for the embedded defaults
   * @param overrides settings applied last ({@code --drivers} and {@code -Dvitals.*})
   * @param problems what is wrong with the command line itself
   */
  record Launch(Integer port, Path config, Map<String, String> overrides, List<String> problems) {}

  /**
   * Runs the demo until the process is stopped. Exits with status 2, after one message listing every
   * problem, when it cannot start.
   *
   * @param args {@code --port N}, {@code --config FILE}, {@code --drivers DIR}, {@code --prometheus-rules},
   *     {@code --prometheus-recording-rules}, {@code --help}
   * @throws InterruptedException when interrupted while running
   */
  public static void main(String[] args) throws InterruptedException {
    long t0 = System.nanoTime();
    Integer port = null;
    Path config = null;
    String drivers = null;
    boolean rules = false;
    boolean recordingRules = false;
    List<String> problems = new ArrayList<>();
    for (int i = 0; i < args.length; i++) {
      switch (args[i]) {
        case "--port":
          port = parsePort(value(args, ++i, "--port", problems), problems);
          break;
        case "--config":
          String file = value(args, ++i, "--config", problems);
          config = file == null ? null : Path.of(file);
          break;
        case "--drivers":
          drivers = value(args, ++i, "--drivers", problems);
          break;
        case "--prometheus-rules":
          rules = true;
          break;
        case "--prometheus-recording-rules":
          recordingRules = true;
          break;
        case "-h":
        case "--help":
          usage(System.out);
          return;
        default:
          problems.add("unknown argument '" + args[i] + "': expected --port N, --config FILE, --drivers DIR,"
              + " --prometheus-rules, --prometheus-recording-rules or --help");
      }
    }
    if (recordingRules && !rules && problems.isEmpty()) {
      // the fleet's recording rules hold for every configuration: nothing to start
      System.out.print(dev.vitals.exporter.prometheus.VitalsPrometheus.recordingRules());
      return;
    }
    Map<String, String> overrides = new LinkedHashMap<>();
    if (drivers != null) {
      overrides.put(DriverFolder.KEY, drivers);
    }
    overrides.putAll(systemOverrides());
    if (rules) {
      overrides.put(PORT, "0"); // nothing is served: any free port
    }
    VitalsDemo demo;
    try {
      demo = start(new Launch(port, config, overrides, problems));
      if (rules) {
        // the alerting rules Vitals evaluates itself, for a Prometheus that alerts on the exported metrics
        try (VitalsDemo d = demo) {
          System.out.print(dev.vitals.exporter.prometheus.VitalsPrometheus.alertRules(d.report(), d.monitor.config()));
        }
        return;
      }
    } catch (ConfigException e) {
      fail(e.getMessage() + (e.getMessage().contains("unknown argument") ? "\n" + USAGE_HINT : ""));
      return;
    } catch (Exception | LinkageError e) {
      fail("cannot start: " + Redaction.redact(String.valueOf(e)));
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
   * @throws ConfigException listing every bad setting, or naming the port when it is in use
   * @throws IOException when the embedded redis-server cannot start
   * @throws SQLException when the embedded database cannot start
   */
  public static VitalsDemo start(int port, Path config, Map<String, String> overrides) throws IOException, SQLException {
    return start(new Launch(port, config, overrides, List.of()));
  }

  static VitalsDemo start(Launch launch) throws IOException, SQLException {
    List<String> problems = new ArrayList<>(launch.problems());
    Map<String, String> settings = new LinkedHashMap<>();
    if (launch.config() != null) {
      Optional<Map<String, String>> file = ConfigFile.read(launch.config(), problems);
      if (file.isEmpty()) {
        throw new ConfigException(problems); // nothing more to check without the file
      }
      settings.putAll(file.get());
    }
    if (launch.port() != null) {
      settings.put(PORT, Integer.toString(launch.port()));
    }
    settings.putAll(launch.overrides());
    settings.putIfAbsent(PORT, Integer.toString(HttpEndpoint.DEFAULT_PORT));
    settings.putIfAbsent(DETAILS, "always"); // a demo shows what it measures

    // the demo's own keys, the endpoint's and the engine's
    Map<String, String> http = new TreeMap<>();
    Map<String, String> engine = new LinkedHashMap<>();
    for (Map.Entry<String, String> e : settings.entrySet()) {
      String key = e.getKey();
      if (key.startsWith(HTTP_PREFIX)) {
        http.put(key, e.getValue());
      } else if (key.startsWith(DEMO_PREFIX)) {
        if (!key.equals(DriverFolder.KEY)) {
          problems.add(key + " is not a known key: expected " + DriverFolder.KEY + " (a folder of JDBC driver jars)");
        } else if (!e.getValue().isBlank()) {
          DriverFolder.load(e.getValue().trim(), problems);
        }
      } else {
        engine.put(key, e.getValue());
      }
    }
    try {
      if (Config.of(engine).bool("vitals.micrometer.enabled", false)) {
        problems.add(ConfigException.describe("vitals.micrometer.enabled", "true",
            "false: the demo does not include exporter-micrometer"));
      }
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }

    // the endpoint: its keys resolved (${NAME}, VITALS_HTTP_* variables) and checked as the library does
    Clock clock = Clock.system();
    AtomicReference<HealthMonitor> ref = new AtomicReference<>();
    AtomicReference<DemoApi> api = new AtomicReference<>();
    HttpEndpoint.Builder endpointBuilder = HttpEndpoint.builder(() -> {
      HealthMonitor m = ref.get();
      return m == null ? null : m.report();
    }).clock(clock).handler("/api/", exchange -> {
      DemoApi a = api.get();
      if (a == null) {
        exchange.sendResponseHeaders(503, -1);
        exchange.close();
      } else {
        a.handle(exchange);
      }
    });
    Config httpConfig = resolve(http, problems);
    if (httpConfig != null) {
      try {
        endpointBuilder.configure(httpConfig);
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      }
      try {
        if (!httpConfig.bool(ENABLED, true)) {
          problems.add(ConfigException.describe(ENABLED, httpConfig.get(ENABLED).orElse(""),
              "true: the demo always serves its endpoint (remove the key)"));
        }
      } catch (ConfigException e) {
        // not a boolean: configure reported it
      }
    }

    if (launch.config() == null && !"0".equals(settings.get(PORT)) && !engine.containsKey("vitals.history.type")) {
      // the embedded demo keeps its history across restarts, per port (port 0, a test's, keeps none)
      engine.putIfAbsent("vitals.history.dir", defaultHistoryDir(settings.get(PORT)).toString());
    }

    if (engine.containsKey("vitals.history.dir") || engine.containsKey("vitals.history.type")) {
      // /history, /badge and the status page's bars read the monitor's history once it has started
      endpointBuilder.history(new MonitorHistory(ref::get));
    }

    // the engine's keys: checked before anything starts
    HealthMonitor checked = null;
    if (launch.config() != null) {
      checked = build(engine, clock, problems); // stand-alone: nothing of the demo's to start first
      if (checked != null) {
        checkDrivers(checked.config(), problems);
      }
    } else if (!problems.isEmpty()) {
      // the embedded defaults need the bound port; check the user's keys on top of stand-ins to list every problem
      Map<String, String> all = new LinkedHashMap<>(defaults("127.0.0.1", HttpEndpoint.DEFAULT_PORT,
          "jdbc:h2:mem:vitals-demo-check", 6379));
      all.putAll(engine);
      closeQuietly(build(all, clock, problems));
    }
    if (!problems.isEmpty()) {
      closeQuietly(checked);
      throw new ConfigException(problems);
    }

    HttpEndpoint endpoint;
    try {
      endpoint = endpointBuilder.start();
    } catch (BindException e) {
      closeQuietly(checked);
      throw new ConfigException(List.of(bindProblem(httpConfig, e)));
    } catch (IOException | RuntimeException e) {
      closeQuietly(checked);
      throw e;
    }
    DemoDatabase database = null;
    DemoRedis redis = null;
    HealthMonitor monitor = checked;
    try {
      if (monitor == null) {
        database = new DemoDatabase("vitals-demo");
        redis = new DemoRedis();
        URI self = endpoint.uri();
        String host = endpoint.address().getAddress().isAnyLocalAddress() ? "127.0.0.1" : self.getHost();
        Map<String, String> all = new LinkedHashMap<>(defaults(host, endpoint.port(), database.url(), redis.port()));
        all.putAll(engine);
        monitor = build(all, clock, problems);
        if (monitor != null) {
          checkDrivers(monitor.config(), problems);
        }
      }
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      api.set(new DemoApi(monitor.tracker("api"), clock, redis));
      ref.set(monitor.start());
    } catch (RuntimeException | IOException | SQLException e) {
      endpoint.close();
      closeQuietly(monitor);
      closeQuietly(database);
      closeQuietly(redis);
      throw e;
    }
    return new VitalsDemo(endpoint, monitor, database, redis);
  }

  /** Builds the monitor (its endpoint is the demo's own), or adds its problems and returns null. */
  private static HealthMonitor build(Map<String, String> settings, Clock clock, List<String> problems) {
    try {
      return HealthMonitor.builder().clock(clock).config(settings)
          .discoverExporters(false).exporterFactory(new LoggingExporterFactory())
          // the gRPC health service (vitals.grpc.port) and Micrometer (vitals.micrometer.enabled) when their keys say
          .exporterFactory(new GrpcExporterFactory()).exporterFactory(new MicrometerExporterFactory()).build();
    } catch (ConfigException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  /**
   * The endpoint's keys as the monitor resolves them ({@code ${NAME}} references, {@code VITALS_HTTP_*}
   * variables), or null after adding the problems.
   */
  private static Config resolve(Map<String, String> http, List<String> problems) {
    Map<String, String> env = new LinkedHashMap<>();
    System.getenv().forEach((k, v) -> {
      // other VITALS_ variables are the engine's (it warns about unknown ones): not shown to this monitor
      if (!k.startsWith("VITALS_") || k.startsWith("VITALS_HTTP_") || k.equals("VITALS_TOKEN")) {
        env.put(k, v);
      }
    });
    // vitals.http.* claimed (the endpoint builder's configure() checks them, every one, after this)
    try (HealthMonitor keys = HealthMonitor.builder().config(http).environment(env).discoverExporters(false)
        .exporterFactory(new HttpKeys()).build()) {
      return keys.config();
    } catch (ConfigException e) {
      problems.addAll(e.problems());
      return null;
    }
  }

  /**
   * Claims {@code vitals.http.*} for the monitor that only resolves them (it is never started); the
   * demo's endpoint checks and applies them with {@link HttpEndpoint.Builder#configure(Config)}.
   */
  private static final class HttpKeys implements dev.vitals.api.spi.ExporterFactory {
    @Override
    public String name() {
      return "http";
    }

    @Override
    public Optional<dev.vitals.api.spi.Exporter> create(dev.vitals.api.spi.ExporterContext context) {
      return Optional.empty(); // never started: the demo serves its own endpoint
    }
  }

  /** A JDBC probe whose URL no driver takes can never work: a start-up problem in a stand-alone monitor. */
  static void checkDrivers(Config config, List<String> problems) {
    for (String key : config.keys()) {
      if (!key.startsWith("vitals.probes.") || !key.endsWith(".type") || !config.get(key).orElse("").equals("jdbc")) {
        continue;
      }
      String prefix = key.substring(0, key.length() - "type".length());
      if (!config.bool(prefix + "enabled", true)) {
        continue;
      }
      Optional<String> url = config.get(prefix + "url");
      if (url.isEmpty()) {
        continue;
      }
      try {
        DriverManager.getDriver(url.get());
      } catch (SQLException e) {
        problems.add(prefix + "url: no JDBC driver in the demo accepts a '" + scheme(url.get()) + "' URL: expected"
            + " jdbc:postgresql:, jdbc:mariadb:, jdbc:mysql: with permitMysqlScheme (jdbc:mysql://host/db?permitMysqlScheme,"
            + " for MariaDB's driver), jdbc:h2:, or the driver's jar in the folder --drivers DIR (" + DriverFolder.KEY + ")");
      }
    }
  }

  /** {@code jdbc:oracle:} of {@code jdbc:oracle:thin:user/pw@host}: never more, as the rest may hold a secret. */
  static String scheme(String url) {
    int first = url.indexOf(':');
    int second = first < 0 ? -1 : url.indexOf(':', first + 1);
    String s = second < 0 ? "" : url.substring(0, second + 1);
    return s.length() <= 40 && s.matches("[A-Za-z][A-Za-z0-9+._-]*:[A-Za-z0-9+._-]+:") ? s : "(unrecognised)";
  }

  private static String bindProblem(Config http, BindException e) {
    String host = http.string("vitals.http.host", HttpEndpoint.DEFAULT_HOST);
    String port = http.string(PORT, Integer.toString(HttpEndpoint.DEFAULT_PORT));
    String why = String.valueOf(e.getMessage());
    if (why.toLowerCase(java.util.Locale.ROOT).contains("in use")) {
      return ConfigException.describe(PORT, port, "a free port: " + host + ":" + port + " is already in use by another"
          + " process (set --port N or " + PORT + "; 0 takes any free port)");
    }
    return ConfigException.describe("vitals.http.host", host, "an address of this machine: binding " + host + ":" + port
        + " failed (" + why + ")");
  }

  /** Where the embedded demo keeps its history: {@code vitals-demo-<port>} in the temporary directory. */
  static Path defaultHistoryDir(String port) {
    return Path.of(System.getProperty("java.io.tmpdir"), "vitals-demo-" + port);
  }

  /** What the demo monitors without {@code --config}; {@code host} and {@code port} are its endpoint's. */
  static Map<String, String> defaults(String host, int port, String dbUrl, int redisPort) {
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
    m.put("vitals.probes.echo.url", "http://" + host + ":" + port + "/api/echo?delayMs=1");
    m.put("vitals.probes.echo.interval", "5s");
    m.put("vitals.probes.self.type", "tcp");
    m.put("vitals.probes.self.url", "tcp://" + host + ":" + port);
    m.put("vitals.probes.self.kinds", "liveness,startup");
    m.put("vitals.probes.self.interval", "5s");
    m.put("vitals.probes.self.timeout", "1s");
    // process-local liveness (probes-jvm): the monitor's own runs on time, and no deadlocked thread
    m.put("vitals.probes.heartbeat.type", "heartbeat");
    m.put("vitals.probes.heartbeat.interval", "5s");
    m.put("vitals.probes.deadlock.type", "deadlock");
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
    if (monitor.history().isPresent()) {
      out.println("  history       " + u.resolve("history/db") + "   (badge: /badge/db; kept in "
          + monitor.report().history().map(h -> h.store()).orElse("the store") + ")");
    }
    out.println("  served by     " + endpoint);
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

  private static String value(String[] args, int i, String option, List<String> problems) {
    if (i >= args.length) {
      problems.add(option + " needs a value");
      return null;
    }
    return args[i];
  }

  private static Integer parsePort(String text, List<String> problems) {
    if (text == null) {
      return null;
    }
    try {
      int p = Integer.parseInt(text.trim());
      if (p >= 0 && p <= 65_535) {
        return p;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    problems.add("--port '" + text + "' is not allowed: expected a port from 0 to 65535");
    return null;
  }

  private static void usage(PrintStream out) {
    out.println("usage: java -jar vitals-demo.jar [--port N] [--config FILE] [--drivers DIR] [--prometheus-rules]"
        + " [--prometheus-recording-rules]");
    out.println("  --port N       port for /health, /metrics, /status and /api (default 8080; 0: any free port);"
        + " same as vitals.http.port");
    out.println("  --config FILE  monitor what this properties file names (vitals.probes.<name>.type = jdbc|redis|http|tcp|kafka|rabbitmq|grpc|smtp|dns|heartbeat|deadlock|memory|disk|file-descriptors|threads)");
    out.println("                 instead of the embedded H2 database and redis-server; UTF-8, or ISO-8859-1 if not UTF-8");
    out.println("  --drivers DIR  load the JDBC driver jars in DIR (vitals.demo.drivers); PostgreSQL, MariaDB/MySQL");
    out.println("                 and H2 drivers are built in");
    out.println("  --prometheus-rules  print the Prometheus alerting rules for this configuration and exit");
    out.println("  --prometheus-recording-rules  print the Prometheus recording rules for the fleet (each service"
        + " across its instances) and exit");
    out.println("  java -Dvitals.<key>=<value> -jar vitals-demo.jar ... overrides any setting,"
        + " e.g. -Dvitals.probes.db.interval=1s");
    out.println("Exit status 2 when it cannot start: one message lists every problem.");
  }

  private static void fail(String message) {
    System.err.println("vitals-demo: " + message);
    System.exit(2);
  }
}
