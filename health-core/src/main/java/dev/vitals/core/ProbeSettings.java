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
import java.util.Locale;
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
   * sees it (see {@link #withSecrets(Secrets)}); none until the monitor sets them.
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

  /**
   * Resolves a probe's settings.
   *
   * @param probe the probe (its name, type and defaults)
   * @param config its configuration, scoped to {@code vitals.probes.<name>.}
   * @return the settings
   * @throws ConfigException listing every bad key
   */
  static ProbeSettings resolve(Probe probe, Config config) {
    ProbeDefaults d = probe.defaults();
    List<String> problems = new java.util.ArrayList<>();
    Duration[] interval = {d.interval().orElse(dev.vitals.api.spi.ProbeConfig.DEFAULT_INTERVAL)};
    Duration[] timeout = {d.timeout().orElse(dev.vitals.api.spi.ProbeConfig.DEFAULT_TIMEOUT)};
    interval[0] = Settings.duration(problems, config, "interval", interval[0]);
    timeout[0] = Settings.duration(problems, config, "timeout", timeout[0]);
    if (problems.isEmpty() && timeout[0].compareTo(interval[0]) > 0) {
      problems.add(ConfigException.describe(config.fullKey("timeout"), Config.formatDuration(timeout[0]),
          "at most the interval (" + Config.formatDuration(interval[0]) + ")"));
    }
    Set<ProbeKind> kinds = d.kinds().isPresent() ? EnumSet.copyOf(d.kinds().get()) : EnumSet.of(ProbeKind.READINESS);
    if (config.get("kinds").isPresent()) {
      String raw = config.get("kinds").get();
      try {
        EnumSet<ProbeKind> parsed = EnumSet.noneOf(ProbeKind.class);
        for (String k : Settings.list(raw)) {
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
    boolean[] critical = {d.critical().orElse(true)};
    critical[0] = Settings.bool(problems, config, "critical", critical[0]);
    LatencyBudget defaultBudget = d.budget().orElse(defaultBudget(probe.name(), probe.type()));
    Duration[] target = {defaultBudget.target()};
    Duration[] acceptable = {defaultBudget.acceptable()};
    target[0] = Settings.duration(problems, config, "budget.target", target[0]);
    acceptable[0] = Settings.duration(problems, config, "budget.acceptable", acceptable[0]);
    LatencyBudget budget = defaultBudget;
    if (acceptable[0].compareTo(target[0]) < 0) {
      problems.add(ConfigException.describe(config.fullKey("budget.target"), Config.formatDuration(target[0]),
          "at most budget.acceptable (" + Config.formatDuration(acceptable[0]) + ")"));
    } else {
      budget = LatencyBudget.of(target[0], acceptable[0]);
    }
    int[] failures = {3};
    int[] successes = {1};
    failures[0] = Settings.integer(problems, config, "failure-threshold", 3, 1, 100);
    successes[0] = Settings.integer(problems, config, "success-threshold", 1, 1, 100);
    Duration maxWait = Settings.duration(problems, config, "circuit-breaker.max-wait", DEFAULT_BREAKER_MAX_WAIT);
    if (config.get("circuit-breaker.max-wait").isPresent() && (maxWait.compareTo(interval[0]) < 0
        || maxWait.compareTo(BREAKER_MAX_WAIT_LIMIT) > 0)) {
      problems.add(ConfigException.describe(config.fullKey("circuit-breaker.max-wait"), Config.formatDuration(maxWait),
          "from the interval (" + Config.formatDuration(interval[0]) + ") to " + Config.formatDuration(BREAKER_MAX_WAIT_LIMIT)));
    }
    Settings.check(problems);
    // a default cap below a long interval: trials simply come at every interval
    Duration breakerMaxWait = max(maxWait, interval[0]);
    return new ProbeSettings(probe.name(), probe.type(), interval[0], timeout[0],
        Set.copyOf(kinds), critical[0], budget, failures[0], successes[0], breakerMaxWait, Secrets.none());
  }

  /**
   * Resolves a probe's settings and, when they are valid, adds the probe and its settings to the lists;
   * otherwise adds the problems.
   *
   * @param p the probe
   * @param scoped its configuration, scoped to {@code vitals.probes.<name>.}
   * @param built where the probe goes
   * @param settings where its settings go
   * @param problems where problems go
   */
  static void resolveInto(Probe p, Config scoped, List<Probe> built, List<ProbeSettings> settings,
      List<String> problems) {
    try {
      settings.add(resolve(p, scoped));
      built.add(p);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
  }

  /**
   * The budget for a probe or tracker without one: the performance guide's voice budget for names
   * that say voice, the database budget for JDBC probes, the API budget otherwise.
   */
  static LatencyBudget defaultBudget(String name, String type) {
    if (name.toLowerCase(Locale.ROOT).contains("voice")) {
      return LatencyBudget.VOICE;
    }
    if ("jdbc".equals(type)) {
      return LatencyBudget.DATABASE;
    }
    return LatencyBudget.API;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
