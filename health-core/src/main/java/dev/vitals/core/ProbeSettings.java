package dev.vitals.core;

import dev.vitals.api.LatencyBudget;
import dev.vitals.api.Probe;
import dev.vitals.api.ProbeDefaults;
import dev.vitals.api.ProbeKind;
import dev.vitals.api.Secrets;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import java.time.Duration;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

/**
 * The resolved settings of one probe: configuration over the probe's own defaults over the engine's.
 * Immutable.
 */
final class ProbeSettings {

  /** The name rule in words: {@link dev.vitals.api.Names#RULE}, defined once in the API. */
  static final String NAME_RULE = dev.vitals.api.Names.RULE;

  /** Keys every probe accepts, whatever its type. */
  static final Set<String> COMMON_KEYS = Set.of("type", "interval", "timeout", "kinds", "critical",
      "budget.target", "budget.acceptable", "failure-threshold", "success-threshold", "circuit-breaker.max-wait",
      "enabled");

  final String name;
  final String type;
  final Duration interval;
  final Duration timeout;
  final Set<ProbeKind> kinds;
  final boolean critical;
  final LatencyBudget budget;
  final int failureThreshold;
  final int successThreshold;
  /** The longest the circuit breaker waits between two trials of a dependency that stays down. */
  final Duration breakerMaxWait;
  /**
   * The monitor's configured secret values, scrubbed from each result the probe gives before anyone
   * sees it (see {@link #withSecrets(Secrets)}); null (none) until the monitor sets them, and without
   * configuration.
   */
  final Secrets secrets;

  /** The default {@link #breakerMaxWait}. */
  static final Duration DEFAULT_BREAKER_MAX_WAIT = Duration.ofMinutes(5);
  /** The largest {@link #breakerMaxWait} allowed. */
  static final Duration BREAKER_MAX_WAIT_LIMIT = Duration.ofDays(1);

  private ProbeSettings(String name, String type, Duration interval, Duration timeout, Set<ProbeKind> kinds,
      boolean critical, LatencyBudget budget, int failureThreshold, int successThreshold, Duration breakerMaxWait,
      Secrets secrets) {
    this.name = name;
    this.type = type;
    this.interval = interval;
    this.timeout = timeout;
    this.kinds = kinds;
    this.critical = critical;
    this.budget = budget;
    this.failureThreshold = failureThreshold;
    this.successThreshold = successThreshold;
    this.breakerMaxWait = breakerMaxWait;
    this.secrets = secrets;
  }

  /**
   * These settings with the monitor's secrets: every configured secret value
   * ({@link Secrets#of(Config)}), scrubbed from each of the probe's results where the engine receives
   * it, before observers, the report, listeners, logs and alerts see it.
   *
   * @param monitorSecrets the secrets of the whole configuration
   * @return a copy with them
   */
  ProbeSettings withSecrets(Secrets monitorSecrets) {
    return new ProbeSettings(name, type, interval, timeout, kinds, critical, budget, failureThreshold,
        successThreshold, breakerMaxWait, monitorSecrets);
  }

  /**
   * Whether a probe, tracker, notifier or SLO name is allowed: {@link dev.vitals.api.Names#isValid},
   * the rule the API, the probe builders and the engine share.
   *
   * @param name a name, or null
   * @return true when allowed
   */
  static boolean validName(String name) {
    return dev.vitals.api.Names.isValid(name);
  }

  static void checkName(String name, String what) {
    if (!validName(name)) {
      throw new IllegalArgumentException(what + " name '" + name + "' is not allowed: expected " + NAME_RULE);
    }
  }

  /** The shortest interval allowed: shorter ones flap and storm alerts. */
  static final Duration MIN_INTERVAL = Duration.ofMillis(100);
  /** The longest interval configuration may set. */
  static final Duration MAX_INTERVAL = Duration.ofDays(1);
  /**
   * The longest default interval a probe written in code may declare (one that should run once, as in a
   * benchmark); far below the 53,376 days at which the stale limit, two intervals in nanoseconds, overflows.
   */
  static final Duration MAX_DEFAULT_INTERVAL = Duration.ofDays(3650);
  /** The shortest timeout allowed; the longest is the interval. */
  static final Duration MIN_TIMEOUT = Duration.ofMillis(10);
  /** The smallest latency budget (target or acceptable) allowed. */
  static final Duration MIN_BUDGET = Duration.ofMillis(1);
  /** The largest latency budget (target or acceptable) allowed. */
  static final Duration MAX_BUDGET = Duration.ofHours(1);
  /** The bounds of failure-threshold and success-threshold. */
  static final int MAX_THRESHOLD = 100;

  /**
   * Resolves a probe's settings. Every duration and count is checked against its bounds, and a default
   * never contradicts a configured value: the default timeout is the type's (2s unless the probe says
   * otherwise) but at most the interval; an unset budget limit keeps the type's ratio to the configured
   * one when the type's own limit would contradict it. A message about a value nobody configured says it
   * is a default and names the key that changes it.
   *
   * @param probe the probe (its name, type and defaults)
   * @param config its configuration, scoped to {@code vitals.probes.<name>.}
   * @param nameBudgets the budget when neither configuration nor the probe's defaults give one
   * @return the settings
   * @throws ConfigException listing every bad key
   */
  static ProbeSettings resolve(Probe probe, Config config, NameBudgets nameBudgets) {
    ProbeDefaults d = probe.defaults();
    List<String> problems = new java.util.ArrayList<>();
    String of = " of probe type '" + probe.type() + "'";
    Duration interval = d.interval().orElse(dev.vitals.api.spi.ProbeConfig.DEFAULT_INTERVAL);
    boolean intervalOk = true;
    if (config.get("interval").isPresent()) {
      Duration v = ConfigReads.durationOrNull(problems, config, "interval");
      if (v == null) {
        intervalOk = false;
      } else if (v.compareTo(MIN_INTERVAL) < 0 || v.compareTo(MAX_INTERVAL) > 0) {
        problems.add(ConfigException.describe(config.fullKey("interval"), config.get("interval").get(),
            "a duration from " + Config.formatDuration(MIN_INTERVAL) + " to " + Config.formatDuration(MAX_INTERVAL)));
        intervalOk = false;
      } else {
        interval = v;
      }
    } else if (interval.compareTo(MIN_INTERVAL) < 0 || interval.compareTo(MAX_DEFAULT_INTERVAL) > 0) {
      problems.add("the default interval " + Config.formatDuration(interval) + of + " is not allowed: expected a "
          + "duration from " + Config.formatDuration(MIN_INTERVAL) + " to " + Config.formatDuration(MAX_DEFAULT_INTERVAL)
          + "; set " + config.fullKey("interval"));
      intervalOk = false;
    }
    Duration typeTimeout = d.timeout().orElse(dev.vitals.api.spi.ProbeConfig.DEFAULT_TIMEOUT);
    Duration timeout = dev.vitals.api.spi.ProbeConfig.defaultTimeout(typeTimeout, interval);
    if (config.get("timeout").isPresent()) {
      Duration v = ConfigReads.durationOrNull(problems, config, "timeout");
      if (v != null) {
        String raw = config.get("timeout").get();
        if (v.compareTo(MIN_TIMEOUT) < 0) {
          problems.add(ConfigException.describe(config.fullKey("timeout"), raw,
              "at least " + Config.formatDuration(MIN_TIMEOUT) + " and at most the interval"));
        } else if (intervalOk && v.compareTo(interval) > 0) {
          problems.add(ConfigException.describe(config.fullKey("timeout"), raw, "at most the interval ("
              + Config.formatDuration(interval) + (config.get("interval").isPresent() ? "" : ", the default") + ")"));
        } else {
          timeout = v;
        }
      }
    } else if (timeout.compareTo(MIN_TIMEOUT) < 0) {
      problems.add("the default timeout " + Config.formatDuration(timeout) + of + " is not allowed: expected at least "
          + Config.formatDuration(MIN_TIMEOUT) + "; set " + config.fullKey("timeout"));
    }
    Set<ProbeKind> kinds = d.kinds().isPresent() ? EnumSet.copyOf(d.kinds().get()) : EnumSet.of(ProbeKind.READINESS);
    if (config.get("kinds").isPresent()) {
      String raw = config.get("kinds").get();
      try {
        EnumSet<ProbeKind> parsed = EnumSet.noneOf(ProbeKind.class);
        for (String k : ConfigReads.list(raw)) {
          parsed.add(ProbeKind.parse(k));
        }
        if (parsed.isEmpty()) {
          throw new IllegalArgumentException("empty");
        }
        kinds = parsed;
      } catch (IllegalArgumentException e) {
        problems.add(ConfigException.describe(config.fullKey("kinds"), raw,
            "a comma-separated list of liveness, readiness, startup"));
      }
    }
    boolean critical = ConfigReads.bool(problems, config, "critical", d.critical().orElse(true));
    // the type's own budget (probes-jdbc declares the database budget ...), else by name (vitals.budgets)
    LatencyBudget defaultBudget = d.budget().isPresent() ? d.budget().get() : nameBudgets.forName(probe.name());
    LatencyBudget budget = budget(config, defaultBudget, of, problems);
    int failures = ConfigReads.integer(problems, config, "failure-threshold", 3, 1, MAX_THRESHOLD);
    int successes = ConfigReads.integer(problems, config, "success-threshold", 1, 1, MAX_THRESHOLD);
    Duration maxWait = ConfigReads.duration(problems, config, "circuit-breaker.max-wait", DEFAULT_BREAKER_MAX_WAIT);
    if (config.get("circuit-breaker.max-wait").isPresent() && intervalOk && (maxWait.compareTo(interval) < 0
        || maxWait.compareTo(BREAKER_MAX_WAIT_LIMIT) > 0)) {
      problems.add(ConfigException.describe(config.fullKey("circuit-breaker.max-wait"), Config.formatDuration(maxWait),
          "from the interval (" + Config.formatDuration(interval) + ") to " + Config.formatDuration(BREAKER_MAX_WAIT_LIMIT)));
    }
    ConfigReads.check(problems);
    // a default cap below a long interval: trials simply come at every interval
    Duration breakerMaxWait = max(maxWait, interval);
    return new ProbeSettings(probe.name(), probe.type(), interval, timeout,
        Set.copyOf(kinds), critical, budget, failures, successes, breakerMaxWait, null);
  }

  /**
   * A latency budget from {@code budget.target} and {@code budget.acceptable} over a default. Each is
   * from {@link #MIN_BUDGET} to {@link #MAX_BUDGET}; the target is at most the acceptable. When only one
   * is configured and the default of the other would contradict it, the other keeps the default's ratio
   * ({@code budget.target = 800ms} on an HTTP probe, 200/500 ms by default, gives 800/2000 ms).
   *
   * @param config scoped to the probe or tracker
   * @param defaults the budget when neither key is set
   * @param of how to name the owner of a default in messages (" of probe type 'http'")
   * @param problems where problems go
   * @return the budget, or the default when a value is bad
   */
  static LatencyBudget budget(Config config, LatencyBudget defaults, String of, List<String> problems) {
    Duration target = budgetValue(config, "budget.target", problems);
    Duration acceptable = budgetValue(config, "budget.acceptable", problems);
    boolean targetSet = config.get("budget.target").isPresent();
    boolean acceptableSet = config.get("budget.acceptable").isPresent();
    if (targetSet && target == null || acceptableSet && acceptable == null) {
      return defaults;
    }
    if (target == null) {
      target = defaults.target();
      if (acceptable != null && acceptable.compareTo(target) < 0) {
        target = scale(acceptable, defaults.target(), defaults.acceptable());
      }
    }
    if (acceptable == null) {
      acceptable = defaults.acceptable();
      if (target.compareTo(acceptable) > 0) {
        acceptable = scale(target, defaults.acceptable(), defaults.target());
        if (acceptable.compareTo(MAX_BUDGET) > 0) {
          acceptable = target.compareTo(MAX_BUDGET) <= 0 ? MAX_BUDGET : target;
        }
      }
    }
    if (acceptable.compareTo(target) < 0) {
      problems.add(ConfigException.describe(config.fullKey("budget.target"), Config.formatDuration(target),
          "at most budget.acceptable (" + Config.formatDuration(acceptable) + ")"));
      return defaults;
    }
    return LatencyBudget.of(target, acceptable);
  }

  private static Duration budgetValue(Config config, String key, List<String> problems) {
    Duration v = ConfigReads.durationOrNull(problems, config, key);
    if (v != null && (v.compareTo(MIN_BUDGET) < 0 || v.compareTo(MAX_BUDGET) > 0)) {
      problems.add(ConfigException.describe(config.fullKey(key), config.get(key).get(), "a duration from "
          + Config.formatDuration(MIN_BUDGET) + " to " + Config.formatDuration(MAX_BUDGET)));
      return null;
    }
    return v;
  }

  /** {@code value * numerator / denominator}, to the millisecond (at least 1 ms). */
  private static Duration scale(Duration value, Duration numerator, Duration denominator) {
    double nanos = (double) value.toNanos() * numerator.toNanos() / denominator.toNanos();
    long millis = Math.max(1, Math.round(nanos / 1_000_000.0));
    return Duration.ofMillis(millis);
  }

  /**
   * Resolves a probe's settings and, when they are valid, adds the probe and its settings to the lists;
   * otherwise adds the problems.
   *
   * @param p the probe
   * @param scoped its configuration, scoped to {@code vitals.probes.<name>.}
   * @param nameBudgets budgets by name, for a probe whose type suggests none
   * @param built where the probe goes
   * @param settings where its settings go
   * @param problems where problems go
   */
  static void resolveInto(Probe p, Config scoped, NameBudgets nameBudgets, List<Probe> built,
      List<ProbeSettings> settings, List<String> problems) {
    try {
      settings.add(resolve(p, scoped, nameBudgets));
      built.add(p);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
