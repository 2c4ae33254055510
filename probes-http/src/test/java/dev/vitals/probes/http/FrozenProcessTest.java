package dev.vitals.probes.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** A server process frozen with SIGSTOP, then thawed with SIGCONT: DOWN at the timeout, then UP again. */
class FrozenProcessTest {

  @Test
  void frozenServerProcessIsDownAtTheTimeoutAndUpAgainOnceThawed() throws Exception {
    requireKill();
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    Process server = new ProcessBuilder(java, "-cp", Path.of("target/test-classes").toAbsolutePath().toString(),
        "-Dsun.net.httpserver.nodelay=true", StandaloneServer.class.getName())
        .redirectError(ProcessBuilder.Redirect.INHERIT).start();
    HttpProbe probe = null;
    try {
      BufferedReader out = new BufferedReader(new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      int port = Integer.parseInt(out.readLine().trim());
      probe = HttpProbe.builder("frozen").url("http://127.0.0.1:" + port + "/health").timeout(Duration.ofMillis(800)).build();
      HttpProbe p = probe;
      // a cold JVM may take longer than one timeout for its first answer
      await("the server process to answer").atMost(Duration.ofSeconds(10)).until(() -> p.check().status(), s -> s == Status.UP);

      signal("STOP", server.pid());
      awaitStopped(server.pid());
      long start = System.nanoTime();
      ProbeResult frozen = probe.check();
      Duration took = Duration.ofNanos(System.nanoTime() - start);
      assertThat(frozen.status()).isEqualTo(Status.DOWN);
      assertThat(frozen.message()).hasValueSatisfying(m -> assertThat(m).startsWith("timed out"));
      assertThat(took).isBetween(Duration.ofMillis(650), Duration.ofMillis(1300));

      signal("CONT", server.pid());
      await("the thawed server to answer").atMost(Duration.ofSeconds(10)).until(() -> p.check().status(), s -> s == Status.UP);
    } finally {
      if (probe != null) {
        probe.close();
      }
      signal("CONT", server.pid());
      server.getOutputStream().close();
      if (!server.waitFor(5, TimeUnit.SECONDS)) {
        server.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
      }
    }
  }

  /** Skips (fails on CI) when the kill command is missing. */
  private static void requireKill() throws Exception {
    boolean present;
    try {
      present = new ProcessBuilder("kill", "-0", Long.toString(ProcessHandle.current().pid())).start().waitFor() == 0;
    } catch (java.io.IOException e) {
      present = false;
    }
    if (!present && "true".equals(System.getenv("CI"))) {
      throw new AssertionError("the kill command is missing: install the Debian package procps");
    }
    org.junit.jupiter.api.Assumptions.assumeTrue(present,
        "skipped: the kill command is missing (Debian package procps); this test fails instead when CI=true");
  }

  /** Waits until the kernel shows the process stopped: kill returns once the signal is sent, not delivered. */
  private static void awaitStopped(long pid) {
    Path stat = Path.of("/proc", Long.toString(pid), "stat");
    if (!java.nio.file.Files.exists(stat)) {
      return;
    }
    await("process " + pid + " to stop").atMost(Duration.ofSeconds(5)).pollInSameThread().until(() -> {
      String s = java.nio.file.Files.readString(stat);
      char state = s.charAt(s.lastIndexOf(')') + 2);
      return state == 'T' || state == 't';
    });
  }

  private static void signal(String name, long pid) throws Exception {
    Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
    assertThat(kill.waitFor(5, TimeUnit.SECONDS)).as("kill -%s finished", name).isTrue();
    assertThat(kill.exitValue()).as("kill -%s %d", name, pid).isZero();
  }
}
