package dev.vitals.bench.load;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Drives wrk (Debian package {@code wrk}) against {@code http://127.0.0.1:PORT/health}, bounded in
 * connections and time, and reads the summary that a small Lua script prints as one JSON line.
 * wrk is a closed-loop client: each connection sends its next request when the previous answer
 * arrives, so latencies do not include queueing a constant-rate client would see.
 */
final class WrkClient {

  static final int MAX_CONNECTIONS = 2_000;
  static final int MAX_SECONDS = 900;
  static final String MARK = "WRKJSON ";

  /** Prints latency in microseconds, as wrk keeps it, and every error counter. */
  static final String SCRIPT = String.join("\n",
      "done = function(summary, latency, requests)",
      "  local e = summary.errors",
      "  io.write(string.format('" + MARK + "{\"requests\":%d,\"duration_us\":%d,\"connect\":%d,\"read\":%d,"
          + "\"write\":%d,\"status\":%d,\"timeout\":%d,\"p50_us\":%d,\"p95_us\":%d,\"p99_us\":%d,\"max_us\":%d}\\n',",
      "    summary.requests, summary.duration, e.connect, e.read, e.write, e.status, e.timeout,",
      "    latency:percentile(50), latency:percentile(95), latency:percentile(99), latency.max))",
      "end", "");

  private WrkClient() {}

  /** Whether wrk is on the PATH. */
  static boolean available() {
    for (String dir : System.getenv().getOrDefault("PATH", "/usr/bin:/bin").split(":")) {
      if (!dir.isEmpty() && Files.isExecutable(Path.of(dir, "wrk"))) {
        return true;
      }
    }
    return false;
  }

  /** The wrk command line for a run. */
  static List<String> command(int port, int connections, int seconds, Path script) {
    check(connections, seconds);
    int threads = Math.min(2, connections);
    return List.of("wrk", "-t" + threads, "-c" + connections, "-d" + seconds + "s", "--timeout", "5s",
        "-s", script.toString(), "http://127.0.0.1:" + port + "/health");
  }

  static void check(int connections, int seconds) {
    if (connections < 1 || connections > MAX_CONNECTIONS) {
      throw new IllegalArgumentException("connections must be from 1 to " + MAX_CONNECTIONS + ", was " + connections);
    }
    if (seconds < 1 || seconds > MAX_SECONDS) {
      throw new IllegalArgumentException("seconds must be from 1 to " + MAX_SECONDS + ", was " + seconds);
    }
  }

  /** Runs wrk once; the process is killed if it outlives its duration by 30 s. */
  static LoadResult run(String server, String phase, int port, int connections, int seconds, Path workDir)
      throws IOException, InterruptedException {
    Path script = workDir.resolve("wrk-summary.lua");
    if (!Files.exists(script)) {
      Files.createDirectories(workDir);
      Files.writeString(script, SCRIPT, StandardCharsets.UTF_8);
    }
    Process p = new ProcessBuilder(command(port, connections, seconds, script)).redirectErrorStream(true).start();
    String output;
    try {
      if (!p.waitFor(seconds + 30L, TimeUnit.SECONDS)) {
        throw new IOException("wrk did not finish within " + (seconds + 30) + " s");
      }
      output = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    } finally {
      p.destroyForcibly();
    }
    if (p.exitValue() != 0) {
      throw new IOException("wrk exited with " + p.exitValue() + ": " + output);
    }
    return parse(server, phase, connections, output);
  }

  /** Reads the summary line of the script out of wrk's output. */
  static LoadResult parse(String server, String phase, int connections, String output) {
    for (String line : output.split("\n")) {
      if (line.startsWith(MARK)) {
        Map<?, ?> m = (Map<?, ?>) dev.vitals.bench.ToolJson.parse(line.substring(MARK.length()).trim());
        double us = 1000.0;
        return new LoadResult("wrk", server, phase, connections, num(m, "duration_us") / 1e6, (long) num(m, "requests"),
            num(m, "p50_us") / us, num(m, "p95_us") / us, num(m, "p99_us") / us, num(m, "max_us") / us,
            (long) (num(m, "connect") + num(m, "read") + num(m, "write") + num(m, "timeout")), (long) num(m, "status"));
      }
    }
    throw new IllegalArgumentException("no summary line (" + MARK.trim() + ") in wrk's output: " + output);
  }

  private static double num(Map<?, ?> m, String key) {
    Object v = m.get(key);
    if (!(v instanceof Number)) {
      throw new IllegalArgumentException("wrk's summary has no number '" + key + "': " + m);
    }
    return ((Number) v).doubleValue();
  }
}
