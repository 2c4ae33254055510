package dev.vitals.core;

import dev.vitals.api.Baseline;
import dev.vitals.api.Clock;
import dev.vitals.api.HealthReport;
import dev.vitals.api.History;
import dev.vitals.api.HistoryPeriod;
import dev.vitals.api.HistorySubject;
import dev.vitals.api.Incident;
import dev.vitals.api.LatencyBudget;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.Redaction;
import dev.vitals.api.SubjectSummary;
import dev.vitals.api.Summary;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.spi.HistoryStore;
import dev.vitals.api.spi.Notifier;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZonedDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends the daily (and optional weekly) summary through the notifiers of {@code vitals.summary.notifiers}.
 * The monitor's history thread calls {@link #tick()} once right after start and then once a minute;
 * not thread-safe beyond that one caller.
 *
 * <p><b>When.</b> The daily summary of day D (a calendar day in {@code vitals.summary.zone}) is due at
 * {@code vitals.summary.time} on D + 1 — at 08:00 on Dec 3 the summary of Dec 2 — and may be sent until
 * the next day's summary is due. The weekly one ({@code vitals.summary.weekly}) is due on that day at the
 * same time and covers the seven days before it. On a day whose {@code time} does not exist (a DST gap) it
 * is due at the time the clocks jump to; days are 23 or 25 hours long where DST changes.
 *
 * <p><b>Once per period and notifier, across restarts.</b> Before sending, the first day of the last
 * period sent through a notifier is read from the store ({@code summary.daily.<notifier>},
 * {@code summary.weekly.<notifier>}, ISO dates); after a successful send it is written. The value is
 * written after the send, not before: a crash (or a store that fails to write until the process ends)
 * between the two sends the summary once more at the next start, where the other order would lose it.
 * Within one process what was sent is also remembered, so a failed write is retried but never causes a
 * second send.
 *
 * <p><b>Catch-up.</b> A process that was not running at the due time sends the summary at its first tick
 * after start, until the next day's is due — only the latest summary, never a backlog — provided it is
 * clearly expected: a summary was sent through that notifier before, or the history holds figures from
 * within the period. (A brand-new service started after 08:00 does not mail a summary of the day before
 * it existed.)
 *
 * <p><b>Failures.</b> {@link #tick()} never throws. A send that fails is tried again at the next ticks, at
 * most {@value #MAX_ATTEMPTS} attempts per period and notifier in one process, then an ERROR is logged
 * and that period is given up for that notifier. A store or history that cannot be read is logged as a
 * WARN (once per distinct problem) and tried again at the next tick; it costs no attempt.
 *
 * <p><b>When the last summary sent cannot be read</b>, nothing is sent at that tick, unless this process
 * was already running at the summary's due time: then no earlier process can have sent it (the store
 * belongs to this instance, and a previous process ended before this one started), so sending cannot
 * duplicate it. The reasoning: "never twice" is a promise the store keeps, and a summary that arrives a
 * few minutes late (when the store is readable again) costs less trust than one that arrives twice; but
 * a summary is not held back for a doubt that cannot exist.
 */
final class Summaries {

  static final Logger LOG = LoggerFactory.getLogger(Summaries.class);

  /** Attempts to send one period's summary through one notifier, per process. */
  static final int MAX_ATTEMPTS = 3;

  /** The fewest operations in the period for a regression against the baseline to count. */
  static final long MIN_REGRESSION_SAMPLES = 10;

  private final SummarySettings settings;
  private final History history;
  private final HistoryStore store;
  private final Supplier<HealthReport> report;
  private final Map<String, Notifier> notifiers;
  private final Clock clock;
  private final double baselineTolerance;

  /** When this process first ticked: it was running at every due time after it. */
  private Instant firstTick;
  /** Per period kind and notifier: the first day of the period known to be sent (from the store or this process). */
  private final Map<Summary.Period, Map<String, LocalDate>> sent = new EnumMap<>(Summary.Period.class);
  /** Per period kind and notifier: a first day sent whose store write has not succeeded yet. */
  private final Map<Summary.Period, Map<String, LocalDate>> unwritten = new EnumMap<>(Summary.Period.class);
  /** Per period kind and notifier: the period being attempted and the attempts made. */
  private final Map<Summary.Period, Map<String, Attempts>> attempts = new EnumMap<>(Summary.Period.class);
  /** The last problem logged, so a lasting one is logged once. */
  private String lastProblem;

  /** Attempts for one period. */
  private static final class Attempts {
    final LocalDate firstDay;
    int made;

    Attempts(LocalDate firstDay) {
      this.firstDay = firstDay;
    }
  }

  /** A period that is due now. */
  private static final class Due {
    final Summary.Period period;
    final LocalDate firstDay;
    final Instant from;
    final Instant to;
    final Instant dueAt;

    Due(Summary.Period period, LocalDate firstDay, Instant from, Instant to, Instant dueAt) {
      this.period = period;
      this.firstDay = firstDay;
      this.from = from;
      this.to = to;
      this.dueAt = dueAt;
    }

    String describe() {
      return (period == Summary.Period.DAILY ? "daily summary of " : "weekly summary from ") + firstDay;
    }
  }

  Summaries(SummarySettings settings, History history, HistoryStore store, Supplier<HealthReport> report,
      Map<String, Notifier> notifiers, Clock clock, double baselineTolerance) {
    this.settings = Objects.requireNonNull(settings, "settings");
    this.history = Objects.requireNonNull(history, "history");
    this.store = Objects.requireNonNull(store, "store");
    this.report = Objects.requireNonNull(report, "report");
    this.notifiers = Map.copyOf(notifiers);
    this.clock = Objects.requireNonNull(clock, "clock");
    this.baselineTolerance = baselineTolerance;
    for (Summary.Period p : Summary.Period.values()) {
      sent.put(p, new HashMap<>());
      unwritten.put(p, new HashMap<>());
      attempts.put(p, new HashMap<>());
    }
    for (String name : settings.notifiers) {
      if (!this.notifiers.containsKey(name)) {
        throw new IllegalArgumentException("summary notifier '" + name + "' is not among the notifiers "
            + new java.util.TreeSet<>(this.notifiers.keySet()));
      }
    }
  }

  /** Sends what is due. Never throws: problems are logged and tried again at the next tick. */
  void tick() {
    try {
      Instant now = clock.instant();
      if (firstTick == null) {
        firstTick = now;
      }
      run(daily(now), now);
      Due weekly = weekly(now);
      if (weekly != null) {
        run(weekly, now);
      }
    } catch (RuntimeException | Error e) {
      if (e instanceof VirtualMachineError) {
        throw (VirtualMachineError) e;
      }
      problem("Vitals summaries: unexpected failure, trying again at the next tick: " + describe(e), e);
    }
  }

  /** The latest daily summary that is due at {@code now}. */
  Due daily(Instant now) {
    LocalDate today = now.atZone(settings.zone).toLocalDate();
    LocalDate day = today.minusDays(1);
    Instant dueAt = at(today);
    if (now.isBefore(dueAt)) {
      day = day.minusDays(1);
      dueAt = at(today.minusDays(1));
    }
    return new Due(Summary.Period.DAILY, day, startOf(day), startOf(day.plusDays(1)), dueAt);
  }

  /** The latest weekly summary that is due and still to be sent at {@code now} (until the next day's time), or null. */
  Due weekly(Instant now) {
    if (settings.weekly.isEmpty()) {
      return null;
    }
    DayOfWeek day = settings.weekly.get();
    LocalDate today = now.atZone(settings.zone).toLocalDate();
    LocalDate sendDay = today.with(TemporalAdjusters.previousOrSame(day));
    if (now.isBefore(at(sendDay))) {
      sendDay = sendDay.minusWeeks(1);
    }
    if (!now.isBefore(at(sendDay.plusDays(1)))) {
      return null; // the window to send it has passed: no weekly catch-up days later
    }
    LocalDate first = sendDay.minusDays(7);
    return new Due(Summary.Period.WEEKLY, first, startOf(first), startOf(sendDay), at(sendDay));
  }

  private Instant at(LocalDate day) {
    return ZonedDateTime.of(day, settings.time, settings.zone).toInstant();
  }

  private Instant startOf(LocalDate day) {
    return day.atStartOfDay(settings.zone).toInstant();
  }

  private void run(Due due, Instant now) {
    writePending(due.period);
    List<Notifier> targets = new ArrayList<>();
    boolean runningAtDueTime = firstTick.isBefore(due.dueAt) || firstTick.equals(due.dueAt);
    for (String name : settings.notifiers) {
      LocalDate known = sent.get(due.period).get(name);
      if (known != null && !known.isBefore(due.firstDay)) {
        continue;
      }
      Attempts a = attempts.get(due.period).get(name);
      if (a != null && a.firstDay.equals(due.firstDay) && a.made >= MAX_ATTEMPTS) {
        continue; // given up for this period
      }
      Optional<LocalDate> last;
      try {
        last = lastSent(due.period, name);
      } catch (Exception e) {
        if (!runningAtDueTime) {
          problem("Vitals could not read when the last " + kind(due.period) + " summary went through notifier "
              + name + " (" + describe(e) + "); the " + due.describe() + " waits until the history store "
              + store.describe() + " answers, so that it is never sent twice", e);
          continue;
        }
        last = Optional.empty(); // this process was running at the due time: no earlier one sent it
      }
      if (last.isPresent() && !last.get().isBefore(due.firstDay)) {
        sent.get(due.period).put(name, last.get());
        continue;
      }
      if (!runningAtDueTime && last.isEmpty() && !historyWithin(due)) {
        // a new service (or summaries just enabled) started after the due time: nothing to catch up on
        sent.get(due.period).put(name, due.firstDay);
        LOG.info("Vitals skips the {} through notifier {}: it was due at {} before this monitor started and the"
            + " history holds nothing of it", due.describe(), name, due.dueAt);
        continue;
      }
      targets.add(notifiers.get(name));
    }
    if (targets.isEmpty()) {
      return;
    }
    Summary summary;
    try {
      summary = build(due, now);
    } catch (Exception e) {
      problem("Vitals could not build the " + due.describe() + " from the history (" + describe(e)
          + "); trying again at the next tick", e);
      return;
    }
    for (Notifier n : targets) {
      send(n, due, summary);
    }
    lastProblem = null;
  }

  private void send(Notifier n, Due due, Summary summary) {
    Attempts a = attempts.get(due.period).get(n.name());
    if (a == null || !a.firstDay.equals(due.firstDay)) {
      a = new Attempts(due.firstDay);
      attempts.get(due.period).put(n.name(), a);
    }
    a.made++;
    try {
      n.sendSummary(summary);
    } catch (Exception | LinkageError e) {
      if (a.made >= MAX_ATTEMPTS) {
        LOG.error("Vitals gave up the {} through notifier {} after {} failed attempts: {}", due.describe(), n.name(),
            a.made, describe(e));
      } else {
        LOG.warn("Vitals could not send the {} through notifier {} (attempt {} of {}), trying again at the next"
            + " tick: {}", due.describe(), n.name(), a.made, MAX_ATTEMPTS, describe(e));
      }
      return;
    }
    LOG.info("Vitals sent the {} through notifier {}", due.describe(), n.name());
    sent.get(due.period).put(n.name(), due.firstDay);
    unwritten.get(due.period).put(n.name(), due.firstDay);
    writePending(due.period);
  }

  /** Writes the "last sent" values this process has not managed to write yet. */
  private void writePending(Summary.Period period) {
    Map<String, LocalDate> pending = unwritten.get(period);
    for (Map.Entry<String, LocalDate> e : new ArrayList<>(pending.entrySet())) {
      try {
        store.value(key(period, e.getKey()), e.getValue().toString());
        pending.remove(e.getKey());
      } catch (Exception ex) {
        problem("Vitals sent the " + kind(period) + " summary from " + e.getValue() + " through notifier "
            + e.getKey() + " but could not record it in the history store " + store.describe() + " ("
            + describe(ex) + "); trying again at the next tick (if the process ends first, the next start"
            + " sends it once more)", ex);
      }
    }
  }

  private Optional<LocalDate> lastSent(Summary.Period period, String notifier) throws Exception {
    String key = key(period, notifier);
    Optional<String> raw = store.value(key);
    if (raw.isEmpty()) {
      return Optional.empty();
    }
    try {
      return Optional.of(LocalDate.parse(raw.get()));
    } catch (DateTimeParseException e) {
      // unreadable: treat as never sent (a send is better than silence forever); say so
      LOG.warn("Vitals history store value {} = '{}' is not an ISO date; treating it as never sent", key,
          Redaction.redact(raw.get()));
      return Optional.empty();
    }
  }

  static String key(Summary.Period period, String notifier) {
    return "summary." + kind(period) + '.' + notifier;
  }

  private static String kind(Summary.Period period) {
    return period == Summary.Period.DAILY ? "daily" : "weekly";
  }

  /** Whether the history holds anything from before the period's end. */
  private boolean historyWithin(Due due) {
    try {
      Optional<Instant> since = history.since();
      return since.isPresent() && since.get().isBefore(due.to);
    } catch (RuntimeException e) {
      return true; // cannot tell: send rather than skip
    }
  }

  /** The summary of a period, from the history and the current report. */
  Summary build(Due due, Instant now) {
    HealthReport r = report.get();
    Duration length = Duration.between(due.from, due.to);
    List<SubjectSummary> subjects = new ArrayList<>();
    for (HistorySubject s : history.subjects()) {
      HistoryPeriod figures = null;
      for (HistoryPeriod p : history.periods(s, due.from, due.to, length)) {
        figures = figures == null ? p : figures.merge(p);
      }
      if (figures == null) {
        continue;
      }
      Optional<LatencyBudget> budget;
      Optional<Baseline> baseline;
      List<Incident> incidents;
      if (s.kind() == HistorySubject.Kind.PROBE) {
        Optional<ProbeReport> p = r.probe(s.name());
        budget = p.map(ProbeReport::budget);
        baseline = p.flatMap(ProbeReport::baseline);
        incidents = history.incidents(s, due.from, due.to);
      } else {
        Optional<TrackerReport> t = r.tracker(s.name());
        budget = t.map(TrackerReport::budget);
        baseline = t.flatMap(TrackerReport::baseline);
        incidents = List.of();
      }
      subjects.add(new SubjectSummary(figures, budget, incidents, baseline, regressed(figures, baseline)));
    }
    return new Summary(due.period, due.firstDay, due.from, due.to, settings.zone, r.status(), r.score(), subjects,
        r.slos(), now);
  }

  private boolean regressed(HistoryPeriod figures, Optional<Baseline> baseline) {
    if (baseline.isEmpty() || figures.latency().count() < MIN_REGRESSION_SAMPLES) {
      return false;
    }
    return figures.latency().percentileNanos(0.95) > baseline.get().p95Nanos() * (1.0 + baselineTolerance);
  }

  private void problem(String message, Throwable e) {
    String m = Redaction.redact(message);
    if (!m.equals(lastProblem)) {
      lastProblem = m;
      LOG.warn(m);
    } else {
      LOG.debug(m, e);
    }
  }

  private static String describe(Throwable e) {
    String m = e.getMessage();
    return Redaction.redact(e.getClass().getSimpleName() + (m == null ? "" : ": " + m));
  }
}
