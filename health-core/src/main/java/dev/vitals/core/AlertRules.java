package dev.vitals.core;

import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The alert rules and their settings ({@code vitals.alerts.*}), with the performance guide's defaults:
 * response time above 2x its target, error rate above 5 %, availability below 99 %, cold start
 * above 500 ms, a probe DOWN, a regression above the baseline tolerance. Immutable.
 */
final class AlertRules {

  /** The rules, in the order they are evaluated. */
  static final List<String> RULES = List.of("probe-down", "latency", "error-rate", "availability", "cold-start",
      "regression", "slo-burn");

  /** Keys under {@code vitals.alerts.<rule>.}. */
  static final Set<String> RULE_KEYS = Set.of("enabled", "for", "threshold", "exclude");

  /** Fewer operations than this in a window never fire the latency or error-rate rule. */
  static final int MIN_SAMPLES = 5;

  static final class Rule {
    final String name;
    final boolean enabled;
    final Duration forDuration;
    final double threshold;
    final Set<String> exclude;

    Rule(String name, boolean enabled, Duration forDuration, double threshold, Set<String> exclude) {
      this.name = name;
      this.enabled = enabled;
      this.forDuration = forDuration;
      this.threshold = threshold;
      this.exclude = exclude;
    }

    boolean applies(String subject) {
      return enabled && !exclude.contains(subject);
    }
  }

  final Map<String, Rule> rules;
  final Duration repeatInterval;
  final Optional<String> link;

  private AlertRules(Map<String, Rule> rules, Duration repeatInterval, Optional<String> link) {
    this.rules = rules;
    this.repeatInterval = repeatInterval;
    this.link = link;
  }

  Rule rule(String name) {
    return rules.get(name);
  }

  static double defaultThreshold(String rule) {
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

  static Duration defaultFor(String rule) {
    switch (rule) {
      case "probe-down":
      case "cold-start":
      case "regression":
      case "slo-burn":
        return Duration.ZERO;
      default:
        return Duration.ofMinutes(1);
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

  /**
   * Reads the rules from {@code vitals.alerts.*}, adding every problem to {@code problems}.
   */
  static AlertRules from(Config all, List<String> problems) {
    Config alerts = all.scoped("vitals.alerts.");
    for (String k : alerts.keys()) {
      int dot = k.indexOf('.');
      String head = dot < 0 ? k : k.substring(0, dot);
      if (k.equals("repeat-interval") || k.equals("link")) {
        continue;
      }
      if (!RULES.contains(head)) {
        problems.add(alerts.fullKey(k) + " is not a known key: expected vitals.alerts.repeat-interval, vitals.alerts.link"
            + " or vitals.alerts.<rule>.{enabled,for,threshold,exclude} with a rule among " + RULES);
      } else if (dot < 0 || !RULE_KEYS.contains(k.substring(dot + 1))) {
        problems.add(alerts.fullKey(k) + " is not a known key: expected one of " + RULE_KEYS);
      }
    }
    Map<String, Rule> rules = new LinkedHashMap<>();
    for (String name : RULES) {
      Config c = alerts.scoped(name + ".");
      boolean[] enabled = {true};
      enabled[0] = Settings.bool(problems, c, "enabled", true);
      Duration forDuration = defaultFor(name);
      Optional<String> rawFor = c.get("for");
      if (rawFor.isPresent()) {
        Duration d = Config.parseDuration(rawFor.get());
        if (d == null) {
          problems.add(ConfigException.describe(c.fullKey("for"), rawFor.get(), "a " + Config.DURATION_FORM + ", or 0s"));
        } else {
          forDuration = d;
        }
      }
      double threshold = defaultThreshold(name);
      Optional<String> rawThreshold = c.get("threshold");
      if (rawThreshold.isPresent()) {
        double[] bounds = bounds(name);
        if (bounds == null) {
          problems.add(ConfigException.describe(c.fullKey("threshold"), rawThreshold.get(), thresholdForm(name)));
        } else {
          double t = threshold;
          try {
            t = Double.parseDouble(rawThreshold.get());
          } catch (NumberFormatException e) {
            t = Double.NaN;
          }
          if (!(t >= bounds[0] && t <= bounds[1])) {
            problems.add(ConfigException.describe(c.fullKey("threshold"), rawThreshold.get(), thresholdForm(name)));
          } else {
            threshold = t;
          }
        }
      }
      Optional<String> excluded = c.get("exclude");
      Set<String> exclude = new LinkedHashSet<>(excluded.isPresent() ? Settings.list(excluded.get()) : List.of());
      rules.put(name, new Rule(name, enabled[0], forDuration, threshold, Set.copyOf(exclude)));
    }
    Duration[] repeat = {Duration.ofHours(4)};
    Optional<String> rawRepeat = alerts.get("repeat-interval");
    if (rawRepeat.isPresent()) {
      Duration d = Config.parseDuration(rawRepeat.get());
      if (d == null) {
        problems.add(ConfigException.describe(alerts.fullKey("repeat-interval"), rawRepeat.get(),
            "a " + Config.DURATION_FORM + ", or 0s for no repeats"));
      } else {
        repeat[0] = d;
      }
    }
    return new AlertRules(rules, repeat[0], alerts.get("link"));
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
}
