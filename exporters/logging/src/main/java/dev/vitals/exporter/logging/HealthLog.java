package dev.vitals.exporter.logging;

import dev.vitals.api.HealthListener;
import dev.vitals.api.HealthReport;
import dev.vitals.api.HistoryStats;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.ProbeResult;
import dev.vitals.api.Redaction;
import dev.vitals.api.Regression;
import dev.vitals.api.Status;
import dev.vitals.api.StatusChange;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.event.Level;
import org.slf4j.spi.LoggingEventBuilder;

/**
 * The listener behind the {@code logging} exporter; see {@link LoggingExporterFactory} for what it
 * logs. Events arrive one at a time (the monitor's contract), possibly on different threads, so the
 * little state it keeps is volatile.
 */
final class HealthLog implements HealthListener {

  private final Logger log;
  private final Supplier<HealthReport> reports;
  /** The problems already logged. */
  private volatile List<String> problems = List.of();
  /** Whether the history store was failing in the last report checked. */
  private volatile boolean historyFailing;
  /** The history store's failures and dropped records in the last report where it was writing. */
  private volatile long failuresBefore;
  private volatile long droppedBefore;
  private volatile boolean closed;

  HealthLog(Logger log, Supplier<HealthReport> reports) {
    this.log = log;
    this.reports = reports;
  }

  void close() {
    closed = true;
  }

  @Override
  public void onStatusChange(StatusChange change) {
    if (closed || change.previous() == change.current()) {
      return;
    }
    Optional<ProbeReport> probe = probe(change.probe());
    boolean critical = probe.map(ProbeReport::critical).orElse(true);
    Status from = change.previous();
    Status to = change.current();
    ProbeResult result = change.result();
    boolean firstUp = to == Status.UP && from == Status.UNKNOWN;
    Level level;
    String what;
    switch (to) {
      case DOWN:
        level = critical ? Level.ERROR : Level.WARN;
        what = "probe {} is DOWN (was {})";
        break;
      case DEGRADED:
        level = Level.WARN;
        what = "probe {} is DEGRADED (was {})";
        break;
      case UP:
        level = Level.INFO;
        what = firstUp ? "probe {} up" : "probe {} recovered (was {})";
        break;
      default:
        level = Level.WARN;
        what = "probe {} status unknown (was {})";
        break;
    }
    Optional<String> reason = result.message().or(result::error);
    boolean withReason = reason.isPresent() && to != Status.UP;
    LoggingEventBuilder event = log.atLevel(level)
        .setMessage(withReason ? what + ": {}" : what)
        .addArgument(change.probe());
    if (!firstUp) {
      event.addArgument(from);
    }
    if (withReason) {
      event.addArgument(reason.get());
    }
    event.addKeyValue("event", "status-change")
        .addKeyValue("probe", change.probe());
    probe.ifPresent(p -> event.addKeyValue("type", p.type()));
    event.addKeyValue("from", from.id())
        .addKeyValue("to", to.id())
        .addKeyValue("critical", critical);
    probe.ifPresent(p -> event.addKeyValue("score", p.score()));
    if (result.latencyNanos() >= 0) {
      event.addKeyValue("latencyMs", millis(result.latencyNanos()));
    }
    result.message().ifPresent(m -> event.addKeyValue("message", m));
    result.error().ifPresent(e -> event.addKeyValue("error", e));
    event.log();
  }

  @Override
  public void onRegression(Regression regression) {
    if (closed) {
      return;
    }
    HealthReport report = reports.get();
    String subjectKey = "subject";
    if (report != null && report.probe(regression.subject()).isPresent()) {
      subjectKey = "probe";
    } else if (report != null && report.tracker(regression.subject()).isPresent()) {
      subjectKey = "tracker";
    }
    double p95 = millis(regression.p95Nanos());
    double baseline = millis(regression.baseline().p95Nanos());
    double increase = Math.round(regression.increase() * 1000) / 10.0;
    log.atWarn()
        .setMessage("latency regression on {}: p95 {} ms, {} % above the baseline's {} ms")
        .addArgument(regression.subject())
        .addArgument(() -> format(p95))
        .addArgument(() -> format(increase))
        .addArgument(() -> format(baseline))
        .addKeyValue("event", "regression")
        .addKeyValue(subjectKey, regression.subject())
        .addKeyValue("p95Ms", p95)
        .addKeyValue("baselineP95Ms", baseline)
        .addKeyValue("increasePercent", increase)
        .log();
  }

  /**
   * Logs the history store starting to fail or writing again, and problems not logged before. Cheap
   * when nothing changed (the usual case): a flag and an identity or empty-list comparison.
   */
  @Override
  public void onReport(HealthReport report) {
    if (closed) {
      return;
    }
    Optional<HistoryStats> history = report.history();
    history.ifPresent(this::history);
    List<String> now = report.problems();
    List<String> before = problems;
    if (now == before || (now.isEmpty() && before.isEmpty()) || now.equals(before)) {
      return;
    }
    // the store's own problem is logged as a history-failing event (above), not a second time here
    String storeProblem = history.flatMap(HistoryStats::problem).orElse(null);
    Set<String> seen = new HashSet<>(before);
    for (String p : now) {
      if (seen.add(p) && (storeProblem == null || storeProblem.isEmpty() || !p.contains(storeProblem))) {
        String text = Redaction.redact(p);
        log.atWarn()
            .setMessage("start-up problem: {}")
            .addArgument(text)
            .addKeyValue("event", "problem")
            .addKeyValue("problem", text)
            .log();
      }
    }
    problems = now;
  }

  /** Logs a change between writing and failing; nothing while the store stays as it was. */
  private void history(HistoryStats h) {
    boolean failing = h.problem().isPresent();
    if (!failing && !historyFailing) {
      failuresBefore = h.failures();
      droppedBefore = h.dropped();
      return;
    }
    if (failing == historyFailing) {
      return;
    }
    historyFailing = failing;
    String store = Redaction.redact(h.store());
    if (failing) {
      String problem = Redaction.redact(h.problem().get());
      log.atWarn()
          .setMessage("history store {} is failing, {} minute records wait in memory: {}")
          .addArgument(store)
          .addArgument(h.pending())
          .addArgument(problem)
          .addKeyValue("event", "history-failing")
          .addKeyValue("store", store)
          .addKeyValue("problem", problem)
          .addKeyValue("failures", h.failures())
          .addKeyValue("pending", h.pending())
          .addKeyValue("dropped", h.dropped())
          .log();
    } else {
      long failed = Math.max(0, h.failures() - failuresBefore);
      long lost = Math.max(0, h.dropped() - droppedBefore);
      failuresBefore = h.failures();
      droppedBefore = h.dropped();
      log.atInfo()
          .setMessage("history store {} is writing again after {} failed attempts, {} minute records lost")
          .addArgument(store)
          .addArgument(failed)
          .addArgument(lost)
          .addKeyValue("event", "history-resumed")
          .addKeyValue("store", store)
          .addKeyValue("failedAttempts", failed)
          .addKeyValue("droppedRecords", lost)
          .addKeyValue("pending", h.pending())
          .addKeyValue("minutesWritten", h.minutesWritten())
          .log();
    }
  }

  private Optional<ProbeReport> probe(String name) {
    HealthReport report = reports.get();
    return report == null ? Optional.empty() : report.probe(name);
  }

  private static double millis(long nanos) {
    return Math.round(nanos / 1_000.0) / 1_000.0;
  }

  private static String format(double value) {
    return String.format(Locale.ROOT, "%.1f", value);
  }
}
