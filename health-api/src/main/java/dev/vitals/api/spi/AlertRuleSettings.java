package dev.vitals.api.spi;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The alert rules' settings, {@code vitals.alerts.*}: whether each rule is on, how long its condition
 * must hold before it fires ({@code for}), its threshold, the subjects it leaves out ({@code exclude}),
 * how often a firing alert is sent again ({@code repeat-interval}) and the link sent with it
 * ({@code link}). The monitor evaluates the rules with these settings; an exporter that writes rules
 * for another system (the Prometheus rules file) reads the same keys through this class, so both
 * agree on names, defaults and allowed values.
 *
 * <p>Defaults (the performance guide's): {@code latency} fires when the p95 is above 2x the budget's
 * target for 1 minute, {@code error-rate} above 0.05 for 1 minute, {@code availability} below 0.99
 * over the last hour for 1 minute, {@code cold-start} above 500 ms, {@code probe-down},
 * {@code regression} and {@code slo-burn} at once; a firing alert is repeated every 4 hours.
 * Bounds: {@code for} from 0s to 1d, {@code repeat-interval} from 10s to 7d (or 0s: never).
 *
 * <p>Immutable and thread-safe.
 */
public final class AlertRuleSettings {

  /** The rules, in the order they are evaluated and written. */
  public static final List<String> RULES = List.of("probe-down", "latency", "error-rate", "availability",
      "cold-start", "regression", "slo-burn");

  /** The keys under {@code vitals.alerts.<rule>.}. */
  public static final Set<String> RULE_KEYS = Collections.unmodifiableSet(
      new LinkedHashSet<>(List.of("enabled", "for", "threshold", "exclude")));

  /** How often a firing alert is sent again unless configured. */
  public static final Duration DEFAULT_REPEAT_INTERVAL = Duration.ofHours(4);

  /** The longest {@code for} allowed: 1 day. */
  public static final Duration MAX_FOR = Duration.ofDays(1);

  /** The shortest {@code repeat-interval} allowed besides 0s (no repeats): 10 seconds. */
  public static final Duration MIN_REPEAT_INTERVAL = Duration.ofSeconds(10);

  /** The longest {@code repeat-interval} allowed: 7 days. */
  public static final Duration MAX_REPEAT_INTERVAL = Duration.ofDays(7);

  /**
   * One rule's settings.
   *
   * @param name the rule, one of {@link #RULES}
   * @param enabled whether it is evaluated
   * @param forDuration how long its condition must hold before it fires; zero: at once
   * @param threshold its threshold, in the rule's unit (a multiple of the target for {@code latency}, a
   *     ratio for {@code error-rate} and {@code availability}, milliseconds for {@code cold-start}); 0
   *     for rules without one
   * @param exclude names of probes, trackers or objectives it leaves out, in configuration order
   */
  public record Rule(String name, boolean enabled, Duration forDuration, double threshold, Set<String> exclude) {

    /**
     * Checks and copies the values.
     *
     * @throws NullPointerException if a reference is null
     */
    public Rule {
      Objects.requireNonNull(name, "name");
      Objects.requireNonNull(forDuration, "forDuration");
      exclude = Collections.unmodifiableSet(new LinkedHashSet<>(exclude)); // in configuration order
    }

    /**
     * Whether the rule is evaluated for a subject.
     *
     * @param subject a probe, tracker or objective name, or {@code service}
     * @return true when enabled and the subject is not excluded
     */
    public boolean applies(String subject) {
      return enabled && !exclude.contains(subject);
    }
  }

  private final Map<String, Rule> rules;
  private final Duration repeatInterval;
  private final Optional<String> link;

  private AlertRuleSettings(Map<String, Rule> rules, Duration repeatInterval, Optional<String> link) {
    this.rules = Collections.unmodifiableMap(rules);
    this.repeatInterval = repeatInterval;
    this.link = link;
  }

  /**
   * Reads the settings, adding a problem for every unknown key and bad value (a bad value keeps its
   * default).
   *
   * @param all every setting (keys with the {@code vitals.} prefix)
   * @param problems where problems are added, each naming the key, the value and what is allowed
   * @return the settings
   */
  public static AlertRuleSettings from(Config all, List<String> problems) {
    Config alerts = all.scoped("vitals.alerts.");
    for (String k : alerts.keys()) {
      if (k.equals("repeat-interval") || k.equals("link")) {
        continue;
      }
      int dot = k.indexOf('.');
      String head = dot < 0 ? k : k.substring(0, dot);
      if (!RULES.contains(head)) {
        problems.add(alerts.fullKey(k) + " is not a known key: expected vitals.alerts.repeat-interval, "
            + "vitals.alerts.link or vitals.alerts.<rule>.{enabled,for,threshold,exclude} with a rule among " + RULES);
      } else if (dot < 0 || !RULE_KEYS.contains(k.substring(dot + 1))) {
        problems.add(alerts.fullKey(k) + " is not a known key: expected one of " + RULE_KEYS);
      }
    }
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (String name : RULES) {
      Config c = alerts.scoped(name + ".");
      boolean enabled = true;
      try {
        enabled = c.bool("enabled", true);
      } catch (ConfigException e) {
        problems.addAll(e.problems());
      }
      Duration forDuration = defaultFor(name);
      Optional<String> rawFor = c.get("for");
      if (rawFor.isPresent()) {
        Duration d = Config.parseDuration(rawFor.get());
        if (d == null) {
          problems.add(ConfigException.describe(c.fullKey("for"), rawFor.get(), "a " + Config.DURATION_FORM + ", or 0s"));
        } else if (d.compareTo(MAX_FOR) > 0) {
          problems.add(ConfigException.describe(c.fullKey("for"), rawFor.get(), "a duration from 0s to 1d"));
        } else {
          forDuration = d;
        }
      }
      double threshold = defaultThreshold(name);
      Optional<String> rawThreshold = c.get("threshold");
      if (rawThreshold.isPresent()) {
        double t = Double.NaN;
        try {
          t = Double.parseDouble(rawThreshold.get());
        } catch (NumberFormatException e) {
          // reported below
        }
        double[] bounds = bounds(name);
        if (bounds == null || !(t >= bounds[0] && t <= bounds[1])) {
          problems.add(ConfigException.describe(c.fullKey("threshold"), rawThreshold.get(), thresholdForm(name)));
        } else {
          threshold = t;
        }
      }
      Set<String> exclude = new LinkedHashSet<>();
      Optional<String> excluded = c.get("exclude");
      if (excluded.isPresent()) {
        for (String s : excluded.get().split(",")) {
          if (!s.isBlank()) {
            exclude.add(s.trim());
          }
        }
      }
      rules.put(name, new Rule(name, enabled, forDuration, threshold, exclude));
    }
    Duration repeat = DEFAULT_REPEAT_INTERVAL;
    Optional<String> rawRepeat = alerts.get("repeat-interval");
    if (rawRepeat.isPresent()) {
      Duration d = Config.parseDuration(rawRepeat.get());
      if (d == null) {
        problems.add(ConfigException.describe(alerts.fullKey("repeat-interval"), rawRepeat.get(),
            "a " + Config.DURATION_FORM + ", or 0s for no repeats"));
      } else if (!d.isZero() && (d.compareTo(MIN_REPEAT_INTERVAL) < 0 || d.compareTo(MAX_REPEAT_INTERVAL) > 0)) {
        problems.add(ConfigException.describe(alerts.fullKey("repeat-interval"), rawRepeat.get(),
            "a duration from 10s to 7d, or 0s for no repeats"));
      } else {
        repeat = d;
      }
    }
    return new AlertRuleSettings(rules, repeat, alerts.get("link"));
  }

  /**
   * Reads the settings.
   *
   * @param all every setting (keys with the {@code vitals.} prefix)
   * @return the settings
   * @throws ConfigException listing every unknown key and bad value
   */
  public static AlertRuleSettings from(Config all) {
    List<String> problems = new ArrayList<>();
    AlertRuleSettings settings = from(all, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return settings;
  }

  /**
   * One rule's settings.
   *
   * @param name one of {@link #RULES}
   * @return its settings
   * @throws IllegalArgumentException for another name
   */
  public Rule rule(String name) {
    Rule r = rules.get(name);
    if (r == null) {
      throw new IllegalArgumentException("no alert rule '" + name + "': expected one of " + RULES);
    }
    return r;
  }

  /**
   * Every rule's settings.
   *
   * @return an unmodifiable map in {@link #RULES} order
   */
  public Map<String, Rule> rules() {
    return rules;
  }

  /**
   * How often a firing alert is sent again.
   *
   * @return the interval; zero: never
   */
  public Duration repeatInterval() {
    return repeatInterval;
  }

  /**
   * The link sent with every alert (a runbook or dashboard), if configured.
   *
   * @return the link, or empty
   */
  public Optional<String> link() {
    return link;
  }

  private static double defaultThreshold(String rule) {
    switch (rule) {
      case "latency":
        return 2.0; // times the budget's target
      case "error-rate":
        return 0.05;
      case "availability":
        return 0.99;
      case "cold-start":
        return 500; // milliseconds
      default:
        return 0;
    }
  }

  private static Duration defaultFor(String rule) {
    switch (rule) {
      case "latency":
      case "error-rate":
      case "availability":
        return Duration.ofMinutes(1);
      default:
        return Duration.ZERO;
    }
  }

  private static double[] bounds(String rule) {
    switch (rule) {
      case "latency":
        return new double[] {1, 100};
      case "error-rate":
      case "availability":
        return new double[] {0, 1};
      case "cold-start":
        return new double[] {1, 600_000};
      default:
        return null;
    }
  }

  private static String thresholdForm(String rule) {
    switch (rule) {
      case "latency":
        return "a multiple of the budget's target from 1 to 100, such as 2";
      case "error-rate":
        return "a ratio from 0 to 1, such as 0.05";
      case "availability":
        return "a ratio from 0 to 1, such as 0.99";
      case "cold-start":
        return "milliseconds from 1 to 600000, such as 500";
      default:
        return "no threshold (this rule has none)";
    }
  }
}
