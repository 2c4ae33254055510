package dev.vitals.probes.jvm;

import dev.vitals.api.HealthListener;
import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.core.HealthMonitor;
import java.io.BufferedReader;
import java.io.FileInputStream;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

/**
 * A child JVM that runs a real monitor with one configured probe named {@code p} and does to itself
 * what the test asks on standard input: {@code grow N} keeps N MB more live on the heap (allocating
 * garbage along the way, as a service does), {@code open N} opens N more files, {@code threads N}
 * starts N more threads that wait, {@code deadlock} deadlocks two threads on monitors, {@code release}
 * frees memory, files and threads. After each command it prints {@code DONE}. Every new result of the
 * probe's own runs is printed as {@code RESULT <status> <live-group status> <details> | <message>}.
 *
 * <p>Arguments: the probe's settings as {@code key=value} (without the {@code vitals.probes.p.} prefix).
 */
public final class ChildMonitor {

  private static final List<byte[]> LIVE = new ArrayList<>();
  private static final List<InputStream> FILES = new ArrayList<>();
  private static volatile CountDownLatch threadsRelease = new CountDownLatch(1);
  /** Garbage made along the way; read so that the allocations stay. */
  static volatile int sink;

  private ChildMonitor() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> config = new HashMap<>();
    for (String a : args) {
      int eq = a.indexOf('=');
      config.put("vitals.probes.p." + a.substring(0, eq), a.substring(eq + 1));
    }
    config.putIfAbsent("vitals.probes.p.interval", "100ms");
    config.put("vitals.probes.p.failure-threshold", "1");
    // each published report is printed when it carries a new result of the probe (no polling)
    try (HealthMonitor monitor = HealthMonitor.builder().config(config).environment(Map.of())
        .listener(new Printer()).build().start()) {
      BufferedReader in = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8));
      String line;
      while ((line = in.readLine()) != null) {
        String[] cmd = line.trim().split(" ");
        switch (cmd[0]) {
          case "grow":
            grow(Integer.parseInt(cmd[1]));
            break;
          case "open":
            for (int i = 0; i < Integer.parseInt(cmd[1]); i++) {
              FILES.add(new FileInputStream("/dev/null"));
            }
            break;
          case "threads":
            startThreads(Integer.parseInt(cmd[1]));
            break;
          case "deadlock":
            deadlock();
            break;
          case "release":
            LIVE.clear();
            for (InputStream f : FILES) {
              f.close();
            }
            FILES.clear();
            threadsRelease.countDown();
            threadsRelease = new CountDownLatch(1);
            System.gc();
            break;
          case "exit":
            return;
          default:
            throw new IllegalArgumentException(line);
        }
        synchronized (System.out) {
          System.out.println("DONE " + line);
          System.out.flush();
        }
      }
    }
  }

  private static void grow(int mb) {
    for (int i = 0; i < mb; i++) {
      for (int q = 0; q < 4; q++) {
        LIVE.add(new byte[256 << 10]); // below half a G1 region: ordinary objects, not humongous ones
      }
      for (int g = 0; g < 16; g++) {
        byte[] garbage = new byte[64 << 10]; // short-lived: young collections along the way
        sink += garbage.length;
      }
    }
    System.gc(); // as a service's own full collection would: the after-GC figure is the live set
  }

  private static void startThreads(int n) {
    CountDownLatch release = threadsRelease;
    for (int i = 0; i < n; i++) {
      Thread t = new Thread(() -> {
        try {
          release.await();
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
        }
      }, "waiter-" + i);
      t.setDaemon(true);
      t.start();
    }
  }

  private static void deadlock() throws InterruptedException {
    Object first = new Object();
    Object second = new Object();
    CountDownLatch bothHold = new CountDownLatch(2);
    Thread a = new Thread(() -> take(first, second, bothHold), "ledger-writer");
    Thread b = new Thread(() -> take(second, first, bothHold), "audit-reader");
    a.setDaemon(true);
    b.setDaemon(true);
    a.start();
    b.start();
    bothHold.await();
  }

  private static void take(Object mine, Object theirs, CountDownLatch bothHold) {
    synchronized (mine) {
      bothHold.countDown();
      try {
        bothHold.await();
      } catch (InterruptedException e) {
        return;
      }
      synchronized (theirs) {
        sink++;
      }
    }
  }

  /** Prints the probe's own new results as reports publish them. */
  private static final class Printer implements HealthListener {
    private ProbeResult last;

    @Override
    public synchronized void onReport(HealthReport report) {
      ProbeResult r = report.probe("p").flatMap(ProbeReport::lastResult).orElse(null);
      // the probe's own results only: while the breaker is open the engine reports without running it
      if (r != null && r != last && !r.details().containsKey("circuitBreaker")) {
        last = r;
        synchronized (System.out) {
          System.out.println("RESULT " + r.status() + " " + report.status(ProbeKind.LIVENESS) + " " + r.details()
              + " | " + r.message().orElse(""));
          System.out.flush();
        }
      }
    }
  }
}
