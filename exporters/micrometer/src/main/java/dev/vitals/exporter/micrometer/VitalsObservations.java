package dev.vitals.exporter.micrometer;

import dev.vitals.api.ProbeResult;
import dev.vitals.api.Status;
import dev.vitals.api.spi.ProbeObserver;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Makes each probe run a Micrometer {@link Observation} named {@value #NAME}, so a service with
 * tracing set up gets a span per probe run, and one with a meter observation handler a timer.
 *
 * <pre>{@code
 * ProbeObserver observer = new VitalsObservations(observationRegistry);
 * // register it with the monitor, e.g. ExporterContext.addProbeObserver(observer)
 * }</pre>
 *
 * <p><b>Key values.</b> Low cardinality, on every observation: {@code probe} (the probe's name) and
 * {@code type} (its type) from the start; {@code status} ({@code up}, {@code degraded}, {@code down},
 * {@code unknown}) and {@code error.type} (the simple class name of the exception that caused a
 * failure, {@code none} when there was none) at the end. High cardinality, when the result has one:
 * {@code message} (already redacted). A {@code DOWN} result also reports an error on the observation
 * ({@link Observation#error(Throwable)} with a stack-less {@code ProbeDownException} carrying the
 * redacted error or message), so tracers mark the span failed and Micrometer's meter handler tags its
 * timer {@code error=ProbeDownException} ({@code none} otherwise).
 *
 * <p>No scope is opened: a run may end on another thread than the one it started on (a timeout), so
 * the observation is not made current on the probe's thread.
 *
 * <p><b>Threading.</b> Thread-safe. {@link #start(String, String)} and {@code end} do no I/O of their
 * own; they cost what the registry's handlers cost. With a no-op registry they cost almost nothing.
 */
public final class VitalsObservations implements ProbeObserver {

  /** The observation's name. */
  public static final String NAME = "vitals.probe";

  private final ObservationRegistry registry;

  /**
   * An observer that reports to a registry.
   *
   * @param registry the registry, such as the one a tracing bridge is configured with; not null
   * @throws NullPointerException if {@code registry} is null
   */
  public VitalsObservations(ObservationRegistry registry) {
    this.registry = Objects.requireNonNull(registry, "registry");
  }

  /**
   * Creates and starts the observation of one run.
   *
   * @param probe the probe's name, not null
   * @param type the probe's type, not null
   * @return the run; ending it stops the observation (ending it again has no effect)
   */
  @Override
  public Run start(String probe, String type) {
    Observation observation = Observation.createNotStarted(NAME, registry)
        .lowCardinalityKeyValue("probe", probe)
        .lowCardinalityKeyValue("type", type)
        .start();
    return new ObservedRun(observation);
  }

  /** One observed run. */
  private static final class ObservedRun implements Run {
    private final Observation observation;
    private final AtomicBoolean ended = new AtomicBoolean();

    ObservedRun(Observation observation) {
      this.observation = observation;
    }

    @Override
    public void end(ProbeResult result) {
      if (!ended.compareAndSet(false, true)) {
        return;
      }
      observation.lowCardinalityKeyValue("status", result.status().id());
      observation.lowCardinalityKeyValue("error.type", result.error().map(ObservedRun::errorType).orElse("none"));
      result.message().ifPresent(m -> observation.highCardinalityKeyValue("message", m));
      if (result.status() == Status.DOWN) {
        observation.error(new ProbeDownException(result.error().or(result::message).orElse("probe down")));
      }
      observation.stop();
    }

    /** The simple class name from a result's {@code "type: message"} error. */
    static String errorType(String error) {
      int colon = error.indexOf(": ");
      String type = colon < 0 ? error : error.substring(0, colon);
      return type.substring(type.lastIndexOf('.') + 1);
    }
  }

  /** A failed run, as an exception for observation handlers; no stack trace. */
  static final class ProbeDownException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    ProbeDownException(String message) {
      super(message, null, false, false);
    }
  }
}
