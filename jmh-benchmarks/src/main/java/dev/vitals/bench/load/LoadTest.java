package dev.vitals.bench.load;

import dev.vitals.bench.ToolJson;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Load tests of {@code /health} on loopback, shaped like k6's scenarios, each server in turn in the
 * same run: Vitals' endpoint while one of its probes hangs, Dropwizard Metrics' {@code HealthCheckRegistry}
 * with cached ({@code @Async}) results, and the same JDK server answering a fixed byte array.
 *
 * <pre>
 * java -cp jmh-benchmarks/target/benchmarks.jar dev.vitals.bench.load.LoadTest
 *     [--scenario baseline|stress|spike|budget|all] [--short] [--client wrk|java] [--rounds N]
 *     [--seconds N] [--max-idle-connections N] [--out FILE] [--check]
 * </pre>
 *
 * <ul>
 *   <li>baseline: 10 connections for 2 min; stress: 100 connections for 5 min; spike: 10 connections
 *       for 30 s, a jump to 1,000 for 1 min, back to 10 for 30 s; budget: 50 then 200 connections for
 *       1 min each (the figures of PRODUCT.md). {@code --short}: 10 s per phase (3 s around a spike);</li>
 *   <li>{@code --client}: wrk when it is installed (Debian package {@code wrk}), else the Java client;</li>
 *   <li>{@code --rounds N}: repeats each phase N times (1 to 10), rotating the order of the servers;</li>
 *   <li>{@code --seconds N}: sets every phase to N seconds (the smoke test uses 1);</li>
 *   <li>{@code --max-idle-connections N}: sets the JDK server's {@code sun.net.httpserver.maxIdleConnections}
 *       for all three servers (default 200: beyond it the server closes kept-alive connections, which a
 *       client sees as read errors at 1,000 connections);</li>
 *   <li>{@code --check}: exits with 1 when Vitals misses a budget of PRODUCT.md in a phase (requests
 *       per second at least Dropwizard's and within 5 % of the fixed bytes, a p99 no worse than
 *       Dropwizard's, no errors at 1,000 connections).</li>
 * </ul>
 *
 * <p>While the dependency hangs, Vitals answers 200 (the hung probe is non-critical: DEGRADED) and
 * Dropwizard answers 500 (its {@code @Async} decorator expires the hung check's last healthy result),
 * so Dropwizard's answers show in the "non-2xx" column; both are complete answers, and the budgets
 * compare their rates and latencies. Socket errors (connect, read, write, timeout) are the errors
 * that count, and for Vitals any non-2xx too.
 *
 * <p>Traffic goes to 127.0.0.1 only; every run is bounded in connections and time.
 */
public final class LoadTest {

  /** Servers in their default order. */
  static final List<String> SERVERS = List.of("vitals", "dropwizard", "fixed");

  private LoadTest() {}

  /**
   * Runs the load test and exits with its code.
   *
   * @param args see the class description
   * @throws Exception when a server cannot start
   */
  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out));
  }

  /**
   * One phase of a scenario.
   *
   * @param name scenario/phase
   * @param connections concurrent connections
   * @param seconds duration
   */
  record Phase(String name, int connections, int seconds) {}

  /** The phases of a scenario. */
  static List<Phase> phases(String scenario, boolean quick) {
    switch (scenario) {
      case "baseline":
        return List.of(new Phase("baseline", 10, quick ? 10 : 120));
      case "stress":
        return List.of(new Phase("stress", 100, quick ? 10 : 300));
      case "spike":
        return List.of(new Phase("spike/before", 10, quick ? 3 : 30), new Phase("spike/peak", 1000, quick ? 10 : 60),
            new Phase("spike/after", 10, quick ? 3 : 30));
      case "budget":
        return List.of(new Phase("budget/50", 50, quick ? 10 : 60), new Phase("budget/200", 200, quick ? 10 : 60));
      case "all":
        List<Phase> all = new ArrayList<>();
        for (String s : List.of("baseline", "stress", "spike", "budget")) {
          all.addAll(phases(s, quick));
        }
        return all;
      default:
        throw new IllegalArgumentException("unknown scenario '" + scenario
            + "': expected baseline, stress, spike, budget or all");
    }
  }

  /** Runs; returns the exit code. */
  static int run(String[] args, PrintStream out) throws Exception {
    String scenario = "all";
    boolean quick = false;
    String client = WrkClient.available() ? "wrk" : "java";
    int rounds = 1;
    boolean check = false;
    int seconds = 0;
    int maxIdle = 0;
    Path outFile = Files.isDirectory(Path.of("jmh-benchmarks", "target"))
        ? Path.of("jmh-benchmarks", "target", "load", "results.json") : Path.of("target", "load", "results.json");
    List<Phase> phases;
    try {
      for (int i = 0; i < args.length; i++) {
        switch (args[i]) {
          case "--scenario":
            scenario = value(args, ++i);
            break;
          case "--short":
            quick = true;
            break;
          case "--client":
            client = value(args, ++i);
            if (!client.equals("wrk") && !client.equals("java")) {
              throw new IllegalArgumentException("--client must be wrk or java, was " + client);
            }
            break;
          case "--rounds":
            rounds = Integer.parseInt(value(args, ++i));
            if (rounds < 1 || rounds > 10) {
              throw new IllegalArgumentException("--rounds must be from 1 to 10, was " + rounds);
            }
            break;
          case "--out":
            outFile = Path.of(value(args, ++i));
            break;
          case "--check":
            check = true;
            break;
          case "--max-idle-connections":
            maxIdle = Integer.parseInt(value(args, ++i));
            if (maxIdle < 1 || maxIdle > 100_000) {
              throw new IllegalArgumentException("--max-idle-connections must be from 1 to 100000, was " + maxIdle);
            }
            break;
          case "--seconds":
            seconds = Integer.parseInt(value(args, ++i));
            if (seconds < 1 || seconds > WrkClient.MAX_SECONDS) {
              throw new IllegalArgumentException("--seconds must be from 1 to " + WrkClient.MAX_SECONDS + ", was "
                  + seconds);
            }
            break;
          default:
            throw new IllegalArgumentException("unknown argument '" + args[i] + "': expected --scenario NAME, --short,"
                + " --client wrk|java, --rounds N, --seconds N, --max-idle-connections N, --out FILE, --check");
        }
      }
      phases = phases(scenario, quick);
      if (seconds > 0) {
        int s = seconds;
        phases = phases.stream().map(p -> new Phase(p.name(), p.connections(), s)).toList();
      }
      if (client.equals("wrk") && !WrkClient.available()) {
        throw new IllegalArgumentException("wrk is not installed (Debian package wrk); use --client java");
      }
    } catch (IllegalArgumentException e) {
      out.println("LoadTest: " + e.getMessage());
      return 2;
    }

    Servers.noDelay();
    if (maxIdle > 0) {
      System.setProperty(Servers.MAX_IDLE, Integer.toString(maxIdle));
    }
    List<LoadResult> results = new ArrayList<>();
    List<Servers.Running> servers = new ArrayList<>();
    try {
      servers.add(Servers.vitals());
      servers.add(Servers.dropwizard());
      servers.add(Servers.fixedBytes());
      for (Servers.Running s : servers) {
        awaitOk(s.port(), 10_000);
      }
      out.printf(Locale.ROOT, "LoadTest: client %s, %s=%s, servers on 127.0.0.1: %s%n", client, Servers.MAX_IDLE,
          System.getProperty(Servers.MAX_IDLE, "default (200)"), servers.stream().map(s -> s.name() + ":" + s.port())
              .toList());
      Path work = outFile.toAbsolutePath().getParent();
      for (Servers.Running s : servers) {
        // JIT warm-up, not kept; it also lets the hung probe and check reach their steady answers
        runOne(client, s, new Phase("warm-up", 10, seconds > 0 ? Math.min(5, seconds) : quick ? 3 : 5), work);
      }
      for (Phase phase : phases) {
        for (int r = 0; r < rounds; r++) {
          for (int k = 0; k < servers.size(); k++) {
            Servers.Running s = servers.get((k + r) % servers.size());
            LoadResult result = runOne(client, s, phase, work);
            out.println("  " + result);
            results.add(result);
          }
        }
      }
    } finally {
      for (Servers.Running s : servers) {
        s.close();
      }
    }

    List<String> broken = new ArrayList<>();
    out.println();
    out.print(table(phases, results, broken));
    Path parent = outFile.toAbsolutePath().getParent();
    if (parent != null) {
      Files.createDirectories(parent);
    }
    Map<String, Object> doc = new LinkedHashMap<>();
    doc.put("date", LocalDate.now(ZoneOffset.UTC).toString());
    doc.put("cores", Runtime.getRuntime().availableProcessors());
    doc.put("client", client);
    doc.put(Servers.MAX_IDLE, System.getProperty(Servers.MAX_IDLE, "default"));
    doc.put("results", results.stream().map(LoadResult::toMap).toList());
    doc.put("brokenBudgets", broken);
    Files.writeString(outFile, ToolJson.write(doc), StandardCharsets.UTF_8);
    out.println("results written to " + outFile);
    return check && !broken.isEmpty() ? 1 : 0;
  }

  private static LoadResult runOne(String client, Servers.Running s, Phase phase, Path work)
      throws IOException, InterruptedException {
    if (client.equals("wrk")) {
      return WrkClient.run(s.name(), phase.name(), s.port(), phase.connections(), phase.seconds(), work);
    }
    return JavaClient.run(s.name(), phase.name(), s.port(), phase.connections(), phase.seconds() * 1000L);
  }

  /** The results side by side per phase, the ratios, and Vitals' budget verdicts (added to {@code broken}). */
  static String table(List<Phase> phases, List<LoadResult> results, List<String> broken) {
    StringBuilder b = new StringBuilder();
    String format = "%-14s %6s %-11s %10s %9s %9s %9s %9s %9s %9s%n";
    b.append(String.format(Locale.ROOT, format, "phase", "conns", "server", "req/s", "p50 ms", "p95 ms", "p99 ms",
        "max ms", "sock err", "non-2xx"));
    for (Phase phase : phases) {
      Map<String, LoadResult> merged = new LinkedHashMap<>();
      for (String server : SERVERS) {
        LoadResult m = merge(results, phase.name(), server);
        if (m == null) {
          continue;
        }
        merged.put(server, m);
        b.append(String.format(Locale.ROOT, "%-14s %6d %-11s %10.0f %9.2f %9.2f %9.2f %9.1f %9d %9d%n", phase.name(),
            phase.connections(), server, m.requestsPerSecond(), m.p50Ms(), m.p95Ms(), m.p99Ms(), m.maxMs(),
            m.socketErrors(), m.statusErrors()));
      }
      LoadResult v = merged.get("vitals");
      LoadResult d = merged.get("dropwizard");
      LoadResult f = merged.get("fixed");
      if (v != null && d != null && f != null) {
        double vd = v.requestsPerSecond() / d.requestsPerSecond();
        double vf = v.requestsPerSecond() / f.requestsPerSecond();
        b.append(String.format(Locale.ROOT, "%-14s        req/s vitals/dropwizard %.2f, vitals/fixed %.2f;"
            + " p99 vitals/dropwizard %.2f%n", "", vd, vf, v.p99Ms() / d.p99Ms()));
        if (vd < 1.0) {
          broken.add(phase.name() + ": req/s below Dropwizard's (" + String.format(Locale.ROOT, "%.2f", vd) + "x)");
        }
        if (vf < 0.95) {
          broken.add(phase.name() + ": req/s more than 5 % below the fixed bytes (" + String.format(Locale.ROOT,
              "%.2f", vf) + "x)");
        }
        if (v.p99Ms() > d.p99Ms()) {
          broken.add(phase.name() + ": p99 worse than Dropwizard's (" + String.format(Locale.ROOT, "%.2f vs %.2f ms",
              v.p99Ms(), d.p99Ms()) + ")");
        }
      }
      if (v != null && phase.connections() >= 1000 && v.errors() > 0) {
        broken.add(phase.name() + ": " + v.errors() + " errors at " + phase.connections() + " connections");
      }
    }
    b.append(broken.isEmpty() ? "Vitals met its /health budgets in every phase\n"
        : "Vitals missed a /health budget:\n  " + String.join("\n  ", broken) + "\n");
    return b.toString();
  }

  /** Merges the rounds of one server in one phase: requests and time add up, percentiles average. */
  static LoadResult merge(List<LoadResult> results, String phase, String server) {
    List<LoadResult> rs = results.stream().filter(r -> r.phase().equals(phase) && r.server().equals(server)).toList();
    if (rs.isEmpty()) {
      return null;
    }
    LoadResult first = rs.get(0);
    double seconds = 0;
    long requests = 0;
    double p50 = 0;
    double p95 = 0;
    double p99 = 0;
    double max = 0;
    long socket = 0;
    long status = 0;
    for (LoadResult r : rs) {
      seconds += r.seconds();
      requests += r.requests();
      p50 += r.p50Ms() / rs.size();
      p95 += r.p95Ms() / rs.size();
      p99 += r.p99Ms() / rs.size();
      max = Math.max(max, r.maxMs());
      socket += r.socketErrors();
      status += r.statusErrors();
    }
    return new LoadResult(first.client(), server, phase, first.connections(), seconds, requests, p50, p95, p99, max,
        socket, status);
  }

  /** Waits until {@code GET /health} answers 200, or fails after {@code millis}. */
  static void awaitOk(int port, long millis) throws IOException, InterruptedException {
    long deadline = System.nanoTime() + millis * 1_000_000L;
    int last = -1;
    while (System.nanoTime() < deadline) {
      last = get(port);
      if (last == 200) {
        return;
      }
      Thread.sleep(20);
    }
    throw new IOException("127.0.0.1:" + port + "/health did not answer 200 within " + millis + " ms (last: " + last
        + ")");
  }

  /** One {@code GET /health}; returns the status, or -1 when the connection fails. */
  static int get(int port) {
    try (Socket socket = new Socket()) {
      socket.setTcpNoDelay(true);
      socket.setSoTimeout(5_000);
      socket.connect(new InetSocketAddress("127.0.0.1", port), 1_000);
      OutputStream o = socket.getOutputStream();
      o.write("GET /health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      o.flush();
      InputStream in = socket.getInputStream();
      byte[] head = in.readNBytes(12);
      String line = new String(head, StandardCharsets.US_ASCII);
      return line.startsWith("HTTP/1.1 ") ? Integer.parseInt(line.substring(9, 12)) : -1;
    } catch (IOException | NumberFormatException e) {
      return -1;
    }
  }

  private static String value(String[] args, int i) {
    if (i >= args.length) {
      throw new IllegalArgumentException(args[i - 1] + " needs a value");
    }
    return args[i];
  }
}
