package dev.vitals.test;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthListener;
import dev.vitals.api.HealthReport;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ExporterContext;
import dev.vitals.api.spi.ProbeObserver;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * A test double of {@link ExporterContext}: fixed settings, a report and a clock, and lists that
 * record what the exporter registers. {@link ExporterCompatibilityKit} gives one to the exporter under
 * test; tests of an exporter outside the kit make one with {@link #of(Map, Supplier, Clock)}.
 * Thread-safe.
 *
 * <p>It used to be nested, as {@code ExporterCompatibilityKit.RecordingContext}; code that named it so
 * imports {@code dev.vitals.test.RecordingContext} instead.
 */
public final class RecordingContext implements ExporterContext {
  private final Config config;
  private final Supplier<HealthReport> reports;
  private final Clock clock;
  private final List<HealthListener> listeners = new CopyOnWriteArrayList<>();
  private final List<ProbeObserver> observers = new CopyOnWriteArrayList<>();

  RecordingContext(Map<String, String> settings, HealthReport report, Clock clock) {
    this(settings, () -> report, clock);
  }

  private RecordingContext(Map<String, String> settings, Supplier<HealthReport> reports, Clock clock) {
    this.config = Config.of(settings);
    this.reports = reports;
    this.clock = clock;
  }

  /**
   * A context for testing an exporter outside the kit: what a monitor would give it, with lists
   * that record the listeners and observers it registers.
   *
   * @param settings the whole configuration, such as {@code vitals.logging.enabled = true}; copied;
   *     not null
   * @param reports gives {@link #report()} its answer, called on each call; not null, and it must
   *     not return null
   * @param clock the clock the exporter is given, such as a {@link ManualClock} or
   *     {@link Clock#system()}; not null
   * @return a new context
   * @throws NullPointerException if an argument, or a key of the settings, is null
   */
  public static RecordingContext of(Map<String, String> settings, Supplier<HealthReport> reports, Clock clock) {
    return new RecordingContext(Objects.requireNonNull(settings, "settings"),
        Objects.requireNonNull(reports, "reports"), Objects.requireNonNull(clock, "clock"));
  }

  /**
   * The settings.
   *
   * @return the configuration given to the kit
   */
  @Override
  public Config config() {
    return config;
  }

  /**
   * The latest report.
   *
   * @return in the kit, always the kit's report; otherwise what the supplier given to
   *     {@link #of(Map, Supplier, Clock)} returns
   */
  @Override
  public HealthReport report() {
    return reports.get();
  }

  /**
   * The kit's manual clock.
   *
   * @return the clock
   */
  @Override
  public Clock clock() {
    return clock;
  }

  /**
   * Records a listener.
   *
   * @param listener the listener, not null
   * @throws NullPointerException if it is null
   */
  @Override
  public void addListener(HealthListener listener) {
    listeners.add(Objects.requireNonNull(listener, "listener"));
  }

  /**
   * Records an observer.
   *
   * @param observer the observer, not null
   * @throws NullPointerException if it is null
   */
  @Override
  public void addProbeObserver(ProbeObserver observer) {
    observers.add(Objects.requireNonNull(observer, "observer"));
  }

  /**
   * The listeners registered so far.
   *
   * @return an unmodifiable snapshot, in registration order
   */
  public List<HealthListener> listeners() {
    return Collections.unmodifiableList(new ArrayList<>(listeners));
  }

  /**
   * The observers registered so far.
   *
   * @return an unmodifiable snapshot, in registration order
   */
  public List<ProbeObserver> observers() {
    return Collections.unmodifiableList(new ArrayList<>(observers));
  }
}
