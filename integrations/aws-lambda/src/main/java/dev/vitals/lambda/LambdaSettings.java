package dev.vitals.lambda;

import dev.vitals.api.LatencyBudget;
import dev.vitals.api.Names;
import dev.vitals.api.spi.Config;
import dev.vitals.api.spi.ConfigException;
import dev.vitals.api.spi.Exporter;
import dev.vitals.api.spi.ExporterContext;
import dev.vitals.api.spi.ExporterFactory;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * The {@code vitals.lambda.*} settings, read and checked once when the monitor is built. They reach the
 * engine as the keys of a {@link ExporterFactory} named {@code lambda} (registered by {@link VitalsLambda},
 * never started), so that a misspelt key is refused with a "did you mean", {@code VITALS_LAMBDA_*}
 * variables set them, and their bad values are reported with every other mistake. Immutable.
 */
final class LambdaSettings {

  static final String PREFIX = "vitals.lambda.";
  static final Set<String> KEYS = Set.of(PREFIX + "namespace", PREFIX + "tracker", PREFIX + "probe-share",
      PREFIX + "probe-budget", PREFIX + "emf.enabled", PREFIX + "emf.max-records", PREFIX + "cold-start.target",
      PREFIX + "cold-start.acceptable", PREFIX + "region", PREFIX + "functions");

  static final String DEFAULT_TRACKER = "invocations";
  static final double DEFAULT_PROBE_SHARE = 0.1;
  static final Duration DEFAULT_PROBE_BUDGET = Duration.ofSeconds(1);
  static final Duration MAX_PROBE_BUDGET = Duration.ofMinutes(15);
  static final int DEFAULT_MAX_RECORDS = 20;
  /** CloudWatch takes at most 100 metric directives' worth per event; more records are noise per invocation. */
  static final int MAX_RECORDS = 100;

  final String namespace;
  final String tracker;
  final double probeShare;
  final Duration probeBudget;
  final boolean emf;
  final int maxRecords;
  /** The cold-start budget dashboards draw ({@code vitals.lambda.cold-start.*}). */
  final LatencyBudget coldStart;

  // plain try/catch per value, no lambda: this runs in a function's cold start (each lambda is a class
  // spun at its first use)
  private LambdaSettings(Config c, List<String> problems) {
    String ns = LambdaMetrics.DEFAULT_NAMESPACE;
    try {
      ns = namespace(c);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    namespace = ns;
    String t = DEFAULT_TRACKER;
    try {
      t = tracker(c);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    tracker = t;
    double share = DEFAULT_PROBE_SHARE;
    try {
      share = c.number(PREFIX + "probe-share", DEFAULT_PROBE_SHARE, 0.0, 1.0);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    probeShare = share;
    Duration budget = DEFAULT_PROBE_BUDGET;
    try {
      budget = bounded(c, PREFIX + "probe-budget", DEFAULT_PROBE_BUDGET, MAX_PROBE_BUDGET);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    probeBudget = budget;
    boolean on = true;
    try {
      on = c.bool(PREFIX + "emf.enabled", true);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    emf = on;
    int max = DEFAULT_MAX_RECORDS;
    try {
      max = c.integer(PREFIX + "emf.max-records", DEFAULT_MAX_RECORDS, 1, MAX_RECORDS);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
    maxRecords = max;
    coldStart = CloudWatchDefinitions.Settings.budget(c, PREFIX + "cold-start.", LatencyBudget.COLD_START, problems);
    Optional<String> region = c.get(PREFIX + "region");
    if (region.isPresent() && !CloudWatchDefinitions.Settings.validRegion(region.get())) {
      problems.add(ConfigException.describe(PREFIX + "region", region.get(),
          "an AWS region such as us-east-1: lower-case letters, digits and '-'"));
    }
    try {
      functions(c);
    } catch (ConfigException e) {
      problems.addAll(e.problems());
    }
  }

  /**
   * Reads and checks the settings.
   *
   * @param config the monitor's resolved configuration
   * @return the settings
   * @throws ConfigException listing every bad {@code vitals.lambda.*} value
   */
  static LambdaSettings from(Config config) {
    List<String> problems = new ArrayList<>();
    LambdaSettings s = new LambdaSettings(config, problems);
    if (!problems.isEmpty()) {
      throw new ConfigException(problems);
    }
    return s;
  }

  /**
   * The function names listed in {@code vitals.lambda.functions} (for dashboards and alarms).
   *
   * @param c the configuration
   * @return the names, in order, possibly empty
   * @throws ConfigException when one is not a Lambda function name
   */
  static List<String> functions(Config c) {
    Optional<String> raw = c.get(PREFIX + "functions");
    List<String> out = new ArrayList<>();
    if (raw.isEmpty()) {
      return out;
    }
    for (String part : raw.get().split(",", -1)) {
      String name = part.trim();
      if (!isFunctionName(name)) {
        throw new ConfigException(PREFIX + "functions", raw.get(),
            "a comma-separated list of function names, each 1 to 64 letters, digits, '-' or '_'");
      }
      out.add(name);
    }
    return out;
  }

  /**
   * Whether a text is a Lambda function name: 1 to 64 letters, digits, hyphens or underscores.
   *
   * @param name the text
   * @return whether it is one
   */
  static boolean isFunctionName(String name) {
    if (name.isEmpty() || name.length() > 64) {
      return false;
    }
    for (int i = 0; i < name.length(); i++) {
      char ch = name.charAt(i);
      boolean ok = (ch >= 'a' && ch <= 'z') || (ch >= 'A' && ch <= 'Z') || (ch >= '0' && ch <= '9') || ch == '-'
          || ch == '_';
      if (!ok) {
        return false;
      }
    }
    return true;
  }

  /** CloudWatch's rule for a namespace ({@link CloudWatchDefinitions.Settings#namespaceProblem}). */
  private static String namespace(Config c) {
    String ns = c.string(PREFIX + "namespace", LambdaMetrics.DEFAULT_NAMESPACE);
    String problem = CloudWatchDefinitions.Settings.namespaceProblem(ns);
    if (problem != null) {
      throw new ConfigException(PREFIX + "namespace", ns, problem);
    }
    return ns;
  }

  private static String tracker(Config c) {
    String name = c.string(PREFIX + "tracker", DEFAULT_TRACKER);
    if (!Names.isValid(name)) {
      throw new ConfigException(PREFIX + "tracker", name, "a tracker name: " + Names.RULE);
    }
    return name;
  }

  private static Duration bounded(Config c, String key, Duration defaultValue, Duration max) {
    Duration d = c.duration(key, defaultValue);
    if (d.compareTo(max) > 0) {
      throw new ConfigException(key, c.get(key).orElse(""), "a duration up to " + Config.formatDuration(max));
    }
    return d;
  }

  /** The keys as an exporter that never starts: declared and checked with every other key. */
  static final class Keys implements ExporterFactory {
    @Override
    public String name() {
      return "lambda";
    }

    @Override
    public Set<String> keys() {
      return KEYS;
    }

    @Override
    public void validate(Config config) {
      from(config);
    }

    @Override
    public Optional<Exporter> create(ExporterContext context) {
      return Optional.empty();
    }
  }
}
