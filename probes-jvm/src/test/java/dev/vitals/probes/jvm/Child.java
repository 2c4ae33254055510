package dev.vitals.probes.jvm;

import static org.awaitility.Awaitility.await;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A running {@link ChildMonitor} JVM: send it commands, wait for the results it prints. */
final class Child implements AutoCloseable {

  private final Process process;
  private final Writer stdin;
  private final List<String> lines = new CopyOnWriteArrayList<>();
  private final StringBuffer stderr = new StringBuffer();

  private Child(Process process) {
    this.process = process;
    this.stdin = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    Thread out = new Thread(() -> pump(new BufferedReader(new InputStreamReader(process.getInputStream(),
        StandardCharsets.UTF_8)), lines), "child-out");
    out.setDaemon(true);
    out.start();
    Thread err = new Thread(() -> {
      try (BufferedReader r = new BufferedReader(new InputStreamReader(process.getErrorStream(), StandardCharsets.UTF_8))) {
        String l;
        while ((l = r.readLine()) != null) {
          stderr.append(l).append('\n');
        }
      } catch (IOException e) {
        // the child ended
      }
    }, "child-err");
    err.setDaemon(true);
    err.start();
  }

  /**
   * Starts a child JVM.
   *
   * @param shellPrefix shell commands run before {@code exec java} (such as {@code ulimit -n 256}), or null
   * @param jvmArgs options for the JVM
   * @param probeSettings the probe's settings, {@code key=value}
   */
  static Child start(String shellPrefix, List<String> jvmArgs, String... probeSettings) {
    List<String> java = new ArrayList<>();
    java.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    java.addAll(jvmArgs);
    java.add("-cp");
    java.add(System.getProperty("java.class.path"));
    java.add(ChildMonitor.class.getName());
    java.addAll(List.of(probeSettings));
    List<String> command;
    if (shellPrefix == null) {
      command = java;
    } else {
      StringBuilder sh = new StringBuilder(shellPrefix).append("; exec");
      for (String a : java) {
        sh.append(" '").append(a.replace("'", "'\\''")).append('\'');
      }
      command = List.of("bash", "-c", sh.toString());
    }
    try {
      return new Child(new ProcessBuilder(command).start());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void pump(BufferedReader r, List<String> into) {
    try (r) {
      String l;
      while ((l = r.readLine()) != null) {
        into.add(l);
      }
    } catch (IOException e) {
      // the child ended
    }
  }

  /** Sends a command and waits until the child has carried it out. */
  void send(String command) {
    int before = lines.size();
    try {
      stdin.write(command + "\n");
      stdin.flush();
    } catch (IOException e) {
      throw new UncheckedIOException("child ended: " + stderr, e);
    }
    await().atMost(Duration.ofSeconds(60)).until(() -> {
      checkAlive();
      List<String> seen = List.copyOf(lines); // a snapshot: the list grows while we look
      return seen.subList(before, seen.size()).contains("DONE " + command);
    });
  }

  /** Waits for a result line printed after now that matches, and returns it. */
  String awaitResult(Predicate<String> match, String what) {
    int from = lines.size();
    String[] found = new String[1];
    await().alias(what).atMost(Duration.ofSeconds(60)).until(() -> {
      checkAlive();
      List<String> seen = List.copyOf(lines);
      for (String l : seen.subList(from, seen.size())) {
        if (l.startsWith("RESULT ") && match.test(l)) {
          found[0] = l;
          return true;
        }
      }
      return false;
    });
    return found[0];
  }

  /** Waits for a result of the given status printed after now. */
  String awaitStatus(String status) {
    return awaitResult(l -> l.startsWith("RESULT " + status + " "), "a " + status + " result; seen " + lines);
  }

  /** A number detail of a result line. */
  static long detail(String line, String key) {
    Matcher m = Pattern.compile("[{ ]" + Pattern.quote(key) + "=([0-9.]+)").matcher(line);
    if (!m.find()) {
      throw new AssertionError("no detail " + key + " in " + line);
    }
    return (long) Double.parseDouble(m.group(1));
  }

  static double ratio(String line, String key) {
    Matcher m = Pattern.compile("[{ ]" + Pattern.quote(key) + "=([0-9.]+)").matcher(line);
    if (!m.find()) {
      throw new AssertionError("no detail " + key + " in " + line);
    }
    return Double.parseDouble(m.group(1));
  }

  private void checkAlive() {
    if (!process.isAlive()) {
      throw new AssertionError("the child JVM ended with status " + process.exitValue() + "; printed " + lines
          + "; stderr: " + stderr);
    }
  }

  @Override
  public void close() {
    process.destroyForcibly();
    try {
      process.waitFor();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
