package dev.vitals.lambda;

import dev.vitals.api.LatencyBudget;
import dev.vitals.api.Names;
import dev.vitals.api.spi.AlertRuleSettings;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.JsonText;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;

/**
 * CloudWatch dashboards and alarms for the metrics {@code VitalsLambda} writes ({@link LambdaMetrics}),
 * as code: the bodies {@code aws cloudwatch put-dashboard --dashboard-body} takes, the inputs
 * {@code aws cloudwatch put-metric-alarm --cli-input-json} takes, and one CloudFormation template with
 * both. They are read from the same configuration Vitals reads: the namespace
 * ({@code vitals.lambda.namespace}), the invocation tracker's budget
 * ({@code vitals.trackers.<vitals.lambda.tracker>.budget.*}), the cold-start budget
 * ({@code vitals.lambda.cold-start.*}), the alert rules ({@code vitals.alerts.*}, read by
 * {@link AlertRuleSettings} exactly as the engine reads them) and the region ({@code vitals.lambda.region},
 * else the {@code AWS_REGION} environment variable, else {@value #DEFAULT_REGION}).
 *
 * <p>What is produced, for each function named:
 * <ul>
 *   <li>dashboards: {@code vitals-overview} (invocations, errors, p95 duration, cold starts, init
 *       duration, probes up, and AWS/Lambda's own throttles and concurrency for every function),
 *       {@code vitals-performance-<function>} (duration percentiles and init duration against their
 *       budgets, probe time, latency per probe) and {@code vitals-errors} (the error rate of every
 *       function against the {@code error-rate} rule's threshold);
 *   <li>alarms, one per enabled rule: {@code vitals-<function>-latency} (p95 duration above the
 *       {@code latency} factor times the tracker's target), {@code vitals-<function>-error-rate}
 *       (100 x Errors / Invocations above the {@code error-rate} threshold, in percent),
 *       {@code vitals-<function>-cold-start} (maximum init duration above the {@code cold-start}
 *       threshold) and {@code vitals-<function>-probe-down} (the lowest {@code ProbeUp} of the function's
 *       probes below 1, through a CloudWatch Metrics Insights query, since {@code ProbeUp} carries a
 *       {@code Probe} dimension and an alarm cannot use a {@code SEARCH} expression).
 * </ul>
 *
 * <p>Output is JSON text (RFC 8259, UTF-8 when written out), every string written through
 * {@link JsonText}; numbers are exact decimals ({@code 400}, {@code 5.5}). Function names must be Lambda
 * function names (1 to 64 letters, digits, {@code -} or {@code _}), at most {@value #MAX_FUNCTIONS} of
 * them (a dashboard graph holds at most 100 metrics); a name given twice counts once.
 *
 * <p>Stateless and thread-safe: every method reads only its arguments (and, for the region, the
 * {@code AWS_REGION} environment variable) and returns a new string.
 *
 * <p>From the command line ({@code java -cp vitals-aws-lambda.jar:health-api.jar
 * dev.vitals.lambda.CloudWatchDefinitions ...}), see {@link #main(String[])}.
 */
public final class CloudWatchDefinitions {

  /** The region when neither {@code vitals.lambda.region} nor {@code AWS_REGION} is set. */
  public static final String DEFAULT_REGION = "us-east-1";

  /** The most functions one call covers. */
  public static final int MAX_FUNCTIONS = 100;

  /** The rule for function names, in words. */
  static final String FUNCTION_RULE = "a Lambda function name: 1 to 64 letters, digits, '-' or '_'";

  static final String USAGE = "usage: CloudWatchDefinitions dashboards|alarms|cloudformation"
      + " [--config FILE.properties] [--function NAME ...]";

  private CloudWatchDefinitions() {}

  /**
   * The dashboards: a JSON object whose members are dashboard names ({@code vitals-overview}, one
   * {@code vitals-performance-<function>} per function, {@code vitals-errors}) and whose values are
   * dashboard bodies, each one exactly what {@code aws cloudwatch put-dashboard --dashboard-body} takes.
   *
   * @param config the settings (keys with the {@code vitals.} prefix), not null
   * @param functions the functions' names, not empty
   * @return the JSON text
   * @throws ConfigException naming every bad key and value
   * @throws IllegalArgumentException if a function name is not allowed, or there are none or too many
   * @throws NullPointerException if an argument is null
   */
  public static String dashboards(Config config, List<String> functions) {
    return dashboards(config, functions, System.getenv());
  }

  /**
   * The alarms: a JSON array whose elements are each exactly what
   * {@code aws cloudwatch put-metric-alarm --cli-input-json} takes. A rule with {@code enabled=false}
   * (or that excludes the subject the engine judges) has no alarm.
   *
   * @param config the settings (keys with the {@code vitals.} prefix), not null
   * @param functions the functions' names, not empty
   * @return the JSON text
   * @throws ConfigException naming every bad key and value
   * @throws IllegalArgumentException if a function name is not allowed, or there are none or too many
   * @throws NullPointerException if an argument is null
   */
  public static String alarms(Config config, List<String> functions) {
    return alarms(config, functions, System.getenv());
  }

  /**
   * One CloudFormation template (JSON) holding the dashboards as {@code AWS::CloudWatch::Dashboard}
   * resources and the alarms as {@code AWS::CloudWatch::Alarm} resources, with alphanumeric logical ids.
   *
   * @param config the settings (keys with the {@code vitals.} prefix), not null
   * @param functions the functions' names, not empty
   * @return the JSON text
   * @throws ConfigException naming every bad key and value
   * @throws IllegalArgumentException if a function name is not allowed, or there are none or too many
   * @throws NullPointerException if an argument is null
   */
  public static String cloudFormation(Config config, List<String> functions) {
    return cloudFormation(config, functions, System.getenv());
  }

  /**
   * Prints dashboards, alarms or a CloudFormation template to standard output:
   * {@code dashboards|alarms|cloudformation [--config FILE.properties] --function NAME [--function NAME ...]}.
   * Without {@code --function}, the functions are those of {@code vitals.lambda.functions}
   * (comma-separated) in the file, else the one in {@code AWS_LAMBDA_FUNCTION_NAME}. Bad input prints one
   * line to standard error saying what was wrong and exits with status 2.
   *
   * @param args the command line
   */
  public static void main(String[] args) {
    int status = run(List.of(args), System.getenv(), System.out, System.err);
    if (status != 0) {
      System.exit(status);
    }
  }

  static String dashboards(Config config, List<String> functions, Map<String, String> env) {
    Settings s = Settings.read(config, env);
    return Json.write(DashboardBodies.all(s, checkFunctions(functions)), true);
  }

  static String alarms(Config config, List<String> functions, Map<String, String> env) {
    Settings s = Settings.read(config, env);
    return Json.write(AlarmInputs.all(s, checkFunctions(functions)), true);
  }

  static String cloudFormation(Config config, List<String> functions, Map<String, String> env) {
    Settings s = Settings.read(config, env);
    List<String> fns = checkFunctions(functions);
    Map<String, Object> resources = new LinkedHashMap<>();
    Set<String> ids = new LinkedHashSet<>();
    for (Map.Entry<String, Object> d : DashboardBodies.all(s, fns).entrySet()) {
      Map<String, Object> props = new LinkedHashMap<>();
      props.put("DashboardName", d.getKey());
      props.put("DashboardBody", Json.write(d.getValue(), false));
      resources.put(logicalId(ids, d.getKey(), "Dashboard"), resource("AWS::CloudWatch::Dashboard", props));
    }
    for (Map<String, Object> alarm : AlarmInputs.all(s, fns)) {
      resources.put(logicalId(ids, (String) alarm.get("AlarmName"), "Alarm"), resource("AWS::CloudWatch::Alarm", alarm));
    }
    Map<String, Object> template = new LinkedHashMap<>();
    template.put("AWSTemplateFormatVersion", "2010-09-09");
    template.put("Description", "Vitals CloudWatch dashboards and alarms for " + String.join(", ", fns)
        + " (namespace " + s.namespace + ")");
    template.put("Resources", resources);
    return Json.write(template, true);
  }

  private static Map<String, Object> resource(String type, Map<String, Object> properties) {
    Map<String, Object> r = new LinkedHashMap<>();
    r.put("Type", type);
    r.put("Properties", properties);
    return r;
  }

  /**
   * A CloudFormation logical id from a name: its letters and digits, each run after a {@code -} or
   * {@code _} capitalised, then the suffix; a number is added when another name came out the same
   * ({@code a-b} and {@code a_b}).
   */
  static String logicalId(Set<String> taken, String name, String suffix) {
    StringBuilder sb = new StringBuilder();
    boolean upper = true;
    for (int i = 0; i < name.length(); i++) {
      char c = name.charAt(i);
      if (c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9') {
        sb.append(upper ? Character.toUpperCase(c) : c);
        upper = false;
      } else {
        upper = true;
      }
    }
    String base = sb.append(suffix).toString();
    String id = base;
    for (int n = 2; !taken.add(id); n++) {
      id = base + n;
    }
    return id;
  }

  // ---- the command line ----

  /**
   * Runs the command line: prints the output to {@code out} and returns 0, or prints one line to
   * {@code err} and returns 2 (bad input) — no stack trace.
   */
  static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
    try {
      Command c = Command.parse(args, env);
      if (c.help) {
        out.println(USAGE);
        return 0;
      }
      String text;
      switch (c.name) {
        case "dashboards":
          text = dashboards(c.config, c.functions, env);
          break;
        case "alarms":
          text = alarms(c.config, c.functions, env);
          break;
        default:
          text = cloudFormation(c.config, c.functions, env);
      }
      out.println(text);
      out.flush();
      return 0;
    } catch (ConfigException e) {
      err.println("CloudWatchDefinitions: " + String.join("; ", e.problems()));
      return 2;
    } catch (IllegalArgumentException e) {
      err.println("CloudWatchDefinitions: " + e.getMessage());
      return 2;
    }
  }

  /** A parsed command line. */
  static final class Command {
    final String name;
    final Config config;
    final List<String> functions;
    final boolean help;

    private Command(String name, Config config, List<String> functions, boolean help) {
      this.name = name;
      this.config = config;
      this.functions = functions;
      this.help = help;
    }

    /**
     * Parses the arguments.
     *
     * @throws IllegalArgumentException saying what was wrong, in one line
     */
    static Command parse(List<String> args, Map<String, String> env) {
      if (args.isEmpty()) {
        throw new IllegalArgumentException("no command: " + USAGE);
      }
      String name = args.get(0);
      if (name.equals("--help") || name.equals("-h") || name.equals("help")) {
        return new Command(name, Config.of(Map.of()), List.of(), true);
      }
      if (!List.of("dashboards", "alarms", "cloudformation").contains(name)) {
        throw new IllegalArgumentException("unknown command '" + shown(name)
            + "': expected dashboards, alarms or cloudformation; " + USAGE);
      }
      Path file = null;
      List<String> functions = new ArrayList<>();
      for (int i = 1; i < args.size(); i++) {
        String a = args.get(i);
        String option = a;
        String value = null;
        int eq = a.indexOf('=');
        if (a.startsWith("--") && eq > 0) {
          option = a.substring(0, eq);
          value = a.substring(eq + 1);
        }
        if (!option.equals("--config") && !option.equals("--function")) {
          throw new IllegalArgumentException("unknown argument '" + shown(a) + "': expected --config FILE or"
              + " --function NAME; " + USAGE);
        }
        if (value == null) {
          if (i + 1 >= args.size()) {
            throw new IllegalArgumentException(option + " needs a value: " + USAGE);
          }
          value = args.get(++i);
        }
        if (option.equals("--config")) {
          if (file != null) {
            throw new IllegalArgumentException("--config is given twice: expected one file");
          }
          file = Path.of(value);
        } else {
          functions.add(checkFunction(value, "--function"));
        }
      }
      Config config = file == null ? Config.of(Map.of()) : load(file);
      if (functions.isEmpty()) {
        Optional<String> listed = config.get("vitals.lambda.functions");
        if (listed.isPresent()) {
          for (String f : listed.get().split(",")) {
            if (!f.isBlank()) {
              functions.add(checkFunction(f.trim(), "vitals.lambda.functions"));
            }
          }
        }
      }
      if (functions.isEmpty()) {
        String fromEnv = env.get("AWS_LAMBDA_FUNCTION_NAME");
        if (fromEnv != null && !fromEnv.isBlank()) {
          functions.add(checkFunction(fromEnv.trim(), "AWS_LAMBDA_FUNCTION_NAME"));
        }
      }
      if (functions.isEmpty()) {
        throw new IllegalArgumentException("no function: give --function NAME, set vitals.lambda.functions"
            + " (comma-separated) in the --config file, or set AWS_LAMBDA_FUNCTION_NAME");
      }
      return new Command(name, config, List.copyOf(functions), false);
    }

    /** A properties file: UTF-8, or ISO-8859-1 (classic properties files) when it is not valid UTF-8. */
    private static Config load(Path file) {
      Properties p = new Properties();
      try {
        byte[] bytes = Files.readAllBytes(file);
        String text;
        try {
          text = StandardCharsets.UTF_8.newDecoder().decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        } catch (java.nio.charset.CharacterCodingException e) {
          text = new String(bytes, StandardCharsets.ISO_8859_1);
        }
        p.load(new java.io.StringReader(text));
      } catch (NoSuchFileException e) {
        throw new IllegalArgumentException("--config " + file + ": no such file");
      } catch (IOException | IllegalArgumentException e) {
        // a directory, no permission, a malformed \\uXXXX escape
        throw new IllegalArgumentException("--config " + file + ": cannot be read as a properties file: "
            + (e.getMessage() == null ? "an I/O error" : e.getMessage()));
      }
      Map<String, String> map = new LinkedHashMap<>();
      for (String k : p.stringPropertyNames()) {
        map.put(k, p.getProperty(k));
      }
      return Config.of(map);
    }
  }

  // ---- names ----

  /** Checks every name, drops repeats, keeps the order. */
  static List<String> checkFunctions(List<String> functions) {
    Set<String> unique = new LinkedHashSet<>();
    for (String f : functions) {
      unique.add(checkFunction(f, "function"));
    }
    if (unique.isEmpty()) {
      throw new IllegalArgumentException("no function: expected at least one Lambda function name");
    }
    if (unique.size() > MAX_FUNCTIONS) {
      throw new IllegalArgumentException(unique.size() + " functions: expected at most " + MAX_FUNCTIONS
          + " (a dashboard graph holds at most 100 metrics); generate them in groups");
    }
    return List.copyOf(unique);
  }

  /**
   * Checks a function name.
   *
   * @param from where it came from, for the message
   */
  static String checkFunction(String name, String from) {
    if (name == null || !LambdaSettings.isFunctionName(name)) {
      throw new IllegalArgumentException(from + ": function name '" + shown(String.valueOf(name))
          + "' is not allowed: expected " + FUNCTION_RULE);
    }
    return name;
  }

  /** A name for a message: control characters shown as {@code \\uXXXX}, long ones cut. */
  private static String shown(String s) {
    String cut = s.length() > 80 ? s.substring(0, 80) + "..." : s;
    StringBuilder sb = new StringBuilder();
    for (int i = 0; i < cut.length(); i++) {
      char c = cut.charAt(i);
      if (c < 0x20 || c == 0x7f) {
        sb.append(String.format("\\u%04x", (int) c));
      } else {
        sb.append(c);
      }
    }
    return sb.toString();
  }

  // ---- settings ----

  /** What the definitions are made from, read and checked once. Immutable. */
  static final class Settings {
    /** The longest namespace CloudWatch accepts. */
    static final int MAX_NAMESPACE = 255;
    static final Duration MIN_BUDGET = Duration.ofMillis(1);
    static final Duration MAX_BUDGET = Duration.ofHours(1);

    final String namespace;
    final String region;
    final String tracker;
    final LatencyBudget budget;
    final LatencyBudget coldStart;
    final AlertRuleSettings rules;

    private Settings(String namespace, String region, String tracker, LatencyBudget budget, LatencyBudget coldStart,
        AlertRuleSettings rules) {
      this.namespace = namespace;
      this.region = region;
      this.tracker = tracker;
      this.budget = budget;
      this.coldStart = coldStart;
      this.rules = rules;
    }

    /**
     * Reads the settings.
     *
     * @throws ConfigException listing every bad key and value
     */
    static Settings read(Config config, Map<String, String> env) {
      List<String> problems = new ArrayList<>();
      String namespace = config.string("vitals.lambda.namespace", LambdaMetrics.DEFAULT_NAMESPACE);
      String nsProblem = namespaceProblem(namespace);
      if (nsProblem != null) {
        problems.add(ConfigException.describe(config.fullKey("vitals.lambda.namespace"), namespace, nsProblem));
      }
      String region = config.get("vitals.lambda.region").orElse(null);
      String regionKey = "vitals.lambda.region";
      if (region == null) {
        region = env.get("AWS_REGION");
        regionKey = "AWS_REGION";
        if (region == null || region.isBlank()) {
          region = DEFAULT_REGION;
        }
        region = region.trim();
      }
      if (!validRegion(region)) {
        problems.add(ConfigException.describe(regionKey, region,
            "an AWS region such as us-east-1: lower-case letters, digits and '-'"));
      }
      String tracker = config.string("vitals.lambda.tracker", "invocations");
      if (!Names.isValid(tracker)) {
        problems.add(ConfigException.describe(config.fullKey("vitals.lambda.tracker"), tracker,
            "a tracker name: " + Names.RULE));
      }
      LatencyBudget budget = budget(config, "vitals.trackers." + tracker + ".budget.", LatencyBudget.API, problems);
      LatencyBudget coldStart = budget(config, "vitals.lambda.cold-start.", LatencyBudget.COLD_START, problems);
      AlertRuleSettings rules = AlertRuleSettings.from(config, problems);
      if (!problems.isEmpty()) {
        throw new ConfigException(problems);
      }
      return new Settings(namespace, region, tracker, budget, coldStart, rules);
    }

    /**
     * A budget from {@code <prefix>target} and {@code <prefix>acceptable}, each from 1 ms to 1 h, as the
     * engine reads a tracker's: when only one is set and the other's default would contradict it, the
     * other keeps the default's ratio ({@code target = 800ms} alone gives 800/2000 ms).
     */
    static LatencyBudget budget(Config config, String prefix, LatencyBudget defaults, List<String> problems) {
      Duration target = budgetValue(config, prefix + "target", problems);
      Duration acceptable = budgetValue(config, prefix + "acceptable", problems);
      boolean targetSet = config.get(prefix + "target").isPresent();
      boolean acceptableSet = config.get(prefix + "acceptable").isPresent();
      if (targetSet && target == null || acceptableSet && acceptable == null) {
        return defaults; // reported
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
        problems.add(ConfigException.describe(config.fullKey(prefix + "target"), Config.formatDuration(target),
            "at most " + prefix + "acceptable (" + Config.formatDuration(acceptable) + ")"));
        return defaults;
      }
      return LatencyBudget.of(target, acceptable);
    }

    private static Duration budgetValue(Config config, String key, List<String> problems) {
      Optional<String> raw = config.get(key);
      if (raw.isEmpty()) {
        return null;
      }
      Duration d = Config.parseDuration(raw.get());
      if (d == null || d.compareTo(MIN_BUDGET) < 0 || d.compareTo(MAX_BUDGET) > 0) {
        problems.add(ConfigException.describe(config.fullKey(key), raw.get(), "a duration from 1ms to 1h"));
        return null;
      }
      return d;
    }

    /** {@code value * numerator / denominator}, to the millisecond (at least 1 ms). */
    private static Duration scale(Duration value, Duration numerator, Duration denominator) {
      double nanos = (double) value.toNanos() * numerator.toNanos() / denominator.toNanos();
      return Duration.ofMillis(Math.max(1, Math.round(nanos / 1_000_000.0)));
    }

    /**
     * What is wrong with a namespace, or null: CloudWatch allows 1 to 255 ASCII letters, digits, '.',
     * '-', '_', '/', '#', ':' and spaces, and keeps names starting with {@code AWS/} for AWS.
     */
    static String namespaceProblem(String ns) {
      String allowed = "1 to 255 letters, digits, spaces or . - _ / # : (CloudWatch's rule for a namespace)";
      if (ns.isEmpty() || ns.length() > MAX_NAMESPACE) {
        return allowed;
      }
      for (int i = 0; i < ns.length(); i++) {
        char c = ns.charAt(i);
        boolean ok = c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9'
            || c == '.' || c == '-' || c == '_' || c == '/' || c == '#' || c == ':' || c == ' ';
        if (!ok) {
          return allowed;
        }
      }
      if (ns.startsWith("AWS/")) {
        return "a namespace of your own: names starting with AWS/ are AWS's";
      }
      return null;
    }

    static boolean validRegion(String r) {
      if (r.isEmpty() || r.length() > 32 || r.startsWith("-") || r.endsWith("-")) {
        return false;
      }
      for (int i = 0; i < r.length(); i++) {
        char c = r.charAt(i);
        if (!(c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || c == '-')) {
          return false;
        }
      }
      return true;
    }

    /** A number of milliseconds, exactly. */
    static BigDecimal millis(Duration d) {
      return BigDecimal.valueOf(d.toNanos()).movePointLeft(6).stripTrailingZeros();
    }

    /** The latency alarm's line: the factor times the tracker's target, in milliseconds. */
    BigDecimal latencyLimitMillis() {
      return BigDecimal.valueOf(rules.rule("latency").threshold()).multiply(millis(budget.target())).stripTrailingZeros();
    }

    /** The error-rate alarm's line, in percent. */
    BigDecimal errorRatePercent() {
      return BigDecimal.valueOf(rules.rule("error-rate").threshold()).movePointRight(2).stripTrailingZeros();
    }

    /** The cold-start alarm's line, in milliseconds. */
    BigDecimal coldStartLimitMillis() {
      return BigDecimal.valueOf(rules.rule("cold-start").threshold()).stripTrailingZeros();
    }

    /** Whether the engine would judge the tracker by the latency rule. */
    boolean latencyAlarm() {
      return rules.rule("latency").applies(tracker);
    }

    /** Whether the engine would judge the tracker by the error-rate rule. */
    boolean errorRateAlarm() {
      return rules.rule("error-rate").applies(tracker);
    }

    /** Whether the engine would judge the service's cold start (its subject is {@code service}). */
    boolean coldStartAlarm() {
      return rules.rule("cold-start").applies("service");
    }

    /** Whether probes are judged by the probe-down rule at all (excluded probes are left out of the query). */
    boolean probeDownAlarm() {
      return rules.rule("probe-down").enabled();
    }

    /** The namespace as a SEARCH schema or Metrics Insights SCHEMA takes it: quoted when not alphanumeric. */
    String namespaceInQuery() {
      for (int i = 0; i < namespace.length(); i++) {
        char c = namespace.charAt(i);
        if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9')) {
          return '"' + namespace + '"';
        }
      }
      return namespace;
    }
  }

  // ---- JSON ----

  /**
   * Writes a tree of maps (objects, in order), lists (arrays), strings, {@link BigDecimal}s, integers
   * and booleans as JSON text; every string through {@link JsonText}.
   */
  static final class Json {
    private Json() {}

    static String write(Object value, boolean pretty) {
      StringBuilder sb = new StringBuilder();
      write(sb, value, pretty ? 0 : -1);
      return sb.toString();
    }

    private static void write(StringBuilder sb, Object v, int indent) {
      if (v instanceof String) {
        JsonText.appendQuoted(sb, (String) v);
      } else if (v instanceof BigDecimal) {
        BigDecimal d = ((BigDecimal) v).stripTrailingZeros();
        sb.append(d.scale() < 0 ? d.setScale(0).toPlainString() : d.toPlainString());
      } else if (v instanceof Integer || v instanceof Long || v instanceof Boolean) {
        sb.append(v);
      } else if (indent >= 0 && small(v)) {
        write(sb, v, -1); // a metric's [namespace, name, dimension, value, {options}] on one line
      } else if (v instanceof Map) {
        Map<?, ?> m = (Map<?, ?>) v;
        sb.append('{');
        boolean first = true;
        for (Map.Entry<?, ?> e : m.entrySet()) {
          sb.append(first ? "" : ",");
          first = false;
          newline(sb, inner(indent));
          JsonText.appendQuoted(sb, (String) e.getKey());
          sb.append(indent >= 0 ? ": " : ":");
          write(sb, e.getValue(), inner(indent));
        }
        if (!m.isEmpty()) {
          newline(sb, indent);
        }
        sb.append('}');
      } else if (v instanceof List) {
        List<?> l = (List<?>) v;
        sb.append('[');
        for (int i = 0; i < l.size(); i++) {
          sb.append(i == 0 ? "" : ",");
          newline(sb, inner(indent));
          write(sb, l.get(i), inner(indent));
        }
        if (!l.isEmpty()) {
          newline(sb, indent);
        }
        sb.append(']');
      } else {
        throw new IllegalStateException("not a JSON value: " + (v == null ? "null" : v.getClass().getName()));
      }
    }

    /** Whether a container is written on one line: no more than two levels deep, and short. */
    private static boolean small(Object v) {
      return (v instanceof Map || v instanceof List) && depth(v) <= 2 && write(v, false).length() <= 120;
    }

    private static int depth(Object v) {
      Iterable<?> children = v instanceof Map ? ((Map<?, ?>) v).values() : v instanceof List ? (List<?>) v : null;
      if (children == null) {
        return 0;
      }
      int max = 0;
      for (Object c : children) {
        max = Math.max(max, depth(c));
      }
      return max + 1;
    }

    /** The indent of what is inside; -1 (compact) stays -1. */
    private static int inner(int indent) {
      return indent < 0 ? -1 : indent + 1;
    }

    private static void newline(StringBuilder sb, int indent) {
      if (indent >= 0) {
        sb.append('\n');
        for (int i = 0; i < indent; i++) {
          sb.append("  ");
        }
      }
    }
  }
}
