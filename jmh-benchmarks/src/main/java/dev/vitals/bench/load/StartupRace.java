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
 * ({@link VitalsMain}; {@link DropwizardMain} answering as {@code HealthCheckServlet} does, the budget's
 * peer; and {@link DropwizardMain} with hand-written JSON, a lower bound for any Dropwizard setup) and
 * times from just before {@code ProcessBuilder.start()} to the first 200, polling
 * {@code 127.0.0.1:PORT/health} every half millisecond.
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
    List<List<Double>> times = new ArrayList<>();
    for (int k = 0; k < SIDES.length; k++) {
      times.add(new ArrayList<>());
    }
    for (int i = 0; i < runs; i++) {
      for (int j = 0; j < SIDES.length; j++) {
        int k = (i + j) % SIDES.length; // each run starts with the next side: no side always goes first
        double ms = timeToFirstOk(SIDES[k].main, SIDES[k].args);
        if (ms < 0) {
          out.println("StartupRace: " + SIDES[k].name + " did not answer 200 within " + ANSWER_TIMEOUT_MILLIS + " ms");
          return 1;
        }
        times.get(k).add(ms);
        out.printf(Locale.ROOT, "  run %d %-22s %7.1f ms%n", i + 1, SIDES[k].name, ms);
      }
    }
    out.println(summary(times.get(0), times.get(1), times.get(2)));
    return 0;
  }

  /** One side of the race: a main class and its arguments after the port. */
  static final class Side {
    final String name;
    final Class<?> main;
    final String[] args;

    Side(String name, Class<?> main, String... args) {
      this.name = name;
      this.main = main;
      this.args = args;
    }
  }

  /** Vitals, the budget's peer (Dropwizard as HealthCheckServlet answers), and hand-written Dropwizard. */
  static final Side[] SIDES = {
      new Side("vitals", VitalsMain.class),
      new Side("dropwizard", DropwizardMain.class),
      new Side("dropwizard-handwritten", DropwizardMain.class, "handwritten")};

  static String summary(List<Double> vitals, List<Double> dropwizard, List<Double> handwritten) {
    double v = median(vitals);
    double d = median(dropwizard);
    double h = median(handwritten);
    return String.format(Locale.ROOT, "start-up to first /health 200 (%d runs each, medians): vitals %.1f ms"
        + " (min %.1f, max %.1f), dropwizard %.1f ms (min %.1f, max %.1f), dropwizard-handwritten %.1f ms"
        + " (min %.1f, max %.1f); vitals/dropwizard %.2f (budget < 0.80: %s), vitals/dropwizard-handwritten %.2f",
        vitals.size(), v, Collections.min(vitals), Collections.max(vitals), d, Collections.min(dropwizard),
        Collections.max(dropwizard), h, Collections.min(handwritten), Collections.max(handwritten), v / d,
        v / d < 0.8 ? "met" : "MISSED", v / h);
  }

  static double median(List<Double> values) {
    List<Double> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }

  /** Milliseconds from process start to the first 200, or -1 after {@link #ANSWER_TIMEOUT_MILLIS}. */
  static double timeToFirstOk(Class<?> main, String... args) throws IOException, InterruptedException {
    int port = freePort();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    List<String> command = new ArrayList<>(List.of(java, "-cp", System.getProperty("java.class.path"), main.getName(),
        Integer.toString(port)));
    command.addAll(List.of(args));
    ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.DISCARD);
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
    // a Thread subclass, not a lambda: the harness should add as little as it can to either side
    Thread t = new Thread("exit-later") {
      @Override
      public void run() {
        long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        for (long left = end - System.nanoTime(); left > 0; left = end - System.nanoTime()) {
          LockSupport.parkNanos(left);
        }
        System.exit(0);
      }
    };
    t.setDaemon(true);
    t.start();
  }
}
