package dev.vitals.exporter.logging;

import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.ExporterContext;
import dev.vitals.api.spi.ExporterFactory;
import java.util.Optional;
import org.slf4j.LoggerFactory;

/**
 * The {@code logging} exporter: logs what changes in a service's health through SLF4J, with the
 * SLF4J 2 fluent API and key-value pairs, on the logger {@value #LOGGER_NAME}. On unless
 * {@code vitals.logging.enabled=false}.
 *
 * <table>
 *   <caption>What is logged</caption>
 *   <tr><th>event</th><th>level</th><th>message</th></tr>
 *   <tr><td>a critical probe goes {@code DOWN}</td><td>ERROR</td><td>{@code probe db is DOWN (was UP): ...}</td></tr>
 *   <tr><td>a non-critical probe goes {@code DOWN}</td><td>WARN</td><td>same</td></tr>
 *   <tr><td>a probe goes {@code DEGRADED}</td><td>WARN</td><td>{@code probe db is DEGRADED (was UP): ...}</td></tr>
 *   <tr><td>a probe recovers ({@code DOWN}/{@code DEGRADED} to {@code UP})</td><td>INFO</td>
 *       <td>{@code probe db recovered (was DOWN)}</td></tr>
 *   <tr><td>a probe's first result is {@code UP}</td><td>INFO</td><td>{@code probe db up}</td></tr>
 *   <tr><td>a probe's status becomes {@code UNKNOWN}</td><td>WARN</td><td>{@code probe db status unknown (was UP)}</td></tr>
 *   <tr><td>a probe's or tracker's p95 regresses against its baseline</td><td>WARN</td>
 *       <td>{@code latency regression on db: p95 12.0 ms, 50.0 % above the baseline's 8.0 ms}</td></tr>
 *   <tr><td>a start-up problem (a plugin that failed to load ...)</td><td>WARN</td>
 *       <td>{@code start-up problem: ...}</td></tr>
 *   <tr><td>the history store starts failing (once, until it writes again)</td><td>WARN</td>
 *       <td>{@code history store file:/var/lib/app/vitals is failing, 3 minute records wait in memory: ...}</td></tr>
 *   <tr><td>the history store writes again</td><td>INFO</td>
 *       <td>{@code history store file:/var/lib/app/vitals is writing again after 4 failed attempts, 0 minute
 *       records lost}</td></tr>
 * </table>
 *
 * <p>Key-value pairs on a status change: {@code event=status-change}, {@code probe}, {@code type},
 * {@code from}, {@code to} (lower-case status ids), {@code critical}, {@code score} (0 to 100),
 * {@code latencyMs} (the run's latency in milliseconds), and {@code message} and {@code error} when the
 * result has them. On a regression: {@code event=regression}, {@code probe} or {@code tracker},
 * {@code p95Ms}, {@code baselineP95Ms}, {@code increasePercent}. On a problem: {@code event=problem},
 * {@code problem} (the history store's own problem is logged only as {@code history-failing}). When the
 * history store starts failing: {@code event=history-failing}, {@code store} (its description, never
 * with credentials), {@code problem}, {@code failures}, {@code pending}, {@code dropped} (totals since
 * the monitor started); when it writes again: {@code event=history-resumed}, {@code store},
 * {@code failedAttempts} and {@code droppedRecords} (while it was failing), {@code pending},
 * {@code minutesWritten}. Nothing is logged for a run that changes nothing: a healthy service writes no line
 * per probe run. Messages, errors, problems and the store's description are redacted; configuration
 * values are never logged.
 *
 * <p>Found with {@link java.util.ServiceLoader}; stateless and thread-safe.
 */
public final class LoggingExporterFactory implements ExporterFactory {

  /** The logger every event is written to. */
  public static final String LOGGER_NAME = "dev.vitals.health";

  /** The setting that turns the exporter off: {@code true} (the default) or {@code false}. */
  public static final String ENABLED = "vitals.logging.enabled";

  /** For {@link java.util.ServiceLoader}. */
  public LoggingExporterFactory() {
  }

  /**
   * The exporter's name.
   *
   * @return {@code logging}
   */
  @Override
  public String name() {
    return "logging";
  }

  /**
   * The one key this exporter reads.
   *
   * @return {@value #ENABLED}
   */
  @Override
  public java.util.Set<String> keys() {
    return java.util.Set.of(ENABLED);
  }

  /**
   * Checks {@value #ENABLED} when the monitor is built.
   *
   * @param config the whole configuration
   * @throws ConfigException when {@value #ENABLED} is neither {@code true} nor {@code false}
   */
  @Override
  public void validate(dev.vitals.api.spi.Config config) {
    config.bool(ENABLED, true);
  }

  /**
   * Registers the logging listener with the monitor, unless turned off.
   *
   * @param context the monitor's context, not null
   * @return the started exporter, empty when {@value #ENABLED} is {@code false}
   * @throws ConfigException when {@value #ENABLED} is neither {@code true} nor {@code false}
   */
  @Override
  public Optional<Exporter> create(ExporterContext context) {
    if (!context.config().bool(ENABLED, true)) {
      return Optional.empty();
    }
    HealthLog log = new HealthLog(LoggerFactory.getLogger(LOGGER_NAME), context::report);
    context.addListener(log);
    return Optional.of(new LoggingExporter(log));
  }

  /** The running exporter: closing it silences the listener (listeners cannot be removed). */
  private static final class LoggingExporter implements Exporter {
    private final HealthLog log;

    LoggingExporter(HealthLog log) {
      this.log = log;
    }

    @Override
    public String name() {
      return "logging";
    }

    @Override
    public void close() {
      log.close();
    }
  }
}
