package dev.vitals.examples.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.vitals.lambda.EmfCheck;
import java.io.IOException;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.awaitility.Awaitility;

/**
 * {@link LocalRuntime} running a function in a fresh JVM of its own, as Lambda starts an execution
 * environment: {@code java -cp CLASS_PATH dev.vitals.examples.lambda.LocalRuntime ARGS}, with java from this
 * JVM's {@code java.home}, an environment of the test's choosing (this process's, less every {@code VITALS_*},
 * {@code AWS_LAMBDA_*}, {@code ORDERS_*} and {@code _HANDLER} variable), standard output and standard error in
 * files.
 */
final class FunctionProcess implements AutoCloseable {

  static final String HANDLER = OrdersFunction.class.getName() + "::handleRequest";
  private static final Pattern START = Pattern.compile("^START RequestId: (\\S+)", Pattern.MULTILINE);

  private final Process process;
  private final Path stdout;
  private final Path stderr;
  private final long startedNanos;
  private long endedNanos = -1;

  private FunctionProcess(Process process, Path stdout, Path stderr, long startedNanos) {
    this.process = process;
    this.stdout = stdout;
    this.stderr = stderr;
    this.startedNanos = startedNanos;
  }

  /** Starts the runtime on the test's class path. */
  static FunctionProcess start(Path dir, Map<String, String> env, List<String> args) {
    return start(dir, System.getProperty("java.class.path"), env, args);
  }

  /** Starts the runtime on a class path of the test's choosing (a packaged jar). */
  static FunctionProcess start(Path dir, String classPath, Map<String, String> env, List<String> args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-Xmx256m");
    command.add("-XX:+UseSerialGC"); // as small a JVM as Lambda gives a 512 MB function
    command.add("-cp");
    command.add(classPath);
    command.add(LocalRuntime.class.getName());
    command.addAll(args);
    try {
      Path out = Files.createTempFile(dir, "stdout-", ".txt");
      Path err = Files.createTempFile(dir, "stderr-", ".txt");
      ProcessBuilder pb = new ProcessBuilder(command).directory(dir.toFile())
          .redirectOutput(out.toFile()).redirectError(err.toFile()).redirectInput(ProcessBuilder.Redirect.PIPE);
      pb.environment().keySet().removeIf(k -> k.startsWith("VITALS_") || k.startsWith("AWS_LAMBDA_")
          || k.startsWith("ORDERS_") || k.equals("_HANDLER"));
      pb.environment().putAll(env);
      long t0 = System.nanoTime();
      return new FunctionProcess(pb.start(), out, err, t0);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits until the runtime has run the init phase and waits for the go-signal (it was started with --wait). */
  FunctionProcess awaitReady() {
    Awaitility.await("the runtime's init phase").atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(20))
        .until(() -> {
          if (!process.isAlive()) {
            throw new AssertionError("the runtime exited with status " + process.exitValue() + ":\n" + stderr());
          }
          return stderr().contains("READY waiting");
        });
    return this;
  }

  /** Lets a runtime started with --wait invoke the function. */
  void go() {
    try {
      OutputStream in = process.getOutputStream();
      in.write('\n');
      in.flush();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Waits for the process to end by itself (at most a minute) and returns its exit status. */
  int exitStatus() {
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError("the runtime did not exit within 60 s; it printed:\n" + stdout() + stderr());
      }
      if (endedNanos < 0) {
        endedNanos = System.nanoTime();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
    return process.exitValue();
  }

  /** From the start of the process to its end as this test saw it: more than the process's own run time. */
  double runMillis() {
    assertThat(endedNanos).as("the process has ended").isPositive();
    return (endedNanos - startedNanos) / 1e6;
  }

  String stdout() {
    return read(stdout);
  }

  String stderr() {
    return read(stderr);
  }

  /** Every EMF record the function printed, each checked against the EMF specification. */
  List<Map<String, Object>> records() {
    return EmfCheck.records(stdout());
  }

  /** The records of invocations (those with {@code Invocations}), in order. */
  List<Map<String, Object>> invocations() {
    return records().stream().filter(r -> r.containsKey("Invocations")).collect(Collectors.toList());
  }

  /** The request ids of the invocations the runtime started, in order. */
  List<String> requestIds() {
    List<String> ids = new ArrayList<>();
    Matcher m = START.matcher(stderr());
    while (m.find()) {
      ids.add(m.group(1));
    }
    return ids;
  }

  /** The lines of standard error that start with a word, such as {@code PAUSE} or {@code RESPONSE}. */
  List<String> stderrLines(String word) {
    return stderr().lines().filter(l -> l.startsWith(word + " ")).collect(Collectors.toList());
  }

  private static String read(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    if (process.isAlive()) {
      process.destroyForcibly();
      try {
        process.waitFor(10, TimeUnit.SECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
