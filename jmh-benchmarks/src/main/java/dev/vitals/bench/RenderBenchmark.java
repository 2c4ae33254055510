package dev.vitals.bench;

import dev.vitals.api.HealthReport;
import dev.vitals.exporter.http.Details;
import dev.vitals.exporter.http.HealthRendering;
import dev.vitals.exporter.prometheus.VitalsPrometheus;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Threads;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Rendering the endpoint's answers for 10 and 100 probes (and 5 trackers).
 *
 * <ul>
 *   <li>{@code healthJson} / {@code healthJsonNoDetails}: the {@code /health} JSON body with details
 *       on and off (off is the default), rendered from scratch, as the endpoint does once per new
 *       report and second;</li>
 *   <li>{@code metrics}: the Prometheus text of {@code /metrics} through
 *       {@code VitalsPrometheus.write}, into a reused {@code ByteArrayOutputStream};</li>
 *   <li>{@code servedHealth} / {@code servedMetrics}: what the endpoint runs per request once the
 *       request is parsed, when the report has not changed (the common case: reports change on probe
 *       results and every 10 s): routing and the per-report answer cache.</li>
 * </ul>
 *
 * <p>The render methods cycle through 8 reports taken from successive probe runs, so the input
 * varies. Everything is reached through the exporter's public {@link HealthRendering}.
 */
@State(Scope.Benchmark)
@BenchmarkMode({Mode.AverageTime, Mode.Throughput})
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(value = 2, jvmArgsAppend = {"-Xms1g", "-Xmx1g"})
@Warmup(iterations = 5, time = 1)
@Measurement(iterations = 5, time = 1)
@Threads(1)
public class RenderBenchmark {

  private static final int REPORTS = 8;

  /** How many probes the reports have. */
  @Param({"10", "100"})
  public int probes;

  private final HealthReport[] reports = new HealthReport[REPORTS];
  private Instant now;
  private int next;
  private final ByteArrayOutputStream out = new ByteArrayOutputStream(64 * 1024);
  private HealthRendering.Answers served;

  /** Creates the benchmark; JMH calls it. */
  public RenderBenchmark() {}

  /** Runs the probes a few times and keeps a report after each run. */
  @Setup
  public void setUp() {
    Duration interval = Duration.ofSeconds(10);
    try (Fixtures.Driven d = Fixtures.monitor(probes, interval, 5, 3)) {
      for (int i = 0; i < REPORTS; i++) {
        d.clock.advance(interval);
        reports[i] = d.report();
      }
      now = d.clock.instant();
    }
    HealthReport fixed = reports[REPORTS - 1];
    served = HealthRendering.answers(() -> fixed, Details.NEVER);
    if (served.status("/health") != 200 || served.status("/metrics") != 200) {
      throw new IllegalStateException("the endpoint does not answer 200: /health " + served.status("/health")
          + ", /metrics " + served.status("/metrics"));
    }
  }

  private HealthReport nextReport() {
    return reports[next++ & (REPORTS - 1)];
  }

  /**
   * The {@code /health} body with details ({@code vitals.http.details=always}).
   *
   * @return the body
   */
  @Benchmark
  public byte[] healthJson() {
    return HealthRendering.healthJson(nextReport(), now, true);
  }

  /**
   * The {@code /health} body without details (the default: names and statuses).
   *
   * @return the body
   */
  @Benchmark
  public byte[] healthJsonNoDetails() {
    return HealthRendering.healthJson(nextReport(), now, false);
  }

  /**
   * The {@code /metrics} Prometheus text.
   *
   * @return the number of bytes written
   * @throws IOException never: the stream is in memory
   */
  @Benchmark
  public int metrics() throws IOException {
    out.reset();
    VitalsPrometheus.write(nextReport(), now, out, false);
    return out.size();
  }

  /**
   * A {@code GET /health} as the endpoint answers it for an unchanged report.
   *
   * @return the body
   */
  @Benchmark
  public byte[] servedHealth() {
    return served.get("/health");
  }

  /**
   * A {@code GET /metrics} as the endpoint answers it for an unchanged report.
   *
   * @return the body
   */
  @Benchmark
  public byte[] servedMetrics() {
    return served.get("/metrics");
  }
}
