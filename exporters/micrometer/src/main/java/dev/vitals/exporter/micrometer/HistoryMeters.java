package dev.vitals.exporter.micrometer;

import dev.vitals.api.HistoryStats;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Instant;
import java.util.List;
import java.util.function.ToDoubleFunction;

/**
 * The history store's meters, registered once a report has a store. They carry no tag: the store's
 * description names a directory or a database host, which has no place in metrics.
 *
 * <p>Reads the figures the binder remembered from the last report it checked, so a poll allocates
 * nothing ({@link dev.vitals.api.HealthReport#history()} makes a new {@code Optional} on each call).
 */
final class HistoryMeters {

  private final VitalsMeterBinder binder;
  /** The figures of the last report checked; null when it had no store. */
  private volatile HistoryStats current;
  /** The last figures seen, for the counters of a report without a store. */
  private volatile HistoryStats last;

  HistoryMeters(VitalsMeterBinder binder) {
    this.binder = binder;
  }

  /** Called for each report checked, before it is published as checked. */
  void remember(HistoryStats stats) {
    current = stats;
    if (stats != null) {
      last = stats;
    }
  }

  private double counter(ToDoubleFunction<HistoryStats> value) {
    binder.current();
    HistoryStats h = last;
    return h == null ? 0 : value.applyAsDouble(h);
  }

  private double gauge(ToDoubleFunction<HistoryStats> value) {
    binder.current();
    HistoryStats h = current;
    return h == null ? Double.NaN : value.applyAsDouble(h);
  }

  double written() {
    return counter(HistoryStats::minutesWritten);
  }

  double failures() {
    return counter(HistoryStats::failures);
  }

  double dropped() {
    return counter(HistoryStats::dropped);
  }

  double pending() {
    return gauge(HistoryStats::pending);
  }

  double lastWrite() {
    return gauge(HistoryMeters::lastWriteSeconds);
  }

  private static double lastWriteSeconds(HistoryStats h) {
    if (h.lastWrite().isEmpty()) {
      return Double.NaN;
    }
    Instant t = h.lastWrite().get();
    return t.getEpochSecond() + t.getNano() / 1e9;
  }

  void bindTo(MeterRegistry registry, List<Meter> out) {
    out.add(FunctionCounter.builder("vitals.history.records.written", this, HistoryMeters::written)
        .description("Minute records the history store wrote").register(registry));
    out.add(FunctionCounter.builder("vitals.history.write.failures", this, HistoryMeters::failures)
        .description("Failed attempts to write to the history store").register(registry));
    out.add(FunctionCounter.builder("vitals.history.dropped.records", this, HistoryMeters::dropped)
        .description("Minute records dropped because the history store stayed unavailable longer than the memory "
            + "kept for them").register(registry));
    out.add(Gauge.builder("vitals.history.pending.records", this, HistoryMeters::pending)
        .description("Minute records waiting in memory to be written to the history store")
        .strongReference(true).register(registry));
  }

  /** The time of the last write, registered once a report has one. */
  void bindLastWrite(MeterRegistry registry, List<Meter> out) {
    out.add(Gauge.builder("vitals.history.last.write.timestamp", this, HistoryMeters::lastWrite)
        .description("When a write to the history store last succeeded, in seconds since the epoch")
        .baseUnit(VitalsMeterBinder.SECONDS).strongReference(true).register(registry));
  }
}
