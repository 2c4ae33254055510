package dev.vitals.exporter.micrometer;

import dev.vitals.api.Clock;
import dev.vitals.api.HealthReport;
import dev.vitals.api.HistoryStats;
import dev.vitals.api.NotifierStats;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.SloReport;
import dev.vitals.api.Status;
import dev.vitals.api.TrackerReport;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.function.ToDoubleFunction;

/**
 * Publishes Vitals figures as Micrometer meters, so any registry a service already has (Prometheus,
 * CloudWatch, Datadog, OTLP ...) receives them.
 *
 * <pre>{@code
 * VitalsMeterBinder binder = new VitalsMeterBinder(monitorReports);   // a Supplier<HealthReport>
 * binder.bindTo(registry);                                            // any MeterRegistry
 * }</pre>
 *
 * <p><b>Meters.</b> The names of the Vitals metric contract in Micrometer's dotted form, with the unit
 * as the meter's base unit, so that a Prometheus registry renders exactly the series of the native
 * Prometheus exporter:
 * <ul>
 *   <li>service: {@code vitals.service.score}, {@code vitals.service.status} (tag {@code status}),
 *       {@code vitals.group.status} (tags {@code group}, {@code status}), {@code vitals.schedule.lag}, {@code vitals.uptime}
 *       (seconds), {@code vitals.cold.start} (seconds, registered once the cold start is known);
 *   <li>per probe (tag {@code probe}): {@code vitals.probe.status} (tag {@code status}),
 *       {@code vitals.probe.up}, {@code vitals.probe.score}, {@code vitals.probe.last.latency}
 *       (seconds), {@code vitals.probe.latency} (seconds, tag {@code percentile} = p50, p95, p99,
 *       max), {@code vitals.probe.error.ratio}, {@code vitals.probe.availability.ratio} (tag
 *       {@code window} = 1h, 24h, 7d, 30d), {@code vitals.probe.stale}, {@code vitals.probe.regression};
 *   <li>per tracker (tag {@code tracker}): {@code vitals.tracker.score}, {@code vitals.tracker.latency}
 *       (seconds, tag {@code percentile}), {@code vitals.tracker.error.ratio},
 *       {@code vitals.tracker.availability.ratio} (tag {@code window} = 1h),
 *       {@code vitals.tracker.operations} and {@code vitals.tracker.errors} (function counters over the
 *       tracker's totals), {@code vitals.tracker.regression};
 *   <li>per service-level objective (tag {@code slo}): {@code vitals.slo.objective.ratio} (also tag
 *       {@code tracker}, the tracker it is measured on), {@code vitals.slo.compliance.ratio},
 *       {@code vitals.slo.error.budget.remaining.ratio} (1 untouched, below 0 overspent),
 *       {@code vitals.slo.burn.rate} (tag {@code window} = 5m, 30m, 1h, 2h, 6h, 24h, 3d);
 *   <li>per notifier (tag {@code notifier}): {@code vitals.notifier.sent} and
 *       {@code vitals.notifier.dropped} (function counters over its delivery totals);
 *   <li>the history store, once a report has one (no tag: the store's description names a directory
 *       or a database host): {@code vitals.history.records.written}, {@code vitals.history.write.failures}
 *       and {@code vitals.history.dropped.records} (function counters over its totals of minute
 *       records), {@code vitals.history.pending.records} (a gauge), and
 *       {@code vitals.history.last.write.timestamp} (seconds since the epoch, registered once a write
 *       has succeeded).
 * </ul>
 * A state set ({@code *.status}) has one gauge per status ({@code up}, {@code degraded}, {@code down},
 * {@code unknown}): 1 for the current status, 0 for the others. Latencies, uptime and cold start are
 * in seconds; ratios from 0 to 1; scores from 0 to 100; flags 0 or 1. Percentiles, error ratios come
 * from the 5-minute summary window.
 *
 * <p><b>Reading.</b> Every gauge asks the supplier for the latest report when the registry polls it;
 * nothing is copied in between, and a poll allocates nothing beyond what the registry itself does.
 *
 * <p><b>Late names.</b> A probe, tracker, objective, notifier or history store that first appears after binding (a
 * tracker created on the first request, say) gets its meters as soon as any of this binder's meters is polled and sees the
 * new report: the poll compares the report with the last one it checked (one reference comparison)
 * and, when it changed, registers the meters of names it has not seen before. Checking at poll time
 * needs nothing but the supplier, so it also works when nobody registers a listener; the new meters
 * show from the next poll on. A name that disappears from the reports keeps its meters: gauges then
 * read NaN and counters keep their last value.
 *
 * <p><b>Threading.</b> Thread-safe: {@link #bindTo(MeterRegistry)} and {@link #close()} may be called
 * from any thread, gauges are polled from the registries' threads. The binder can be bound to several
 * registries; each gets every meter.
 */
public final class VitalsMeterBinder implements MeterBinder, AutoCloseable {

  static final String PROBE = "probe";
  static final String TRACKER = "tracker";
  static final String STATUS = "status";
  static final String SLO = "slo";
  static final String NOTIFIER = "notifier";
  static final String SECONDS = "seconds";

  private final Supplier<HealthReport> reports;
  private final Clock clock;
  private final Object lock = new Object();
  /** The meters registered in each bound registry. Guarded by {@link #lock}. */
  private final Map<MeterRegistry, List<Meter>> bound = new IdentityHashMap<>();
  /** Guarded by {@link #lock}. */
  private final Map<String, SubjectMeters.Probe> probes = new LinkedHashMap<>();
  /** Guarded by {@link #lock}. */
  private final Map<String, SubjectMeters.Tracker> trackers = new LinkedHashMap<>();
  /** Guarded by {@link #lock}. */
  private final Map<String, SubjectMeters.Slo> slos = new LinkedHashMap<>();
  /** Guarded by {@link #lock}. */
  private final Map<String, SubjectMeters.Notifier> notifiers = new LinkedHashMap<>();
  /** Null until a report has a history store. Guarded by {@link #lock}. */
  private HistoryMeters history;
  /** Guarded by {@link #lock}. */
  private boolean lastWriteKnown;
  /** Guarded by {@link #lock}. */
  private boolean coldStartKnown;
  /** The last report whose names were checked. */
  private volatile HealthReport synced;
  /** The cold start of {@link #synced}, NaN until known. */
  private volatile double coldStartSeconds = Double.NaN;

  /**
   * A binder over the system clock (used for uptime only).
   *
   * @param reports the latest report on each call, such as a monitor's {@code report()}; must be cheap
   *     (it is called on every poll of every gauge) and should never return null (gauges then read NaN)
   * @throws NullPointerException if {@code reports} is null
   */
  public VitalsMeterBinder(Supplier<HealthReport> reports) {
    this(reports, Clock.system());
  }

  /**
   * A binder with a clock for uptime, such as the monitor's.
   *
   * @param reports the latest report on each call; must be cheap and should never return null
   * @param clock the clock whose wall time gives {@code vitals.uptime}
   * @throws NullPointerException if an argument is null
   */
  public VitalsMeterBinder(Supplier<HealthReport> reports, Clock clock) {
    this.reports = Objects.requireNonNull(reports, "reports");
    this.clock = Objects.requireNonNull(clock, "clock");
  }

  /**
   * Registers the service meters and those of every probe and tracker of the current report in a
   * registry. Binding the same registry twice has no further effect.
   *
   * @param registry the registry, not null
   * @throws NullPointerException if {@code registry} is null
   */
  @Override
  public void bindTo(MeterRegistry registry) {
    Objects.requireNonNull(registry, "registry");
    synchronized (lock) {
      if (bound.containsKey(registry)) {
        return;
      }
      List<Meter> meters = new ArrayList<>();
      bound.put(registry, meters);
      bindService(registry, meters);
      if (coldStartKnown) {
        bindColdStart(registry, meters);
      }
      for (SubjectMeters.Probe p : probes.values()) {
        p.bindTo(registry, meters);
      }
      for (SubjectMeters.Tracker t : trackers.values()) {
        t.bindTo(registry, meters);
      }
      for (SubjectMeters.Slo s : slos.values()) {
        s.bindTo(registry, meters);
      }
      for (SubjectMeters.Notifier n : notifiers.values()) {
        n.bindTo(registry, meters);
      }
      if (history != null) {
        history.bindTo(registry, meters);
        if (lastWriteKnown) {
          history.bindLastWrite(registry, meters);
        }
      }
    }
    current();
  }

  /**
   * Removes every meter this binder registered from every registry it is bound to, and stops adding
   * meters there. The binder may be bound again afterwards. Idempotent; never throws.
   */
  @Override
  public void close() {
    synchronized (lock) {
      for (Map.Entry<MeterRegistry, List<Meter>> e : bound.entrySet()) {
        for (Meter m : e.getValue()) {
          e.getKey().remove(m);
        }
      }
      bound.clear();
    }
  }

  /**
   * The latest report, after registering the meters of names not seen before.
   *
   * @return the report, or null when the supplier gave none
   */
  HealthReport current() {
    HealthReport r = reports.get();
    if (r != null && r != synced) {
      sync(r);
    }
    return r;
  }

  private void sync(HealthReport r) {
    synchronized (lock) {
      if (r == synced) {
        return;
      }
      Optional<Duration> cold = r.coldStart();
      coldStartSeconds = cold.isPresent() ? seconds(cold.get()) : Double.NaN;
      if (cold.isPresent() && !coldStartKnown) {
        coldStartKnown = true;
        bound.forEach(this::bindColdStart);
      }
      for (ProbeReport p : r.probes()) {
        if (!probes.containsKey(p.name())) {
          SubjectMeters.Probe m = new SubjectMeters.Probe(this, p.name());
          probes.put(p.name(), m);
          bound.forEach(m::bindTo);
        }
      }
      for (TrackerReport t : r.trackers()) {
        SubjectMeters.Tracker m = trackers.get(t.name());
        if (m == null) {
          m = new SubjectMeters.Tracker(this, t.name());
          trackers.put(t.name(), m);
          bound.forEach(m::bindTo);
        }
        m.remember(t);
      }
      for (SloReport s : r.slos()) {
        if (!slos.containsKey(s.name())) {
          SubjectMeters.Slo m = new SubjectMeters.Slo(this, s.name(), s.tracker(),
              new ArrayList<>(s.burnRates().keySet()));
          slos.put(s.name(), m);
          bound.forEach(m::bindTo);
        }
      }
      for (NotifierStats n : r.notifiers()) {
        SubjectMeters.Notifier m = notifiers.get(n.name());
        if (m == null) {
          m = new SubjectMeters.Notifier(this, n.name());
          notifiers.put(n.name(), m);
          bound.forEach(m::bindTo);
        }
        m.remember(n);
      }
      HistoryStats h = r.history().orElse(null);
      if (h != null && history == null) {
        history = new HistoryMeters(this);
        bound.forEach(history::bindTo);
      }
      if (history != null) {
        history.remember(h);
        if (h != null && h.lastWrite().isPresent() && !lastWriteKnown) {
          lastWriteKnown = true;
          bound.forEach(history::bindLastWrite);
        }
      }
      synced = r;
    }
  }

  private void bindService(MeterRegistry registry, List<Meter> out) {
    gauge(registry, out, "vitals.service.score", "The service's health score, 0 to 100", Tags.empty(), null,
        HealthReport::score);
    for (Status s : Status.values()) {
      gauge(registry, out, "vitals.service.status", "The service's status: 1 for the current one, else 0",
          Tags.of(STATUS, s.id()), null, r -> r.status() == s ? 1 : 0);
    }
    for (ProbeKind k : ProbeKind.values()) {
      for (Status s : Status.values()) {
        gauge(registry, out, "vitals.group.status", "A probe group's status: 1 for the current one, else 0",
            Tags.of("group", k.id(), STATUS, s.id()), null, r -> r.status(k) == s ? 1 : 0);
      }
    }
    gauge(registry, out, "vitals.uptime", "How long the process has been up", Tags.empty(), VitalsMeterBinder.SECONDS,
        r -> Math.max(0L, clock.wallTimeMillis() - r.startedAt().toEpochMilli()) / 1000.0);
    gauge(registry, out, "vitals.schedule.lag", "Longest delay between a probe run's due time and its start, over"
        + " the last 10 to 20 seconds", Tags.empty(), VitalsMeterBinder.SECONDS, r -> seconds(r.scheduleLag()));
  }

  private void bindColdStart(MeterRegistry registry, List<Meter> out) {
    out.add(Gauge.builder("vitals.cold.start", this, b -> b.current() == null ? Double.NaN : b.coldStartSeconds)
        .description("How long the process took from start to ready")
        .baseUnit(VitalsMeterBinder.SECONDS)
        .strongReference(true)
        .register(registry));
  }

  private void gauge(MeterRegistry registry, List<Meter> out, String name, String description, Tags tags,
      String unit, ToDoubleFunction<HealthReport> value) {
    out.add(Gauge.builder(name, this, b -> {
      HealthReport r = b.current();
      return r == null ? Double.NaN : value.applyAsDouble(r);
    }).description(description).tags(tags).baseUnit(unit).strongReference(true).register(registry));
  }

  /**
   * A duration in seconds.
   *
   * @param d the duration
   * @return seconds with nanosecond precision
   */
  static double seconds(Duration d) {
    return d.getSeconds() + d.getNano() / 1e9;
  }
}
