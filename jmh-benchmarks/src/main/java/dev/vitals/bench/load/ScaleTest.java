package dev.vitals.bench.load;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.Status;
import dev.vitals.api.spi.Config;
import dev.vitals.core.HealthMonitor;
import dev.vitals.exporter.http.HttpEndpoint;
import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the engine keeps its schedule with many probes: N {@code tcp} probes (from configuration, as a
 * user declares them) against a real loopback target, for a while, on this machine.
 *
 * <p>Targets ({@link Target}): {@code refused} (every run fails at once: every probe must reach
 * {@code DOWN}), {@code hang} (every run waits for its 500 ms timeout: every probe must reach
 * {@code DOWN}) or {@code open} (every run connects: every probe must be {@code UP}).
 *
 * <p>It prints, every few seconds, how many probes have run, how many hold the expected status, the
 * schedule lag, live threads and the resident set; at the end: the time {@code build()} took, heap per
 * probe after a full collection, and the time and size of {@code /health} and {@code /metrics} served by
 * the HTTP endpoint. With {@code --check} it exits 1 when a probe never ran, a probe does not hold the
 * expected status at the end, or the schedule lag ever exceeded one interval.
 *
 * <pre>
 * java -Xmx4g -cp jmh-benchmarks/target/benchmarks.jar dev.vitals.bench.load.ScaleTest \
 *     --probes 10000 --seconds 90 --interval 10s --target refused --check
 * </pre>
 *
 * <p>The figures are of this machine, under whatever else runs on it: compare runs, not absolutes.
 */
public final class ScaleTest {

  private ScaleTest() {}

  /** What the probes connect to. */
  public enum Target {
    /** A port nobody listens on: every run fails at once. */
    REFUSED,
    /** A listening socket that accepts and closes: every run succeeds. */
    OPEN,
    /**
     * A listening socket that never accepts, its backlog full: the kernel drops further connection
     * attempts, so every run waits for its timeout (a black-holed dependency).
     */
    HANG
  }

  /** What a run measured. */
  public record Result(int probes, Duration interval, long buildMillis, int ran, int expected, int stale,
      long maxLagMillis, boolean behind, int maxThreads, long maxRssKiB, long heapBytesPerProbe,
      double healthMillis, long healthBytes, double metricsMillis, long metricsBytes, List<String> failures) {

    /** Whether every check held. */
    public boolean ok() {
      return failures.isEmpty();
    }
  }

  /**
   * Runs it.
   *
   * @param args {@code --probes N --seconds S --interval D --target refused|open|hang [--check]}
   * @throws Exception when the run cannot be set up
   */
  public static void main(String[] args) throws Exception {
    Map<String, String> a = parse(args);
    int probes = Integer.parseInt(a.getOrDefault("probes", "1000"));
    int seconds = Integer.parseInt(a.getOrDefault("seconds", "60"));
    Duration interval = Config.parseDuration(a.getOrDefault("interval", "10s"));
    String target = a.getOrDefault("target", "refused");
    if (interval == null || !List.of("refused", "open", "hang").contains(target)) {
      System.err.println("usage: ScaleTest --probes N --seconds S --interval 10s --target refused|open|hang [--check]");
      System.exit(2);
    }
    Result r = run(probes, Duration.ofSeconds(seconds), interval, Target.valueOf(target.toUpperCase(Locale.ROOT)),
        System.out);
    if (a.containsKey("check") && !r.ok()) {
      System.out.println("FAILED: " + String.join("; ", r.failures()));
      System.exit(1);
    }
    System.exit(0);
  }

  /**
   * One run.
   *
   * @param probes how many probes
   * @param length how long to run after the start
   * @param interval each probe's interval (its timeout stays the tcp default, 500 ms)
   * @param target what the probes connect to
   * @param out where progress goes
   * @return the figures and what did not hold
   * @throws Exception when the run cannot be set up
   */
  public static Result run(int probes, Duration length, Duration interval, Target target, PrintStream out)
      throws Exception {
    int port;
    ServerSocket listening = null;
    boolean open = target == Target.OPEN;
    if (target == Target.HANG) {
      listening = new ServerSocket();
      listening.bind(new InetSocketAddress("127.0.0.1", 0), 1);
      port = listening.getLocalPort();
    } else if (open) {
      listening = new ServerSocket();
      listening.bind(new InetSocketAddress("127.0.0.1", 0), 50_000);
      port = listening.getLocalPort();
      ServerSocket server = listening;
      Thread acceptor = new Thread(() -> {
        while (!server.isClosed()) {
          try {
            server.accept().close();
          } catch (IOException e) {
            // closed at the end of the run
          }
        }
      }, "scale-test-acceptor");
      acceptor.setDaemon(true);
      acceptor.start();
    } else {
      try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
        port = s.getLocalPort(); // closed again: nothing listens there
      }
    }
    Status expected = open ? Status.UP : Status.DOWN;
    Map<String, String> config = new LinkedHashMap<>();
    for (int i = 0; i < probes; i++) {
      String p = "vitals.probes." + String.format(Locale.ROOT, "p%05d", i) + ".";
      config.put(p + "type", "tcp");
      config.put(p + "url", "tcp://127.0.0.1:" + port);
      config.put(p + "interval", interval.toMillis() + "ms");
    }
    MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
    System.gc();
    long heapBefore = memory.getHeapMemoryUsage().getUsed();
    long t0 = System.nanoTime();
    HealthMonitor monitor = HealthMonitor.builder().config(config).discoverExporters(false).build();
    long buildMillis = (System.nanoTime() - t0) / 1_000_000;
    out.printf(Locale.ROOT, "%,d tcp probes, interval %s, target %s: build() %,d ms%n", probes,
        Config.formatDuration(interval), target.name().toLowerCase(Locale.ROOT), buildMillis);
    List<String> failures = new ArrayList<>();
    HttpEndpoint endpoint = null;
    int maxThreads = 0;
    long maxRss = 0;
    long maxLag = 0;
    boolean behind = false;
    HealthReport last;
    try {
      monitor.start();
      List<String> problems = monitor.report().problems();
      if (!problems.isEmpty()) {
        failures.add("problems at the start: " + problems);
      }
      endpoint = HttpEndpoint.builder(monitor::report).host("127.0.0.1").port(0).start();
      long start = System.nanoTime();
      long end = start + length.toNanos();
      long nextPrint = start;
      while (true) {
        long now = System.nanoTime();
        last = monitor.report();
        // the lag of the first interval is not judged: the first runs of every probe start together
        boolean judged = now - start > interval.toNanos() + 1_000_000_000L;
        if (judged) {
          maxLag = Math.max(maxLag, last.scheduleLag().toMillis());
          behind |= last.problems().stream().anyMatch(p -> p.startsWith("the monitor is behind"));
        }
        maxThreads = Math.max(maxThreads, Thread.activeCount());
        maxRss = Math.max(maxRss, rssKiB());
        if (now >= nextPrint || now >= end) {
          Counts c = counts(last, expected);
          out.printf(Locale.ROOT, "%5.1f s: ran %,d  %s %,d  stale %,d  lag %,d ms  threads %,d  rss %,d MiB%n",
              (now - start) / 1e9, c.ran, expected, c.expected, c.stale, last.scheduleLag().toMillis(),
              Thread.activeCount(), rssKiB() / 1024);
          nextPrint = now + 5_000_000_000L;
        }
        if (now >= end) {
          break;
        }
        Thread.sleep(200); // a sampling period of the harness, not a wait for the engine
      }
      Counts c = counts(last, expected);
      HttpClient client = HttpClient.newHttpClient();
      URI base = endpoint.uri();
      double[] health = fetch(client, base.resolve("/health"));
      double[] metrics = fetch(client, base.resolve("/metrics"));
      System.gc();
      long heapPerProbe = Math.max(0, memory.getHeapMemoryUsage().getUsed() - heapBefore) / Math.max(1, probes);
      if (c.ran < probes) {
        failures.add((probes - c.ran) + " of " + probes + " probes never ran");
      }
      if (c.expected < probes) {
        failures.add((probes - c.expected) + " of " + probes + " probes are not " + expected);
      }
      if (behind || maxLag > interval.toMillis()) {
        failures.add("schedule lag reached " + maxLag + " ms (interval " + interval.toMillis() + " ms)");
      }
      Result r = new Result(probes, interval, buildMillis, c.ran, c.expected, c.stale, maxLag, behind, maxThreads,
          maxRss, heapPerProbe, health[0], (long) health[1], metrics[0], (long) metrics[1], List.copyOf(failures));
      out.printf(Locale.ROOT, "result: ran %,d/%,d, %s %,d, stale %,d, max lag %,d ms, max threads %,d, max rss %,d MiB,"
              + " heap %,d B per probe, /health %.1f ms %,d B, /metrics %.1f ms %,d B%n",
          r.ran(), probes, expected, r.expected(), r.stale(), maxLag, maxThreads, maxRss / 1024, heapPerProbe,
          r.healthMillis(), r.healthBytes(), r.metricsMillis(), r.metricsBytes());
      return r;
    } finally {
      if (endpoint != null) {
        endpoint.close();
      }
      monitor.close();
      if (listening != null) {
        listening.close();
      }
    }
  }

  private record Counts(int ran, int expected, int stale) {}

  private static Counts counts(HealthReport report, Status expected) {
    int ran = 0;
    int matching = 0;
    int stale = 0;
    for (ProbeReport p : report.probes()) {
      if (p.lastResult().isPresent()) {
        ran++;
      }
      if (p.status() == expected) {
        matching++;
      }
      if (p.stale()) {
        stale++;
      }
    }
    return new Counts(ran, matching, stale);
  }

  /** Milliseconds and bytes of the fastest of three GETs (the first warms the path). */
  private static double[] fetch(HttpClient client, URI uri) throws IOException, InterruptedException {
    double best = Double.MAX_VALUE;
    long bytes = 0;
    for (int i = 0; i < 3; i++) {
      long t = System.nanoTime();
      HttpResponse<byte[]> r = client.send(HttpRequest.newBuilder(uri).build(), HttpResponse.BodyHandlers.ofByteArray());
      best = Math.min(best, (System.nanoTime() - t) / 1e6);
      bytes = r.body().length;
    }
    return new double[] {best, bytes};
  }

  /** The resident set of this process in KiB, 0 where /proc is not there. */
  static long rssKiB() {
    try {
      for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
        if (line.startsWith("VmRSS:")) {
          return Long.parseLong(line.replaceAll("[^0-9]", ""));
        }
      }
    } catch (IOException | NumberFormatException e) {
      return 0;
    }
    return 0;
  }

  private static Map<String, String> parse(String[] args) {
    Map<String, String> m = new LinkedHashMap<>();
    for (int i = 0; i < args.length; i++) {
      if (!args[i].startsWith("--")) {
        throw new IllegalArgumentException("unexpected argument '" + args[i] + "'");
      }
      String key = args[i].substring(2);
      if (key.equals("check")) {
        m.put(key, "true");
      } else if (i + 1 < args.length) {
        m.put(key, args[++i]);
      } else {
        throw new IllegalArgumentException("--" + key + " needs a value");
      }
    }
    return m;
  }
}
