package dev.vitals.lambda;

import com.amazonaws.services.lambda.runtime.Context;
import dev.vitals.api.Clock;
import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.Tracker;
import dev.vitals.core.HealthMonitor;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * What a wrapped handler does around each invocation: claims the cold start, runs due probes within the
 * probe budget, times the handler, records it in the tracker and writes the EMF records. Thread-safe
 * (Lambda invokes one at a time per environment; a test may not).
 */
final class Invocations {

  final HealthMonitor monitor;
  private final LambdaSettings settings;
  private final PrintStream out;
  private final Clock clock;
  private final Map<String, String> env;
  private final ExecutionEnvironment environment;
  private final Tracker tracker;
  private final EmfRecords emf;
  /** When the handler was wrapped: the end of the function's init phase, epoch milliseconds. */
  private final long initEndMillis;
  /** The result time of each probe's last record, so that a probe is written once per new result. */
  private final Map<String, Instant> written = new ConcurrentHashMap<>();

  Invocations(HealthMonitor monitor, LambdaSettings settings, PrintStream out, Clock clock, Map<String, String> env,
      ExecutionEnvironment environment) {
    this.monitor = monitor;
    this.settings = settings;
    this.out = out;
    this.clock = clock;
    this.env = env;
    this.environment = environment;
    this.tracker = monitor.tracker(settings.tracker);
    this.emf = new EmfRecords(settings.namespace);
    this.initEndMillis = clock.wallTimeMillis();
    if (PROVISIONED.equals(env.get(INITIALIZATION_TYPE))) {
      monitor.markReady(); // initialised ahead of any request: its init phase is the cold start
    }
  }

  static final String INITIALIZATION_TYPE = "AWS_LAMBDA_INITIALIZATION_TYPE";
  static final String PROVISIONED = "provisioned-concurrency";
  static final String SNAP_START = "snap-start";

  /** One invocation's facts until it ends. */
  static final class Invocation {
    final Context context;
    final long startMillis;
    final boolean coldStart;
    final long initNanos;
    final long probeNanos;
    final long handlerStartNanos;

    Invocation(Context context, long startMillis, boolean coldStart, long initNanos, long probeNanos,
        long handlerStartNanos) {
      this.context = context;
      this.startMillis = startMillis;
      this.coldStart = coldStart;
      this.initNanos = initNanos;
      this.probeNanos = probeNanos;
      this.handlerStartNanos = handlerStartNanos;
    }
  }

  Invocation begin(Context context) {
    long t0 = clock.nanoTime();
    long startMillis = clock.wallTimeMillis();
    boolean cold = environment.firstInvocation();
    long initNanos = -1;
    if (cold) {
      long restored = environment.restoredAtMillis();
      String type = env.get(INITIALIZATION_TYPE);
      long processStart = monitor.report().startedAt().toEpochMilli();
      if (restored >= 0) {
        initNanos = Math.max(0, startMillis - restored) * 1_000_000L;
      } else if (PROVISIONED.equals(type)) {
        // initialised ahead of requests: the init phase, not the wait for the first request
        initNanos = Math.max(0, initEndMillis - processStart) * 1_000_000L;
      } else if (!SNAP_START.equals(type)) {
        initNanos = Math.max(0, startMillis - processStart) * 1_000_000L;
        monitor.markReady(); // the report's cold start: process start to the first invocation
      }
    }
    try {
      monitor.runDue(probeBudget(context));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt(); // the handler sees it; probes wait for the next invocation
    }
    long t1 = clock.nanoTime();
    return new Invocation(context, startMillis, cold, initNanos, t1 - t0, t1);
  }

  /** The share of the remaining time the probes may take, never more than the configured budget. */
  Duration probeBudget(Context context) {
    int remaining = context != null ? context.getRemainingTimeInMillis() : -1;
    if (remaining <= 0) {
      return settings.probeBudget;
    }
    long share = (long) (remaining * settings.probeShare);
    return share < settings.probeBudget.toMillis() ? Duration.ofMillis(share) : settings.probeBudget;
  }

  void end(Invocation i, boolean ok, Throwable error) {
    long durationNanos = clock.nanoTime() - i.handlerStartNanos;
    tracker.record(durationNanos, ok);
    if (!settings.emf) {
      return;
    }
    HealthReport report = monitor.report();
    String function = name(i.context != null ? i.context.getFunctionName() : null, "AWS_LAMBDA_FUNCTION_NAME");
    String version = name(i.context != null ? i.context.getFunctionVersion() : null, "AWS_LAMBDA_FUNCTION_VERSION");
    StringBuilder lines = new StringBuilder(1024);
    emf.invocation(lines, i.startMillis, function, version, durationNanos, !ok,
        error != null ? error.getClass().getSimpleName() : null, i.coldStart, i.initNanos, i.probeNanos,
        i.context != null ? i.context.getAwsRequestId() : null, report.status().name());
    lines.append('\n');
    int records = 1;
    for (ProbeReport p : report.probes()) {
      Optional<ProbeResult> last = p.lastResult();
      if (last.isEmpty() || last.get().time().isEmpty()) {
        continue;
      }
      Instant at = last.get().time().get();
      if (at.equals(written.get(p.name()))) {
        continue; // no new result since its last record
      }
      if (records >= settings.maxRecords) {
        break; // bounded: the rest are written by a later invocation
      }
      written.put(p.name(), at);
      boolean up = p.status() == Status.UP || p.status() == Status.DEGRADED;
      emf.probe(lines, i.startMillis, function, p.name(), up, last.get().latencyNanos(), p.score(),
          p.status().name());
      lines.append('\n');
      records++;
    }
    out.print(lines.toString());
    out.flush();
  }

  private String name(String fromContext, String variable) {
    if (fromContext != null && !fromContext.isEmpty()) {
      return fromContext;
    }
    String v = env.get(variable);
    return v != null && !v.isEmpty() ? v : "unknown";
  }
}
