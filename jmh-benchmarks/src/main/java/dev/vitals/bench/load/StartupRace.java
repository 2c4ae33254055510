package dev.vitals.bench.load;

import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Start-up to the first {@code /health} answer: launches a fresh JVM for each side in turn
 * ({@link VitalsMain}, {@link DropwizardMain}) and times from just before {@code ProcessBuilder.start()}
 * to the first 200, polling {@code 127.0.0.1:PORT/health} every half millisecond.
 *
 * <pre>
 * java -cp jmh-benchmarks/target/benchmarks.jar dev.vitals.bench.load.StartupRace [--runs N]
 * </pre>
 *
 * <p>{@code --runs}: runs per side, 1 to 50 (5 by default). The budget of PRODUCT.md: Vitals' median
 * under 0.8x Dropwizard's. Exit code 0, or 1 when a child did not answer within 30 s.
 */
public final class StartupRace {

  static final int MAX_RUNS = 50;
  static final long ANSWER_TIMEOUT_MILLIS = 30_000;

  private StartupRace() {}

  /**
   * Runs the race.
   *
   * @param args see the class description
   * @throws Exception if a process cannot be started
   */
  public static void main(String[] args) throws Exception {
    System.exit(run(args, System.out));
  }

  static int run(String[] args, PrintStream out) throws IOException, InterruptedException {
    int runs = 5;
    if (args.length == 2 && args[0].equals("--runs")) {
      runs = Integer.parseInt(args[1]);
    } else if (args.length != 0) {
      out.println("StartupRace: usage: [--runs N]");
      return 2;
    }
    if (runs < 1 || runs > MAX_RUNS) {
      out.println("StartupRace: --runs must be from 1 to " + MAX_RUNS + ", was " + runs);
      return 2;
    }
    List<Double> vitals = new ArrayList<>();
    List<Double> dropwizard = new ArrayList<>();
    for (int i = 0; i < runs; i++) {
      boolean vitalsFirst = i % 2 == 0;
      for (int k = 0; k < 2; k++) {
        boolean isVitals = (k == 0) == vitalsFirst;
        double ms = timeToFirstOk(isVitals ? VitalsMain.class : DropwizardMain.class);
        if (ms < 0) {
          out.println("StartupRace: " + (isVitals ? "Vitals" : "Dropwizard") + " did not answer 200 within "
              + ANSWER_TIMEOUT_MILLIS + " ms");
          return 1;
        }
        (isVitals ? vitals : dropwizard).add(ms);
        out.printf(Locale.ROOT, "  run %d %-10s %7.1f ms%n", i + 1, isVitals ? "vitals" : "dropwizard", ms);
      }
    }
    out.println(summary(vitals, dropwizard));
    return 0;
  }

  static String summary(List<Double> vitals, List<Double> dropwizard) {
    double v = median(vitals);
    double d = median(dropwizard);
    return String.format(Locale.ROOT, "start-up to first /health 200 (%d runs each): vitals median %.1f ms"
        + " (min %.1f, max %.1f), dropwizard median %.1f ms (min %.1f, max %.1f); vitals/dropwizard %.2f"
        + " (budget < 0.80: %s)", vitals.size(), v, Collections.min(vitals), Collections.max(vitals), d,
        Collections.min(dropwizard), Collections.max(dropwizard), v / d, v / d < 0.8 ? "met" : "MISSED");
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Milliseconds from process start to the first 200, or -1 after {@link #ANSWER_TIMEOUT_MILLIS}. */
  static double timeToFirstOk(Class<?> main) throws IOException, InterruptedException {
    int port = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    ProcessBuilder pb = new ProcessBuilder(java, "-cp", System.getProperty("java.class.path"), main.getName(),
        Integer.toString(port)).redirectErrorStream(true).redirectOutput(ProcessBuilder.Redirect.DISCARD);
    long t0 = System.nanoTime();
    Process p = pb.start();
    try {
      long deadline = t0 + TimeUnit.MILLISECONDS.toNanos(ANSWER_TIMEOUT_MILLIS);
      while (System.nanoTime() < deadline && p.isAlive()) {
        if (LoadTest.get(port) == 200) {
          return (System.nanoTime() - t0) / 1e6;
        }
        LockSupport.parkNanos(500_000);
      }
      return -1;
    } finally {
      p.destroy();
      if (!p.waitFor(5, TimeUnit.SECONDS)) {
        p.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0)) {
      return s.getLocalPort();
    }
  }

  /** The port argument of a child. */
  static int childPort(String[] args) {
    if (args.length != 1) {
      throw new IllegalArgumentException("usage: <main> PORT");
    }
    return Integer.parseInt(args[0]);
  }

  /** Exits the JVM after a minute, so a child never outlives an interrupted race. */
  static void exitLater() {
    Thread t = new Thread(() -> {
      long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
      for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
        LockSupport.parkNanos(left);
      }
      System.exit(0);
    }, "exit-later");
    t.setDaemon(true);
    t.start();
  }
}
