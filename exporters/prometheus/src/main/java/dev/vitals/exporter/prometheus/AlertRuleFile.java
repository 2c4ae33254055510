package dev.vitals.exporter.prometheus;

import dev.vitals.api.HealthReport;
import dev.vitals.api.ProbeReport;
import dev.vitals.api.SloReport;
import dev.vitals.api.TrackerReport;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import java.math.BigDecimal;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Writes a Prometheus alerting-rules file with the rules Vitals evaluates itself, over the metrics
 * this module exports, configured by the same {@code vitals.alerts.<rule>.*} keys with the same
 * defaults as the engine.
 *
 * <p>Names of probes, trackers and objectives only ever appear inside PromQL string literals (escaped
 * for PromQL, then quoted for YAML); labels and annotations take them from the alerting series
 * ({@code {{ $labels.probe }}}), so no name is ever read as a template. Stateless and thread-safe.
 */
final class AlertRuleFile {

  /** The rules, in the order they are written; the engine's six and the objectives' burn-rate rule. */
  static final List<String> RULES = List.of("probe-down", "latency", "error-rate", "availability", "cold-start",
      "regression", "slo-burn");

  /** Keys under {@code vitals.alerts.<rule>.}. */
  static final Set<String> RULE_KEYS = Set.of("enabled", "for", "threshold", "exclude");

  /**
   * The multi-window, multi-burn-rate pairs (Google SRE workbook, chapter 5): long window, short
   * window, burn rate, severity. 14.4 spends 2 % of a 30-day budget in 1 hour, 6 spends 5 % in 6
   * hours, 3 spends 10 % in 1 day, 1 spends 10 % in 3 days.
   */
  private static final String[][] BURN_PAIRS = {
      {"1h", "5m", "14.4", "critical"},
      {"6h", "30m", "6", "critical"},
      {"24h", "2h", "3", "warning"},
      {"3d", "6h", "1", "warning"},
  };

  private AlertRuleFile() {}

  /** One rule's settings. */
  private static final class Rule {
    final boolean enabled;
    final Duration forDuration;
    final double threshold;
    final Set<String> exclude;

    Rule(boolean enabled, Duration forDuration, double threshold, Set<String> exclude) {
      this.enabled = enabled;
      this.forDuration = forDuration;
      this.threshold = threshold;
      this.exclude = exclude;
    }

    boolean applies(String subject) {
      return enabled && !exclude.contains(subject);
    }
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

  /**
   * Reads every rule's settings.
   *
   * @throws ConfigException listing every bad key and value
   */
  private static Map<String, Rule> read(Config config) {
    List<String> problems = new ArrayList<>();
    Config alerts = config.scoped("vitals.alerts.");
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
        problems.add(alerts.fullKey(k) + " is not a known key: expected one of [enabled, for, threshold, exclude]");
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
        } else {
          forDuration = d;
        }
      }
      double threshold = defaultThreshold(name);
      Optional<String> rawThreshold = c.get("threshold");
      if (rawThreshold.isPresent()) {
        double[] bounds = bounds(name);
        double t = Double.NaN;
        try {
          t = Double.parseDouble(rawThreshold.get());
        } catch (NumberFormatException e) {
          // reported below
        }
        if (bounds == null || !(t >= bounds[0] && t <= bounds[1])) {
          problems.add(ConfigException.describe(c.fullKey("threshold"), rawThreshold.get(), thresholdForm(name)));
        } else {
          threshold = t;
        }
      }
      Set<String> exclude = new LinkedHashSet<>();
      c.get("exclude").ifPresent(list -> {
        for (String s : list.split(",")) {
          if (!s.isBlank()) {
            exclude.add(s.trim());
          }
        }
      });
      rules.put(name, new Rule(enabled, forDuration, threshold, Collections.unmodifiableSet(exclude)));
    }
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return rules;
  }

  /**
   * Writes the rules file for a report's probes, trackers and objectives.
   *
   * @throws ConfigException listing every bad {@code vitals.alerts.*} key and value
   */
  static String render(HealthReport report, Config config) {
    Map<String, Rule> rules = read(config);
    Yaml y = new Yaml();
    y.line(0, "# Prometheus alerting rules: the rules Vitals evaluates itself (vitals.alerts.*), over the");
    y.line(0, "# metrics of exporter-prometheus. Generated by VitalsPrometheus.alertRules; latency and SLO");
    y.line(0, "# rules cover the probes, trackers and objectives of the report it was generated from.");
    y.line(0, "groups:");
    y.line(2, "- name: vitals");
    y.line(4, "rules:");
    int rulesLine = y.sb.length();

    // probe-down: severity from each probe's criticality; probes unknown when the file was written
    // are warnings.
    Rule down = rules.get("probe-down");
    if (down.enabled) {
      Set<String> critical = new LinkedHashSet<>();
      for (ProbeReport p : report.probes()) {
        if (p.critical() && down.applies(p.name())) {
          critical.add(p.name());
        }
      }
      if (!critical.isEmpty()) {
        y.rule("VitalsProbeDown", "vitals_probe_status{status=\"down\"," + in("probe", critical) + "} == 1",
            down.forDuration, "critical", "probe-down", "{{ $labels.probe }}", "{{ $labels.probe }} is DOWN");
      }
      Set<String> notWarning = new LinkedHashSet<>(critical);
      notWarning.addAll(down.exclude);
      y.rule("VitalsProbeDown", "vitals_probe_status{status=\"down\"" + notIn("probe", notWarning) + "} == 1",
          down.forDuration, "warning", "probe-down", "{{ $labels.probe }}", "{{ $labels.probe }} is DOWN");
    }

    // latency: one rule per probe and tracker, since their targets differ
    Rule latency = rules.get("latency");
    String factor = number(BigDecimal.valueOf(latency.threshold));
    for (ProbeReport p : report.probes()) {
      if (latency.applies(p.name())) {
        latencyRule(y, latency, "probe", p.name(), p.budget().targetNanos(), factor);
      }
    }
    for (TrackerReport t : report.trackers()) {
      if (latency.applies(t.name())) {
        latencyRule(y, latency, "tracker", t.name(), t.budget().targetNanos(), factor);
      }
    }

    // error-rate, availability, regression: one rule per kind of subject, for every name not excluded
    Rule errors = rules.get("error-rate");
    if (errors.enabled) {
      String limit = number(BigDecimal.valueOf(errors.threshold));
      String pct = number(BigDecimal.valueOf(errors.threshold).movePointRight(2));
      for (String kind : List.of("probe", "tracker")) {
        y.rule("VitalsErrorRate", "vitals_" + kind + "_error_ratio" + selector(notIn(kind, errors.exclude))
                + " > " + limit, errors.forDuration, "warning", "error-rate", "{{ $labels." + kind + " }}",
            "{{ $labels." + kind + " }} error rate {{ $value | humanizePercentage }} over 5m is above " + pct + " %");
      }
    }
    Rule availability = rules.get("availability");
    if (availability.enabled) {
      String limit = number(BigDecimal.valueOf(availability.threshold));
      String pct = number(BigDecimal.valueOf(availability.threshold).movePointRight(2));
      for (String kind : List.of("probe", "tracker")) {
        y.rule("VitalsAvailability", "vitals_" + kind + "_availability_ratio{window=\"1h\""
                + notIn(kind, availability.exclude) + "} < " + limit, availability.forDuration, "warning",
            "availability", "{{ $labels." + kind + " }}",
            "{{ $labels." + kind + " }} availability {{ $value | humanizePercentage }} over 1h is below " + pct + " %");
      }
    }

    // cold-start: the service's own
    Rule cold = rules.get("cold-start");
    if (cold.applies("service")) {
      BigDecimal ms = BigDecimal.valueOf(cold.threshold);
      y.rule("VitalsColdStart", "vitals_cold_start_seconds > " + number(ms.movePointLeft(3)), cold.forDuration,
          "warning", "cold-start", "service",
          "cold start took {{ $value | humanizeDuration }}, above " + number(ms) + " ms");
    }

    Rule regression = rules.get("regression");
    if (regression.enabled) {
      for (String kind : List.of("probe", "tracker")) {
        y.rule("VitalsRegression", "vitals_" + kind + "_regression" + selector(notIn(kind, regression.exclude))
                + " == 1", regression.forDuration, "warning", "regression", "{{ $labels." + kind + " }}",
            "{{ $labels." + kind + " }} p95 is more than 20 % above its baseline");
      }
    }

    // slo-burn: per objective, the multi-window, multi-burn-rate pairs of each severity
    Rule burn = rules.get("slo-burn");
    for (SloReport s : report.slos()) {
      if (!burn.applies(s.name())) {
        continue;
      }
      String slo = "slo=" + string(s.name());
      for (String severity : List.of("critical", "warning")) {
        StringBuilder expr = new StringBuilder();
        StringBuilder limits = new StringBuilder();
        for (String[] pair : BURN_PAIRS) {
          if (!pair[3].equals(severity)) {
            continue;
          }
          expr.append(expr.length() == 0 ? "(" : " or (").append("vitals_slo_burn_rate{").append(slo)
              .append(",window=\"").append(pair[0]).append("\"} > ").append(pair[2])
              .append(" and ignoring (window) vitals_slo_burn_rate{").append(slo).append(",window=\"")
              .append(pair[1]).append("\"} > ").append(pair[2]).append(')');
          limits.append(limits.length() == 0 ? "" : ", or ").append(pair[2]).append(" over ").append(pair[0])
              .append(" and ").append(pair[1]);
        }
        y.rule("VitalsSloBurnRate", expr.toString(), burn.forDuration, severity, "slo-burn",
            template(s.name()), "{{ $labels.slo }} burns its error budget {{ $value | humanize }} times as fast as "
                + "allowed over {{ $labels.window }} (" + severity + " above " + limits + ")");
      }
    }

    if (y.rules == 0) {
      y.sb.insert(rulesLine - 1, " []");
    }
    return y.sb.toString();
  }

  private static void latencyRule(Yaml y, Rule rule, String kind, String name, long targetNanos, String factor) {
    BigDecimal target = BigDecimal.valueOf(targetNanos);
    BigDecimal limitNanos = BigDecimal.valueOf(rule.threshold).multiply(target);
    y.rule("VitalsLatency", "vitals_" + kind + "_latency_seconds{" + kind + "=" + string(name)
            + ",percentile=\"p95\"} > " + number(limitNanos.movePointLeft(9)), rule.forDuration, "warning", "latency",
        template(name),
        "{{ $labels." + kind + " }} p95 {{ $value | humanizeDuration }} is above " + factor + "x its "
            + number(target.movePointLeft(6)) + " ms target (" + number(limitNanos.movePointLeft(6)) + " ms)");
  }

  /** {@code {matchers}} without the leading comma, or nothing when there is no matcher. */
  private static String selector(String leadingCommaMatchers) {
    return leadingCommaMatchers.isEmpty() ? "" : "{" + leadingCommaMatchers.substring(1) + "}";
  }

  /** {@code label=~"a|b"} for a non-empty set of names. */
  private static String in(String label, Set<String> names) {
    return label + "=~" + string(alternatives(names));
  }

  /** {@code ,label!~"a|b"}, or nothing for an empty set. */
  private static String notIn(String label, Set<String> names) {
    return names.isEmpty() ? "" : "," + label + "!~" + string(alternatives(names));
  }

  /** An RE2 alternation matching exactly the names. */
  static String alternatives(Set<String> names) {
    StringBuilder sb = new StringBuilder();
    for (String n : names) {
      if (sb.length() > 0) {
        sb.append('|');
      }
      for (int i = 0; i < n.length(); i++) {
        char c = n.charAt(i);
        if ("\\.+*?()|[]{}^$".indexOf(c) >= 0) {
          sb.append('\\');
        }
        sb.append(c);
      }
    }
    return sb.toString();
  }

  /**
   * A PromQL double-quoted string literal. Backslash, quote and every character YAML or a line-based
   * reader could trip on are escaped; an unpaired surrogate becomes {@code ?}, as in the exposition's
   * UTF-8.
   */
  static String string(String s) {
    StringBuilder sb = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '"') {
        sb.append('\\').append(c);
      } else if (c == '\n') {
        sb.append("\\n");
      } else if (c == '\r') {
        sb.append("\\r");
      } else if (c == '\t') {
        sb.append("\\t");
      } else if (needsEscape(c)) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        sb.append('?');
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** A number in plain decimal notation, without trailing zeros. */
  static String number(BigDecimal d) {
    BigDecimal s = d.stripTrailingZeros();
    return (s.scale() < 0 ? s.setScale(0) : s).toPlainString();
  }

  /**
   * A duration in Prometheus' syntax ({@code 1h30m}, {@code 250ms}); below a millisecond rounded up.
   *
   * @return the text, or null for zero
   */
  static String promDuration(Duration d) {
    long ms = d.toMillis() + (d.toNanos() % 1_000_000 == 0 ? 0 : 1);
    if (ms <= 0) {
      return null;
    }
    StringBuilder sb = new StringBuilder();
    long[] units = {86_400_000, 3_600_000, 60_000, 1000, 1};
    String[] names = {"d", "h", "m", "s", "ms"};
    for (int i = 0; i < units.length; i++) {
      if (ms >= units[i]) {
        sb.append(ms / units[i]).append(names[i]);
        ms %= units[i];
      }
    }
    return sb.toString();
  }

  /**
   * Text that a Go template (labels and annotations of Prometheus rules are templates) renders as
   * itself: every <code>&#123;&#123;</code> becomes an action printing it.
   */
  static String template(String text) {
    return text.replace("{{", "{{ \"{{\" }}");
  }

  /**
   * A YAML scalar: single-quoted when every character is printable, otherwise double-quoted with
   * escapes; an unpaired surrogate becomes {@code ?}, as in the exposition's UTF-8.
   */
  static String quoted(String s) {
    boolean printable = true;
    for (int i = 0; i < s.length() && printable; i++) {
      printable = !needsEscape(s.charAt(i)) && !Character.isSurrogate(s.charAt(i));
    }
    if (printable) {
      return "'" + s.replace("'", "''") + "'";
    }
    StringBuilder sb = new StringBuilder(s.length() + 8).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      if (c == '\\' || c == '"') {
        sb.append('\\').append(c);
      } else if (needsEscape(c)) {
        sb.append(String.format(Locale.ROOT, "\\u%04x", (int) c));
      } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
        sb.append(c).append(s.charAt(++i));
      } else if (Character.isSurrogate(c)) {
        sb.append('?');
      } else {
        sb.append(c);
      }
    }
    return sb.append('"').toString();
  }

  /** Control characters, and those YAML 1.1 or a line-based reader takes for line breaks. */
  private static boolean needsEscape(char c) {
    return c < 0x20 || (c >= 0x7f && c <= 0x9f) || c == '\u2028' || c == '\u2029' || c == '\ufeff'
        || c == '\ufffe' || c == '\uffff';
  }

  /** Builds the file. */
  private static final class Yaml {
    final StringBuilder sb = new StringBuilder(4096);
    int rules;

    void line(int indent, String text) {
      sb.append(" ".repeat(indent)).append(text).append('\n');
    }

    void rule(String alert, String expr, Duration forDuration, String severity, String rule, String subject,
        String summary) {
      rules++;
      line(6, "- alert: " + alert);
      line(8, "expr: " + quoted(expr));
      String f = promDuration(forDuration);
      if (f != null) {
        line(8, "for: " + f);
      }
      line(8, "labels:");
      line(10, "severity: " + severity);
      line(10, "rule: " + rule);
      line(10, "subject: " + quoted(subject));
      line(8, "annotations:");
      line(10, "summary: " + quoted(summary));
    }
  }
}
