package dev.vitals.api.spi;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthListener;
import dev.vitals.api.HealthReport;

/**
 * What an exporter may use of its monitor. Thread-safe.
 */
public interface ExporterContext {

  /**
   * The whole configuration (keys such as {@code vitals.http.port}), with {@code ${NAME}} resolved
   * and environment overrides applied.
   *
   * @return the configuration
   */
  Config config();

  /**
   * The latest report. A volatile read: cheap enough for every request.
   *
   * @return the report, never null
   */
  HealthReport report();

  /**
   * The monitor's clock.
   *
   * @return the clock
   */
  Clock clock();

  /**
   * Registers a listener for status changes, reports and regressions.
   *
   * @param listener the listener, not null
   */
  void addListener(HealthListener listener);

  /**
   * Registers an observer of every probe run.
   *
   * @param observer the observer, not null
   */
  void addProbeObserver(ProbeObserver observer);

  /**
   * The monitor's history across restarts, when a history store is configured
   * ({@code vitals.history.dir} or another {@code vitals.history.type}).
   *
   * @return the history, or empty without a store
   */
  default java.util.Optional<dev.vitals.api.History> history() {
    return java.util.Optional.empty();
  }
}
