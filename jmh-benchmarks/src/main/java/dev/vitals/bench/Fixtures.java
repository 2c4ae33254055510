package dev.vitals.bench;

import dev.vitals.api.HealthReport;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.Tracker;
import dev.vitals.core.HealthMonitor;
import dev.vitals.test.ManualClock;
import java.time.Duration;
import java.util.Map;

/**
 * Monitors for benchmarks, built through the public API only: code probes, a {@link ManualClock}
 * that drives the monitor's scheduler, and an executor that runs each check on the caller, so that
 * one {@code clock.advance(...)} is one deterministic, single-threaded slice of engine work.
 */
final class Fixtures {

  private static final String[] TYPES = {"jdbc", "redis", "http", "tcp"};

  private Fixtures() {}

  /** A monitor and the clock that drives it. */
  static final class Driven implements AutoCloseable {
    final ManualClock clock;
    final HealthMonitor monitor;

    Driven(ManualClock clock, HealthMonitor monitor) {
      this.clock = clock;
      this.monitor = monitor;
    }

    HealthReport report() {
      return monitor.report();
    }

    @Override
    public void close() {
      monitor.close();
    }
  }

  /**
   * A started monitor with {@code probes} probes of a realistic mix (types, kinds, some DEGRADED, a
   * few non-critical DOWN, details) that run every {@code interval}, and {@code trackers} trackers
   * fed with a few thousand latencies. Every probe has run {@code runs} times when this returns.
   */
  static Driven monitor(int probes, Duration interval, int trackers, int runs) {
    ManualClock clock = new ManualClock();
    HealthMonitor.Builder b = HealthMonitor.builder()
        .clock(clock)
        .scheduler(clock.scheduler())
        .executor(clock.executor())
        .jitter(0)
        .discoverExporters(false)
        .environment(Map.of())
        .startTime(clock.instant());
    for (int i = 0; i < probes; i++) {
      b.probe(probe(i, interval));
    }
    HealthMonitor monitor = b.build().start();
    for (int t = 0; t < trackers; t++) {
      Tracker tracker = monitor.tracker(t == 0 ? "api" : "operation-" + t);
      for (int i = 0; i < 2_000; i++) {
        tracker.record(Latencies.nanos(i * 7 + t), Latencies.ok(i + t));
      }
    }
    clock.runDue();
    for (int r = 1; r < runs; r++) {
      clock.advance(interval);
    }
    return new Driven(clock, monitor);
  }

  /** Probe {@code i} of the realistic mix. */
  static Probe probe(int i, Duration interval) {
    String type = TYPES[i % TYPES.length];
    ProbeDefaults.Builder d = ProbeDefaults.builder()
        .interval(interval)
        .timeout(interval.compareTo(Duration.ofSeconds(4)) < 0 ? interval.dividedBy(2) : Duration.ofSeconds(2));
    if (i % 5 == 0) {
      d.kinds(ProbeKind.LIVENESS, ProbeKind.READINESS);
    } else if (i % 10 == 1) {
      d.kinds(ProbeKind.STARTUP, ProbeKind.READINESS);
    } else {
      d.kinds(ProbeKind.READINESS);
    }
    boolean failing = i % 20 == 13;
    if (failing) {
      d.critical(false);
    }
    ProbeDefaults defaults = d.build();
    String name = type + "-" + i;
    return new MixProbe(name, type, defaults, i % 10 == 7, failing);
  }

  /** A cheap check that builds a fresh result with a detail or two, as a real probe does. */
  static final class MixProbe implements Probe {
    private final String name;
    private final String type;
    private final ProbeDefaults defaults;
    private final boolean degraded;
    private final boolean failing;
    private int runs;

    MixProbe(String name, String type, ProbeDefaults defaults, boolean degraded, boolean failing) {
      this.name = name;
      this.type = type;
      this.defaults = defaults;
      this.degraded = degraded;
      this.failing = failing;
    }

    @Override
    public String name() {
      return name;
    }

    @Override
    public String type() {
      return type;
    }

    @Override
    public ProbeDefaults defaults() {
      return defaults;
    }

    @Override
    public ProbeResult check() {
      int n = ++runs;
      if (failing) {
        return ProbeResult.down("connection refused: " + type + "://10.0.0." + (n & 7) + ":5432");
      }
      ProbeResult.Builder r = ProbeResult.builder(degraded ? Status.DEGRADED : Status.UP);
      if (degraded) {
        r.message("pool has " + (n & 3) + " threads waiting");
      }
      return r.detail("active", n & 15).detail("max", 20).build();
    }
  }
}
