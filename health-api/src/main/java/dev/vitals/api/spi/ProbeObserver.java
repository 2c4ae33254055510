package dev.vitals.api.spi;

import dev.vitals.api.ProbeResult;

/**
 * Observes each run of each probe, for tracing (a span per run) or fine-grained metrics.
 * Registered with {@link ExporterContext#addProbeObserver(ProbeObserver)}.
 *
 * <p><b>Threading.</b> {@link #start(String, String)} is called on the thread that runs the check,
 * just before it; {@link Run#end(ProbeResult)} is called once per run, with the engine's final
 * result (a timeout included), possibly on another thread. Both must be quick and must not throw;
 * an exception is logged and ignored.
 */
public interface ProbeObserver {

  /**
   * A run is about to start.
   *
   * @param probe the probe's name
   * @param type the probe's type
   * @return a handle that is ended when the run ends, never null
   */
  Run start(String probe, String type);

  /** One run in progress. */
  interface Run {
    /**
     * The run ended.
     *
     * @param result the result, stamped with latency and time
     */
    void end(ProbeResult result);
  }
}
