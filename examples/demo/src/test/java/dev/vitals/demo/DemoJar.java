package dev.vitals.demo;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;

/**
 * The packaged {@code vitals-demo.jar} run as a process of its own, exactly as a user runs it:
 * {@code java -jar target/vitals-demo.jar ...}. The jar tests run in the {@code package} phase, after
 * the shade plugin has built the jar, which the build passes as the system property
 * {@value #JAR_PROPERTY}.
 */
final class DemoJar implements AutoCloseable {

  static final String JAR_PROPERTY = "vitals.demo.jar";
  private static final Pattern BASE = Pattern.compile("Endpoints on (http://\\S+/):");

  private final Process process;
  private final Path stdout;
  private final Path stderr;

  private DemoJar(Process process, Path stdout, Path stderr) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
  }

  /** The jar under test: the one this build packaged. */
  static Path jar() {
    String jar = System.getProperty(JAR_PROPERTY);
    assertThat(jar).as("the system property " + JAR_PROPERTY + " (set by the jar-tests execution)").isNotBlank();
    Path p = Path.of(jar);
    assertThat(p).as("the packaged demo jar").isRegularFile();
    return p;
  }

  /**
   * Starts {@code java [jvmOptions] -jar vitals-demo.jar [args]} with the environment given (added to
   * this process's, less any {@code VITALS_} variables), its output going to files in {@code dir}.
   */
  static DemoJar launch(Path dir, List<String> jvmOptions, Map<String, String> env, String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.addAll(jvmOptions);
    command.add("-jar");
    command.add(jar().toString());
    command.addAll(Arrays.asList(args));
    try {
      Path out = Files.createTempFile(dir, "stdout-", ".txt");
      Path err = Files.createTempFile(dir, "stderr-", ".txt");
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
      pb.environment().keySet().removeIf(k -> k.startsWith("VITALS_"));
      pb.environment().putAll(env);
      Process p = pb.start();
      p.getOutputStream().close();
      return new DemoJar(p, out, err);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static DemoJar launch(Path dir, String... args) {
    return launch(dir, List.of(), Map.of(), args);
  }

  /** The process's id, to signal it (freeze and thaw). */
  long pid() {
    return process.pid();
  }

  /** Waits for the process to end by itself (at most a minute) and returns its exit status. */
  int exitStatus() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the demo did not exit within 60 s; it printed:\n" + output());
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return process.exitValue();
  }

  /** Waits until the demo prints that it is up (at most a minute) and returns its base URI. */
  URI awaitUp() {
    Awaitility.await("the demo is up").atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
        .until(() -> {
          if (!process.isAlive()) {
            throw new AssertionError("the demo exited with status " + process.exitValue() + ":\n" + output());
          }
          // the whole banner: its last line is printed after the URLs, and tests read the lines between
          String out = stdout();
          return BASE.matcher(out).find() && out.contains("Ctrl-C stops.");
        });
    Matcher m = BASE.matcher(stdout());
    assertThat(m.find()).isTrue();
    return URI.create(m.group(1));
  }

  String stdout() {
    return read(stdout);
  }

  String stderr() {
    return read(stderr);
  }

  /** Everything it printed, standard output then standard error. */
  String output() {
    return stdout() + stderr();
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.ISO_8859_1); // any byte: never fails on the JVM's own encoding
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kills the demo with SIGKILL ({@code kill -9}): no shutdown hook runs, nothing is flushed. */
  void kill() {
    process.toHandle().destroyForcibly();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        throw new AssertionError("the demo did not die within 30 s of SIGKILL");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }

  /** Stops the demo as Ctrl-C would (SIGTERM, its shutdown hook closes everything). */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
