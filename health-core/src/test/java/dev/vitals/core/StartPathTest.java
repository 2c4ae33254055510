package dev.vitals.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * What {@code builder()}, {@code build()} and {@code start()} leave for later (docs/performance.md,
 * start-up): SLF4J and Resilience4j are not loaded and no lambda class of the library is spun on the
 * way to a started monitor, nor by the probes' first runs (readiness waits for them); the circuit
 * breaker is the engine's own, so later runs do not load Resilience4j either (only notifiers' retries use it). Class loading is per JVM, so the scenario runs in a fresh one
 * ({@link StartPathMain}) with {@code -Xlog:class+load}.
 */
class StartPathTest {

  @Test
  void neitherStartNorTheProbeRunsLoadSlf4jOrResilience4j() throws Exception {
    List<String> out = runFreshJvm();
    int started = out.indexOf(StartPathMain.STARTED);
    int ran = out.indexOf(StartPathMain.RAN + " UP");
    int ranAgain = out.indexOf(StartPathMain.RAN_AGAIN);
    assertThat(started).as("the child started a monitor:%n%s", tail(out)).isPositive();
    assertThat(ran).as("the child's probes ran and were UP:%n%s", tail(out)).isGreaterThan(started);
    assertThat(ranAgain).as("the child's probes ran again:%n%s", tail(out)).isGreaterThan(ran);

    List<String> beforeStart = loaded(out.subList(0, started));
    List<String> byFirstRun = loaded(out.subList(started, ran));
    List<String> bySecondRun = loaded(out.subList(ran, ranAgain));
    assertThat(beforeStart).as("classes loaded up to a started monitor").contains("dev.vitals.core.Engine")
        .noneMatch(c -> c.startsWith("org.slf4j."))
        .noneMatch(c -> c.startsWith("io.github.resilience4j."))
        // each lambda or method reference is a class spun at its first use: the start path has none
        .noneMatch(c -> c.contains("$$Lambda") && (c.startsWith("dev.vitals.api.") || c.startsWith("dev.vitals.core."))
            && !c.startsWith("dev.vitals.core.StartPathMain") && !c.startsWith("dev.vitals.core.MonitorTestSupport"));
    assertThat(byFirstRun).as("classes loaded by the first probe runs, on which readiness waits")
        .noneMatch(c -> c.startsWith("org.slf4j."))
        .noneMatch(c -> c.startsWith("io.github.resilience4j."));
    assertThat(bySecondRun).as("classes loaded by the second runs: the circuit breaker is the engine's own")
        .noneMatch(c -> c.startsWith("io.github.resilience4j."));
  }

  private static List<String> runFreshJvm() throws IOException, InterruptedException {
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process p = new ProcessBuilder(java, "-Xshare:auto", "-Xlog:class+load=info:stdout:none", "-cp",
        System.getProperty("java.class.path"), StartPathMain.class.getName())
        .redirectErrorStream(true)
        .start();
    byte[] bytes = p.getInputStream().readAllBytes();
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).as("the child JVM ended").isTrue();
    List<String> lines = List.of(new String(bytes, StandardCharsets.UTF_8).split("\n"));
    assertThat(p.exitValue()).as("the child's exit code; its output:%n%s", tail(lines)).isZero();
    return lines;
  }

  /** The class names in -Xlog:class+load lines ("name source: ..."). */
  private static List<String> loaded(List<String> lines) {
    List<String> names = new ArrayList<>();
    for (String l : lines) {
      int source = l.indexOf(" source: ");
      if (source > 0) {
        names.add(l.substring(0, source).trim());
      }
    }
    return names;
  }

  private static String tail(List<String> lines) {
    return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
  }
}
