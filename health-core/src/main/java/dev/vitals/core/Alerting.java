package dev.vitals.core;

import dev.vitals.api.Alert;
import dev.vitals.api.Clock;
import dev.vitals.api.HealthListener;
import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.Status;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.WindowStats;
import dev.vitals.api.spi.AlertRuleSettings;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Evaluates the alert rules on every report and hands alerts to the notifiers' outboxes.
 *
 * <p>Each rule and subject has a small state machine: the condition must hold for the rule's
 * {@code for} duration before the alert fires (once); while it holds, a reminder goes out every
 * {@code repeat-interval}; when it stops holding, a resolve goes out. Runs on the engine's thread,
 * under its lock; it only computes and enqueues, so it never waits on a notifier.
 */
final class Alerting implements HealthListener, AutoCloseable {

  /** Fewer operations than this in a window never fire the latency, error-rate or availability rule. */
  static final int MIN_SAMPLES = 5;

  /** The logger, created on first use (see the package documentation, start-up rules). */
  private static final class Log {
    static final Logger LOG = LoggerFactory.getLogger(Alerting.class);

    private Log() {}
  }

  private final AlertRuleSettings rules;
  private final List<NotifierOutbox> outboxes;
  private final Clock clock;
  private final Map<Key, State> states = new HashMap<>();
  /** How many states (pending or firing) each probe has. */
  private final Map<String, Integer> probeStates = new HashMap<>();
  /** The probe reports the last evaluation saw: an identical report without states needs no new look. */
  private final Map<String, ProbeReport> seen = new HashMap<>();

  /** Where one alert stands. */
  private static final class State {
    Instant pendingSince;
    boolean firing;
    Instant lastSent;
    Condition last;
    Alert.Severity notifiedSeverity;
  }

  /** What a rule found for one subject. */
  private static final class Condition {
    final String rule;
    final String subject;
    final String kind;
    final boolean holds;
    final double value;
    final double threshold;
    final String unit;
    final Alert.Severity severity;
    /** The summary while the condition holds, or its format when {@link #args} is not null. */
    private final String format;
    /** The summary once it no longer holds (a resolve), or its format when {@link #args} is not null. */
    private final String okFormat;
    private final Object[] args;

    /**
     * A condition whose summary is formatted ({@link String#format} in {@link Locale#ROOT}) only when
     * it is needed: most conditions do not hold and are never shown, and formatting every one of them
     * on every report (the first one included, during {@code start()}) costs far more than checking it.
     */
    Condition(String rule, String subject, String kind, boolean holds, double value, double threshold, String unit,
        Alert.Severity severity, String format, String okFormat, Object[] args) {
      this.rule = rule;
      this.subject = subject;
      this.kind = kind;
      this.holds = holds;
      this.value = value;
      this.threshold = threshold;
      this.unit = unit;
      this.severity = severity;
      this.format = format;
      this.okFormat = okFormat;
      this.args = args;
    }

    /** The same condition with another severity (a resolve keeps the severity that fired). */
    Condition withSeverity(Alert.Severity s) {
      return new Condition(rule, subject, kind, holds, value, threshold, unit, s, format, okFormat, args);
    }

    /**
     * The summary: what holds, or for a condition that no longer holds, the current value and that it is
     * back within the threshold. A {@link java.time.Duration} among the arguments is shown as
     * configuration writes it.
     */
    String summary() {
      String f = holds ? format : okFormat;
      if (args == null) {
        return f;
      }
      Object[] shown = args.clone();
      for (int i = 0; i < shown.length; i++) {
        if (shown[i] instanceof java.time.Duration) {
          shown[i] = dev.vitals.api.spi.Config.formatDuration((java.time.Duration) shown[i]);
        }
      }
      return String.format(Locale.ROOT, f, shown);
    }
  }

  /** Null when no maintenance window is configured. */
  private final Maintenance maintenance;

  Alerting(AlertRuleSettings rules, List<NotifierOutbox> outboxes, Clock clock, Maintenance maintenance) {
    this.maintenance = maintenance;
    this.rules = rules;
    this.outboxes = List.copyOf(outboxes);
    this.clock = clock;
  }

  List<NotifierOutbox> outboxes() {
    return outboxes;
  }

  @Override
  public void onReport(HealthReport report) {
    Instant now = clock.instant();
    for (Condition c : conditions(report)) {
      step(c, now);
    }
  }

  /** A condition's identity: its rule, kind and subject. */
  private record Key(String rule, String kind, String subject) {}

  private void step(Condition c, Instant now) {
    if (!c.holds && states.isEmpty()) {
      return; // the usual case: nothing pending or firing, and this condition does not hold
    }
    Key key = new Key(c.rule, c.kind, c.subject);
    State s = states.get(key);
    if (s == null) {
      if (!c.holds) {
        return;
      }
      s = new State();
      states.put(key, s);
      if (c.kind.equals("probe")) {
        probeStates.merge(c.subject, 1, Integer::sum);
      }
    }
    if (c.holds) {
      s.last = c;
      if (s.pendingSince == null) {
        s.pendingSince = now;
      }
      AlertRuleSettings.Rule rule = rules.rule(c.rule);
      if (maintenance != null && maintenance.silenced(c.subject, now)) {
        return; // silenced: the condition keeps its start, and fires after the window if it still holds
      }
      if (!s.firing && !now.isBefore(s.pendingSince.plus(rule.forDuration()))) {
        s.firing = true;
        s.lastSent = now;
        s.notifiedSeverity = c.severity;
        emit(c, Alert.State.FIRING, s.pendingSince, now, false);
      } else if (s.firing && c.severity == Alert.Severity.CRITICAL && s.notifiedSeverity == Alert.Severity.WARNING) {
        // escalation (a slow burn became a fast one): a new notification, not a reminder
        s.lastSent = now;
        s.notifiedSeverity = c.severity;
        emit(c, Alert.State.FIRING, s.pendingSince, now, false);
      } else if (s.firing && repeats(c.rule) && !rules.repeatInterval().isZero()
          && !now.isBefore(s.lastSent.plus(rules.repeatInterval()))) {
        s.lastSent = now;
        emit(c, Alert.State.FIRING, s.pendingSince, now, true);
      }
    } else {
      if (s.firing) {
        emit(c.withSeverity(s.last.severity), Alert.State.RESOLVED, s.pendingSince, now, false);
      }
      states.remove(key);
      forget(c);
    }
  }

  /** A state went: the probe's count of states goes down with it. */
  private void forget(Condition c) {
    if (c.kind.equals("probe")) {
      probeStates.computeIfPresent(c.subject, (k, n) -> n > 1 ? n - 1 : null);
    }
  }

  private static boolean repeats(String rule) {
    return !rule.equals("cold-start");
  }

  private void emit(Condition c, Alert.State state, Instant startsAt, Instant now, boolean repeat) {
    Map<String, String> labels = new HashMap<>();
    labels.put("kind", c.kind);
    String summary = c.summary();
    Alert alert = new Alert(c.rule, c.subject, state, c.severity, summary, c.value, c.threshold, c.unit, startsAt,
        now, repeat, rules.link(), labels);
    Log.LOG.atLevel(state == Alert.State.FIRING ? org.slf4j.event.Level.WARN : org.slf4j.event.Level.INFO)
        .addKeyValue("rule", c.rule).addKeyValue("subject", c.subject).addKeyValue("state", state)
        .addKeyValue("repeat", repeat)
        .log("Vitals alert {} {}: {}", state, alert.dedupKey(), summary);
    for (NotifierOutbox d : outboxes) {
      d.offer(alert);
    }
  }

  private List<Condition> conditions(HealthReport report) {
    List<Condition> out = new ArrayList<>();
    for (ProbeReport p : report.probes()) {
      if (p.lastResult().isEmpty()) {
        continue; // no result yet: no status, no samples, no counted time; no condition can hold
      }
      if (p.stale()) {
        // no fresh result: whether the dependency is up is not known, so nothing fires and nothing
        // resolves (a DOWN probe that goes stale is not a recovery); pending conditions keep their start
        continue;
      }
      String n = p.name();
      if (seen.put(n, p) == p && !probeStates.containsKey(n)) {
        continue; // the same report as last time (nothing changed) and nothing pending or firing
      }
      if (applies("probe-down", n)) {
        Optional<String> why = p.lastResult().get().message();
        out.add(new Condition("probe-down", n, "probe", p.status() == Status.DOWN, p.status() == Status.DOWN ? 1 : 0, 1,
            "status", p.critical() ? Alert.Severity.CRITICAL : Alert.Severity.WARNING, "%s is %s%s%s",
            "%s is no longer DOWN: it is %s%s%s",
            new Object[] {n, p.status(), why.isPresent() && !why.get().isEmpty() ? ": " : "", why.orElse("")}));
      }
      latency(out, n, "probe", p.summary(), p.budget().targetNanos());
      errorRate(out, n, "probe", p.summary());
      Double a = p.availability().get("1h");
      if (a != null && applies("availability", n)) {
        out.add(availability(n, "probe", a));
      }
      if (applies("regression", n)) {
        out.add(regression(n, "probe", p.regression(), p.summary(), p.baseline()));
      }
    }
    for (TrackerReport t : report.trackers()) {
      String n = t.name();
      latency(out, n, "tracker", t.summary(), t.budget().targetNanos());
      errorRate(out, n, "tracker", t.summary());
      // no availability rule for a tracker: its availability is its success share, the error rate's own
      // failures on a scale five times steeper (it would fire at 1 % failures while error-rate waits for 5 %)
      if (applies("regression", n)) {
        out.add(regression(n, "tracker", t.regression(), t.summary(), t.baseline()));
      }
    }
    for (dev.vitals.api.SloReport s : report.slos()) {
      if (applies("slo-burn", s.name())) {
        out.add(burn(s));
      }
    }
    if (applies("cold-start", "service") && report.coldStart().isPresent()) {
      double ms = report.coldStart().get().toNanos() / 1e6;
      double limit = rules.rule("cold-start").threshold();
      out.add(new Condition("cold-start", "service", "service", ms > limit, ms, limit, "ms", Alert.Severity.WARNING,
          "cold start took %.0f ms, above %.0f ms", "cold start took %.0f ms, within %.0f ms", new Object[] {ms, limit}));
    }
    return out;
  }

  private boolean applies(String rule, String subject) {
    return rules.rule(rule).applies(subject);
  }

  private void latency(List<Condition> out, String n, String kind, WindowStats w, long targetNanos) {
    if (!applies("latency", n)) {
      return;
    }
    double factor = rules.rule("latency").threshold();
    double p95 = w.p95Nanos() / 1e6;
    double limit = factor * targetNanos / 1e6;
    boolean holds = w.count() >= MIN_SAMPLES && p95 > limit;
    out.add(new Condition("latency", n, kind, holds, p95, limit, "ms", Alert.Severity.WARNING,
        "%s p95 %.1f ms is above %sx its %.0f ms target (%.0f ms)",
        w.count() >= MIN_SAMPLES ? "%s p95 %.1f ms is back within %sx its %.0f ms target (%.0f ms)"
            : "%s has too few operations over %7$s to judge its p95 (%6$d, at least " + MIN_SAMPLES + " needed)",
        new Object[] {n, p95, new Trimmed(factor), targetNanos / 1e6, limit, w.count(), w.window()}));
  }

  private void errorRate(List<Condition> out, String n, String kind, WindowStats w) {
    if (!applies("error-rate", n)) {
      return;
    }
    double limit = rules.rule("error-rate").threshold();
    boolean holds = w.count() >= MIN_SAMPLES && w.errorRate() > limit;
    out.add(new Condition("error-rate", n, kind, holds, w.errorRate(), limit, "ratio", Alert.Severity.WARNING,
        "%s error rate %.1f %% over %s is above %s %%",
        w.count() >= MIN_SAMPLES ? "%s error rate %.1f %% over %s is back at or below %s %%"
            : "%1$s has too few operations over %3$s to judge its error rate (%5$d, at least " + MIN_SAMPLES
                + " needed)",
        new Object[] {n, 100 * w.errorRate(), w.window(), new Trimmed(100 * limit), w.count()}));
  }

  private Condition availability(String n, String kind, double a) {
    double limit = rules.rule("availability").threshold();
    return new Condition("availability", n, kind, a < limit, a, limit, "ratio", Alert.Severity.WARNING,
        "%s availability %.2f %% over 1h is below %s %%", "%s availability %.2f %% over 1h is back at or above %s %%",
        new Object[] {n, 100 * a, new Trimmed(100 * limit)});
  }

  private static Condition regression(String n, String kind, boolean regressed, WindowStats w,
      Optional<dev.vitals.api.Baseline> baseline) {
    double p95 = w.p95Nanos() / 1e6;
    double base = baseline.isPresent() ? baseline.get().p95Nanos() / 1e6 : 0.0;
    return new Condition("regression", n, kind, regressed, p95, base, "ms", Alert.Severity.WARNING,
        "%s p95 %.1f ms against a baseline of %.1f ms",
        "%s p95 %.1f ms is back within the tolerance of its baseline of %.1f ms", new Object[] {n, p95, base});
  }

  /** The standard multi-window, multi-burn-rate pairs: long window, short window, factor. */
  private static final String[][] BURN_PAIRS = {{"1h", "5m", "14.4"}, {"6h", "30m", "6"}, {"24h", "2h", "3"},
      {"3d", "6h", "1"}};

  private static Condition burn(dev.vitals.api.SloReport s) {
    for (String[] pair : BURN_PAIRS) {
      double factor = Double.parseDouble(pair[2]);
      double longRate = s.burnRates().getOrDefault(pair[0], 0.0);
      double shortRate = s.burnRates().getOrDefault(pair[1], 0.0);
      if (longRate > factor && shortRate > factor) {
        return new Condition("slo-burn", s.name(), "slo", true, longRate, factor, "burn-rate",
            factor >= 6 ? Alert.Severity.CRITICAL : Alert.Severity.WARNING,
            "%s (%s %% of %s) burns its error budget %.1fx over %s and %.1fx over %s,"
                + " above %sx; %.1f %% of the budget left", null, new Object[] {s.name(), new Trimmed(100 * s.objective()), s.tracker(),
                longRate, pair[0], shortRate, pair[1], pair[2], 100 * s.errorBudgetRemaining()});
      }
    }
    return new Condition("slo-burn", s.name(), "slo", false, s.burnRates().getOrDefault("1h", 0.0), 14.4,
        "burn-rate", Alert.Severity.WARNING, "%s burns its error budget within the thresholds",
        "%s burns its error budget within the thresholds again", new Object[] {s.name()});
  }

  /** A number shown without a needless ".0" (2, 2.5), formatted only if the summary is. */
  private record Trimmed(double v) {
    @Override
    public String toString() {
      return v == Math.rint(v) ? String.valueOf((long) v) : String.valueOf(v);
    }
  }

  @Override
  public void close() {
    for (NotifierOutbox d : outboxes) {
      d.close();
    }
  }

  /** For tests: how long the alerting waits between repeats. */
  Duration repeatInterval() {
    return rules.repeatInterval();
  }
}
